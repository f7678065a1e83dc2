import test from 'ava';
import { elementaryChargeC, hbarJS } from '../../core/constants.ts';
import { assertClose } from '../../core/test-fixtures/assert-close.ts';
import { phaseConstants, widthModulationBarrierJ } from './build.ts';
import { deriveWallConstants, wallEnergyPerArea } from './derived.ts';
import { Gate, Geometry, Material, VoltageLaw } from './device-params.ts';
import { anisotropyChangeJPerM3, gateLandscape } from './gate.ts';
import { prepareWalls } from './test-fixtures.ts';

// The default device's track: 600 nm x 50 nm x 1 nm, K_eff = 1.72e5 J/m^3, D = 0.5 mJ/m^2, alpha 0.3.
const material = Material.parse({ alpha: 0.3 });
const geometry = Geometry.parse({});
const strain = VoltageLaw.parse({ type: 'strain', magnetostriction: 1.5e-4, stressPaPerV: 2.5e8 });
const keff0 = deriveWallConstants(material, geometry).keffJPerM3;

test('the voltage laws: strain dK = -(3/2) lambda_s sigma(V), VCMA dK = -xi V / (t_ox t_FM)', (t) => {
  // 150 ppm and 250 MPa/V: -5.625e4 J/m^3 per volt; 100 fJ/(V m) through 1 nm of oxide on 1 nm: -1e5 J/m^3 per volt.
  assertClose(t, anisotropyChangeJPerM3(strain, 1, 1e-9), -5.625e4, { rel: 1e-12 }, 'strain, 1 V');
  assertClose(t, anisotropyChangeJPerM3(strain, -0.4, 1e-9), 2.25e4, { rel: 1e-12 }, 'strain, -0.4 V');
  const vcma = VoltageLaw.parse({ type: 'vcma', xiJPerVM: 1e-13, oxideThicknessM: 1e-9 });
  assertClose(t, anisotropyChangeJPerM3(vcma, 1, 1e-9), -1e5, { rel: 1e-12 }, 'VCMA, 1 V on 1 nm');
  assertClose(t, anisotropyChangeJPerM3(vcma, 1, 2e-9), -5e4, { rel: 1e-12 }, 'VCMA, 1 V on 2 nm');
});

test('an anisotropy step does work S [sigma(K_eff + dK) - sigma(K_eff)] on a wall crossing it, sigma = 4 sqrt(A K) - pi |D|', (t) => {
  const gate = Gate.parse({ startM: 200e-9, endM: 400e-9, edgeWidthM: 5e-9, law: strain });
  const c = deriveWallConstants(material, geometry);
  for (const voltageV of [0.5, 1.5, -1]) {
    const landscape = gateLandscape(gate, voltageV, {
      ...material,
      crossSectionM2: c.crossSectionM2,
      thicknessM: geometry.thicknessM,
    });
    // Work of the force from far outside to the middle of the gate, by the trapezoid rule on a 0.05 nm grid.
    const stepM = 0.05e-9;
    const q = Float64Array.from({ length: Math.round(200e-9 / stepM) + 1 }, (_, i) => 100e-9 + i * stepM);
    const force = new Float64Array(q.length);
    landscape.addForce(q, force);
    let work = 0;
    for (let i = 1; i < q.length; i++) work += ((force[i - 1]! + force[i]!) / 2) * stepM;
    const dK = anisotropyChangeJPerM3(strain, voltageV, geometry.thicknessM);
    const expected =
      -c.crossSectionM2 * (wallEnergyPerArea(material.aexJPerM, keff0 + dK, material.dmiJPerM2) - c.wallEnergyJPerM2);
    assertClose(t, work, expected, { rel: 1e-3 }, `work into the gate at ${voltageV} V (J)`);
  }
});

