import type { Command } from 'commander';
import { compareStateDistributions, type StateComparison } from '../core/device-table-comparison.ts';
import { UsageError } from '../core/errors.ts';
import { readArtifact } from '../pipeline/artifacts/artifact.ts';
import { formatJson } from '../pipeline/artifacts/json-file.ts';
import { deviceTable } from '../pipeline/artifacts/schemas/device-table.ts';

function printComparison(rows: readonly StateComparison[]): void {
  const f = (x: number) => x.toFixed(3);
  process.stdout.write('table  state  1-D mean u  1-D std u  LLG mean u  LLG std u  trials (1-D, LLG)  KS D   KS p\n');
  for (const r of rows) {
    process.stdout.write(
      `${String(r.states).padStart(5)}  ${String(r.state).padStart(5)}  ${f(r.oneD.meanU).padStart(10)}  ${f(r.oneD.stdU).padStart(9)}  ${f(r.llg.meanU).padStart(10)}  ${f(r.llg.stdU).padStart(9)}  ${`${r.oneD.trials}, ${r.llg.trials}`.padStart(17)}  ${f(r.ks.d)}  ${r.ks.pValue.toPrecision(3)}\n`,
    );
  }
}

/**
 * `dwsyn device llg-table`: the state-by-state comparison of the LLG table (made by the opt-in stage, `dwsyn run
 * device-llg`) with the 1-D table it was made from, by a two-sample KS test per state.
 */
export function registerLlgTableCommand(device: Command): void {
  device
    .command('llg-table')
    .description(
      'compare the LLG table (dwsyn run device-llg makes it) with the 1-D table state by state (two-sample KS test)',
    )
    .option('--table <path>', 'the 1-D device-table artifact', 'results/device/device-table.json')
    .option('--llg <path>', 'the LLG device-table artifact', 'results/device-llg/device-table.json')
    .option('--json', 'one JSON document: { llg, comparison }', false)
    .action((options: { table: string; llg: string; json: boolean }) => {
      const oneD = readArtifact(options.table, deviceTable);
      const llg = readArtifact(options.llg, deviceTable);
      if (llg.data.model !== 'llg')
        throw new UsageError(`${options.llg}: field data.model: an LLG table is expected, got "${llg.data.model}"`);
      if (llg.data.llg?.controlValuesFrom !== oneD.provenance.sha256)
        throw new UsageError(
          `${options.llg}: field data.llg.controlValuesFrom: made from another 1-D table than ${options.table} (run dwsyn run device-llg)`,
        );
      const comparison = compareStateDistributions(oneD.data, llg.data);
      if (options.json) process.stdout.write(`${formatJson({ llg: llg.data.llg, comparison })}\n`);
      else printComparison(comparison);
    });
}
