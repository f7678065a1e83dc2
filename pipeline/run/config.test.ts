import test from 'ava';
import { parseConfig, pickParams } from './config.ts';
import { UsageError } from '../../core/errors.ts';
import { stages } from '../test-fixtures/toy-stages.ts';
import { stages as pipelineStages } from '../stages/stages.ts';
import { repoRoot } from '../cli/version.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

test('every key is optional and gets its default', (t) => {
  t.deepEqual(parseConfig(stages, {}, 'c'), {
    seed: 1,
    executor: {
      kind: 'local',
      workers: 0,
      partition: '',
      timeLimit: '1:00:00',
      cpusPerTask: 1,
      memPerTaskMb: 2048,
      shards: 4,
      maxRetries: 2,
      pollIntervalS: 1,
    },
    gen: { count: 5, scaleM: 1e-9, failure: 'none', unusedByStages: 0 },
    sum: { offsetM: 0 },
  });
});

test('unknown keys are refused at every level, with their name', (t) => {
  t.throws(() => parseConfig(stages, { sede: 2 }, 'c.json'), {
    instanceOf: UsageError,
    message: 'c.json: config key sede: unknown key',
  });
  t.throws(() => parseConfig(stages, { gen: { x: 1 } }, 'c.json'), {
    message: 'c.json: config key gen.x: unknown key',
  });
});

test('a stage sees only the keys it reads', (t) => {
  const config = parseConfig(stages, { gen: { count: 3 } }, 'c');
  t.deepEqual(pickParams(config, ['gen.count', 'sum.offsetM']), { gen: { count: 3 }, sum: { offsetM: 0 } });
});

test("the repository's preset configs are valid configs of the pipeline's stage table, each saying in its about what it is for (and, where it sets physical values, their sources)", (t) => {
  const presets = ['presets/network', 'presets/crossbar', 'presets/device'].flatMap((dir) =>
    readdirSync(join(repoRoot, dir))
      .filter((name) => name.endsWith('.json'))
      .map((name) => `${dir}/${name}`),
  );
  t.true(presets.length >= 6, presets.join(', '));
  for (const preset of presets) {
    const path = join(repoRoot, preset);
    const config = parseConfig(pipelineStages, JSON.parse(readFileSync(path, 'utf8')), path);
    t.true(String(config['about'] ?? '').length > 40, `${preset}: its "about" says what it is for`);
  }
  const oneSeedPath = join(repoRoot, 'presets/network/one-seed.json');
  const oneSeed = parseConfig(pipelineStages, JSON.parse(readFileSync(oneSeedPath, 'utf8')), 'p');
  const defaults = parseConfig(pipelineStages, {}, 'defaults');
  t.deepEqual(oneSeed['paper'], { ...(defaults['paper'] as object), seeds: [1] });
});
