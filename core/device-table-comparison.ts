import { ksTwoSample, mean, std } from './statistics.ts';

/** One state of the comparison of two tables: each model's spread, and the two-sample KS test of the read positions. */
export interface StateComparison {
  readonly states: number;
  readonly state: number;
  readonly oneD: { trials: number; meanU: number; stdU: number };
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

/** Compares the read positions of every state the LLG table has with the 1-D table's, state by state. */
export function compareStateDistributions(oneD: StateSamples, llg: StateSamples): StateComparison[] {
  return llg.tables.flatMap((table) => {
    const reference = oneD.tables.find((t) => t.states === table.states);
    if (!reference) return [];
    return table.entries.map((e, k) => {
      const r = reference.entries[k]!;
      return {
        states: table.states,
        state: k,
        oneD: spread(r.samplesU),
        llg: spread(e.samplesU),
        ks: ksTwoSample(e.samplesU, r.samplesU),
      };
    });
  });
}
