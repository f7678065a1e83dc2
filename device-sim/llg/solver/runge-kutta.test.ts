import test from 'ava';
import { mu0TMPerA } from '../../../core/constants.ts';
import { assertClose } from '../../../core/test-fixtures/assert-close.ts';
import { llgRate } from './llg.ts';
import { vectorField } from '../geometry/mesh.ts';
import { AdaptiveRk, rkMethods, tableaux } from './runge-kutta.ts';

const gammaRadPerST = 2.211e5 / mu0TMPerA;

/**
 * Damped precession of a macrospin in a field B along z from the polar angle theta0 at phi = 0: the exact LLG solution.
 */
function exactMacrospin(theta0: number, alpha: number, fieldT: number, tS: number): [number, number, number] {
  const rate = (gammaRadPerST * fieldT) / (1 + alpha * alpha);
  const theta = 2 * Math.atan(Math.tan(theta0 / 2) * Math.exp(-alpha * rate * tS));
  const phi = rate * tS;
  return [Math.sin(theta) * Math.cos(phi), Math.sin(theta) * Math.sin(phi), Math.cos(theta)];
}

/** The largest component error of the integrated macrospin at 0.5 ns, and the evaluations it took. */
function macrospinError(method: (typeof rkMethods)[number], tolerance: number): { error: number; evaluations: number } {
  const [theta0, alpha, fieldT, endS] = [2.5, 0.05, 0.5, 0.5e-9];
  const m = vectorField(1);
  [m.x[0], m.y[0], m.z[0]] = exactMacrospin(theta0, alpha, fieldT, 0);
  const b = vectorField(1);
  b.z[0] = fieldT;
  const integrator = new AdaptiveRk(
    1,
    (_t, state, rate) => llgRate(state, b, alpha, gammaRadPerST, rate),
    { tolerance, initialStepS: 1e-14, maxStepS: 1e-11, minStepS: 1e-18, firstSameAsLast: true },
    tableaux[method],
  );
  integrator.advance(m, 0, endS);
  const exact = exactMacrospin(theta0, alpha, fieldT, endS);
  return {
    error: Math.max(Math.abs(m.x[0]! - exact[0]), Math.abs(m.y[0]! - exact[1]), Math.abs(m.z[0]! - exact[2])),
    evaluations: integrator.evaluations,
  };
}

test('damped macrospin precession (0.5 T, alpha 0.05, 0.5 ns, from 143 deg): both adaptive pairs follow the exact solution, closer as the tolerance tightens, with the steps of their order', (t) => {
  for (const method of rkMethods) {
    const loose = macrospinError(method, 1e-5);
    const tight = macrospinError(method, 1e-8);
    t.log(
      `${method}: tolerance 1e-5: error ${loose.error.toExponential(2)} (${loose.evaluations} evaluations); 1e-8: ${tight.error.toExponential(2)} (${tight.evaluations})`,
    );
    t.true(loose.error < 1e-3, `${method} at 1e-5: error ${loose.error}`);
    t.true(tight.error < 1e-6, `${method} at 1e-8: error ${tight.error}`);
    t.true(tight.error < loose.error / 100, `${method}: error ${tight.error} at 1e-8 against ${loose.error} at 1e-5`);
    // A local error of order p + 1 in h: a 1000 times tighter tolerance takes 1000^(1/(p+1)) times the steps.
    const expected = 1000 ** (1 / (tableaux[method].order + 1));
    assertClose(
      t,
      tight.evaluations / loose.evaluations,
      expected,
      { rel: 0.15 },
      `${method}: evaluations at 1e-8 over those at 1e-5`,
    );
  }
});
