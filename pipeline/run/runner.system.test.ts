import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { assessPipeline, kindsOf } from './staleness.ts';
import { parseConfig } from './config.ts';
import { orderStages } from './graph.ts';
import { readLock } from './lock.ts';
import { repoRoot } from '../cli/version.ts';
import { runToy, tempDir } from '../test-fixtures/helpers.ts';
import { stages as toyStages } from '../test-fixtures/toy-stages.ts';

const statusOf = (resultsDir: string, raw: unknown = {}) =>
  assessPipeline(orderStages(toyStages), {
    repoRoot,
    resultsDir,
    config: parseConfig(toyStages, raw, 'test'),
    lock: readLock(resultsDir),
    kinds: kindsOf(toyStages),
  });

const reasonsOf = (resultsDir: string, raw: unknown = {}) =>
  Object.fromEntries(statusOf(resultsDir, raw).map((s) => [s.stage, s.reasons]));

test('a first run runs every stage, a second skips them all, and the lock records both', async (t) => {
  const dir = tempDir();
  const first = await runToy(dir);
  t.deepEqual(
    first.report.map((r) => r.action),
    ['ran', 'ran'],
  );
  t.deepEqual(first.report[0]!.reasons, ['never run (no entry in lock.json)']);
  const second = await runToy(dir);
  t.deepEqual(
    second.report.map((r) => r.action),
    ['skipped', 'skipped'],
  );
  t.true(second.lines.some((l) => l === 'gen: up to date, skipped'));
  const lock = readLock(dir);
  t.is(lock.lockVersion, 1);
  t.deepEqual(Object.keys(lock.stages).sort(), ['gen', 'sum']);
  t.deepEqual(readdirSync(dir).sort(), ['gen', 'lock.json', 'sum']);
});

test('every rerun reason is named', async (t) => {
  const dir = tempDir();
  await runToy(dir);
  t.deepEqual(reasonsOf(dir), { gen: [], sum: [] });
  // A param the stage reads, with a unit string: the reason shows the SI values.
  t.deepEqual(reasonsOf(dir, { gen: { scaleM: '2 nm' } }).gen, ['param gen.scaleM 1e-9 -> 2e-9']);
  t.deepEqual(reasonsOf(dir, { gen: { scaleM: '2 nm' } }).sum, ['upstream stage gen is stale and runs first']);
  // A key no stage reads changes nothing (DVC params scope, PyPSA #663).
  t.deepEqual(reasonsOf(dir, { gen: { unusedByStages: 3 } }), { gen: [], sum: [] });
  t.deepEqual(reasonsOf(dir, { seed: 2 }).gen, ['seed 1 -> 2']);
  t.deepEqual(reasonsOf(dir, { sum: { offsetM: 1 } }), { gen: [], sum: ['param sum.offsetM 0 -> 1'] });

  const lock = readLock(dir);
  const edited = structuredClone(lock);
  edited.stages['gen']!.components.stageVersion = 0;
  edited.stages['gen']!.components.sources['pipeline/test-fixtures/toy-stages.ts'] = '0'.repeat(64);
  writeFileSync(join(dir, 'lock.json'), JSON.stringify(edited));
  t.deepEqual(reasonsOf(dir).gen, [
    'stage version 0 -> 1',
    'code changed: pipeline/test-fixtures/toy-stages.ts modified',
  ]);
  writeFileSync(join(dir, 'lock.json'), JSON.stringify(lock));

  const numbers = join(dir, 'gen/numbers.json');
  const original = readFileSync(numbers, 'utf8');
  const artifact = JSON.parse(original);
  artifact.data.valuesM[0] = 0;
  writeFileSync(numbers, JSON.stringify(artifact));
  t.regex(reasonsOf(dir).gen![0]!, /^output numbers invalid|^output numbers .*does not match|^output numbers/);
  writeFileSync(numbers, original);
  t.deepEqual(reasonsOf(dir), { gen: [], sum: [] });

  const total = join(dir, 'sum/total.json');
  writeFileSync(`${total}.bak`, readFileSync(total));
  const { rmSync } = await import('node:fs');
  rmSync(total);
  t.deepEqual(reasonsOf(dir).sum, [`output total missing (${total})`]);
});

