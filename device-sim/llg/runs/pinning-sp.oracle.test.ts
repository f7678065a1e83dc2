import test from 'ava';
import { gammaRadPerST, mu0TMPerA } from '../../../core/constants.ts';
import { assertClose } from '../../../core/test-fixtures/assert-close.ts';
import { addUniaxialField } from '../effects/anisotropy.ts';
import { addRegionExchangeField } from '../effects/exchange.ts';
import { llgRateOf } from '../solver/llg.ts';
import { average, vectorField, type Mesh } from '../geometry/mesh.ts';
import { AdaptiveRk } from '../solver/runge-kutta.ts';

// DW pinning at a phase boundary (Heistracher et al., JMMM 548, 168875, 2022; docs/physics.md,
// pinning at a phase boundary): a rod of 80 cells of 1 nm along x, soft phase I on the left, hard phase II on the
// right, easy
// axis x, no demag, alpha = 1; the field along x ramps at 2e7 T/s and the wall depins into the hard
// phase when <mx> passes 0.999. Closed form (their Eq. 28): H_p = (2 K_II / Js_II)
// (1 - eps_K eps_A) / (1 + sqrt(eps_J eps_A))^2, eps = phase I / phase II.
const hard = { aex: 1e-11, ku: 1e6, js: 1 };
const mesh: Mesh = { nx: 80, ny: 1, nz: 1, dxM: 1e-9, dyM: 1e-9, dzM: 1e-9 };

type Phase = { aex: number; ku: number; js: number };

/** The rod with the wall at the interface, and an RK45 integrator of it under the applied field fieldT(t) along x. */
function rod(soft: Phase, fieldT: (tS: number) => number) {
  const n = mesh.nx;
  const phase = (i: number) => (i < n / 2 ? soft : hard);
  const aex = Float64Array.from({ length: n }, (_, i) => phase(i).aex);
  const ku = Float64Array.from({ length: n }, (_, i) => phase(i).ku);
  const msat = Float64Array.from({ length: n }, (_, i) => phase(i).js / mu0TMPerA);
  // The soft half along +x, the hard half along -x: the wall sits at the interface.
  const m = vectorField(n);
  for (let i = 0; i < n; i++) {
    const angle = Math.PI / (1 + Math.exp(-(i + 0.5 - n / 2) / 2));
    m.x[i] = Math.cos(angle);
    m.y[i] = Math.sin(angle);
  }
  const integrator = new AdaptiveRk(
    n,
    llgRateOf(
      n,
      (tS, state, b) => {
        addRegionExchangeField(mesh, aex, msat, state, b);
        addUniaxialField(ku, [1, 0, 0], msat, state, b);
        const applied = fieldT(tS);
        for (let i = 0; i < n; i++) b.x[i]! += applied;
      },
      1,
      gammaRadPerST,
    ),
    { tolerance: 1e-6, initialStepS: 1e-14, maxStepS: 1e-11, minStepS: 1e-18, firstSameAsLast: true },
  );
  return { m, integrator };
}

function depinningFieldT(soft: Phase): number {
  const rampTPerS = 2e7;
  const { m, integrator } = rod(soft, (tS) => rampTPerS * tS);
  let t = 0;
  while (average(m)[0] <= 0.999) {
    t = integrator.advance(m, t, t + 1e-11);
    if (t > 2e-7) throw new Error('no depinning up to 4 T');
  }
  return rampTPerS * t;
}

/** <mx> after 3 ns at a fixed field from the wall at the interface (alpha = 1: settled, or through the hard phase). */
function settledMx(soft: Phase, fieldT: number): number {
  const { m, integrator } = rod(soft, () => fieldT);
  integrator.advance(m, 0, 3e-9);
  return average(m)[0];
}

test('DW pinning standard problem: depinning fields of the akj (2 %), ak, k and a (4 %) cases against Eq. 28; an Ms step alone (j) does not pin', (t) => {
  for (const [name, soft, expectedT, tolerance] of [
    ['akj', { aex: 0.25e-11, ku: 1e5, js: 0.25 }, 1.5683, 0.02],
    ['ak', { aex: 0.25e-11, ku: 1e5, js: 1 }, 1.0891, 0.04],
    ['k', { aex: 1e-11, ku: 1e5, js: 1 }, 0.5655, 0.04],
    ['a', { aex: 0.25e-11, ku: 1e6, js: 1 }, 0.8378, 0.04],
  ] as const) {
    const epsK = soft.ku / hard.ku;
    const epsA = soft.aex / hard.aex;
    const epsJ = soft.js / hard.js;
    const closedForm = (((2 * hard.ku) / hard.js) * mu0TMPerA * (1 - epsK * epsA)) / (1 + Math.sqrt(epsJ * epsA)) ** 2;
    assertClose(t, closedForm, expectedT, { rel: 1e-4 }, `${name}: Eq. 28 (T)`);
    const found = depinningFieldT(soft);
    t.log(
      `${name}: ${found.toFixed(4)} T against ${closedForm.toFixed(4)} T (${((found / closedForm - 1) * 100).toFixed(2)} %)`,
    );
    assertClose(t, found, closedForm, { rel: tolerance }, `${name}: depinning field (T)`);
  }
  // With no interface the protocol still reads the field at which the wall has left the rod: the baseline.
  const none = depinningFieldT(hard);
  const onlyMs = depinningFieldT({ ...hard, js: 0.25 });
  t.log(`no interface: ${none.toFixed(4)} T; Ms step only: ${onlyMs.toFixed(4)} T`);
  t.true(onlyMs < none + 0.005, `an Ms step alone pins at ${onlyMs} T (no interface: ${none} T)`);
});

// The kj case under the ramp reads 1.28 T against Eq. 28's 1.005 T: at zero field its wall leaves the rod
// through the soft phase's free end (it costs less there, and the low Ms of that phase makes it quick), so
// the ramp meets a uniform rod and reads the field at which the soft end renucleates a wall (in the k case
// that comes below the depinning field, so the ramp still reads depinning). Held at the interface from the
// start at a fixed field, the wall depins between 0.970 and 0.975 T (-3.3 %): bracketed here at -5 %/+4 %.
test('DW pinning standard problem, kj case: the wall held at the interface stays at 0.95 and depins at 1.04 times Eq. 28', (t) => {
  const soft = { aex: 1e-11, ku: 1e5, js: 0.25 };
  const closedForm =
    (((2 * hard.ku) / hard.js) * mu0TMPerA * (1 - soft.ku / hard.ku)) / (1 + Math.sqrt(soft.js / hard.js)) ** 2;
  assertClose(t, closedForm, 1.0053, { rel: 1e-4 }, 'kj: Eq. 28 (T)');
  const below = settledMx(soft, 0.95 * closedForm);
  const above = settledMx(soft, 1.04 * closedForm);
  t.true(below < 0, `pinned at ${(0.95 * closedForm).toFixed(4)} T: <mx> = ${below}`);
  t.true(above > 0.999, `depinned at ${(1.04 * closedForm).toFixed(4)} T: <mx> = ${above}`);
});
