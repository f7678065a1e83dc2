import test from 'ava';
import { restingAngleRad } from '../../characterize/protocol.ts';
import { pinningLandscape, type TrackSpec } from '../../wall/build.ts';
import { deriveWallConstants } from '../../wall/derived.ts';
import { Geometry, Material } from '../../wall/device-params.ts';
import { minimize } from '../solver/minimize.ts';
import { anisotropyOffsetJPerM3, trialPinningEnergy } from './pinning-anisotropy.ts';
import { Strip } from '../geometry/strip.ts';

const material = Material.parse({});
const geometry = Geometry.parse({});
const constants = deriveWallConstants(material, geometry);
const kT300 = 4.14e-21;

/** The relaxed energy [J] of a wall started at each position on a strip with the given K offsets. */
function wallEnergies(
  offset: Float64Array,
  cellM: number,
  positionsM: number[],
): Array<{ positionM: number; energyJ: number }> {
  const strip = new Strip({
    material,
    geometry,
    gates: [],
    cellM: [cellM, cellM, 1e-9],
    demag: 'thin-film',
    kuOffsetJPerM3: offset,
  });
  return positionsM.map((q) => {
    const m = strip.wallProfile(q, restingAngleRad(constants, 1), 1);
    minimize(m, (state, b) => strip.addField(state, b), 1e-7, 4000);
    return { positionM: strip.wallPositionM(m, 1), energyJ: strip.energies(m).totalJ! };
  });
}

// Oracle: a wall's energy per area is 4√(A K_eff) − π|D| (the thin-film limit the mapping inverts).
// A smooth step of ±10 k_B T in the 1-D energy, mapped to K, must change the relaxed micromagnetic
// wall's energy by that much between flat stretches 150 nm either side of the step. Thin-film demag,
// 5 nm cells (Δ = 10.8 nm): 3 %, for the discretization of the wall and its edge tilt.
test('a step in the 1-D wall energy, mapped to anisotropy, is the step the micromagnetic wall sees', (t) => {
  for (const stepJ of [10 * kT300, -10 * kT300]) {
    const cellM = 5e-9;
    const offset = anisotropyOffsetJPerM3(
      (x) => (stepJ * (1 + Math.tanh((x - 300e-9) / 20e-9))) / 2,
      constants,
      Math.round(geometry.lengthM / cellM),
      cellM,
    );
    const [left, right] = wallEnergies(offset, cellM, [150e-9, 450e-9]);
    t.true(
      Math.abs(left!.positionM - 150e-9) < 2e-9 && Math.abs(right!.positionM - 450e-9) < 2e-9,
      'the walls stay on the flats',
    );
    const seen = right!.energyJ - left!.energyJ;
    t.true(
      Math.abs(seen / stepJ - 1) < 0.03,
      `step ${stepJ.toExponential(3)} J: the wall sees ${seen.toExponential(3)} J`,
    );
  }
});

// No pinning, no offset: the mapping returns the material's K to rounding.
test('an empty landscape leaves K_u as it is', (t) => {
  const offset = anisotropyOffsetJPerM3(() => 0, constants, 120, 5e-9);
  t.true(offset.every((dk) => Math.abs(dk) < 1e-9 * constants.keffJPerM3));
});

// The 1-D model's roughness is the raw width change averaged over sech²((x − q)/Δ)/(2Δ); the LLG
// strip gets the raw profile of the same trial. Averaging it here must give the 1-D landscape back
// (the same random draws), to 1 % of its rms.
test("the strip gets each trial's own raw roughness: averaged over the wall profile it is the 1-D landscape", (t) => {
  const spec: TrackSpec = {
    material,
    geometry,
    gates: [],
    seed: 7,
    trialIndices: [3, 11],
    pinning: [{ type: 'roughness', rmsM: 1e-9, correlationLengthM: 10e-9, perTrial: true }],
  };
  const oneD = pinningLandscape(spec, constants);
  for (const slot of [0, 1]) {
    const raw = trialPinningEnergy(spec, constants, slot);
    const stepM = 0.25e-9;
    const halfWidth = 12 * constants.deltaM;
    const averaged = (q: number) => {
      let sum = 0;
      let weight = 0;
      for (let x = q - halfWidth; x <= q + halfWidth; x += stepM) {
        const w = 1 / Math.cosh((x - q) / constants.deltaM) ** 2;
        sum += w * raw(x);
        weight += w;
      }
      return sum / weight;
    };
    const qs = Array.from({ length: 40 }, (_, i) => 100e-9 + i * 10e-9);
    const expected = qs.map((q) => oneD.energy(q, slot));
    const rms = Math.sqrt(expected.reduce((s, v) => s + v * v, 0) / qs.length);
    const worst = Math.max(...qs.map((q, i) => Math.abs(averaged(q) - expected[i]!)));
    t.true(rms > 0);
    t.true(
      worst < 0.01 * rms,
      `trial slot ${slot}: worst difference ${worst.toExponential(3)} J against rms ${rms.toExponential(3)} J`,
    );
  }
  // Two trials, two profiles.
  t.not(trialPinningEnergy(spec, constants, 0)(300e-9), trialPinningEnergy(spec, constants, 1)(300e-9));
});

// The stops' quadratic walls grow without bound past the track; the mapped K stays below the
// stiffness of a wall with twice σ0.
test('the stops are held at twice the wall energy', (t) => {
  const energy = trialPinningEnergy(
    {
      material,
      geometry,
      gates: [],
      seed: 1,
      trialIndices: [0],
      pinning: [{ type: 'stop', positionM: 500e-9, side: 'right', stiffnessJPerM2: 1e-3 }],
    },
    constants,
    0,
  );
  const offset = anisotropyOffsetJPerM3(energy, constants, 120, 5e-9);
  const bound =
    ((2 * constants.wallEnergyJPerM2 + Math.PI * Math.abs(constants.dmiJPerM2)) / 4) ** 2 / constants.aexJPerM -
    constants.keffJPerM3;
  t.is(offset[10], 0);
  t.true(Math.abs(offset[119]! - bound) < 1e-9 * bound);
});
