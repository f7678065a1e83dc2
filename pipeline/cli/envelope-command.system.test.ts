import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { cliPath, tempDir } from '../test-fixtures/helpers.ts';

const envelopeCommand = (args: readonly string[]) =>
  execa(process.execPath, [cliPath, 'device', 'envelope', ...args], { reject: false });

test('device envelope --json: each checked parameter of a config against its literature range', async (t) => {
  const config = join(tempDir(), 'config.json');
  writeFileSync(config, JSON.stringify({ device: { material: { alpha: 0.02 } } }));
  const result = await envelopeCommand(['--config', config, '--json']);
  t.is(result.exitCode, 0, result.stderr);
  const { parameters } = JSON.parse(result.stdout) as {
    parameters: Array<{ key: string; inside: boolean | null; values: number[]; sources: unknown[] }>;
  };
  const byKey = new Map(parameters.map((p) => [p.key, p]));
  t.deepEqual(byKey.get('material.alpha')?.values, [0.02]);
  t.is(byKey.get('material.alpha')?.inside, true);
  t.is(byKey.get('gate.law.magnetostriction')?.inside, false, "the default strain gate's lambda_s");
  t.is(byKey.get('disorder.grainSizeM')?.inside, true, 'the default grain size, 10 nm');
  t.is(byKey.get('material.kiJPerM2')?.inside, null, 'a reference range is not checked');
  t.true(parameters.every((p) => p.sources.length > 0));
});

test('a bad envelope file gets one line naming the file and the key, and exit 2', async (t) => {
  const dir = tempDir();
  const shipped = JSON.parse(
    readFileSync(new URL('../../device-sim/envelope/literature.json', import.meta.url), 'utf8'),
  );
  const withoutSource = join(dir, 'without-source.json');
  shipped.parameters['material.alpha'].sources = [];
  writeFileSync(withoutSource, JSON.stringify(shipped));
  const refused = await envelopeCommand(['--envelope', withoutSource]);
  t.is(refused.exitCode, 2);
  t.regex(
    refused.stderr.trim(),
    /^dwsyn: .*without-source\.json: field parameters\.material\.alpha\.sources: a range needs at least one source$/,
  );
  const typo = join(dir, 'typo.json');
  shipped.parameters['material.alpha'].sources = ['emori2013'];
  shipped.parameters['material.alhpa'] = shipped.parameters['material.alpha'];
  writeFileSync(typo, JSON.stringify(shipped));
  const unknown = await envelopeCommand(['--envelope', typo]);
  t.is(unknown.exitCode, 2);
  t.regex(unknown.stderr, /typo\.json: field parameters\.material\.alhpa: no numeric device config key of this name/);
});
