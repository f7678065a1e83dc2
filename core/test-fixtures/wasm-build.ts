import { readFileSync } from 'node:fs';
import type { ExecutionContext } from 'ava';
import { execa } from 'execa';
import { repoRoot, tempDir } from './files.ts';

/**
 * Compiles the AssemblyScript sources as the package.json script `scriptName` (`asc ENTRY ... -o OUT`)
 * does, into a temporary file, and asserts the committed OUT is byte for byte what comes out.
 */
export async function assertCommittedWasm(t: ExecutionContext, scriptName: string): Promise<void> {
  const script = JSON.parse(readFileSync(`${repoRoot}/package.json`, 'utf8')).scripts[scriptName] as string;
  const args = script.split(' ').slice(1);
  const outAt = args.indexOf('-o') + 1;
  const committed = `${repoRoot}/${args[outAt]!}`;
  args[outAt] = `${tempDir()}/out.wasm`;
  await execa('npx', ['asc', ...args], { cwd: repoRoot });
  t.deepEqual(
    readFileSync(args[outAt]),
    readFileSync(committed),
    `${committed} differs from what npm run ${scriptName} makes`,
  );
}
