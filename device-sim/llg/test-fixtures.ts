import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** OOMMF's SP4 files, copied into the repository with their origin and checksums (test-data/sp4/README.md). */
export const sp4DataDir = fileURLToPath(new URL('./test-data/sp4/', import.meta.url));

/** OOMMF's relaxed SP4 start state. */
export const sp4StartPath = `${sp4DataDir}stdprob4-cs2.50x2.50x3.00-start.omf`;

/** OOMMF's <m>(t) for SP4 field 1 on 2.5 nm cells, 1 ps to 1 ns. */
export const sp4TimeseriesPath = `${sp4DataDir}oommf-sp4-timeseries.txt`;

/** The words of a Tcl list as OOMMF writes column names: bare words, or words with spaces in braces. */
function tclWords(list: string): string[] {
  return [...list.matchAll(/\{([^}]*)\}|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

/** Row `row` of an OOMMF ODT 1.0 table, keyed by the full column name ("Oxs_Demag::Energy", ...). */
export function odtRow(path: string, row: number): Map<string, number> {
  const lines = readFileSync(path, 'utf8').split('\n');
  const header = lines.find((line) => line.startsWith('# Columns:'));
  if (!header) throw new Error(`${path}: no "# Columns:" line`);
  const names = tclWords(header.slice('# Columns:'.length));
  const values = lines
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    [row]?.trim()
    .split(/\s+/)
    .map(Number);
  if (!values || values.length !== names.length)
    throw new Error(`${path}: row ${row} does not have ${names.length} columns`);
  return new Map(names.map((name, i) => [name, values[i]!]));
}

/** One column of an ODT row, refusing a name the table does not have. */
export function odtValue(row: Map<string, number>, column: string): number {
  const value = row.get(column);
  if (value === undefined) throw new Error(`ODT column ${column} not found (have: ${[...row.keys()].join(', ')})`);
  return value;
}
