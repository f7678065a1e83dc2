import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { hashFile, hashValue } from './hash.ts';

/** sha256 of each source file of a stage, keyed by its path relative to the repository root. */
export type SourceHashes = Record<string, string>;

const isSource = (name: string) => /\.(ts|js|mjs|json|wasm)$/.test(name) && !/\.test\.ts$/.test(name);

/**
 * Hashes the files a stage's code is made of. Tests are left out: editing a test must not rerun a stage.
 * Paths may be folders (walked recursively) or files.
 */
export function hashSources(repoRoot: string, paths: readonly string[]): SourceHashes {
  const hashes: SourceHashes = {};
  const visit = (absolute: string) => {
    const stats = statSync(absolute);
    if (stats.isDirectory()) {
      for (const name of readdirSync(absolute).sort()) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        visit(join(absolute, name));
      }
    } else if (isSource(absolute)) {
      hashes[relative(repoRoot, absolute).split(sep).join('/')] = hashFile(absolute);
    }
  };
  for (const path of paths) visit(join(repoRoot, path));
  return hashes;
}

export function combinedSourceHash(hashes: SourceHashes): string {
  return hashValue(hashes);
}
