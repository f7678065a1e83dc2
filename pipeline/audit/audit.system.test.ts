import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { dwsyn, runToy, tempDir } from '../test-fixtures/helpers.ts';

interface AuditJson {
  ok: boolean;
  artifacts: Array<{ path: string; status: string; detail?: string; lineage: string[] }>;
}

const audit = async (dir: string, ...args: string[]) => {
  const result = await dwsyn(['--results-dir', dir, 'audit', '--json', ...args]);
  return { exitCode: result.exitCode, report: JSON.parse(result.stdout) as AuditJson, stderr: result.stderr };
};
const statusByFile = (report: AuditJson) =>
  Object.fromEntries(report.artifacts.map((a) => [a.path.split('/').slice(-2).join('/'), a.status]));

test('a clean run audits ok, with the lineage walked to the root', async (t) => {
  const dir = tempDir();
  await runToy(dir);
  const { exitCode, report } = await audit(dir);
  t.is(exitCode, 0);
  t.true(report.ok);
  t.deepEqual(statusByFile(report), { 'gen/numbers.json': 'ok', 'sum/total.json': 'ok' });
  t.deepEqual(report.artifacts.find((a) => a.path.endsWith('total.json'))!.lineage, [join(dir, 'gen/numbers.json')]);
});

test('audit catches a one-byte edit, a schema violation, a deleted input and a stale artifact', async (t) => {
  const dir = tempDir();
  await runToy(dir);
  const numbers = join(dir, 'gen/numbers.json');
  const original = readFileSync(numbers, 'utf8');

  const digit = original.search(/\d\.\d/);
  writeFileSync(
    numbers,
    original.slice(0, digit) + String((Number(original[digit]) + 1) % 10) + original.slice(digit + 1),
  );
  let { exitCode, report } = await audit(dir);
  t.is(exitCode, 3);
  t.deepEqual(statusByFile(report), { 'gen/numbers.json': 'hash-mismatch', 'sum/total.json': 'broken-lineage' });

  writeFileSync(numbers, original.replace('"valuesM": [', '"valuesM": ["oops", '));
  ({ exitCode, report } = await audit(dir, numbers));
  t.is(exitCode, 3);
  t.is(report.artifacts[0]!.status, 'schema-error');
  t.regex(report.artifacts[0]!.detail!, /field data\.valuesM\[0\]/);

  renameSync(numbers, `${numbers}.moved`);
  ({ exitCode, report } = await audit(dir, join(dir, 'sum/total.json')));
  t.is(exitCode, 3);
  t.is(report.artifacts[0]!.status, 'broken-lineage');
  t.regex(report.artifacts[0]!.detail!, /input numbers of .* is missing/);
  renameSync(`${numbers}.moved`, numbers);
  writeFileSync(numbers, original);

  const config = join(dir, '..', `${dir.split('/').pop()}-config.json`);
  writeFileSync(config, JSON.stringify({ sum: { offsetM: '1 nm' } }));
  const stale = await dwsyn(['--results-dir', dir, '--config', config, 'audit', '--json']);
  t.is(stale.exitCode, 1);
  t.deepEqual(statusByFile(JSON.parse(stale.stdout)), { 'gen/numbers.json': 'ok', 'sum/total.json': 'stale' });
});
