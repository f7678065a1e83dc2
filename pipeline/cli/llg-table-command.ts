import type { Command } from 'commander';
import { compareStateDistributions, type StateComparison } from '../../core/device-table-comparison.ts';
import { UsageError } from '../../core/errors.ts';
import { readArtifact } from '../../artifacts/artifact.ts';
import { formatJson } from '../../artifacts/json-file.ts';
import { deviceTable } from '../../artifacts/schemas/device-table.ts';

/** The comparison as a table, the reference's columns headed `label` (three characters). */
function printComparison(rows: readonly StateComparison[], label: string): void {
  const f = (x: number) => x.toFixed(3);
  process.stdout.write(
    `table  state  ${label} mean u  ${label} std u  LLG mean u  LLG std u  trials (${label}, LLG)  KS D   KS p\n`,
  );
  for (const r of rows) {
    process.stdout.write(
      `${String(r.states).padStart(5)}  ${String(r.state).padStart(5)}  ${f(r.reference.meanU).padStart(10)}  ${f(r.reference.stdU).padStart(9)}  ${f(r.llg.meanU).padStart(10)}  ${f(r.llg.stdU).padStart(9)}  ${`${r.reference.trials}, ${r.llg.trials}`.padStart(17)}  ${f(r.ks.d)}  ${r.ks.pValue.toPrecision(3)}\n`,
    );
  }
}

/**
 * `dwsyn device llg-table`: the state-by-state comparison of the LLG table (made by the opt-in stage, `dwsyn run
 * device-llg`) with the 1-D table it was made from, or with another LLG table made from the same 1-D table (`--against`:
 * e.g. the float32 demag's against the float64 one's), by a two-sample KS test per state.
 */
export function registerLlgTableCommand(device: Command): void {
  device
    .command('llg-table')
    .description(
      'compare the LLG table (dwsyn run device-llg makes it) with the 1-D table state by state (two-sample KS test)',
    )
    .option('--table <path>', 'the 1-D device-table artifact', 'results/device/device-table.json')
    .option('--llg <path>', 'the LLG device-table artifact', 'results/device-llg/device-table.json')
    .option(
      '--against <path>',
      'another LLG device-table artifact made from the same 1-D table, compared with instead of the 1-D table',
    )
    .option(
      '--json',
      'one JSON document: { llg, comparison } (comparison[].reference: the 1-D or --against table)',
      false,
    )
    .action((options: { table: string; llg: string; against?: string; json: boolean }) => {
      const oneD = readArtifact(options.table, deviceTable);
      const llg = llgTableOf(options.llg, oneD.provenance.sha256, options.table);
      const against = options.against ? llgTableOf(options.against, oneD.provenance.sha256, options.table) : undefined;
      const comparison = compareStateDistributions((against ?? oneD).data, llg.data);
      if (options.json) process.stdout.write(`${formatJson({ llg: llg.data.llg, comparison })}\n`);
      else printComparison(comparison, against ? 'ref' : '1-D');
    });
}

/** The LLG table at `path`, checked to be one, made from the 1-D table at `tablePath` (sha256 `oneDSha256`). */
function llgTableOf(path: string, oneDSha256: string, tablePath: string) {
  const llg = readArtifact(path, deviceTable);
  if (llg.data.model !== 'llg')
    throw new UsageError(`${path}: field data.model: an LLG table is expected, got "${llg.data.model}"`);
  if (llg.data.llg?.controlValuesFrom !== oneDSha256)
    throw new UsageError(
      `${path}: field data.llg.controlValuesFrom: made from another 1-D table than ${tablePath} (run dwsyn run device-llg)`,
    );
  return llg;
}
