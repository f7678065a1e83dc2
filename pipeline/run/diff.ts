import { canonicalJson } from '../../artifacts/hash.ts';

export interface ValueChange {
  path: string;
  before: unknown;
  after: unknown;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** The dotted paths at which two JSON values differ (arrays compare whole). */
export function diffValues(before: unknown, after: unknown, prefix = ''): ValueChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffValues(before[key], after[key], prefix ? `${prefix}.${key}` : key));
  }
  const same =
    before === undefined || after === undefined ? before === after : canonicalJson(before) === canonicalJson(after);
  return same ? [] : [{ path: prefix, before, after }];
}

const brief = (value: unknown) => {
  if (value === undefined) return 'unset';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
};

export function describeChange(change: ValueChange): string {
  return `${change.path} ${brief(change.before)} -> ${brief(change.after)}`;
}
