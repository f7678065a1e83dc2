import type { Command } from 'commander';
import { UsageError } from '../pipeline/errors.ts';
import { formatJson, readJsonFile } from '../pipeline/json-file.ts';
import { describeIssues } from '../pipeline/zod-issues.ts';
import { CrossbarCase, checkCrossbarCase, idealColumnCurrents, toCrossbar } from './circuit.ts';
import { solveCrossbar } from './solve.ts';

function loadCase(path: string): CrossbarCase {
  let raw: unknown;
  try {
    raw = readJsonFile(path);
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
  const parsed = CrossbarCase.safeParse(raw);
  if (!parsed.success) {
    const { field, message } = describeIssues(parsed.error);
    throw new UsageError(`${path}: field ${field}: ${message}`);
  }
  const [problem, ...more] = checkCrossbarCase(parsed.data);
  if (problem) throw new UsageError(`${path}: field ${problem.key}: ${problem.message}${more.length ? ` (and ${more.length} more)` : ''}`);
  return parsed.data;
}

export function registerCrossbarCommands(program: Command): void {
  const crossbar = program.command('crossbar').description('crossbar arrays with wire resistance');
  crossbar
    .command('solve')
    .description('solve the column currents of one array read, IR drop included')
    .requiredOption('--case <case.json>', 'the array, its inputs and its wires (see README: crossbar solve)')
    .option('--json', 'one JSON document on stdout', false)
    .action((options: { case: string; json: boolean }) => {
      const c = loadCase(options.case);
      const x = toCrossbar(c);
      const solved = solveCrossbar(x, c);
      const ideal = idealColumnCurrents(x);
      const result = {
        columnCurrentsA: Array.from(solved.columnCurrentsA),
        idealColumnCurrentsA: Array.from(ideal),
        iterations: solved.iterations,
        residual: solved.residual,
        solver: c.solver,
      };
      if (options.json) {
        process.stdout.write(formatJson(result) + '\n');
        return;
      }
      process.stdout.write('column  currentA  idealCurrentA  loss\n');
      result.columnCurrentsA.forEach((current, j) => {
        const idealA = result.idealColumnCurrentsA[j]!;
        process.stdout.write(`${String(j).padStart(6)}  ${current.toExponential(6)}  ${idealA.toExponential(6)}  ${idealA === 0 ? '-' : `${((1 - current / idealA) * 100).toFixed(2)} %`}\n`);
      });
      process.stderr.write(`${c.solver}: ${result.iterations} iterations, relative residual ${result.residual.toExponential(2)}\n`);
    });
}
