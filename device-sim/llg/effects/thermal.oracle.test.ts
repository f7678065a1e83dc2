import test from 'ava';
import { boltzmannJPerK, gammaRadPerST } from '../../../core/constants.ts';
import { trialStream } from '../../../core/rng.ts';
import { assertClose } from '../../../core/test-fixtures/assert-close.ts';
import { addUniaxialField } from './anisotropy.ts';
import { StochasticHeun } from '../solver/heun.ts';
import { vectorField, type VectorField } from '../geometry/mesh.ts';
import { brownSigmaT } from './thermal.ts';
import { addZeemanField } from './zeeman.ts';

test('Brown field amplitude: the unit-test value of docs/physics.md (stochastic LLG)', (t) => {
  // alpha 0.1, 300 K, Ms 8e5 A/m, (10 nm)^3, 0.1 ps: sigma_B = 0.242499 T.
  assertClose(t, brownSigmaT(0.1, 300, gammaRadPerST, 8e5, 1e-24, 1e-13), 0.242499, { rel: 2e-6 }, 'sigma_B (T)');
});

/** Ensemble average of f(m) over the last `sampleS` of a run of uncoupled macrospins, sampled every `everyS`. */
function ensembleAverage(
  options: {
    cells: number;
    field: (m: VectorField, b: VectorField) => void;
    alpha: number;
    msatAPerM: number;
    volumeM3: number;
    temperatureK: number;
    dtS: number;
    equilibrateS: number;
    sampleS: number;
    everyS: number;
    seed: number;
  },
  f: (m: VectorField, i: number) => number,
): number {
  const m = vectorField(options.cells);
  m.z.fill(1);
  const sigma = brownSigmaT(
    options.alpha,
    options.temperatureK,
    gammaRadPerST,
    options.msatAPerM,
    options.volumeM3,
    options.dtS,
  );
  const heun = new StochasticHeun(
    options.cells,
    options.field,
    options.alpha,
    gammaRadPerST,
    sigma,
    trialStream(options.seed, 'llg-thermal-test', 0),
  );
  const steps = (s: number) => Math.round(s / options.dtS);
  for (let s = 0; s < steps(options.equilibrateS); s++) heun.step(m, options.dtS);
  let sum = 0;
  let samples = 0;
  const every = steps(options.everyS);
  for (let s = 1; s <= steps(options.sampleS); s++) {
    heun.step(m, options.dtS);
    if (s % every === 0) {
      for (let i = 0; i < options.cells; i++) sum += f(m, i);
      samples += options.cells;
    }
  }
  return sum / samples;
}

test('uncoupled macrospins in a field follow the Langevin function <m.b> = coth(xi) - 1/xi', (t) => {
  const [msat, volume, temperature] = [1e6, 1e-24, 300];
  for (const bT of [0.01, 0.05]) {
    const xi = (msat * volume * bT) / (boltzmannJPerK * temperature);
    const langevin = 1 / Math.tanh(xi) - 1 / xi;
    const mean = ensembleAverage(
      // alpha 1: the relaxation time (1 + alpha^2) Ms V / (2 alpha gamma k_B T) is 1.4 ns; 10 ns of equilibration leave
      // e^-7 of the start.
      {
        cells: 2048,
        field: (_m, b) => addZeemanField([0, 0, bT], b),
        alpha: 1,
        msatAPerM: msat,
        volumeM3: volume,
        temperatureK: temperature,
        dtS: 1e-12,
        equilibrateS: 1e-8,
        sampleS: 5e-9,
        everyS: 1e-10,
        seed: 1,
      },
      (m, i) => m.z[i]!,
    );
    // 100 000 samples (about 8 000 independent) of a variable with spread below 0.6: standard error about 0.007.
    assertClose(t, mean, langevin, { abs: 0.012 }, `<m_z> at ${bT} T (xi ${xi.toFixed(2)})`);
  }
});

test('a uniaxial macrospin: <m_z^2> = int x^2 e^(s x^2) / int e^(s x^2) with s = K V / (k_B T)', (t) => {
  const [msat, volume, temperature, ku] = [1e6, 1e-24, 100, 2500];
  const s = (ku * volume) / (boltzmannJPerK * temperature);
  const integral = (power: number) => {
    let sum = 0;
    const n = 20000;
    for (let k = 0; k < n; k++) {
      const x = (k + 0.5) / n;
      sum += x ** power * Math.exp(s * x * x);
    }
    return sum / n;
  };
  const expected = integral(2) / integral(0);
  t.true(Math.abs(expected - 0.51211) < 1e-4, `oracle ${expected} (docs/physics.md gives 0.51211)`);
  const kuPerCell = new Float64Array(2048).fill(ku);
  const mean = ensembleAverage(
    {
      cells: 2048,
      field: (m, b) => addUniaxialField(kuPerCell, [0, 0, 1], msat, m, b),
      alpha: 1,
      msatAPerM: msat,
      volumeM3: volume,
      temperatureK: temperature,
      dtS: 1e-12,
      equilibrateS: 1e-8,
      sampleS: 1e-8,
      everyS: 5e-10,
      seed: 2,
    },
    (m, i) => m.z[i]! ** 2,
  );
  assertClose(t, mean, expected, { abs: 0.015 }, '<m_z^2>');
});

test('the same seed gives the same thermal trajectory bit for bit; another seed does not', (t) => {
  const run = (seed: number) => {
    const m = vectorField(16);
    m.z.fill(1);
    const heun = new StochasticHeun(
      16,
      (_m, b) => addZeemanField([0, 0, 0.1], b),
      0.1,
      gammaRadPerST,
      0.05,
      trialStream(seed, 'llg-determinism', 3),
    );
    for (let s = 0; s < 200; s++) heun.step(m, 1e-13);
    return [...m.x, ...m.y, ...m.z];
  };
  t.deepEqual(run(7), run(7));
  t.notDeepEqual(run(7), run(8));
});
