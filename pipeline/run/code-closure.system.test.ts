import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { tempDir } from '../test-fixtures/helpers.ts';
import { copyOfSmallPipeline } from '../test-fixtures/small-pipeline.ts';
import { repoRoot } from '../cli/version.ts';

/** The repository's files (tracked or new, not ignored) in a folder of their own, node_modules linked. */
function copyOfRepository(): string {
  const copy = tempDir('dwsyn-repo-');
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  for (const file of listed
    .trim()
    .split('\n')
    .filter((name) => existsSync(join(repoRoot, name)))) {
    mkdirSync(join(copy, file, '..'), { recursive: true });
    cpSync(join(repoRoot, file), join(copy, file));
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(copy, 'node_modules'));
  return copy;
}

type Status = { stage: string; upToDate: boolean; optInNotRun?: true; reasons: string[] };

test("an edit anywhere in a stage's code makes that stage stale, naming the file; an edit outside every stage's code does not", async (t) => {
  const repo = copyOfRepository();
  const pipeline = await copyOfSmallPipeline();
  const status = async (): Promise<Status[]> => {
    const args = ['--results-dir', pipeline.results, '--config', pipeline.config, 'status', '--json'];
    const result = await execa(process.execPath, [join(repo, 'bin/dwsyn.js'), ...args], { reject: false });
    t.is(result.exitCode, 0, result.stderr);
    // The opt-in LLG table has not run in the small pipeline: it has no code to be stale about.
    return JSON.parse(result.stdout).stages.filter((s: Status) => !s.optInNotRun);
  };
  t.deepEqual(
    (await status()).filter((s) => !s.upToDate).map((s) => [s.stage, s.reasons]),
    [],
    'the copy of the code is the code that made the pipeline',
  );
  const cases: Array<[string, string[]]> = [
    ['device-sim/wall/pinning/periodic.ts', ['device']],
    ['device-sim/llg/wasm/butterflies.as.ts', ['device']],
    ['crossbar/direct.ts', ['crossbar', 'train', 'paper']],
    ['nn/adam.ts', ['train', 'paper']],
    ['nn/wasm/kernels.wasm', ['train', 'paper']],
    ['datasets/idx.ts', ['train', 'paper']],
    ['nn/paper-worker.ts', ['paper']],
    ['core/worker-pool.ts', ['device', 'paper']],
    ['pipeline/report/html.ts', ['report']],
    ['artifacts/artifact.ts', ['device', 'crossbar', 'train', 'paper', 'report']],
    ['bench/run.ts', []],
    ['README.md', []],
  ];
  for (const [file, edited] of cases) {
    const path = join(repo, file);
    const original = readFileSync(path);
    // A wasm binary stays valid with a custom section appended (id 0, 3 bytes: a 2-byte name "dw").
    appendFileSync(path, file.endsWith('.wasm') ? Buffer.from([0, 3, 2, 0x64, 0x77]) : '\n// edited\n');
    const stages = await status();
    writeFileSync(path, original);
    // A stage whose code changed names the file, unless it waits on an upstream stage whose code changed too (it is
    // judged once that one has run).
    const waitsOnEdited = (r: string) => edited.includes(/^upstream stage (\S+) is stale/.exec(r)?.[1] ?? '');
    for (const s of stages) {
      const detail = `${file}: ${s.stage}: ${s.reasons.join('; ')}`;
      const named = s.reasons.includes(`code changed: ${file} modified`);
      if (edited.includes(s.stage)) t.true(named || (s.reasons.length > 0 && s.reasons.every(waitsOnEdited)), detail);
      else
        t.false(
          s.reasons.some((r) => r.startsWith('code changed')),
          detail,
        );
    }
    t.true(
      edited.length === 0 || stages.some((s) => s.reasons.includes(`code changed: ${file} modified`)),
      `${file} named`,
    );
    if (edited.length === 0)
      t.true(
        stages.every((s) => s.upToDate),
        `${file} touches no stage`,
      );
  }
});
