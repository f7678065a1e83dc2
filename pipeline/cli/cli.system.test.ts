import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { dwsyn, runToy, tempDir } from '../test-fixtures/helpers.ts';
import { parseConfig } from '../run/config.ts';
import { stages as toyStages } from '../test-fixtures/toy-stages.ts';

test('--help documents every command and exit code', async (t) => {
  const { exitCode, stdout } = await dwsyn(['--help']);
  t.is(exitCode, 0);
  for (const command of ['run', 'status', 'dag', 'audit', 'config', 'schemas', 'data'])
    t.regex(stdout, new RegExp(`\\n  ${command}\\b`));
  for (const code of ['0', '1', '2', '3', '70']) t.regex(stdout, new RegExp(`\\n  ${code}\\s+\\w`));
});

test('usage errors exit 2 with one line on stderr', async (t) => {
  const unknown = await dwsyn(['frobnicate']);
  t.is(unknown.exitCode, 2);
  t.regex(unknown.stderr, /unknown command 'frobnicate'/);
  const stage = await dwsyn(['--results-dir', tempDir(), 'run', 'nosuchstage']);
  t.is(stage.exitCode, 2);
  t.is(stage.stderr.trim(), 'dwsyn: unknown stage "nosuchstage"; stages are: gen, sum');
});

test('config errors name the file and the key and exit 2', async (t) => {
  const dir = tempDir();
  const cases: Array<[unknown, RegExp]> = [
    [{ gen: { cuont: 3 } }, /config key gen\.cuont: unknown key/],
    [{ gen: { scaleM: '3 mT' } }, /config key gen\.scaleM: "3 mT" does not have the dimension of m/],
    [{ gen: { count: -1 } }, /config key gen\.count: Too small/],
  ];
  for (const [content, message] of cases) {
    const path = join(dir, 'config.json');
    writeFileSync(path, JSON.stringify(content));
    const result = await dwsyn(['--results-dir', dir, '--config', path, 'status']);
    t.is(result.exitCode, 2);
    t.regex(result.stderr, new RegExp(`^dwsyn: ${path}: ${message.source}`));
    t.is(result.stderr.trim().split('\n').length, 1);
  }
  writeFileSync(join(dir, 'broken.json'), '{"gen": ');
  const broken = await dwsyn(['--config', join(dir, 'broken.json'), 'status']);
  t.is(broken.exitCode, 2);
  t.regex(broken.stderr, /broken\.json: not valid JSON/);
  const missing = await dwsyn(['--config', join(dir, 'absent.json'), 'status']);
  t.is(missing.exitCode, 2);
  t.regex(missing.stderr, /absent\.json: file not found/);
});

test('status --json lists each stage with its reasons and fingerprint components; stdout is only JSON', async (t) => {
  const dir = tempDir();
  await runToy(dir);
  const result = await dwsyn(['--results-dir', dir, 'status', '--json']);
  t.is(result.exitCode, 0);
  const status = JSON.parse(result.stdout);
  t.deepEqual(
    status.stages.map((s: { stage: string; upToDate: boolean }) => [s.stage, s.upToDate]),
    [
      ['gen', true],
      ['sum', true],
    ],
  );
  t.is(status.stages[0].components.params.gen.count, 5);
  t.regex(status.stages[1].components.inputs.numbers, /^[0-9a-f]{64}$/);
  const check = await dwsyn(['--results-dir', dir, 'status', '--check']);
  t.is(check.exitCode, 0);
  const staleCheck = await dwsyn(['--results-dir', tempDir(), 'status', '--check']);
  t.is(staleCheck.exitCode, 1);
});

test('run --json prints the report; logs go to stderr', async (t) => {
  const dir = tempDir();
  const result = await dwsyn(['--results-dir', dir, 'run', 'gen', '--json']);
  t.is(result.exitCode, 0);
  t.deepEqual(
    JSON.parse(result.stdout).stages.map((s: { stage: string; action: string }) => [s.stage, s.action]),
    [['gen', 'ran']],
  );
  t.regex(result.stderr, /gen: running \(never run/);
});

test('a damaged lock file is an exit-3 error that says what to do', async (t) => {
  const dir = tempDir();
  await runToy(dir);
  const lock = JSON.parse(readFileSync(join(dir, 'lock.json'), 'utf8'));
  lock.lockVersion = 99;
  writeFileSync(join(dir, 'lock.json'), JSON.stringify(lock));
  const result = await dwsyn(['--results-dir', dir, 'status']);
  t.is(result.exitCode, 3);
  t.regex(result.stderr, /lock\.json: invalid lock file: field lockVersion: .*delete it to rebuild everything/);
});

test('dag prints text and mermaid; config prints defaults and a JSON Schema with units', async (t) => {
  const text = await dwsyn(['dag']);
  t.regex(text.stdout, /sum: gen\/numbers -> total \[toy-total\]/);
  const mermaid = await dwsyn(['dag', '--format', 'mermaid']);
  t.regex(mermaid.stdout, /^flowchart LR\n/);
  t.regex(mermaid.stdout, /gen__numbers --> sum/);
  const defaults = JSON.parse((await dwsyn(['config', '--defaults'])).stdout);
  t.deepEqual(defaults, parseConfig(toyStages, {}, 'defaults'));
  const schema = JSON.parse((await dwsyn(['config', '--schema'])).stdout);
  t.is(schema.properties.gen.properties.scaleM.unit, 'm');
  t.false(schema.additionalProperties);
  const kinds = JSON.parse((await dwsyn(['schemas'])).stdout);
  t.deepEqual(Object.keys(kinds), ['toy-numbers', 'toy-total', 'config']);
});
