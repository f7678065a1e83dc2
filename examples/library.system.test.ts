import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { repoRoot, tempDir } from '../core/test-fixtures/files.ts';

const devDependencies = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).devDependencies;
const tsc = join(repoRoot, 'node_modules/.bin/tsc');

/** A fresh project that installs the packed tarball (and the Node types its TypeScript needs), and nothing else. */
async function projectWith(tarball: string): Promise<string> {
  const project = tempDir('dwsyn-package-');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-dwsyn', private: true, type: 'module' }));
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'es2022', module: 'nodenext', strict: true, noEmit: true, types: ['node'] },
      files: ['library.ts'],
    }),
  );
  copyFileSync(join(repoRoot, 'examples/library.ts'), join(project, 'library.ts'));
  const types = `@types/node@${devDependencies['@types/node']}`;
  await execa('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, types], { cwd: project });
  return project;
}

test('the packed package installs into an empty project, where the typed example type-checks and prints what it prints from the sources', async (t) => {
  const packDir = tempDir('dwsyn-pack-');
  await execa('npm', ['pack', '--pack-destination', packDir], { cwd: repoRoot });
  const tarball = join(packDir, readdirSync(packDir).find((name) => name.endsWith('.tgz'))!);
  const project = await projectWith(tarball);
  const checked = await execa(tsc, ['-p', project], { reject: false });
  t.is(checked.exitCode, 0, checked.stdout);
  const installed = await execa(process.execPath, ['--import', 'tsx', 'library.ts'], { cwd: project });
  const resolved = await execa(
    process.execPath,
    ['--input-type=module', '-e', "console.log(import.meta.resolve('dwsyn/nn'))"],
    {
      cwd: project,
    },
  );
  t.regex(resolved.stdout, /node_modules\/dwsyn\/dist\/nn\/index\.js$/, 'the project runs the compiled JavaScript');
  const fromSource = await execa(process.execPath, ['--import', 'tsx', 'examples/library.ts'], { cwd: repoRoot });
  t.is(installed.stdout, fromSource.stdout, 'the compiled library computes what the sources compute, bit for bit');
  const accuracy = Number(/test accuracy ([\d.]+) %/.exec(installed.stdout)?.[1]);
  t.true(accuracy > 30, `the network learned (${accuracy} % against 10 % for chance)`);
  t.log(installed.stdout);
});

test('npm run docs renders an API page for each entry point', async (t) => {
  const out = tempDir('dwsyn-docs-');
  await execa('npm', ['run', 'docs', '--', '--out', out], { cwd: repoRoot });
  const pages = readdirSync(join(out, 'modules')).sort();
  t.deepEqual(pages, [
    'dwsyn_artifacts.html',
    'dwsyn_core.html',
    'dwsyn_crossbar.html',
    'dwsyn_datasets.html',
    'dwsyn_device.html',
    'dwsyn_nn.html',
  ]);
  t.regex(
    readFileSync(join(out, 'functions', 'dwsyn_device.characterizeDevice.html'), 'utf8'),
    /Characterizes the device/,
  );
});
