import test from 'ava';
import { gammaRadPerST } from '../../core/constants.ts';
import { assertClose } from '../../core/test-fixtures/assert-close.ts';
import { Material } from './device-params.ts';
import { deriveWallConstants } from './derived.ts';
import { wallEnergyJ } from './energy.ts';
import { prepareWalls, setA, setB, steadyVelocity } from './test-fixtures.ts';

const dt = 1e-13;
const withMaterial = (base: typeof setA, changes: Record<string, unknown>) => ({
  ...base,
  material: Material.parse({ ...base.material, ...changes }),
});

test('T2 steady field drive below Walker (set A, Bz = B_W/2): v = gamma Delta Bz / alpha = 8.0555 m/s', (t) => {
  const c = deriveWallConstants(setA.material, setA.geometry);
  const bz = (0.5 * c.alpha * c.shapeFieldT) / 2;
  const run = steadyVelocity({ ...setA, phi0: Math.PI / 2, drive: { fieldT: [0, 0, bz] }, dtS: dt }, 8e-9, 4e-9);
  assertClose(t, run.velocityMPerS, (gammaRadPerST * c.deltaM * bz) / c.alpha, { rel: 1e-4 }, 'velocity');
  assertClose(t, run.velocityMPerS, 8.0555, { rel: 2e-4 }, 'velocity vs docs/physics.md');
  // sin 2phi = -2 Q Bz / (alpha B_K): phi settles at the steady tilt.
  assertClose(t, Math.sin(2 * run.phiRad), (-2 * bz) / (c.alpha * c.shapeFieldT), { abs: 1e-4 }, 'sin 2phi');
});

/**
 * Bisection on Bz for the field where the wall angle stops settling and precesses. A steady wall keeps
 * |phi - phi0| below pi/2; just above the Walker field the first turn takes long (the period diverges
 * as 1/sqrt(Bz^2 - B_W^2)), hence up to 500 ns per trial field.
 */
function walkerFieldBisection(base: typeof setA, phi0: number, lowT: number, highT: number): number {
  const precesses = (bz: number) => {
    const { ensemble, step } = prepareWalls({ ...base, phi0, drive: { fieldT: [0, 0, bz] }, dtS: 5e-13 });
    for (let i = 0; i < 1_000_000; i++) {
      step();
      if (Math.abs(ensemble.phi[0]! - phi0) > Math.PI / 2 + 0.3) return true;
    }
    return false;
  };
  let low = lowT;
  let high = highT;
  for (let i = 0; i < 14; i++) {
    const mid = (low + high) / 2;
    if (precesses(mid)) high = mid;
    else low = mid;
  }
  return (low + high) / 2;
}

test('T3 Walker field by bisection: 4.8993 mT without DMI, 39.401 mT with D = 0.5 mJ/m^2 (set A)', (t) => {
  // Start each wall in its zero-field state: Bloch without DMI, Neel with it.
  assertClose(t, walkerFieldBisection(setA, Math.PI / 2, 2e-3, 8e-3), 4.8993e-3, { rel: 3e-3 }, 'B_W, no DMI');
  assertClose(
    t,
    walkerFieldBisection(withMaterial(setA, { dmiJPerM2: 0.5e-3 }), 0, 30e-3, 50e-3),
    39.401e-3,
    { rel: 3e-3 },
    'B_W, DMI',
  );
});

