import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RandomStream } from './rng.ts';
import { cCompiler, testWith } from './test-fixtures/external-tool.ts';

// The reference xoshiro128** of Blackman and Vigna (prng.di.unimi.it/xoshiro128starstar.c), compiled
// here with the system C compiler: our generator must reproduce its output bit for bit.
const referenceC = `
#include <stdint.h>
#include <stdio.h>
static inline uint32_t rotl(const uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
static uint32_t s[4];
uint32_t next(void) {
  const uint32_t result = rotl(s[1] * 5, 7) * 9;
  const uint32_t t = s[1] << 9;
  s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
  s[2] ^= t; s[3] = rotl(s[3], 11);
  return result;
}
int main(void) { s[0] = 0x9E3779B9u; s[1] = 0x243F6A88u; s[2] = 0xB7E15162u; s[3] = 1u;
  for (int i = 0; i < 1000; i++) printf("%u\\n", next()); return 0; }`;

testWith(cCompiler)('xoshiro128** matches the reference C implementation for 1000 outputs', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dwsyn-rng-'));
  writeFileSync(join(dir, 'ref.c'), referenceC);
  execFileSync('cc', ['-O2', '-o', join(dir, 'ref'), join(dir, 'ref.c')]);
  const expected = execFileSync(join(dir, 'ref'), { encoding: 'utf8' }).trim().split('\n').map(Number);
  const stream = new RandomStream([0x9e3779b9, 0x243f6a88, 0xb7e15162, 1]);
  t.deepEqual(
    Array.from({ length: 1000 }, () => stream.nextUint32()),
    expected,
  );
});
