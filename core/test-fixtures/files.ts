import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The repository's root folder, for tests that read its files (package.json, committed WebAssembly). */
export const repoRoot: string = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

/** A fresh temporary folder. */
export const tempDir = (prefix = 'dwsyn-test-') => mkdtempSync(join(tmpdir(), prefix));