test('T4 chirality and sign table: D > 0 makes the Q = +1 wall phi = 0 and the Q = -1 wall phi = pi; +Bz moves Q = +1 to +x', (t) => {
  for (const dmi of [0.5e-3, -0.5e-3]) {
    for (const chargeQ of [1, -1] as const) {
      const { ensemble, step } = prepareWalls({
        ...withMaterial(setA, { dmiJPerM2: dmi }),
        chargeQ,
        phi0: Math.PI / 2,
        dtS: dt,
      });
      for (let i = 0; i < 20_000; i++) step();
      const cosPhi = Math.cos(ensemble.phi[0]!);
      const expected = Math.sign(dmi) * chargeQ; // cos(phi_eq) = sign(Q D)
      assertClose(t, cosPhi, expected, { abs: 1e-6 }, `cos phi_eq for D = ${dmi}, Q = ${chargeQ}`);
      const moved = steadyVelocity(
        {
          ...withMaterial(setA, { dmiJPerM2: dmi }),
          chargeQ,
          phi0: Math.acos(expected),
          drive: { fieldT: [0, 0, 2e-3] },
          dtS: dt,
        },
        1e-9,
        1e-9,
      );
      t.is(
        Math.sign(moved.velocityMPerS),
        chargeQ,
        `+Bz moves the Q = ${chargeQ} wall towards ${chargeQ > 0 ? '+x' : '-x'}`,
      );
    }
  }
});

test('T5 above Walker (set A, Bz = 2 B_W): mean velocity over whole precession periods is 6.6210 m/s', (t) => {
  const c = deriveWallConstants(setA.material, setA.geometry);
  const walker = (c.alpha * c.shapeFieldT) / 2;
  const bz = 2 * walker;
  const { ensemble, step } = prepareWalls({ ...setA, drive: { fieldT: [0, 0, bz] }, dtS: dt });
  let stepsDone = 0;
  const advance = () => {
    step();
    stepsDone += 1;
  };
  for (let i = 0; i < 20_000; i++) advance();
  // The next time phi crosses a multiple of pi, interpolated within the step: (time in steps, q).
  const nextCrossing = () => {
    const start = Math.floor(ensemble.phi[0]! / Math.PI);
    for (;;) {
      const phiBefore = ensemble.phi[0]!;
      const qBefore = ensemble.q[0]!;
      advance();
      if (Math.floor(ensemble.phi[0]! / Math.PI) !== start) {
        const f = (Math.round(ensemble.phi[0]! / Math.PI) * Math.PI - phiBefore) / (ensemble.phi[0]! - phiBefore);
        return { steps: stepsDone - 1 + f, q: qBefore + f * (ensemble.q[0]! - qBefore) };
      }
    }
  };
  const first = nextCrossing();
  let last = first;
  for (let k = 0; k < 20; k++) last = nextCrossing();
  const velocity = (last.q - first.q) / ((last.steps - first.steps) * dt);
  const closedForm =
    ((gammaRadPerST * c.deltaM) / (1 + c.alpha ** 2)) *
    (c.alpha * bz + (bz - Math.sqrt(bz ** 2 - walker ** 2)) / c.alpha);
  assertClose(t, closedForm, 6.621, { rel: 2e-4 }, 'closed form');
  assertClose(t, velocity, closedForm, { rel: 5e-3 }, 'mean velocity');
});

test('T6 SOT + DMI, K_D = 0 (set A, D = 0.5 mJ/m^2, J = 1e11 A/m^2): v = 25.2332 m/s, tan phi = B_SH / (alpha B_D)', (t) => {
  const base = withMaterial(setA, { dmiJPerM2: 0.5e-3, kdJPerM3: 0 });
  const c = deriveWallConstants(base.material, base.geometry);
  const run = steadyVelocity({ ...base, drive: { currentDensityAPerM2: 1e11 }, dtS: dt }, 5e-9, 2e-9);
  const bsh = c.spinHallFieldTPerAPerM2 * 1e11;
  const closedForm =
    ((Math.PI / 2) * gammaRadPerST * c.deltaM * c.dmiFieldT) / Math.sqrt(1 + ((c.alpha * c.dmiFieldT) / bsh) ** 2);
  assertClose(t, run.velocityMPerS, closedForm, { rel: 1e-4 }, 'velocity vs closed form');
  assertClose(t, run.velocityMPerS, 25.2332, { rel: 1e-4 }, 'velocity vs docs/physics.md');
  assertClose(t, Math.abs(Math.tan(run.phiRad)), bsh / (c.alpha * c.dmiFieldT), { rel: 1e-4 }, 'tan phi');
});

