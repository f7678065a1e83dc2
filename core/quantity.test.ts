import test from 'ava';
import { z } from 'zod';
import { quantity, toSi } from './quantity.ts';

test('unit strings convert to SI', (t) => {
  t.is(toSi('600 nm', 'm'), 6e-7);
  t.is(toSi('25 mT', 'T'), 0.025);
  t.is(toSi('1e11 A/m^2', 'A/m^2'), 1e11);
  t.is(toSi('1.6e-11 J/m', 'J/m'), 1.6e-11);
  t.is(toSi('1 kOhm', 'Ohm'), 1000);
  t.is(toSi('10 µS', 'S'), 1e-5);
  t.is(toSi('2 ns', 's'), 2e-9);
  t.is(toSi('0.8 MJ/m^3', 'J/m^3'), 8e5);
});

test('a wrong dimension names the expected unit', (t) => {
  t.throws(() => toSi('600 nm', 'T'), { message: '"600 nm" does not have the dimension of T' });
  t.throws(() => toSi('fast', 's'), { message: /not a number or a quantity/ });
});

test('a quantity key takes numbers as SI and strings with units', (t) => {
  const schema = z.object({ lengthM: quantity('m', 'length') }).strict();
  t.deepEqual(schema.parse({ lengthM: 2e-6 }), { lengthM: 2e-6 });
  t.deepEqual(schema.parse({ lengthM: '2 um' }), { lengthM: 2e-6 });
  const bad = schema.safeParse({ lengthM: '2 mT' });
  t.false(bad.success);
  t.deepEqual(bad.error?.issues[0]?.path, ['lengthM']);
});
