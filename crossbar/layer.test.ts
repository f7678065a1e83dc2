import test from 'ava';
import { trialStream } from '../core/rng.ts';
import { assertClose } from '../core/test-fixtures/assert-close.ts';
import { toCrossbar } from './circuit.ts';
import { CrossbarConfig } from './crossbar-config.ts';
import { CrossbarLayer, driverPower } from './layer.ts';
import { solveLineGaussSeidel } from './line-gauss-seidel.ts';
import type { StateConductances } from './mapping.ts';
import { quantizeSigned } from './periphery.ts';
import { mtjLike, randomCase } from './test-fixtures.ts';

test('signed quantization: levels, rounding and clipping', (t) => {
  t.is(quantizeSigned(0.5, 2, 1), 1); // 2 bits: levels -1, 0, 1
  t.is(quantizeSigned(0.49, 2, 1), 0);
  t.is(quantizeSigned(-3, 4, 2), -2);
  t.is(quantizeSigned(1 / 7, 4, 1), 1 / 7);
  t.is(quantizeSigned(0.3, 16, 1), Math.round(0.3 * 32767) / 32767);
});

test('the power the drivers deliver equals the heat in every resistor of the array (Tellegen)', (t) => {
  const x = toCrossbar(randomCase(20, 16, ...mtjLike, 30, { wordlineSegmentOhm: 3, bitlineSegmentOhm: 2 }));
  const { u, v } = solveLineGaussSeidel(x, { tolerance: 1e-14, maxIterations: 100_000 }).nodes;
  let heat = 0;
  for (let i = 0; i < x.rows; i++) {
    heat += x.driverSiemens[i]! * (x.inputV[i]! - u[i * x.cols]!) ** 2;
    for (let j = 0; j < x.cols; j++) {
      const k = i * x.cols + j;
      heat += x.cellSiemens[k]! * (u[k]! - v[k]!) ** 2;
      if (j > 0) heat += x.wordlineSiemens * (u[k]! - u[k - 1]!) ** 2;
      if (i > 0) heat += x.bitlineSiemens * (v[k]! - v[k - x.cols]!) ** 2;
      if (i === x.rows - 1) heat += x.senseSiemens * v[k]! ** 2;
    }
  }
  assertClose(t, driverPower(x, { u, v }), heat, { rel: 1e-10 }, 'power');
});

/** Converters fine enough to leave the array's own effects visible. */
const fineConverters = { adcBits: 16, dacBits: 16, adcRangeFraction: 1 } as const;

/** 16-row arrays of 1T1R cells (50 kOhm access transistors) with wires of `ohm` a cell pitch, fine converters. */
const wiredArrays = (mapping: CrossbarConfig['mapping'], cols: number, ohm: number, extra: object = {}) =>
  CrossbarConfig.parse({
    mapping,
    arrayRows: 16,
    arrayCols: cols,
    wordlineSegmentOhm: ohm,
    bitlineSegmentOhm: ohm,
    accessOhm: 5e4,
    ...fineConverters,
    ...extra,
  });

const exactLevels: StateConductances = {
  states: 5,
  meanSiemens: [2e-6, 2.5e-6, 3e-6, 3.5e-6, 4e-6],
  minSiemens: 2e-6,
  maxSiemens: 4e-6,
  samplesSiemens: [[2e-6], [2.5e-6], [3e-6], [3.5e-6], [4e-6]],
};