test('under a gate over the whole track every wall constant follows K_eff(V): Delta, sigma, the DMI field', (t) => {
  for (const voltageV of [0, 0.8, 1.6]) {
    const keff = keff0 + anisotropyChangeJPerM3(strain, voltageV, geometry.thicknessM);
    const c = phaseConstants(
      { material, geometry, pinning: [], gates: [], trackGate: strain, seed: 1, trialIndices: [0] },
      voltageV,
    );
    assertClose(t, c.deltaM, Math.sqrt(material.aexJPerM / keff), { rel: 1e-12 }, `Delta at ${voltageV} V`);
    assertClose(
      t,
      c.wallEnergyJPerM2,
      4 * Math.sqrt(material.aexJPerM * keff) - Math.PI * material.dmiJPerM2,
      { rel: 1e-12 },
      `sigma at ${voltageV} V`,
    );
    assertClose(
      t,
      c.dmiFieldT,
      material.dmiJPerM2 / (material.msatAPerM * c.deltaM),
      { rel: 1e-12 },
      `B_D at ${voltageV} V`,
    );
  }
});

/**
 * The static depinning current of a width modulation w0 + a sin^2(pi x / p) at gate voltage V: the pinning force
 * pi V0(V) / p, V0 = sigma(K_eff(V)) t a times the wall's attenuation of the cosine, against the SOT force
 * 2 Ms S (pi / 2) B_SH of a Neel wall, B_SH = hbar theta J / (2 e Ms t) (docs/physics.md, closed forms for the drift).
 */
function depinningCurrent(voltageV: number, amplitudeM: number, periodM: number): number {
  const keff = keff0 + anisotropyChangeJPerM3(strain, voltageV, geometry.thicknessM);
  const delta = Math.sqrt(material.aexJPerM / keff);
  const sigma = 4 * Math.sqrt(material.aexJPerM * keff) - Math.PI * material.dmiJPerM2;
  const x = (Math.PI ** 2 * delta) / periodM;
  const barrierJ = sigma * geometry.thicknessM * amplitudeM * (x / Math.sinh(x));
  const forceN = (Math.PI * barrierJ) / periodM;
  const sotFieldPerCurrent =
    (hbarJS * material.spinHallAngle) / (2 * elementaryChargeC * material.msatAPerM * geometry.thicknessM);
  return forceN / (Math.PI * material.msatAPerM * geometry.widthM * geometry.thicknessM * sotFieldPerCurrent);
}

test('the depinning current of a width modulation falls with the gate voltage as sigma(K_eff(V)) does (T = 0)', (t) => {
  const pin = { type: 'widthModulation' as const, amplitudeM: 15e-9, periodM: 100e-9, originM: 0 };
  const currents = [0, 1.5].map((v) => depinningCurrent(v, pin.amplitudeM, pin.periodM));
  t.true(currents[1]! < 0.75 * currents[0]!, `J_c ${currents[0]} at 0 V, ${currents[1]} at 1.5 V`);
  assertClose(
    t,
    widthModulationBarrierJ(pin, geometry, deriveWallConstants(material, geometry)) /
      (geometry.thicknessM * pin.amplitudeM),
    (deriveWallConstants(material, geometry).wallEnergyJPerM2 *
      ((Math.PI ** 2 * deriveWallConstants(material, geometry).deltaM) / pin.periodM)) /
      Math.sinh((Math.PI ** 2 * deriveWallConstants(material, geometry).deltaM) / pin.periodM),
    { rel: 1e-12 },
    'barrier per t a',
  );
  [0, 1.5].forEach((voltageV, i) => {
    const travel = (fraction: number) => {
      const { ensemble, step } = prepareWalls({
        material,
        geometry: { ...geometry, lengthM: 4e-6 },
        pinning: [pin],
        trackGate: strain,
        drive: { currentDensityAPerM2: fraction * currents[i]!, gateVoltageV: voltageV },
        q0: 1e-6,
        dtS: 2e-13,
      });
      for (let s = 0; s < 50_000; s++) step(); // 10 ns
      return ensemble.q[0]! - 1e-6;
    };
    // The current is switched on at once: the wall's overshoot lowers the threshold by a few per cent.
    const below = travel(0.9);
    const above = travel(1.03);
    t.true(Math.abs(below) < pin.periodM / 2, `${voltageV} V, 0.9 J_c: moved ${below} m`);
    t.true(above > 3 * pin.periodM, `${voltageV} V, 1.03 J_c: moved ${above} m`);
  });
});