test('T7 set B SOT velocities 127.40, 135.31, 136.95 m/s at 1, 2, 3e11 A/m^2 (K_D = 0), below v_D = 138.30 m/s', (t) => {
  const base = withMaterial(setB, { kdJPerM3: 0 });
  const expected = [127.4, 135.31, 136.95];
  [1e11, 2e11, 3e11].forEach((j, i) => {
    const run = steadyVelocity({ ...base, drive: { currentDensityAPerM2: j }, dtS: dt }, 10e-9, 2e-9);
    assertClose(t, run.velocityMPerS, expected[i]!, { rel: 1e-4 }, `v at ${j} A/m^2`);
    t.true(run.velocityMPerS < 138.3);
  });
});

test('T8 Zhang-Li STT below the Walker current: v = (beta / alpha) u', (t) => {
  const base = withMaterial(setA, { spinPolarization: 0.5, nonAdiabaticity: 0.1, spinHallAngle: 0 });
  const c = deriveWallConstants(base.material, base.geometry);
  const j = 4e11;
  const u = c.sttVelocityMPerSPerAPerM2 * j;
  const run = steadyVelocity({ ...base, drive: { currentDensityAPerM2: j }, dtS: dt }, 10e-9, 4e-9);
  assertClose(t, run.velocityMPerS, (0.1 / 0.3) * u, { rel: 1e-4 }, 'STT velocity');
  t.true(Math.abs(run.phiRateRadPerS) < 1e3, 'steady angle');
});

test('T9 static depinning from V0 sin^2(pi q / p): B_dep = pi V0 / (2 Ms S p)', (t) => {
  const base = { ...withMaterial(setA, { alpha: 1, kdJPerM3: 2e5 }) };
  const amplitudeJ = 1e-19;
  const periodM = 100e-9;
  const c = deriveWallConstants(base.material, base.geometry);
  const expected = (Math.PI * amplitudeJ) / (2 * c.msatAPerM * c.crossSectionM2 * periodM);
  const escapes = (bz: number) => {
    const { ensemble, step } = prepareWalls({
      ...base,
      pinning: [{ type: 'periodic', amplitudeJ, periodM }],
      drive: { fieldT: [0, 0, bz] },
      dtS: 2e-13,
    });
    // Just above threshold the wall creeps past the force maximum slowly: allow 200 ns.
    for (let i = 0; i < 1_000_000 && ensemble.q[0]! < periodM; i++) step();
    return ensemble.q[0]! >= periodM;
  };
  let low = 0.5 * expected;
  let high = 1.5 * expected;
  for (let i = 0; i < 12; i++) {
    const mid = (low + high) / 2;
    if (escapes(mid)) high = mid;
    else low = mid;
  }
  assertClose(t, (low + high) / 2, expected, { rel: 0.01 }, 'depinning field');
});

test('T11 energy is conserved without damping or drive', (t) => {
  const base = withMaterial(setA, { alpha: 1e-12, dmiJPerM2: 0.3e-3 });
  const run = {
    ...base,
    pinning: [{ type: 'harmonic' as const, positionM: 0, stiffnessJPerM2: 1e-4 }],
    q0: 10e-9,
    phi0: 1,
    dtS: 1e-14,
  };
  const { ensemble, system, step } = prepareWalls(run);
  const energy = () =>
    wallEnergyJ(system.constants, 1, system.landscape, system.drive, ensemble.q[0]!, ensemble.phi[0]!);
  const e0 = energy();
  let maxDrift = 0;
  for (let i = 0; i < 50_000; i++) {
    step();
    if (i % 100 === 0) maxDrift = Math.max(maxDrift, Math.abs(energy() - e0));
  }
  t.true(Math.abs(ensemble.q[0]! - 10e-9) > 1e-9, 'the wall moved');
  t.true(maxDrift / Math.abs(e0) < 1e-8, `relative energy drift ${maxDrift / Math.abs(e0)}`);
});
