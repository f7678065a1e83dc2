import test from 'ava';
import { epsilon0FPerM } from '../../core/constants.ts';
import { assertClose } from '../../core/test-fixtures/assert-close.ts';
import { DeviceConfig } from './device-config.ts';
import { attemptEnergy, gateCapacitanceF, jouleEnergyJ } from './energy.ts';

// Round numbers: a 1 um x 100 nm track on 10 nm of a 1e-7 Ohm m heavy metal, under a 100 nm gate dielectric of
// eps_r 1000 with the track's area.
const device = DeviceConfig.parse({
  geometry: { lengthM: 1e-6, widthM: 100e-9 },
  heavyMetal: { thicknessM: 10e-9, resistivityOhmM: 1e-7 },
  gate: { capacitor: { relativePermittivity: 1000, thicknessM: 100e-9 } },
});

test('Joule heat of a pulse: J^2 rho V tau = (1e11 A/m^2)^2 x 1e-7 Ohm m x 1e-21 m^3 x 1 ns = 1 fJ', (t) => {
  assertClose(t, jouleEnergyJ(device, 1e11, 1e-9), 1e-15, { rel: 1e-12 });
  assertClose(t, jouleEnergyJ(device, -2e11, 1e-9), 4e-15, { rel: 1e-12 }, 'quadratic in the current, either sign');
});

test('the gate is a parallel-plate capacitor: eps0 x 1000 x 1e-13 m^2 / 1e-7 m = 1000 eps0 x 1e-6 F', (t) => {
  assertClose(t, gateCapacitanceF(device), epsilon0FPerM * 1e-3, { rel: 1e-12 });
  const gateless = DeviceConfig.parse({ ...device, gate: null });
  t.is(gateCapacitanceF(gateless), 0);
});

test('an attempt: the set pulse, C V^2 for charging the gate at set and at reset, the reset pulse', (t) => {
  const set = { currentDensityAPerM2: 1e11, widthS: 2e-9, gateVoltageV: 2 };
  const reset = { currentDensityAPerM2: -1e11, widthS: 3e-9, gateVoltageV: 1 };
  const energy = attemptEnergy(device, set, reset);
  const capacitanceF = epsilon0FPerM * 1e-3;
  assertClose(t, energy.setJ, 2e-15, { rel: 1e-12 });
  assertClose(t, energy.resetJ, 3e-15, { rel: 1e-12 });
  assertClose(t, energy.gateJ, capacitanceF * (2 ** 2 + 1 ** 2), { rel: 1e-12 });
  assertClose(t, energy.totalJ, 5e-15 + capacitanceF * 5, { rel: 1e-12 });
  const home = attemptEnergy(device, null, reset);
  t.is(home.setJ, 0, 'the home state takes no set pulse');
  assertClose(t, home.totalJ, 3e-15 + capacitanceF, { rel: 1e-12 });
});
