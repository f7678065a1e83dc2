import { z } from 'zod';
import { quantity } from '../../core/quantity.ts';
import { Gate, Geometry, Material, Pinning } from '../wall/device-params.ts';
import { CalibrationSettings } from '../llg/one-d-calibration.ts';

const Control = z.enum(['pulseWidth', 'current', 'gateVoltage']);

/**
 * The `device` section of the pipeline config: the synapse device and how it is characterized.
 * Defaults are proposals (docs/paper.md, device defaults): the sources give no device numbers.
 */
export const DeviceConfig = z
  .object({
    stateCounts: z
      .array(z.union([z.literal(2), z.literal(3), z.literal(5)]))
      .min(1)
      .default([2, 3, 5])
      .describe('which n-state tables to make'),
    trialsPerState: z.number().int().positive().default(1000).describe('programming trials per state'),
    temperatureK: quantity('K', 'temperature').default(300),
    timeStepS: quantity('s', 'Heun time step').default(2e-13),
    workers: z
      .number()
      .int()
      .nonnegative()
      .default(0)
      .describe('worker threads (0: one per core, at most 2); results do not depend on it'),
    material: Material.prefault({}),
    geometry: Geometry.prefault({}),
    mtj: z
      .object({
        startM: quantity('m', 'start of the MTJ along the track (u = 0, the home notch)').default(100e-9),
        endM: quantity('m', 'end of the MTJ (u = 1)').default(500e-9),
        tmr: z.number().positive().default(1).describe('tunnel magnetoresistance (R_AP - R_P) / R_P (dimensionless)'),
        raOhmM2: quantity('Ohm*m^2', 'resistance-area product of the parallel state').default(5e-9),
      })
      .strict()
      .prefault({}),
    heavyMetal: z
      .object({
        thicknessM: quantity('m', 'heavy-metal thickness').default(5e-9),
        resistivityOhmM: quantity('Ohm*m', 'heavy-metal resistivity').default(2e-7),
      })
      .strict()
      .prefault({}),
    notches: z
      .object({
        depthJ: quantity('J', 'depth of the notch at each state level (default 40 k_B T at 300 K)').default(
          1.6567788e-19,
        ),
        widthM: quantity('m', 'Gaussian width of each notch').default(25e-9),
      })
      .strict()
      .prefault({}),
    stops: z
      .object({
        stiffnessJPerM2: quantity(
          'J/m^2',
          'stiffness of the home-pad edge (at the MTJ start) and the track end',
        ).default(1e-3),
        trackEndM: quantity('m', 'where the far stop begins').default(580e-9),
      })
      .strict()
      .prefault({}),
    roughness: z
      .object({
        rmsM: quantity('m', 'rms edge roughness of each edge (0: none)').default(1e-9),
        correlationLengthM: quantity('m', 'correlation length of the edge profile').default(10e-9),
      })
      .strict()
      .prefault({}),
    extraPinning: z.array(Pinning).default([]).describe('more pinning sites, added to the notches'),
    gates: z.array(Gate).default([]),
    gateCapacitanceF: quantity('F', 'capacitance charged by a gate pulse (energy C V^2)').default(0),
    protocol: z
      .object({
        control: Control.default('pulseWidth').describe('which drive of the set pulse is calibrated per state'),
        currentDensityAPerM2: quantity('A/m^2', 'set-pulse current density (when not the control)').default(8e11),
        pulseWidthS: quantity('s', 'set-pulse width (when not the control)').default(2e-9),
        gateVoltageV: quantity('V', 'gate voltage during the set pulse (when not the control)').default(0),
        controlMin: z
          .number()
          .optional()
          .describe('lower end of the calibration scan, in the control unit (SI); default: 0'),
        controlMax: z
          .number()
          .optional()
          .describe('upper end of the calibration scan (SI); default from the flow velocity'),
        equilibrateS: quantity('s', 'time at home before the set pulse').default(1e-9),
        relaxS: quantity('s', 'time after the set pulse before the position is read').default(5e-9),
        holdS: quantity('s', 'retention hold with no drive after the read').default(10e-9),
        resetCurrentDensityAPerM2: quantity('A/m^2', 'reset-pulse current density (negative: towards home)').default(
          -8e11,
        ),
        resetS: quantity('s', 'reset-pulse width').default(4e-9),
        resetRelaxS: quantity('s', 'relaxation after the reset pulse').default(2e-9),
        calibrationPoints: z.number().int().min(8).default(48).describe('control values scanned during calibration'),
        calibrationTrials: z.number().int().positive().default(32).describe('trials per scanned control value'),
      })
      .strict()
      .prefault({}),
    attemptFrequencyHz: quantity('Hz', 'attempt frequency for the Arrhenius retention estimate').default(1e9),
    calibration: z
      .union([z.null(), CalibrationSettings])
      .default(null)
      .describe(
        'null: the 1-D model as configured; an object: first fit its effective D and K_D (or damping) to LLG runs of the free strip, and characterize with them',
      ),
    histogramBins: z.number().int().positive().default(60),
    exampleTrajectories: z
      .number()
      .int()
      .nonnegative()
      .default(8)
      .describe('trials per state whose wall trajectory the table keeps (the first ones, same noise)'),
    trajectoryPoints: z.number().int().min(2).default(200).describe('recorded instants of each example trajectory'),
  })
  .strict();
export type DeviceConfig = z.infer<typeof DeviceConfig>;
