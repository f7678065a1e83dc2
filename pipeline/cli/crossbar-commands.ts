import type { Command } from 'commander';
import { loadCaseFile } from '../../artifacts/case-file.ts';
import { formatJson } from '../../artifacts/json-file.ts';
import { CrossbarCase, checkCrossbarCase, idealColumnCurrents, toCrossbar } from '../../crossbar/circuit.ts';
import { solveCrossbar } from '../../crossbar/solve.ts';

export function registerCrossbarCommands(program: Command): void {
  const crossbar = program.command('crossbar').description('crossbar arrays with wire resistance');
  crossbar
    .command('solve')
    .description('solve the column currents of one array read, IR drop included')
    .requiredOption('--case <case.json>', 'the array, its inputs and its wires (see README: crossbar solve)')
    .option('--json', 'one JSON document on stdout', false)
    .action((options: { case: string; json: boolean }) => {
      const c = loadCaseFile(options.case, CrossbarCase, checkCrossbarCase);
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
        process.stdout.write(`${formatJson(result)}\n`);
        return;
      }
      process.stdout.write('column  currentA  idealCurrentA  loss\n');
      result.columnCurrentsA.forEach((current, j) => {
        const idealA = result.idealColumnCurrentsA[j]!;
        process.stdout.write(
          `${String(j).padStart(6)}  ${current.toExponential(6)}  ${idealA.toExponential(6)}  ${idealA === 0 ? '-' : `${((1 - current / idealA) * 100).toFixed(2)} %`}\n`,
        );
      });
      process.stderr.write(
        `${c.solver}: ${result.iterations} iterations, relative residual ${result.residual.toExponential(2)}\n`,
      );
    });
}