for (const mapping of ['differential', 'reference-column'] as const) {
  test(`${mapping}: with negligible wires, no device spread and fine converters a layer read is x . w`, (t) => {
    const config = CrossbarConfig.parse({
      mapping,
      arrayRows: 16,
      arrayCols: 10,
      wordlineSegmentOhm: 1e-9,
      bitlineSegmentOhm: 1e-9,
      ...fineConverters,
    });
    const inputs = 37;
    const outputs = 13;
    const random = trialStream(1, 'layer-test', 0);
    const states = Uint8Array.from({ length: inputs * outputs }, () => Math.floor(random.uniform() * 5));
    const layer = new CrossbarLayer(config, exactLevels, states, inputs, outputs, random);
    t.true(layer.tiles.length > 1, 'the layer spans several tiles');
    const x = Array.from({ length: inputs }, () => 2 * random.uniform() - 1);
    const read = layer.read(x);
    t.true(layer.effectiveWeightError() < 1e-12);
    for (let j = 0; j < outputs; j++) {
      let expected = 0;
      for (let i = 0; i < inputs; i++) expected += quantizeSigned(x[i]!, 16, 1) * (states[i * outputs + j]! / 2 - 1);
      assertClose(t, read.y[j]!, expected, { abs: 2e-3 }, `output ${j}`);
      assertClose(t, read.idealY[j]!, expected, { rel: 1e-12, abs: 1e-12 }, `nominal output ${j}`);
    }
  });

  test(`${mapping}: the ADC's full scale is the largest partial sum of a tile (every weight +1, every input 1)`, (t) => {
    const rows = 16;
    const config = CrossbarConfig.parse({
      mapping,
      arrayRows: rows,
      wordlineSegmentOhm: 1e-9,
      bitlineSegmentOhm: 1e-9,
      adcBits: 2,
      dacBits: 16,
      adcRangeFraction: 1,
    });
    const top = new Uint8Array(rows * 3).fill(4);
    const read = new CrossbarLayer(config, exactLevels, top, rows, 3, trialStream(1, 'adc-test', 0)).read(
      new Array(rows).fill(1),
    );
    // A 2-bit ADC reads -FS, 0 or FS: a full scale twice the largest sum would round rows up to 2 rows.
    for (const y of read.y) assertClose(t, y, rows, { rel: 1e-6 }, 'output at full scale');
  });
}

test('IR drop shows as column loss and output error, growing with the wire resistance', (t) => {
  const losses = [0.1, 1, 5].map((ohm) => {
    const config = CrossbarConfig.parse({
      arrayRows: 64,
      arrayCols: 64,
      wordlineSegmentOhm: ohm,
      bitlineSegmentOhm: ohm,
      adcBits: 16,
      adcRangeFraction: 1,
    });
    const random = trialStream(2, 'layer-test', 0);
    const states = Uint8Array.from({ length: 64 * 32 }, () => Math.floor(random.uniform() * 5));
    const layer = new CrossbarLayer(config, exactLevels, states, 64, 32, random);
    const read = layer.read(Array.from({ length: 64 }, () => random.uniform()));
    return read.tileLoss[0]!.mean;
  });
  t.true(losses[0]! < losses[1]! && losses[1]! < losses[2]!, `losses ${losses.join(', ')}`);
  // (2/3) r G N^2 with the mean cell conductance of a differential pair, 3 uS.
  assertClose(t, losses[1]!, (2 / 3) * 1 * 3e-6 * 64 * 64, { rel: 0.25 }, 'loss at 1 Ohm');
});

