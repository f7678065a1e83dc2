import test from 'ava';
import { gammaRadPerST } from '../../../core/constants.ts';
import { llgRate } from '../solver/llg.ts';
import { vectorField } from '../geometry/mesh.ts';
import { AdaptiveRk } from '../solver/runge-kutta.ts';
import { addSpinOrbitField } from './spin-torques.ts';
import { addZeemanField } from './zeeman.ts';

// A macrospin in B along z with a damping-like torque of polarization z: the LL equation gives
// d theta/dt = -gamma/(1+alpha^2) (alpha B + B_DL) sin(theta), so tan(theta/2) = tan(theta0/2) e^{-rate t}:
// B_DL = -alpha B cancels the damping exactly, -2 alpha B reverses it.
test('damping-like spin-orbit torque on a macrospin: the exact polar angle, and the threshold at B_DL = -alpha B', (t) => {
  const [fieldT, alpha, theta0, duration] = [0.1, 0.05, 0.4, 0.5e-9];
  for (const dampingLikeT of [0, -alpha * fieldT, -2 * alpha * fieldT]) {
    const m = vectorField(1);
    [m.x[0], m.z[0]] = [Math.sin(theta0), Math.cos(theta0)];
    const b = vectorField(1);
    const integrator = new AdaptiveRk(
      1,
      (_t, state, rate) => {
        b.x.fill(0);
        b.y.fill(0);
        b.z.fill(0);
        addZeemanField([0, 0, fieldT], b);
        addSpinOrbitField([0, 0, 1], dampingLikeT, 0, state, b);
        llgRate(state, b, alpha, gammaRadPerST, rate);
      },
      { tolerance: 1e-11, initialStepS: 1e-15, maxStepS: 1e-12, minStepS: 1e-20 },
    );
    integrator.advance(m, 0, duration);
    const rate = (gammaRadPerST / (1 + alpha * alpha)) * (alpha * fieldT + dampingLikeT);
    const expected = 2 * Math.atan(Math.tan(theta0 / 2) * Math.exp(-rate * duration));
    const theta = Math.acos(m.z[0]!);
    t.true(Math.abs(theta - expected) < 1e-6, `B_DL ${dampingLikeT} T: theta ${theta}, expected ${expected}`);
  }
});

test('a field-like torque is a field along the polarization', (t) => {
  const m = vectorField(2);
  [m.x[0], m.y[1]] = [1, 1];
  const [torque, field] = [vectorField(2), vectorField(2)];
  addSpinOrbitField([0.6, 0, 0.8], 0, 0.02, m, torque);
  addZeemanField([0.012, 0, 0.016], field);
  t.deepEqual([torque.x, torque.y, torque.z], [field.x, field.y, field.z]);
});
