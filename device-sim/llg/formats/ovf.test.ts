import { readFileSync } from 'node:fs';
import test from 'ava';
import { average, vectorField } from '../geometry/mesh.ts';
import { formatOvf, parseOvf } from './ovf.ts';
import { sp4StartPath } from '../test-fixtures.ts';

test("reads OOMMF's SP4 start state (OVF 2.0, binary 8): mesh, unit spins, and the published average", (t) => {
  const { mesh, field, originM } = parseOvf(readFileSync(sp4StartPath), sp4StartPath);
  t.deepEqual(mesh, { nx: 200, ny: 50, nz: 1, dxM: 2.5000000000000001e-9, dyM: 2.5000000000000001e-9, dzM: 3e-9 });
  t.deepEqual(originM, [0, 0, 0]);
  let worst = 0;
  for (let i = 0; i < field.x.length; i++)
    worst = Math.max(worst, Math.abs(Math.hypot(field.x[i]!, field.y[i]!, field.z[i]!) - 1));
  t.true(worst < 1e-15, `| |m| - 1 | up to ${worst}`);
  const [mx, my, mz] = average(field);
  // OOMMF's start state has <m> = (0.96671597969141987, 0.12574904562458797, ~0) to 17 digits; a float64 sum of 10^4
  // terms rounds at ~1e-14.
  t.true(
    Math.abs(mx - 0.96671597969141987) < 1e-13 &&
      Math.abs(my - 0.12574904562458797) < 1e-13 &&
      Math.abs(mz + 5.9031259592751805e-15) < 1e-20,
    `<m> = ${mx}, ${my}, ${mz}`,
  );
});

test('OVF round trip, text and binary 8, bit for bit', (t) => {
  const mesh = { nx: 3, ny: 2, nz: 2, dxM: 1e-9, dyM: 2e-9, dzM: 5e-10 };
  const field = vectorField(12);
  for (let i = 0; i < 12; i++) {
    field.x[i] = Math.sin(i) / 3;
    field.y[i] = Math.cos(i * 0.7) * 1e-17;
    field.z[i] = -i / 7;
  }
  for (const format of ['text', 'binary8'] as const) {
    const back = parseOvf(formatOvf({ mesh, field, title: 'round trip', originM: [1e-9, 0, -2e-9] }, format), format);
    t.deepEqual(back.mesh, mesh);
    t.deepEqual(back.originM, [1e-9, 0, -2e-9]);
    t.deepEqual([back.field.x, back.field.y, back.field.z], [field.x, field.y, field.z], format);
    t.is(back.title, 'round trip');
  }
});

test('a malformed OVF file is refused with the file and field named', (t) => {
  const good = readFileSync(sp4StartPath);
  const cases: Array<[Uint8Array, RegExp]> = [
    [good.subarray(0, good.length - 5000), /x\.omf: field data: truncated/],
    [Buffer.from('# OOMMF OVF 1.0\n'), /x\.omf: field header: not an OVF 2\.0 file/],
    [
      Buffer.from(good.toString('latin1').replace('# xnodes: 200', '# xnodes: 2x0'), 'latin1'),
      /x\.omf: field xnodes: not a number/,
    ],
    [
      Buffer.from(good.toString('latin1').replace('# valuedim: 3', '# valuedim: 1'), 'latin1'),
      /x\.omf: field valuedim: must be 3/,
    ],
  ];
  const flipped = Buffer.from(good);
  const dataAt = flipped.indexOf('# Begin: Data Binary 8\n') + '# Begin: Data Binary 8\n'.length;
  flipped.writeDoubleBE(123456789012345.0, dataAt);
  cases.push([flipped, /x\.omf: field data: check value .* \(wrong byte order/]);
  for (const [bytes, message] of cases) t.throws(() => parseOvf(bytes, 'x.omf'), { message });
});
