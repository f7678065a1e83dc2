// Number formats and source types shared by the report's tables.
import type { Artifact } from '../../artifacts/artifact.ts';
import type { Spread } from '../../core/statistics.ts';
import type { ReportInputs } from './inputs.ts';

export type PaperTableSource = Artifact<NonNullable<ReportInputs['paperTable']>['artifact']['data']>;
export type DeviceSource = Artifact<NonNullable<ReportInputs['deviceTable']>['artifact']['data']>;

export const pct = (fraction: number, digits = 2) => (fraction * 100).toFixed(digits);
export const fixed = (value: number, digits: number) => value.toFixed(digits);

export const spreadText = (s: Spread, digits: number, unit: string) =>
  `${fixed(s.mean, digits)} ± ${fixed(s.std, digits)}${unit}`;
/** A mean with its 95 % interval, "97.21 % (97.05 to 97.37)", or the mean alone when there is no interval (one seed). */
export const intervalText = (
  f: { mean: number; ci95: readonly [number, number] | null },
  digits: number,
  unit: string,
) =>
  f.ci95
    ? `${fixed(f.mean, digits)}${unit} (${fixed(f.ci95[0], digits)} to ${fixed(f.ci95[1], digits)})`
    : `${fixed(f.mean, digits)}${unit}`;
/** A difference of fractions in signed percentage points: "+0.87", "-1.16". */
export const signedPoints = (fraction: number) => `${fraction >= 0 ? '+' : ''}${fixed(fraction * 100, 2)}`;
/** A spread in J as one in pJ, and a fraction's as one in percent. */
export const pJ = (s: Spread) => ({ mean: s.mean * 1e12, std: s.std * 1e12 });
export const pc = (s: Spread) => ({ mean: s.mean * 100, std: s.std * 100 });