for (const mapping of ['differential', 'reference-column'] as const) {
  test(`${mapping}: the linear response reproduces every full read (outputs and read energy) and equals the programmed weights without wires`, (t) => {
    const random = trialStream(3, 'layer-test', 0);
    const states = Uint8Array.from({ length: 40 * 12 }, () => Math.floor(random.uniform() * 5));
    for (const ohm of [1e-9, 2]) {
      const config = wiredArrays(mapping, 10, ohm, { driverOhm: ohm < 1e-6 ? 0 : 3 });
      const layer = new CrossbarLayer(config, exactLevels, states, 40, 12, trialStream(3, 'program', 0));
      const response = layer.linearResponse();
      for (let r = 0; r < 3; r++) {
        const x = Array.from({ length: 40 }, () => 2 * random.uniform() - 1);
        const full = layer.read(x);
        const linear = layer.readLinear(x, response);
        linear.y.forEach((value, j) => assertClose(t, value, full.y[j]!, { abs: 2e-3 }, `r = ${ohm}: output ${j}`));
        // The driver current g_d (V - u) is lost to rounding when g_d is 1e9 S: energies are compared with wires.
        if (ohm > 1e-6) assertClose(t, linear.readEnergyJ, full.readEnergyJ, { rel: 1e-6 }, 'read energy');
        t.deepEqual(linear.conversions, full.conversions);
      }
      if (ohm < 1e-6) {
        // Without wires the access resistance still scales each cell: g / (1 + g r).
        const weightOf = (state: number) => {
          const g = (siemens: number) => siemens / (1 + siemens * 5e4);
          const level = (s: number) => g(exactLevels.meanSiemens[s]!);
          return mapping === 'differential'
            ? (level(state) - level(4 - state)) / 2e-6
            : (level(state) - g(3e-6)) / 1e-6;
        };
        layer.tiles.forEach((tile, k) => {
          for (let i = 0; i < tile.rows; i++) {
            for (let j = 0; j < tile.outputs; j++) {
              assertClose(
                t,
                response[k]!.weights[i * tile.outputs + j]!,
                weightOf(states[(tile.row0 + i) * 12 + tile.output0 + j]!),
                { abs: 1e-6 },
                `weight ${i},${j}`,
              );
            }
          }
        });
      }
    }
  });

  test(`${mapping}: a reprogrammed device moves the linear response as a new full solve does, to first order`, (t) => {
    const random = trialStream(5, 'layer-test', 0);
    // Wires of 400 Ohm a cell pitch: a column loses about a third of its current, so the cell voltage matters.
    const config = wiredArrays(mapping, 10, 400);
    const states = Uint8Array.from({ length: 40 * 12 }, () => Math.floor(random.uniform() * 5));
    const layer = new CrossbarLayer(config, exactLevels, states, 40, 12, trialStream(5, 'program', 0));
    const before = layer.linearResponse().map((r) => Float64Array.from(r.weights));
    const incremental = layer.linearResponse();
    const changes = Array.from({ length: 8 }, (_, n) => ({
      input: Math.floor(random.uniform() * 40),
      output: Math.floor(random.uniform() * 12),
      complement: mapping === 'differential' && n % 2 === 1,
      siemens: 2e-6 + 2e-6 * random.uniform(),
    }));
    for (const c of changes) layer.reprogram(incremental, c.input, c.output, c.complement, c.siemens);
    const exact = layer.linearResponse();
    let moved = 0;
    let worst = 0;
    layer.tiles.forEach((_, k) => {
      exact[k]!.weights.forEach((value, n) => {
        moved = Math.max(moved, Math.abs(value - before[k]![n]!));
        worst = Math.max(worst, Math.abs(incremental[k]!.weights[n]! - value));
      });
    });
    // Without the gain (the change of the cell's ideal current): what the update would be if it ignored the wires.
    const ideal = new CrossbarLayer(config, exactLevels, states, 40, 12, trialStream(5, 'program', 0));
    const idealResponse = ideal.linearResponse();
    idealResponse.forEach((r) => r.cellGain.fill(1));
    for (const c of changes) ideal.reprogram(idealResponse, c.input, c.output, c.complement, c.siemens);
    let worstIdeal = 0;
    idealResponse.forEach((r, k) =>
      r.weights.forEach((value, n) => (worstIdeal = Math.max(worstIdeal, Math.abs(value - exact[k]!.weights[n]!)))),
    );
    t.true(moved > 0.3, `the changes move a weight by ${moved}`);
    t.true(worst < 0.03 * moved, `first-order error ${worst} against a largest change of ${moved}`);
    t.true(worstIdeal > 3 * worst, `ignoring the wires would err by ${worstIdeal}, the update errs by ${worst}`);
  });

  // A fixed relative noise, and the junction's own, which falls as 1/sqrt(g) (a short read makes it 4-6 %).
  for (const noise of [{ readNoiseRelative: 0.05 }, { readNoiseRelative: 'mtj' as const, readDurationS: 2.5e-10 }])
    test(`${mapping}: read noise (${noise.readNoiseRelative}) in the linear response has the variance of full reads with every conductance redrawn`, (t) => {
      const random = trialStream(4, 'layer-test', 0);
      const config = wiredArrays(mapping, 8, 2, noise);
      const outputs = mapping === 'differential' ? 4 : 7;
      const states = Uint8Array.from({ length: 16 * outputs }, () => Math.floor(random.uniform() * 5));
      const layer = new CrossbarLayer(config, exactLevels, states, 16, outputs, trialStream(4, 'program', 0));
      const response = layer.linearResponse();
      const x = Array.from({ length: 16 }, () => 2 * random.uniform() - 1);
      const reads = 2000;
      const variance = (read: (noise: ReturnType<typeof trialStream>) => Float64Array) => {
        const noise = trialStream(4, 'read-noise', 0);
        const samples = Array.from({ length: reads }, () => read(noise));
        return Array.from({ length: outputs }, (_, j) => {
          const mean = samples.reduce((s, y) => s + y[j]!, 0) / reads;
          return samples.reduce((s, y) => s + (y[j]! - mean) ** 2, 0) / (reads - 1);
        });
      };
      const full = variance((noise) => layer.read(x, noise).y);
      const linear = variance((noise) => layer.readLinear(x, response, noise).y);
      // A sample variance of 2000 draws has a relative standard error of sqrt(2 / 1999) = 3.2 %: 15 % is 4.7 of them
      // for each of the two estimates.
      full.forEach((value, j) => assertClose(t, linear[j]!, value, { rel: 0.15 }, `output ${j}`));
      t.true(
        full.every((value) => value > 1e-3),
        'the noise is far above the ADC step',
      );
    });
}
