import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { hashValue, sha256 } from '../../artifacts/hash.ts';

/**
 * The code a stage's output depends on, found by following imports rather than listed by hand: every module its
 * entry reaches through relative static and dynamic imports (with string specifiers), the WebAssembly binaries they
 * load by `new URL('….wasm', import.meta.url)` with the AssemblyScript sources those are compiled from, and the npm
 * packages they import or locate by `require.resolve` (MNIST, fonts). A dynamic import of a computed path is not
 * followed: the runner loads the stage table that way, so the code of one stage does not pull in every other stage.
 */
export interface CodeClosure {
  /** sha256 of each file, keyed by its repository-relative path, in path order. */
  files: Record<string, string>;
  /** npm package names imported by bare specifier, sorted. */
  packages: string[];
}

const staticImport = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/g;
const dynamicImport = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const urlReference = /new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g;
/** A package's files located through createRequire(…).resolve of a path in it (data and fonts that npm ships). */
const resolvedPackage = /\.resolve\(\s*['"]([^'"./][^'"]*)['"]\s*\)/g;
const builtins = new Set(builtinModules);

/** The package a bare specifier names: `zod` for `zod/v4`, `@scope/name` for `@scope/name/sub`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/** Import specifiers and URL references of a module (in comments too: at worst a file too many is hashed). */
function specifiers(source: string): { modules: string[]; urls: string[] } {
  const modules = [staticImport, dynamicImport, resolvedPackage].flatMap((pattern) =>
    [...source.matchAll(pattern)].map((m) => m[1]!),
  );
  return { modules, urls: [...source.matchAll(urlReference)].map((m) => m[1]!) };
}

/** The AssemblyScript entry a committed `x.wasm` is compiled from: `x.as.ts` beside it (npm run build:wasm). */
function assemblyScriptEntry(wasmPath: string): string | undefined {
  const entry = wasmPath.replace(/\.wasm$/, '.as.ts');
  return existsSync(entry) ? entry : undefined;
}

/** AssemblyScript imports leave out the extension (`./address.as` is `./address.as.ts`). */
const withExtension = (path: string) => (existsSync(path) || !existsSync(`${path}.ts`) ? path : `${path}.ts`);

/** Walks the import graph from `entries` (absolute paths or file URLs) inside `repoRoot`. */
export function codeClosure(repoRoot: string, entries: readonly string[]): CodeClosure {
  const files = new Map<string, string>();
  const packages = new Set<string>();
  const queue = entries.map((entry) => (entry.startsWith('file:') ? new URL(entry).pathname : resolve(entry)));
  while (queue.length > 0) {
    const path = queue.pop()!;
    if (files.has(path)) continue;
    if (!existsSync(path)) throw new Error(`${path}: imported but missing`);
    if (!statSync(path).isFile()) continue;
    // Each file is read once: its hash and its imports come from the same bytes.
    const bytes = readFileSync(path);
    files.set(path, sha256(bytes));
    if (path.endsWith('.wasm')) {
      const entry = assemblyScriptEntry(path);
      if (entry) queue.push(entry);
      continue;
    }
    if (!/\.(ts|js|mjs)$/.test(path)) continue;
    const found = specifiers(bytes.toString('utf8'));
    for (const specifier of found.modules) {
      if (specifier.startsWith('.')) queue.push(withExtension(join(dirname(path), specifier)));
      else if (!specifier.startsWith('node:') && !builtins.has(specifier)) packages.add(packageOf(specifier));
    }
    for (const url of found.urls) if (url.startsWith('.')) queue.push(join(dirname(path), url));
  }
  const inRepo = [...files].map(([path, hash]) => [relative(repoRoot, path).split(sep).join('/'), hash] as const);
  const outside = inRepo.find(([path]) => path.startsWith('..'));
  if (outside) throw new Error(`${outside[0]}: a stage's code reaches outside the repository`);
  const byPath = inRepo.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { files: Object.fromEntries(byPath), packages: [...packages].sort() };
}

/** sha256 of each source file, and of each imported package's locked version, keyed by path or `npm:NAME`. */
export type SourceHashes = Record<string, string>;

/** The version and integrity package-lock.json records for each package, hashed. */
function lockedPackageHashes(repoRoot: string, names: readonly string[]): SourceHashes {
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; integrity?: string }>;
  };
  const hashes: SourceHashes = {};
  for (const name of names) {
    const entry = lock.packages[`node_modules/${name}`];
    if (!entry) throw new Error(`package-lock.json: no entry for ${name}, which the stage's code imports`);
    hashes[`npm:${name}`] = hashValue({ version: entry.version ?? null, integrity: entry.integrity ?? null });
  }
  return hashes;
}

/** The runner's code that every stage's artifacts pass through: the stage process, artifact I/O, provenance. */
const runnerEntry = new URL('./stage-child.ts', import.meta.url).href;

/**
 * The fingerprint's code component for what starts at `entries` (a stage's module, a command's): every file of the
 * closure of those and of the runner, and every package they import.
 */
export function hashCodeClosure(repoRoot: string, entries: readonly string[]): SourceHashes {
  const closure = codeClosure(repoRoot, [...entries, runnerEntry]);
  return { ...closure.files, ...lockedPackageHashes(repoRoot, closure.packages) };
}

export function combinedSourceHash(hashes: SourceHashes): string {
  return hashValue(hashes);
}
