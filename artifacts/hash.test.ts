import test from 'ava';
import { canonicalJson, hashValue, sha256 } from './hash.ts';

test('canonical JSON sorts keys recursively and keeps array order', (t) => {
  t.is(canonicalJson({ b: 1, a: { d: [3, 1], c: null } }), '{"a":{"c":null,"d":[3,1]},"b":1}');
  t.is(hashValue({ x: 1, y: 2 }), hashValue({ y: 2, x: 1 }));
  t.not(hashValue([1, 2]), hashValue([2, 1]));
});

test('canonical JSON refuses NaN and Infinity instead of writing null', (t) => {
  t.throws(() => canonicalJson({ a: Number.NaN }), { message: /non-finite/ });
  t.throws(() => canonicalJson([Number.POSITIVE_INFINITY]), { message: /non-finite/ });
});

test('canonical JSON leaves out undefined values as JSON does', (t) => {
  t.is(canonicalJson({ a: undefined, b: 2 }), '{"b":2}');
});

test('sha256 matches the published digest of "abc"', (t) => {
  t.is(sha256('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});