test('a hand-edited output that is still a valid artifact is caught as edited', async (t) => {
  const dir = tempDir();
  await runToy(dir);
  // Rewrite gen's output validly (recomputed hash) but with other data: the lock knows better.
  const { writeArtifact } = await import('../../artifacts/artifact.ts');
  const { toyNumbers } = await import('../test-fixtures/toy-stages.ts');
  const path = join(dir, 'gen/numbers.json');
  const artifact = JSON.parse(readFileSync(path, 'utf8'));
  const { sha256: _drop, ...provenance } = artifact.provenance;
  writeArtifact(path, toyNumbers, provenance, { valuesM: [42] });
  t.deepEqual(reasonsOf(dir).gen, ['output numbers changed since it was written (edited by hand?)']);
  t.deepEqual(reasonsOf(dir).sum, ['upstream stage gen is stale and runs first']);
  const rerun = await runToy(dir);
  t.deepEqual(
    rerun.report.map((r) => r.action),
    ['ran', 'skipped'],
    'gen reproduces its output, so sum needs no rerun',
  );
});

test('an upstream rerun that reproduces the same output does not rerun downstream', async (t) => {
  const dir = tempDir();
  await runToy(dir);
  const forced = await runToy(dir, {}, { force: true, targets: ['gen'] });
  t.deepEqual(
    forced.report.map((r) => [r.stage, r.action]),
    [['gen', 'ran']],
  );
  t.deepEqual(forced.report[0]!.reasons, ['forced (--force)']);
  const changed = await runToy(dir, { gen: { count: 6 } });
  t.deepEqual(
    changed.report.map((r) => r.action),
    ['ran', 'ran'],
  );
  t.deepEqual(changed.report[1]!.reasons, ['input numbers changed']);
});

test('dry run says what would run and writes nothing', async (t) => {
  const dir = tempDir();
  const { report } = await runToy(dir, {}, { dryRun: true });
  t.deepEqual(
    report.map((r) => r.action),
    ['would-run', 'would-run'],
  );
  t.deepEqual(report[1]!.reasons, ['upstream stage gen is stale and runs first']);
  t.deepEqual(readdirSync(dir), []);
});

test('a failing stage leaves no artifact, no staging files and an unchanged lock', async (t) => {
  const dir = tempDir();
  await runToy(dir);
  const lockBefore = readFileSync(join(dir, 'lock.json'), 'utf8');
  const before = readFileSync(join(dir, 'gen/numbers.json'), 'utf8');
  for (const [failure, exitCode] of [
    ['throw', 70],
    ['nan', 1],
  ] as const) {
    const error = await t.throwsAsync(runToy(dir, { gen: { failure, count: 9 } }));
    t.is(
      error!.message,
      `stage gen failed with exit code ${exitCode}; nothing was written (its error, if any, is above)`,
    );
    t.deepEqual(
      (error as unknown as { report: Array<{ action: string }> }).report.map((r) => r.action),
      ['failed', 'not-run'],
    );
  }
  t.is(readFileSync(join(dir, 'lock.json'), 'utf8'), lockBefore);
  t.is(readFileSync(join(dir, 'gen/numbers.json'), 'utf8'), before);
  t.deepEqual(readdirSync(dir).sort(), ['gen', 'lock.json', 'sum']);
  t.deepEqual(readdirSync(join(dir, 'gen')), ['numbers.json']);
});

test('a stage killed with SIGKILL while writing leaves no partial file and an unchanged lock', async (t) => {
  const dir = tempDir();
  await runToy(dir);
  const lockBefore = readFileSync(join(dir, 'lock.json'), 'utf8');
  const numbersBefore = readFileSync(join(dir, 'gen/numbers.json'), 'utf8');
  // Two million numbers take long enough to write that the temp file can be caught half-written.
  const run = runToy(dir, { gen: { count: 2_000_000 } });
  const staging = join(dir, '.staging');
  let killedWhileWriting = false;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const stageDir = existsSync(staging) ? readdirSync(staging).map((d) => join(staging, d))[0] : undefined;
    if (stageDir && existsSync(stageDir)) {
      const files = readdirSync(stageDir);
      if (files.some((f) => f.endsWith('.tmp')) && files.includes('child.pid')) {
        process.kill(Number(readFileSync(join(stageDir, 'child.pid'), 'utf8')), 'SIGKILL');
        killedWhileWriting = true;
        break;
      }
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  t.true(killedWhileWriting, 'caught the child while its temp file existed');
  await t.throwsAsync(run, { message: /stage gen was killed by SIGKILL; nothing was written/ });
  t.is(readFileSync(join(dir, 'lock.json'), 'utf8'), lockBefore);
  t.is(readFileSync(join(dir, 'gen/numbers.json'), 'utf8'), numbersBefore);
  t.deepEqual(readdirSync(dir).sort(), ['gen', 'lock.json', 'sum']);
  t.deepEqual(readdirSync(join(dir, 'gen')), ['numbers.json']);
  // The next run redoes exactly what the config asks for.
  const again = await runToy(dir, { gen: { count: 3 } });
  t.deepEqual(
    again.report.map((r) => r.action),
    ['ran', 'ran'],
  );
});
