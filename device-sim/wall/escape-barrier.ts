/**
 * The barrier a wall must climb to leave a stretch of track [lowM, highM] (a state's bin), on its energy profile
 * `energyJ(x)` [J] sampled every `stepM`. The wall first settles into the local minimum below `startM`; from there each
 * open end is reached over the largest rise of the energy along the way (the largest E(c) - E(a) with a before c on
 * the way out), which sets the one-dimensional Arrhenius escape time through that end; the barrier is the lower of
 * the two. An end at +-Infinity is closed (a stop): the wall cannot leave through it. Deeper wells elsewhere in the bin
 * are not sought, so the barrier is a lower bound: retention is never overstated.
 */
export function escapeBarrierJ(
  energyJ: (x: number) => number,
  startM: number,
  lowM: number,
  highM: number,
  stepM: number,
): number {
  const minimumM = localMinimumM(energyJ, startM, lowM, highM, stepM);
  return Math.min(largestRiseJ(energyJ, minimumM, lowM, -stepM), largestRiseJ(energyJ, minimumM, highM, stepM));
}

/** Walks downhill from `startM` in steps of `stepM`, inside [lowM, highM], to a local minimum of the energy. */
export function localMinimumM(
  energyJ: (x: number) => number,
  startM: number,
  lowM: number,
  highM: number,
  stepM: number,
) {
  let x = startM;
  for (;;) {
    const here = energyJ(x);
    const left = x - stepM >= lowM ? energyJ(x - stepM) : Number.POSITIVE_INFINITY;
    const right = x + stepM <= highM ? energyJ(x + stepM) : Number.POSITIVE_INFINITY;
    if (left >= here && right >= here) return x;
    x += left < right ? -stepM : stepM;
  }
}

/** The largest rise of the energy on the way from `fromM` to the end `toM` (Infinity: none, a closed end). */
function largestRiseJ(energyJ: (x: number) => number, fromM: number, toM: number, stepM: number): number {
  if (!Number.isFinite(toM)) return Number.POSITIVE_INFINITY;
  let lowest = energyJ(fromM);
  let rise = 0;
  const steps = Math.ceil((toM - fromM) / stepM);
  for (let i = 1; i <= steps; i++) {
    const energy = energyJ(i === steps ? toM : fromM + i * stepM);
    lowest = Math.min(lowest, energy);
    rise = Math.max(rise, energy - lowest);
  }
  return rise;
}
