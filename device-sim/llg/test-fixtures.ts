import { repoRoot } from '../../pipeline/version.ts';

/** OOMMF's relaxed SP4 start state (shared/reference/sp4/README.md). */
export const sp4StartPath = `${repoRoot}/../shared/reference/sp4/stdprob4-cs2.50x2.50x3.00-start.omf`;

/** OOMMF's <m>(t) for SP4 field 1 on 2.5 nm cells, 1 ps to 1 ns (shared/reference/sp4/README.md). */
export const sp4TimeseriesPath = `${repoRoot}/../shared/reference/sp4/oommf-sp4-timeseries.txt`;
