/**
 * Physics benchmark (too slow for CI): thermally activated escape of a wall from the wells of
 * V0 sin^2(pi q / p) at temperatures where V0 = 6, 8 and 10 k_B T. The slope of ln(rate) against 1/T must
 * be -V0 / k_B within about 10 % (the Kramers prefactor depends only weakly on T; docs/physics.md, equilibrium
 * oracles).
 */
import { boltzmannJPerK } from '../core/constants.ts';
import { prepareWalls, setA } from '../device-sim/wall/test-fixtures.ts';

export function arrheniusSlope(): {
  slopeK: number;
  expectedK: number;
  rates: Array<{ temperatureK: number; ratePerS: number }>;
} {
  const periodM = 10e-9;
  const barrierJ = 8 * boltzmannJPerK * 300;
  const walls = 64;
  const dtS = 5e-13;
  const rates = [6, 8, 10].map((depth) => {
    const temperatureK = barrierJ / (depth * boltzmannJPerK);
    const { ensemble, step } = prepareWalls({
      ...setA,
      walls,
      pinning: [{ type: 'periodic', amplitudeJ: barrierJ, periodM }],
      phi0: Math.PI / 2,
      temperatureK,
      dtS,
      seed: depth,
    });
    const escapeStep = new Array<number>(walls).fill(-1);
    let escaped = 0;
    for (let n = 1; escaped < walls && n < 200_000_000; n++) {
      step();
      for (let w = 0; w < walls; w++) {
        if (escapeStep[w] === -1 && Math.abs(ensemble.q[w]!) >= periodM) {
          escapeStep[w] = n;
          escaped += 1;
        }
      }
    }
    const meanS = (escapeStep.reduce((a, b) => a + b, 0) / walls) * dtS;
    return { temperatureK, ratePerS: 1 / meanS };
  });
  const xs = rates.map((r) => 1 / r.temperatureK);
  const ys = rates.map((r) => Math.log(r.ratePerS));
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  const slopeK = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  return { slopeK, expectedK: -barrierJ / boltzmannJPerK, rates };
}
