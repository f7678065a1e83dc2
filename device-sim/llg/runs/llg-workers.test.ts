import test from 'ava';
import { LlgCase } from '../formats/llg-case.ts';
import { simulateLlgCase } from './llg-simulate.ts';
import { simulateLlgCaseOnWorkers } from './llg-workers.ts';

const llgCase = LlgCase.parse({
  model: 'llg',
  walls: 3,
  temperatureK: 300,
  durationS: 20e-12,
  samples: 4,
  relaxIterations: 50,
  geometry: { lengthM: 200e-9, widthM: 20e-9 },
  mesh: { cellM: [4e-9, 4e-9, 1e-9] },
  initial: { positionM: 100e-9 },
  drive: { currentDensityAPerM2: 5e11 },
});

test('trials spread over two worker threads give the rows and states of a run in one thread', async (t) => {
  const here = simulateLlgCase(llgCase);
  const samples: string[] = [];
  const spread = await simulateLlgCaseOnWorkers(llgCase, 2, (trial, sample) => samples.push(`${trial}:${sample}`));
  t.deepEqual(spread.rows, here.rows);
  t.deepEqual(spread.mesh, here.mesh);
  t.deepEqual(
    spread.trials.map((trial) => [trial.finalPositionM, Array.from(trial.final.z)]),
    here.trials.map((trial) => [trial.finalPositionM, Array.from(trial.final.z)]),
  );
  t.is(new Set(samples).size, llgCase.walls * llgCase.samples, 'every sample of every trial reported');
  t.true(new Set(here.trials.map((trial) => trial.finalPositionM)).size === llgCase.walls, 'the trials differ');
});
