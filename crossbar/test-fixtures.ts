import { trialStream } from '../core/rng.ts';
import { CrossbarCase } from './circuit.ts';

/** A seeded random array case: conductances uniform in [lowS, highS], inputs uniform in [0, 0.2] V. */
export function randomCase(
  rows: number,
  cols: number,
  lowS: number,
  highS: number,
  seed: number,
  extra: Partial<Record<keyof CrossbarCase, unknown>> = {},
): CrossbarCase {
  const random = trialStream(seed, 'crossbar-case', rows * 100_000 + cols);
  return CrossbarCase.parse({
    conductancesS: Array.from({ length: rows }, () =>
      Array.from({ length: cols }, () => lowS + (highS - lowS) * random.uniform()),
    ),
    inputVoltagesV: Array.from({ length: rows }, () => 0.2 * random.uniform()),
    wordlineSegmentOhm: 1,
    bitlineSegmentOhm: 1,
    ...extra,
  });
}

export const rramLike = [1e-6, 1e-5] as const;
export const mtjLike = [80e-6, 200e-6] as const;
