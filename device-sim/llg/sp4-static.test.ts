import { readFileSync } from 'node:fs';
import test from 'ava';
import { assertClose } from '../../pipeline/test-fixtures/assert-close.ts';
import { fieldEnergyJ } from './energy.ts';
import { addExchangeField, maxNeighbourAngleRad } from './exchange.ts';
import { cellCount, vectorField } from './mesh.ts';
import { parseOvf } from './ovf.ts';
import { sp4StartPath } from './test-fixtures.ts';
import { addZeemanField } from './zeeman.ts';

// muMAG standard problem 4 on OOMMF's own start state: the row-0 values of OOMMF's regression tables
// (shared/reference/sp4/stdprob4_4.odt for field 1, stdprob4_11.odt for field 2) are the oracles.
const sp4 = { msatAPerM: 8.0e5, aexJPerM: 1.3e-11 };
const start = parseOvf(readFileSync(sp4StartPath), sp4StartPath);

test('SP4 start state: 6-neighbour exchange energy to 1e-8 of OOMMF, and the largest neighbour angle', (t) => {
  const b = vectorField(cellCount(start.mesh));
  addExchangeField(start.mesh, sp4.aexJPerM, sp4.msatAPerM, start.field, b);
  assertClose(t, fieldEnergyJ(start.mesh, sp4.msatAPerM, start.field, b, true), 9.0375682026290676e-20, { rel: 1e-8 }, 'exchange energy');
  assertClose(t, (maxNeighbourAngleRad(start.mesh, start.field) * 180) / Math.PI, 2.147067958362912, { rel: 1e-9 }, 'max neighbour angle (deg)');
});

test('SP4 start state: Zeeman energy of fields 1 and 2 to 1e-12 of OOMMF', (t) => {
  for (const [fieldT, expected] of [
    [[-24.6e-3, 4.3e-3, 0], 3.4860738306334817e-18],
    [[-35.5e-3, -6.3e-3, 0], 5.2665954399720485e-18],
  ] as const) {
    const b = vectorField(cellCount(start.mesh));
    addZeemanField(fieldT, b);
    assertClose(t, fieldEnergyJ(start.mesh, sp4.msatAPerM, start.field, b, false), expected, { rel: 1e-12 }, `Zeeman energy in ${fieldT.join(', ')} T`);
  }
});
