import test from 'ava';
import { cellCount, vectorField, type VectorField } from '../geometry/mesh.ts';
import { minimize } from './minimize.ts';
import { relax } from './relax.ts';
import { sp4, sp4InternalField, sp4Mesh } from '../runs/sp4.ts';

const mesh = sp4Mesh(5e-9);
const field = sp4InternalField(mesh);

/** SP4's start, m0 = (1, 0.25, 0.1) normalized. */
function start(): VectorField {
  const m = vectorField(cellCount(mesh));
  const norm = Math.hypot(1, 0.25, 0.1);
  m.x.fill(1 / norm);
  m.y.fill(0.25 / norm);
  m.z.fill(0.1 / norm);
  return m;
}

const largestNormError = (m: VectorField) =>
  m.x.reduce((worst, x, i) => Math.max(worst, Math.abs(Math.hypot(x, m.y[i]!, m.z[i]!) - 1)), 0);

const mean = (values: Float64Array) => values.reduce((a, b) => a + b, 0) / values.length;

test('Barzilai-Borwein steps keep |m| = 1 however long they get', (t) => {
  const m = start();
  minimize(m, field, 0, 150);
  t.true(largestNormError(m) < 1e-12, `|m| - 1 up to ${largestNormError(m)}`);
});

test("with the line search, descent relaxes SP4's S-state to 1e-6 T in a quarter of the evaluations of damping, to the same state", (t) => {
  const descended = start();
  const descent = minimize(descended, field, 1e-6, 100_000, { lineSearch: true });
  const damped = start();
  const damping = relax(damped, field, sp4.gammaRadPerST, 1e-6);
  t.true(descent.torqueT < 1e-6 && damping.torqueT < 1e-6);
  t.true(descent.evaluations < damping.evaluations / 4, `${descent.evaluations} against ${damping.evaluations}`);
  for (const c of ['x', 'y', 'z'] as const) {
    const difference = Math.abs(mean(descended[c]) - mean(damped[c]));
    t.true(difference < 1e-5, `<m_${c}> differs by ${difference}`);
  }
});
