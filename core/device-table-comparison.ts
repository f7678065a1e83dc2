import { ksTwoSample, mean, std } from './statistics.ts';

/**
 * One state of the comparison of an LLG table with a reference (the 1-D table it was made from, or another LLG table):
 * each table's spread, and the two-sample KS test of the read positions.
 */
export interface StateComparison {
  readonly states: number;
  readonly state: number;
  readonly reference: { trials: number; meanU: number; stdU: number };
  readonly llg: { trials: number; meanU: number; stdU: number };
  readonly ks: { d: number; pValue: number };
}

/** What the comparison reads of a device table (a `device-table` artifact's data): each state's read positions. */
export interface StateSamples {
  readonly tables: ReadonlyArray<{
    readonly states: number;
    readonly entries: ReadonlyArray<{ readonly samplesU: number[] }>;
  }>;
}

const spread = (u: number[]) => ({ trials: u.length, meanU: mean(u), stdU: std(u) });

/** Compares the read positions of every state the LLG table has with the reference table's, state by state. */
export function compareStateDistributions(reference: StateSamples, llg: StateSamples): StateComparison[] {
  return llg.tables.flatMap((table) => {
    const same = reference.tables.find((t) => t.states === table.states);
    if (!same) return [];
    return table.entries.map((e, k) => {
      const r = same.entries[k]!;
      return {
        states: table.states,
        state: k,
        reference: spread(r.samplesU),
        llg: spread(e.samplesU),
        ks: ksTwoSample(e.samplesU, r.samplesU),
      };
    });
  });
}
