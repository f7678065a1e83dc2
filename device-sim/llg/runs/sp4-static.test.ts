import { readFileSync } from 'node:fs';
import test from 'ava';
import { assertClose } from '../../../core/test-fixtures/assert-close.ts';
import { mu0TMPerA } from '../../../core/constants.ts';
import { Demag } from '../demag/demag.ts';
import { fieldEnergyJ } from '../effects/energy.ts';
import { addExchangeField, maxNeighbourAngleRad } from '../effects/exchange.ts';
import { llgRate, maxRate } from '../solver/llg.ts';
import { cellCount, vectorField } from '../geometry/mesh.ts';
import { parseOvf } from '../formats/ovf.ts';
import { odtRow, odtValue, sp4DataDir, sp4StartPath } from '../test-fixtures.ts';
import { addZeemanField } from '../effects/zeeman.ts';

// muMAG standard problem 4 on OOMMF's own start state: row 0 of OOMMF's regression tables (rk4, stdprob4_4.odt for
// field 1 and stdprob4_11.odt for field 2; test-data/sp4/README.md) describes that state and is the oracle.
const sp4 = { msatAPerM: 8.0e5, aexJPerM: 1.3e-11 };
const start = parseOvf(readFileSync(sp4StartPath), sp4StartPath);
const field1 = odtRow(`${sp4DataDir}stdprob4_4.odt`, 0);
const field2 = odtRow(`${sp4DataDir}stdprob4_11.odt`, 0);

test('SP4 start state: 6-neighbour exchange energy to 1e-8 of OOMMF, and the largest neighbour angle', (t) => {
  const b = vectorField(cellCount(start.mesh));
  addExchangeField(start.mesh, sp4.aexJPerM, sp4.msatAPerM, start.field, b);
  assertClose(
    t,
    fieldEnergyJ(start.mesh, sp4.msatAPerM, start.field, b, true),
    odtValue(field1, 'Oxs_UniformExchange::Energy'),
    { rel: 1e-8 },
    'exchange energy',
  );
  assertClose(
    t,
    (maxNeighbourAngleRad(start.mesh, start.field) * 180) / Math.PI,
    odtValue(field1, 'Oxs_UniformExchange::Max Spin Ang'),
    { rel: 1e-9 },
    'max neighbour angle (deg)',
  );
});

test('SP4 start state: Zeeman energy of fields 1 and 2 to 1e-12 of OOMMF', (t) => {
  for (const [fieldT, expected] of [
    [[-24.6e-3, 4.3e-3, 0], odtValue(field1, 'Oxs_FixedZeeman::Energy')],
    [[-35.5e-3, -6.3e-3, 0], odtValue(field2, 'Oxs_FixedZeeman::Energy')],
  ] as const) {
    const b = vectorField(cellCount(start.mesh));
    addZeemanField(fieldT, b);
    assertClose(
      t,
      fieldEnergyJ(start.mesh, sp4.msatAPerM, start.field, b, false),
      expected,
      { rel: 1e-12 },
      `Zeeman energy in ${fieldT.join(', ')} T`,
    );
  }
});

test('SP4 start state: demag energy to 1e-5 of OOMMF (Newell tensor with an asymptotic far field, zero-padded FFT convolution), in float64 and in float32', (t) => {
  for (const precision of ['f64', 'f32'] as const) {
    const b = vectorField(cellCount(start.mesh));
    new Demag(start.mesh, 40, precision).addField(sp4.msatAPerM, start.field, b);
    assertClose(
      t,
      fieldEnergyJ(start.mesh, sp4.msatAPerM, start.field, b, true),
      odtValue(field1, 'Oxs_Demag::Energy'),
      { rel: 1e-5 },
      `${precision} demag energy`,
    ); // measured: 3.5e-9 in float64
  }
});

test('SP4 start state: the LLG right-hand side, max |dm/dt| in fields 1 and 2 to 1e-4 of OOMMF', (t) => {
  const demag = new Demag(start.mesh);
  const internal = vectorField(cellCount(start.mesh));
  addExchangeField(start.mesh, sp4.aexJPerM, sp4.msatAPerM, start.field, internal);
  demag.addField(sp4.msatAPerM, start.field, internal);
  // SP4: alpha 0.02, gamma0 = 2.211e5 m/(A s), so gamma = gamma0 / mu0 in rad/(s T).
  const gamma = 2.211e5 / mu0TMPerA;
  for (const [fieldT, expectedDegPerNs] of [
    [[-24.6e-3, 4.3e-3, 0], odtValue(field1, 'Oxs_RungeKuttaEvolve:evolver:Max dm/dt')],
    [[-35.5e-3, -6.3e-3, 0], odtValue(field2, 'Oxs_RungeKuttaEvolve:evolver:Max dm/dt')],
  ] as const) {
    const b = { x: Float64Array.from(internal.x), y: Float64Array.from(internal.y), z: Float64Array.from(internal.z) };
    addZeemanField(fieldT, b);
    const rate = vectorField(cellCount(start.mesh));
    llgRate(start.field, b, 0.02, gamma, rate);
    assertClose(
      t,
      (maxRate(rate) * 180) / Math.PI / 1e9,
      expectedDegPerNs,
      { rel: 1e-4 },
      `max dm/dt (deg/ns) in ${fieldT.join(', ')} T`,
    );
  }
});
