import test from 'ava';
import { gammaRadPerST } from '../../../core/constants.ts';
import { trialStream } from '../../../core/rng.ts';
import { assertCommittedWasm } from '../../../core/test-fixtures/wasm-build.ts';
import { WallCase } from '../../wall/wall-case.ts';
import type { FftPrecision } from '../demag/fft.ts';
import { FusedStochasticHeun, stripHeun, stripHeunBatch } from './fused-heun.ts';
import { StochasticHeun } from './heun.ts';
import { cellCount, type VectorField } from '../geometry/mesh.ts';
import { Strip, type StripSpec } from '../geometry/strip.ts';

const { material } = WallCase.parse({});
const lengthM = 120e-9;

/** A straight strip of the default material on 2 nm x 2 nm x 1 nm cells. */
function plainStrip(geometry: StripSpec['geometry'], demag: StripSpec['demag']): StripSpec {
  return { material, geometry, gates: [], cellM: [2e-9, 2e-9, 1e-9], demag };
}

/** A strip with every term the fused kernels carry: DMI, a gate, a K_u landscape, full demag, a rough outline. */
const specs: Record<string, StripSpec> = {
  outlined: {
    material: { ...material, dmiJPerM2: 5e-4 },
    geometry: { lengthM, widthM: 16e-9, thicknessM: 1e-9 },
    gates: [
      { startM: 40e-9, endM: 80e-9, edgeWidthM: 0, law: { type: 'vcma', xiJPerVM: 1e-13, oxideThicknessM: 1e-9 } },
    ],
    cellM: [2e-9, 2e-9, 1e-9],
    demag: 'full',
    kuOffsetJPerM3: Float64Array.from({ length: 60 }, (_, ix) => 2e4 * Math.sin(ix / 5)),
    outline: {
      boxWidthM: 24e-9,
      edgesM: (x) => [4e-9 + 2e-9 * Math.sin(x / 7e-9) ** 2, 20e-9 - 3e-9 * Math.cos(x / 11e-9) ** 2],
    },
  },
  'one layer, no outline': plainStrip({ lengthM, widthM: 10e-9, thicknessM: 1e-9 }, 'full'),
  'two layers, thin-film demag, no outline': plainStrip({ lengthM, widthM: 8e-9, thicknessM: 2e-9 }, 'thin-film'),
};

function copy(m: VectorField): VectorField {
  return { x: m.x.slice(), y: m.y.slice(), z: m.z.slice() };
}

/** The cells where two fields differ in any component (−0 and 0 alike). */
function differingCells(a: VectorField, b: VectorField): number {
  let count = 0;
  for (let i = 0; i < a.x.length; i++) if (a.x[i] !== b.x[i] || a.y[i] !== b.y[i] || a.z[i] !== b.z[i]) count += 1;
  return count;
}

for (const [name, spec] of Object.entries(specs)) {
  test(`the fused WebAssembly Heun step follows the TypeScript one bit for bit at 300 K (${name})`, (t) => {
    const strip = new Strip(spec);
    const sigmaT = 0.05;
    const reference = new StochasticHeun(
      cellCount(strip.mesh),
      (m, b) => strip.addField(m, b),
      material.alpha,
      gammaRadPerST,
      sigmaT,
      trialStream(3, 'fused-heun-test', 0),
    );
    const fused = new FusedStochasticHeun(
      strip,
      material.alpha,
      gammaRadPerST,
      sigmaT,
      trialStream(3, 'fused-heun-test', 0),
    );
    const start = strip.wallProfile(lengthM / 2, 0.3, 1);
    const [a, b] = [copy(start), copy(start)];
    const phases = [
      { fieldT: [0, 0, 0.01], currentDensityAPerM2: 0, gateVoltageV: 0 },
      { fieldT: [0.002, -0.001, 0], currentDensityAPerM2: 3e11, gateVoltageV: 0.7 },
      { fieldT: [0, 0, 0], currentDensityAPerM2: 0, gateVoltageV: 0 },
    ] as const;
    for (const drive of phases) {
      strip.setDrive({ ...drive, fieldT: [...drive.fieldT] });
      for (let k = 0; k < 40; k++) {
        reference.step(a, 2e-14);
        fused.step(b, 2e-14);
      }
      t.is(differingCells(a, b), 0, `after the phase ${JSON.stringify(drive)}`);
    }
    t.true(differingCells(a, start) > cellCount(strip.mesh) / 2, 'the texture moved');
  });
}

/** The outlined strip with trial t's own K_u landscape and edges, as each trial of a table has its own roughness. */
function trialSpec(t: number, demagPrecision: FftPrecision): StripSpec {
  const outlined = specs.outlined!;
  return {
    ...outlined,
    demagPrecision,
    kuOffsetJPerM3: Float64Array.from({ length: 60 }, (_, ix) => 2e4 * Math.sin(ix / (5 + t))),
    outline: {
      boxWidthM: 24e-9,
      edgesM: (x) => [4e-9 + 2e-9 * Math.sin(x / (7e-9 + t * 1e-9)) ** 2, 20e-9 - 3e-9 * Math.cos(x / 11e-9) ** 2],
    },
  };
}

for (const precision of ['f64', 'f32'] as const)
  test(`a batch of trials follows each trial's own trajectory bit for bit, with its own strip and noise (${precision} demag)`, (t) => {
    const trials = [0, 1, 2];
    const sigmaT = 0.05;
    const stream = (trial: number) => trialStream(4, 'fused-heun-batch-test', trial);
    const drive = { fieldT: [0, 0, 0.004] as [number, number, number], currentDensityAPerM2: 3e11, gateVoltageV: 0.7 };
    const batchStrips = trials.map((trial) => new Strip(trialSpec(trial, precision)));
    for (const strip of batchStrips) strip.setDrive(drive);
    const batch = stripHeunBatch(batchStrips, material.alpha, gammaRadPerST, sigmaT, trials.map(stream));
    const batched = batchStrips.map((strip) => strip.wallProfile(lengthM / 2, 0.3, 1));
    for (let k = 0; k < 60; k++) batch.step(batched, 2e-14);
    for (const trial of trials) {
      const strip = new Strip(trialSpec(trial, precision));
      strip.setDrive(drive);
      const alone = stripHeun(strip, material.alpha, gammaRadPerST, sigmaT, stream(trial));
      const m = strip.wallProfile(lengthM / 2, 0.3, 1);
      for (let k = 0; k < 60; k++) alone.step(m, 2e-14);
      t.is(differingCells(m, batched[trial]!), 0, `trial ${trial}`);
      t.true(differingCells(m, strip.wallProfile(lengthM / 2, 0.3, 1)) > cellCount(strip.mesh) / 2, 'it moved');
    }
    t.true(differingCells(batched[0]!, batched[1]!) > 0, 'the trials differ');
  });

test('a strip with Zhang-Li torque has no fused step', (t) => {
  const strip = new Strip({
    ...specs['two layers, thin-film demag, no outline']!,
    material: { ...material, spinPolarization: 0.5 },
  });
  t.throws(() => new FusedStochasticHeun(strip, 0.1, gammaRadPerST, 0, trialStream(1, 'x', 0)), {
    message: /Zhang-Li/,
  });
});

test('the committed heun.wasm is what npm run build:wasm:heun makes from device-sim/llg/wasm/heun.as.ts', (t) =>
  assertCommittedWasm(t, 'build:wasm:heun'));
