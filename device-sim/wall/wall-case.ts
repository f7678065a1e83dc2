import { z } from 'zod';
import { quantity } from '../../core/quantity.ts';
import { Drive, Gate, Geometry, Material, Pinning } from './device-params.ts';

/**
 * A 1-D wall simulation case: the public contract of `dwsyn device simulate --config case.json`.
 * Every key is optional except where a physical choice has no sensible default.
 */
export const WallCase = z
  .object({
    model: z.literal('1d').default('1d').describe('collective-coordinate (q, phi) model'),
    walls: z.number().int().positive().default(1).describe('how many independent walls (trials)'),
    seed: z.number().int().nonnegative().default(1),
    temperatureK: quantity('K', 'temperature').default(0),
    timeStepS: quantity('s', 'fixed Heun time step').default(1e-13),
    durationS: quantity('s', 'simulated time').default(2e-8),
    samples: z.number().int().positive().default(200).describe('trajectory samples recorded over the run'),
    widthDynamics: z
      .enum(['fixed', 'dynamic'])
      .default('fixed')
      .describe('wall width Delta fixed at sqrt(A/K_eff), or a third coordinate (T = 0 only)'),
    material: Material.prefault({}),
    geometry: Geometry.prefault({}),
    drive: Drive.prefault({}),
    pinning: z.array(Pinning).default([]),
    gates: z.array(Gate).default([]),
    initial: z
      .object({
        positionM: quantity('m', 'initial wall position q').default(0),
        phiRad: quantity('rad', 'initial in-plane angle phi (0: Neel along +x)').default(0),
        chargeQ: z
          .union([z.literal(1), z.literal(-1)])
          .default(1)
          .describe('+1: up-down wall, -1: down-up'),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type WallCase = z.infer<typeof WallCase>;
