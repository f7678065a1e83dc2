import test from 'ava';
import { gammaRadPerST } from '../../../core/constants.ts';
import { assertClose } from '../../../core/test-fixtures/assert-close.ts';
import { addUniaxialField } from '../effects/anisotropy.ts';
import { fieldEnergyJ } from '../effects/energy.ts';
import { addExchangeField } from '../effects/exchange.ts';
import { llgRateOf } from '../solver/llg.ts';
import { average, vectorField, type Mesh, type VectorField } from '../geometry/mesh.ts';
import { relax } from '../solver/relax.ts';
import { addZhangLiField } from '../effects/spin-torques.ts';
import { AdaptiveRk } from '../solver/runge-kutta.ts';
import { addZeemanField } from '../effects/zeeman.ts';

// A 1-D chain along x: easy axis z (K), hard axis y (K_perp, so the wall turns in the x-z plane),
// no demag. Its wall is the exact Walker solution: m_z = -tanh((x - q)/Delta), Delta = sqrt(A/K),
// energy 4 sqrt(A K) per area, and below B_W = alpha K_perp / Ms it moves steadily at gamma Delta B / alpha.
const [aex, ku, kperp, msat, alpha] = [1.5e-11, 1e6, 1e5, 1e6, 0.5];
const mesh: Mesh = { nx: 240, ny: 1, nz: 1, dxM: 0.5e-9, dyM: 4e-9, dzM: 2e-9 };
const n = mesh.nx;
const easy = new Float64Array(n).fill(ku);
const hard = new Float64Array(n).fill(-kperp);
const delta = Math.sqrt(aex / ku);
const crossSection = mesh.dyM * mesh.dzM;

function internalField(m: VectorField, b: VectorField): void {
  addExchangeField(mesh, aex, msat, m, b);
  addUniaxialField(easy, [0, 0, 1], msat, m, b);
  addUniaxialField(hard, [0, 1, 0], msat, m, b);
}

function energy(m: VectorField): number {
  const b = vectorField(n);
  internalField(m, b);
  return fieldEnergyJ(mesh, msat, m, b, true);
}

/** Wall position from the average m_z: up on the left, down on the right, so <m_z> = 2q / L. */
const wallPosition = (m: VectorField) => (average(m)[2] * mesh.nx * mesh.dxM) / 2;

/** The relaxed wall, made once for the tests of this file; each takes a copy. */
const relaxedWall = relaxWall();
const wall = (): VectorField => ({
  x: Float64Array.from(relaxedWall.x),
  y: Float64Array.from(relaxedWall.y),
  z: Float64Array.from(relaxedWall.z),
});

function relaxWall(): VectorField {
  const m = vectorField(n);
  for (let i = 0; i < n; i++) {
    const x = (i + 0.5 - n / 2) * mesh.dxM;
    m.z[i] = -Math.tanh(x / delta);
    m.x[i] = 1 / Math.cosh(x / delta);
  }
  relax(m, internalField, gammaRadPerST, 1e-5);
  return m;
}

test('static Walker wall: energy 4 sqrt(A K) per area and width sqrt(A/K)', (t) => {
  const m = wall();
  const uniform = vectorField(n);
  uniform.z.fill(1);
  assertClose(
    t,
    (energy(m) - energy(uniform)) / crossSection,
    4 * Math.sqrt(aex * ku),
    { rel: 0.01 },
    'wall energy per area (J/m^2)',
  );
  // m_x = 1/cosh((x - q)/Delta): its integral is pi Delta.
  const widthFromProfile = (m.x.reduce((s, v) => s + Math.abs(v), 0) * mesh.dxM) / Math.PI;
  assertClose(t, widthFromProfile, delta, { rel: 0.01 }, 'wall width from the profile (m)');
});

/** Wall velocity between 0.3 and 0.6 ns (past the transient, 1/(alpha gamma B_W) ~ 0.1 ns) under `drive`. */
function wallVelocity(drive: (m: VectorField, b: VectorField) => void): number {
  const m = wall();
  const integrator = new AdaptiveRk(
    n,
    llgRateOf(
      n,
      (_t, state, b) => {
        internalField(state, b);
        drive(state, b);
      },
      alpha,
      gammaRadPerST,
    ),
    { tolerance: 1e-7, initialStepS: 1e-15, maxStepS: 1e-12, minStepS: 1e-18 },
  );
  const time = integrator.advance(m, 0, 0.3e-9);
  const q0 = wallPosition(m);
  integrator.advance(m, time, 0.6e-9);
  return (wallPosition(m) - q0) / 0.3e-9;
}

test('below the Walker field the wall moves steadily at gamma Delta B / alpha', (t) => {
  const fieldT = 0.2 * ((alpha * kperp) / msat); // a fifth of the Walker field
  const velocity = wallVelocity((_m, b) => addZeemanField([0, 0, fieldT], b));
  assertClose(t, velocity, (gammaRadPerST * delta * fieldT) / alpha, { rel: 0.02 }, 'wall velocity (m/s)');
});

test('Zhang-Li STT: with beta = alpha the wall moves at the drift velocity u; with beta = alpha/2, below breakdown, at (beta/alpha) u', (t) => {
  const drift = 20;
  for (const beta of [alpha, alpha / 2]) {
    const velocity = wallVelocity((m, b) => addZhangLiField(mesh, drift, beta, gammaRadPerST, m, b));
    assertClose(t, velocity, (beta / alpha) * drift, { rel: 0.02 }, `wall velocity at beta ${beta} (m/s)`);
  }
});
