import test from 'ava';
import { gammaRadPerST } from '../../../core/constants.ts';
import { trialStream } from '../../../core/rng.ts';
import { assertClose } from '../../../core/test-fixtures/assert-close.ts';
import { phaseConstants, roughnessOptions, type TrackSpec } from '../../wall/build.ts';
import { deriveWallConstants, wallEnergyPerArea } from '../../wall/derived.ts';
import { VoltageLaw } from '../../wall/device-params.ts';
import { gatedMaterial } from '../../wall/gate.ts';
import { edgeWidthChanges, sampleProfile } from '../../wall/pinning/roughness.ts';
import { WallCase } from '../../wall/wall-case.ts';
import { addExchangeDmiField } from '../effects/dmi.ts';
import { StochasticHeun } from '../solver/heun.ts';
import { cellCount, vectorField, type Mesh, type VectorField } from './mesh.ts';
import { minimize } from '../solver/minimize.ts';
import { outlineMask, type Outline } from './outline.ts';
import { relax } from '../solver/relax.ts';
import { Strip } from './strip.ts';
import { trackOutline } from './track-outline.ts';

const { material } = WallCase.parse({});

/** Unit vectors drawn at random on `cells` cells. */
function randomUnitField(cells: number, seed: number): VectorField {
  const m = vectorField(cells);
  const random = trialStream(seed, 'outline-test', 0);
  for (let i = 0; i < cells; i++) {
    const [x, y, z] = [random.normal(), random.normal(), random.normal()];
    const norm = Math.hypot(x, y, z);
    m.x[i] = x / norm;
    m.y[i] = y / norm;
    m.z[i] = z / norm;
  }
  return m;
}

test('a straight strip cut from a wider box by the outline feels exactly the exchange and DMI of the same strip meshed alone', (t) => {
  const [nx, ny, pad] = [16, 6, 3];
  const alone: Mesh = { nx, ny, nz: 1, dxM: 2e-9, dyM: 2e-9, dzM: 1e-9 };
  const boxed: Mesh = { ...alone, ny: ny + 2 * pad };
  const film = outlineMask(boxed, { boxWidthM: (ny + 2 * pad) * 2e-9, edgesM: () => [pad * 2e-9, (pad + ny) * 2e-9] });
  const m = randomUnitField(nx * ny, 7);
  const inBox = vectorField(cellCount(boxed));
  for (const c of ['x', 'y', 'z'] as const) inBox[c].set(m[c], nx * pad);
  const [b, bBox] = [vectorField(nx * ny), vectorField(cellCount(boxed))];
  addExchangeDmiField(alone, material.aexJPerM, material.dmiJPerM2, material.msatAPerM, m, b);
  addExchangeDmiField(boxed, material.aexJPerM, material.dmiJPerM2, material.msatAPerM, inBox, bBox, film);
  for (const c of ['x', 'y', 'z'] as const) {
    t.deepEqual(Array.from(bBox[c].subarray(nx * pad, nx * (pad + ny))), Array.from(b[c]), `B_${c} in the film`);
    t.true(
      [...bBox[c].subarray(0, nx * pad), ...bBox[c].subarray(nx * (pad + ny))].every((v) => v === 0),
      `B_${c} in vacuum`,
    );
  }
});

/**
 * A thin-film strip 20 nm wide for x < L/2 and 28 nm beyond, cut on 2 nm cells: a wall relaxed at 3L/4 costs
 * σ(K_eff) t Δw more than one relaxed at L/4, σ = 4√(A K_eff) − π|D| — the pinning of a width change, set by the
 * wall's own energy, so a gate that lowers K_eff lowers it with σ.
 */
function widthStepEnergyJ(kuJPerM3: number) {
  const lengthM = 320e-9;
  const outline: Outline = {
    boxWidthM: 28e-9,
    edgesM: (x) => (x < lengthM / 2 ? [4e-9, 24e-9] : [0, 28e-9]),
  };
  const strip = new Strip({
    material: { ...material, kuJPerM3 },
    geometry: { lengthM, widthM: 20e-9, thicknessM: 1e-9 },
    gates: [],
    cellM: [2e-9, 2e-9, 1e-9],
    demag: 'thin-film',
    outline,
  });
  const field = (m: VectorField, b: VectorField) => strip.addField(m, b);
  const settled = (positionM: number) => {
    const m = strip.wallProfile(positionM, 0, 1);
    minimize(m, field, 1e-5, 100);
    relax(m, field, gammaRadPerST, 1e-4, 1e-10);
    return { energyJ: strip.energies(m)['totalJ']!, positionM: strip.wallPositionM(m, 1) };
  };
  const [narrow, wide] = [settled(lengthM / 4), settled((3 * lengthM) / 4)];
  return { strip, narrow, wide, differenceJ: wide.energyJ - narrow.energyJ };
}

