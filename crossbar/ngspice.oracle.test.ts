import test from 'ava';
import { systemNgspice, testWith } from '../core/test-fixtures/external-tool.ts';
import { toCrossbar } from './circuit.ts';
import { columnCurrents } from './kcl.ts';
import { solveLineGaussSeidel } from './line-gauss-seidel.ts';
import { ngspiceColumnCurrents } from './ngspice.ts';
import { mtjLike, randomCase, rramLike } from './test-fixtures.ts';

// ngspice solves the same netlist: column currents must agree to 1e-6 relative for random arrays from 4 x 4 to
// 64 x 64, RRAM-like and MTJ-like. The ngspice is the WebAssembly build from npm, so this runs on every machine;
// where the system ngspice is installed (CI installs it), the last test checks the two builds agree.
const sizes = [4, 8, 16, 32, 64];
for (const [name, range] of [
  ['RRAM-like 1-10 uS', rramLike],
  ['MTJ-like 80-200 uS', mtjLike],
] as const) {
  test(`line Gauss-Seidel matches ngspice to 1e-6 on ${name} arrays, ${sizes.join(', ')} square`, async (t) => {
    for (const n of sizes) {
      const x = toCrossbar(randomCase(n, n, range[0], range[1], 10 + n));
      const ours = columnCurrents(x, solveLineGaussSeidel(x, { tolerance: 1e-13, maxIterations: 100_000 }).nodes);
      const spice = (await ngspiceColumnCurrents(x)).currentsA;
      const worst = Math.max(...Array.from(spice, (value, j) => Math.abs(ours[j]! - value) / Math.abs(value)));
      t.true(worst < 1e-6, `${n} x ${n}: relative difference ${worst}`);
    }
  });
}

test('ngspice agrees on the circuit variants: access transistor, port resistances, both-end drive, floating rows', async (t) => {
  const variants = [
    { accessOhm: 15e3, driverOhm: 100, senseOhm: 50 },
    { driveEnds: 'both' },
    { activeRows: Array.from({ length: 12 }, (_, i) => i % 3 !== 0), unselectedRows: 'floating' },
  ];
  for (const extra of variants) {
    const x = toCrossbar(
      randomCase(12, 9, ...mtjLike, 20, { wordlineSegmentOhm: 2.5, bitlineSegmentOhm: 1.5, ...extra }),
    );
    const ours = columnCurrents(x, solveLineGaussSeidel(x, { tolerance: 1e-13, maxIterations: 100_000 }).nodes);
    const spice = (await ngspiceColumnCurrents(x)).currentsA;
    const worst = Math.max(...Array.from(spice, (value, j) => Math.abs(ours[j]! - value) / Math.abs(value)));
    t.true(worst < 1e-6, `${JSON.stringify(extra)}: relative difference ${worst}`);
  }
});

testWith(systemNgspice)(
  'the system ngspice (-b) and the WebAssembly ngspice give the same column currents to 1e-9',
  async (t) => {
    for (const [n, range] of [
      [16, rramLike],
      [32, mtjLike],
    ] as const) {
      const x = toCrossbar(
        randomCase(n, n, range[0], range[1], 30 + n, { wordlineSegmentOhm: 2.5, bitlineSegmentOhm: 1.5 }),
      );
      const wasm = (await ngspiceColumnCurrents(x, 'wasm')).currentsA;
      const system = (await ngspiceColumnCurrents(x, 'system')).currentsA;
      const worst = Math.max(...Array.from(system, (value, j) => Math.abs(wasm[j]! - value) / Math.abs(value)));
      t.true(worst < 1e-9, `${n} x ${n}: relative difference ${worst}`);
    }
  },
);
