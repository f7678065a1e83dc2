import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { codeClosure, hashCodeClosure } from './code-closure.ts';
import { tempDir } from '../test-fixtures/helpers.ts';
import { repoRoot } from '../cli/version.ts';

function tree(files: Record<string, string>): string {
  const root = tempDir('dwsyn-closure-');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

test('the closure follows static, multi-line, re-exported and dynamic imports, wasm URLs and their AssemblyScript', (t) => {
  const root = tree({
    'a.ts': "import {\n  b,\n  c,\n} from './lib/b.ts';\nimport type { T } from './types.ts';\nimport 'zod/v4';\n",
    'lib/b.ts':
      "export * from './c.ts';\nimport * as fs from 'node:fs';\nimport path from 'path';\nconst m = await import('../d.ts');\n",
    'lib/c.ts': "import { x } from '@scope/pkg/sub';\nconst w = new URL('./k.wasm', import.meta.url);\n",
    'lib/k.wasm': 'binary',
    'lib/k.as.ts': "import { at } from './address.as';\n",
    'lib/address.as.ts': 'export function at(): void {}\n',
    'd.ts': "const table = await import(someComputedPath);\nexport const root = new URL('..', import.meta.url);\n",
    'types.ts': 'export type T = number;\n',
    'unreached.ts': "import './a.ts';\n",
  });
  const closure = codeClosure(root, [join(root, 'a.ts')]);
  t.deepEqual(Object.keys(closure.files), [
    'a.ts',
    'd.ts',
    'lib/address.as.ts',
    'lib/b.ts',
    'lib/c.ts',
    'lib/k.as.ts',
    'lib/k.wasm',
    'types.ts',
  ]);
  t.deepEqual(closure.packages, ['@scope/pkg', 'zod']);
});

test('an import of a missing file names it; code that reaches outside the repository is refused', (t) => {
  const root = tree({ 'a.ts': "import './gone.ts';\n", 'sub/b.ts': "import '../a2.ts';\n", 'a2.ts': '' });
  t.throws(() => codeClosure(root, [join(root, 'a.ts')]), { message: /gone\.ts: imported but missing/ });
  t.throws(() => codeClosure(join(root, 'sub'), [join(root, 'sub/b.ts')]), {
    message: /reaches outside the repository/,
  });
});

test("the stages' closures hold what the hand-written lists missed, and no stage holds another's own code", (t) => {
  const closure = (entry: string) => Object.keys(codeClosure(repoRoot, [join(repoRoot, entry)]).files);
  const train = closure('pipeline/stages/train.ts');
  t.true(train.includes('crossbar/direct.ts'), 'train evaluates through the crossbar solver');
  t.true(train.includes('nn/wasm/kernels.wasm') && train.includes('nn/wasm/matmul.as.ts'));
  t.false(
    closure('pipeline/stages/crossbar.ts').some((file) => file.startsWith('nn/') || file.startsWith('device-sim/')),
  );
  // The stages that read the device table hold no device-sim code, though `device.model` routes which table they read.
  for (const reader of ['pipeline/stages/train.ts', 'pipeline/stages/paper.ts', 'pipeline/stages/report.ts'])
    t.false(
      closure(reader).some((file) => file.startsWith('device-sim/')),
      reader,
    );
  t.true(closure('pipeline/stages/device.ts').includes('device-sim/llg/wasm/fft.wasm'));
  t.true(closure('pipeline/stages/device.ts').includes('device-sim/llg/wasm/heun.as.ts'), 'the fused Heun kernels');
  t.false(closure('pipeline/stages/device.ts').some((file) => file.startsWith('nn/')));
  const hashes = hashCodeClosure(repoRoot, [join(repoRoot, 'pipeline/stages/crossbar.ts')]);
  t.truthy(hashes['artifacts/artifact.ts'], 'the runner writes every artifact through artifacts/artifact.ts');
  t.regex(hashes['npm:zod'] ?? '', /^[0-9a-f]{64}$/);
  t.false(Object.keys(hashes).some((file) => file.endsWith('.test.ts')));
});

test("the libraries' entry points reach no pipeline/ or presets/ file, by any import or file reference", (t) => {
  // Biome's noRestrictedImports sees import statements; the closure also follows `typeof import(…)` and the
  // `new URL(…, import.meta.url)` references by which workers, WebAssembly and data load.
  const entries = ['core', 'artifacts', 'datasets', 'device-sim', 'crossbar', 'nn'].map((library) =>
    join(repoRoot, library, 'index.ts'),
  );
  const files = Object.keys(codeClosure(repoRoot, entries).files);
  t.true(files.includes('device-sim/envelope/literature.json') && files.includes('nn/wasm/kernels.wasm'));
  t.deepEqual(
    files.filter((file) => file.startsWith('pipeline/') || file.startsWith('presets/')),
    [],
  );
});