test('outline: a wall in the wider part costs sigma(K_eff) t dw more, at the zero-voltage K_u and at a K_u a gate lowered by 40 % of K_eff', (t) => {
  const keff0 = material.kuJPerM3 - (4e-7 * Math.PI * material.msatAPerM ** 2) / 2;
  for (const kuJPerM3 of [material.kuJPerM3, material.kuJPerM3 - 0.4 * keff0]) {
    const { narrow, wide, differenceJ } = widthStepEnergyJ(kuJPerM3);
    const keff = kuJPerM3 - (4e-7 * Math.PI * material.msatAPerM ** 2) / 2;
    const expected = wallEnergyPerArea(material.aexJPerM, keff, material.dmiJPerM2) * 1e-9 * 8e-9;
    assertClose(t, differenceJ, expected, { rel: 0.05 }, `E(wide) - E(narrow) at K_u = ${kuJPerM3} J/m^3`);
    assertClose(t, narrow.positionM, 80e-9, { abs: 2e-9 }, 'the narrow wall stays where it was relaxed (m)');
    assertClose(t, wide.positionM, 240e-9, { abs: 2e-9 }, 'the wide wall stays where it was relaxed (m)');
  }
});

test('outline: vacuum cells keep m = 0 and film cells |m| = 1 through energy descent under the full demag and stochastic Heun steps with a current at 300 K', (t) => {
  const strip = new Strip({
    material,
    geometry: { lengthM: 128e-9, widthM: 20e-9, thicknessM: 1e-9 },
    gates: [],
    cellM: [2e-9, 2e-9, 1e-9],
    demag: 'full',
    outline: { boxWidthM: 28e-9, edgesM: (x) => (x < 64e-9 ? [4e-9, 24e-9] : [0, 28e-9]) },
  });
  strip.setDrive({ fieldT: [0, 0, 0], currentDensityAPerM2: 5e11, gateVoltageV: 0 });
  const m = strip.wallProfile(64e-9, 0, 1);
  const field = (state: VectorField, b: VectorField) => strip.addField(state, b);
  minimize(m, field, 1e-5, 20);
  const cells = cellCount(strip.mesh);
  const heun = new StochasticHeun(cells, field, material.alpha, gammaRadPerST, 0.05, trialStream(1, 'outline-heun', 0));
  for (let step = 0; step < 20; step++) heun.step(m, 1e-13);
  const film = strip.film!;
  const norms = Array.from({ length: cells }, (_, i) => Math.hypot(m.x[i]!, m.y[i]!, m.z[i]!));
  t.true(norms.every((n, i) => (film[i] === 1 ? Math.abs(n - 1) < 1e-12 : n === 0)));
  t.true(film.includes(0) && film.includes(1));
});

test("the outline of a trial has the 1-D model's width for that trial: w0 + a sin^2(pi (x - x0) / p) + its roughness, to a cell", (t) => {
  const geometry = { lengthM: 400e-9, widthM: 50e-9, thicknessM: 1e-9 };
  const roughness = { type: 'roughness' as const, rmsM: 1e-9, correlationLengthM: 10e-9, perTrial: true };
  const modulation = { type: 'widthModulation' as const, amplitudeM: 15e-9, periodM: 100e-9, originM: 50e-9 };
  const spec: TrackSpec = {
    material,
    geometry,
    pinning: [modulation, roughness],
    gates: [],
    seed: 3,
    trialIndices: [4, 9],
  };
  const constants = deriveWallConstants(material, geometry);
  const dyM = 1e-9;
  const { originM, stepM, widthChangeM } = edgeWidthChanges(roughnessOptions(spec, constants, roughness, 1));
  for (const slot of [0, 1]) {
    const outline = trackOutline(spec, constants, slot, dyM);
    const mesh: Mesh = { nx: 200, ny: Math.round(outline.boxWidthM / dyM), nz: 1, dxM: 2e-9, dyM, dzM: 1e-9 };
    const film = outlineMask(mesh, outline);
    let worst = 0;
    for (let ix = 0; ix < mesh.nx; ix++) {
      const x = (ix + 0.5) * mesh.dxM;
      let cells = 0;
      for (let iy = 0; iy < mesh.ny; iy++) cells += film[ix + mesh.nx * iy]!;
      const oneD =
        geometry.widthM +
        modulation.amplitudeM * Math.sin((Math.PI * (x - modulation.originM)) / modulation.periodM) ** 2 +
        sampleProfile(widthChangeM[slot]!, originM, stepM, x);
      worst = Math.max(worst, Math.abs(cells * dyM - oneD));
    }
    t.true(
      worst <= dyM + 0.05e-9,
      `trial slot ${slot}: the film's width differs from the 1-D width by up to ${worst} m`,
    );
  }
});

test('a gate lowers the width-step barrier as the 1-D phase constants say', (t) => {
  const law = VoltageLaw.parse({ type: 'strain', magnetostriction: 1.5e-4, stressPaPerV: 2.5e8 });
  const geometry = { lengthM: 320e-9, widthM: 20e-9, thicknessM: 1e-9 };
  const spec: TrackSpec = { material, geometry, pinning: [], gates: [], trackGate: law, seed: 1, trialIndices: [0] };
  const voltageV = 1;
  const gated = gatedMaterial(material, law, voltageV, geometry.thicknessM);
  const ratio = widthStepEnergyJ(gated.kuJPerM3).differenceJ / widthStepEnergyJ(material.kuJPerM3).differenceJ;
  assertClose(
    t,
    ratio,
    phaseConstants(spec, voltageV).wallEnergyJPerM2 / phaseConstants(spec, 0).wallEnergyJPerM2,
    { rel: 0.03 },
    'barrier ratio at 1 V over 0 V',
  );
});
