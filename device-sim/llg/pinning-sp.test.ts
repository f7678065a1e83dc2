import test from 'ava';
import { gammaRadPerST, mu0TMPerA } from '../../pipeline/constants.ts';
import { assertClose } from '../../pipeline/test-fixtures/assert-close.ts';
import { addUniaxialField } from './anisotropy.ts';
import { addRegionExchangeField } from './exchange.ts';
import { llgRateOf } from './llg.ts';
import { average, vectorField, type Mesh } from './mesh.ts';
import { DormandPrince } from './rk45.ts';

// DW pinning at a phase boundary (Heistracher et al., JMMM 548, 168875, 2022; shared/docs/dw-physics.md
// §3.3): a rod of 80 cells of 1 nm along x, soft phase I on the left, hard phase II on the right, easy
// axis x, no demag, alpha = 1; the field along x ramps at 2e7 T/s and the wall depins into the hard
// phase when <mx> passes 0.999. Closed form (their Eq. 28): H_p = (2 K_II / Js_II)
// (1 - eps_K eps_A) / (1 + sqrt(eps_J eps_A))^2, eps = phase I / phase II.
const hard = { aex: 1e-11, ku: 1e6, js: 1 };
const mesh: Mesh = { nx: 80, ny: 1, nz: 1, dxM: 1e-9, dyM: 1e-9, dzM: 1e-9 };

function depinningFieldT(soft: { aex: number; ku: number; js: number }): number {
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
  const rampTPerS = 2e7;
  const integrator = new DormandPrince(
    n,
    llgRateOf(
      n,
      (tS, state, b) => {
        addRegionExchangeField(mesh, aex, msat, state, b);
        addUniaxialField(ku, [1, 0, 0], msat, state, b);
        for (let i = 0; i < n; i++) b.x[i]! += rampTPerS * tS;
      },
      1,
      gammaRadPerST,
    ),
    { tolerance: 1e-6, initialStepS: 1e-14, maxStepS: 1e-11, minStepS: 1e-18, firstSameAsLast: true },
  );
  let t = 0;
  while (average(m)[0] <= 0.999) {
    t = integrator.advance(m, t, t + 1e-11);
    if (t > 2e-7) throw new Error('no depinning up to 4 T');
  }
  return rampTPerS * t;
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
    t.log(`${name}: ${found.toFixed(4)} T against ${closedForm.toFixed(4)} T (${((found / closedForm - 1) * 100).toFixed(2)} %)`);
    assertClose(t, found, closedForm, { rel: tolerance }, `${name}: depinning field (T)`);
  }
  // With no interface the protocol still reads the field at which the wall has left the rod: the baseline.
  const none = depinningFieldT(hard);
  const onlyMs = depinningFieldT({ ...hard, js: 0.25 });
  t.log(`no interface: ${none.toFixed(4)} T; Ms step only: ${onlyMs.toFixed(4)} T`);
  t.true(onlyMs < none + 0.005, `an Ms step alone pins at ${onlyMs} T (no interface: ${none} T)`);
});
