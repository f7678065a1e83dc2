import type { z } from 'zod';

/** `states[0].meanM` from a zod issue path. */
export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** The first issue of a failed parse as `field x.y: message`, plus how many more there are. */
export function describeIssues(error: z.ZodError, prefix = ''): { field: string; message: string } {
  const [first] = error.issues;
  if (!first) return { field: prefix || '(root)', message: 'invalid' };
  let field = formatPath(first.path, prefix);
  if (first.code === 'unrecognized_keys') {
    field = first.keys.map((k) => formatPath([...first.path, k], prefix)).join(', ');
    const more = error.issues.length - 1;
    return {
      field,
      message: `unknown key${first.keys.length > 1 ? 's' : ''}${more ? ` (and ${more} more issues)` : ''}`,
    };
  }
  const more = error.issues.length - 1;
  return { field, message: `${first.message}${more ? ` (and ${more} more issue${more > 1 ? 's' : ''})` : ''}` };
}
