import { z } from 'zod';
import { quantity } from '../../../core/quantity.ts';
import { Drive, Gate, Geometry, Material } from '../../wall/device-params.ts';
import type { FftPrecision } from '../demag/fft.ts';
import { rkMethods } from '../solver/runge-kutta.ts';

/**
 * The `mesh` key of a strip's settings: cell edges and the demag's arithmetic (defaults as given), and how the demag
 * field is computed.
 */
export const stripMesh = (defaultCellM: [number, number, number], defaultPrecision: FftPrecision = 'f64') =>
  z
    .object({
      cellM: z
        .tuple([quantity('m', 'dx'), quantity('m', 'dy'), quantity('m', 'dz')])
        .default(defaultCellM)
        .describe('cell edges; they must tile the strip'),
      demag: z
        .enum(['full', 'thin-film'])
        .default('full')
        .describe('Newell-tensor FFT demag, or the local -mu0 Ms m_z of a thin film'),
      demagPrecision: z
        .enum(['f64', 'f32'])
        .default(defaultPrecision)
        .describe(
          "the FFT demag's arithmetic: float64, or float32 as mumax3's (the kernel still computed in float64; m and the other terms stay float64)",
        ),
    })
    .strict()
    .prefault({});

/**
 * A micromagnetic case: `dwsyn device simulate --config case.json` with "model": "llg". The track,
 * material, drive, gates and initial wall are the 1-D case's keys (the same file runs on both models
 * but for `model` and `mesh`); pinning potentials are a 1-D notion: here pinning comes from gates.
 */
export const LlgCase = z
  .object({
    model: z.literal('llg').describe('finite-difference micromagnetics'),
    walls: z.number().int().positive().default(1).describe('how many independent trials'),
    workers: z
      .number()
      .int()
      .nonnegative()
      .default(0)
      .describe('worker threads the trials are spread over (0: one per core, at most 2); results do not depend on it'),
    seed: z.number().int().nonnegative().default(1),
    temperatureK: quantity('K', 'temperature').default(0),
    timeStepS: quantity('s', 'fixed stochastic-Heun step at T > 0').default(2e-14),
    tolerance: z
      .number()
      .positive()
      .default(1e-5)
      .describe("the adaptive method's largest local error of |m| per step at T = 0"),
    method: z
      .enum(rkMethods)
      .default('rk45')
      .describe(
        'adaptive Runge-Kutta pair at T = 0: Dormand-Prince 5(4), or Bogacki-Shampine 3(2) (fewer evaluations where stiff exchange holds the step)',
      ),
    durationS: quantity('s', 'simulated time under the drive').default(1e-9),
    samples: z.number().int().positive().default(100).describe('table rows per trial over the run'),
    trackingWindow: z
      .boolean()
      .default(false)
      .describe(
        'after each sample, shift the magnetization by whole cells so the wall stays mid-strip, filling with the domains; positions add the shift (not with gates, which would move with it)',
      ),
    relaxIterations: z
      .number()
      .int()
      .nonnegative()
      .default(500)
      .describe('energy-descent steps from the 1-D wall profile before the drive starts'),
    material: Material.prefault({}),
    geometry: Geometry.prefault({}),
    drive: Drive.prefault({}),
    gates: z.array(Gate).default([]),
    initial: z
      .object({
        positionM: quantity('m', 'initial wall position from the left end of the strip').default(150e-9),
        phiRad: quantity('rad', 'initial in-plane angle phi (0: Neel along +x)').default(0),
        chargeQ: z
          .union([z.literal(1), z.literal(-1)])
          .default(1)
          .describe('+1: up-down wall, -1: down-up'),
      })
      .strict()
      .prefault({}),
    initialStateFile: z
      .string()
      .min(1)
      .optional()
      .describe(
        "start every trial from this OVF 2.0 state (a path relative to the case file) instead of the 1-D wall profile; its mesh must be the strip's",
      ),
    mesh: stripMesh([2.5e-9, 2.5e-9, 1e-9]),
  })
  .strict();
export type LlgCase = z.infer<typeof LlgCase>;
