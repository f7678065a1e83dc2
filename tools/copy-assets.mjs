// The part of `npm run build` tsc does not do: copies the files the compiled library loads beside its modules (the
// WebAssembly kernels, the worker threads' entry, data such as the literature envelope) into dist/, at the same
// relative paths. Test data stays behind.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const libraries = ['core', 'artifacts', 'datasets', 'device-sim', 'crossbar', 'nn'];
const isAsset = (name) => /\.(wasm|mjs|json)$/.test(name);

for (const library of libraries)
  for (const entry of readdirSync(library, { recursive: true, withFileTypes: true }))
    if (entry.isFile() && isAsset(entry.name) && !entry.parentPath.includes('test-data')) {
      const from = join(entry.parentPath, entry.name);
      mkdirSync(dirname(join('dist', from)), { recursive: true });
      copyFileSync(from, join('dist', from));
    }
