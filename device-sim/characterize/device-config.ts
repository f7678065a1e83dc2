import { z } from 'zod';
import { DeviceTableModel } from '../../artifacts/schemas/device-table.ts';
import { quantity } from '../../core/quantity.ts';
import { Gate, Geometry, Material, Pinning, VoltageLaw } from '../wall/device-params.ts';
import { CalibrationSettings } from '../llg/runs/one-d-calibration.ts';

const Control = z.enum(['pulseWidth', 'current', 'gateVoltage']);

/** The gate under the whole track: a piezoelectric capacitor whose strain (or a VCMA barrier) shifts K_u. */
const TrackGate = z
  .object({
    law: VoltageLaw.default({ type: 'strain', magnetostriction: 1.5e-4, stressPaPerV: 2.5e8 }),
    capacitor: z
      .object({
        relativePermittivity: z
          .number()
          .positive()
          .default(1000)
          .describe('of the dielectric charged by the gate (PZT about 1000; MgO about 10 for VCMA)'),
        thicknessM: quantity('m', 'dielectric thickness between the electrodes').default(100e-9),
        areaM2: quantity('m^2', 'electrode area (default: the track, length x width)').optional(),
      })
      .strict()
      .prefault({}),
  })
  .strict();

/** What holds a programmed wall: the physics the 1-D model is given between the home pad and the track end. */
const DevicePinning = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('widthModulation'),
      amplitudeM: quantity(
        'm',
        'a in w(x) = w0 + a sin^2(pi (x - x0) / p), x0 the home (MTJ start): a well at home and every p from it',
      ).default(15e-9),
      periodM: quantity(
        'm',
        "period p (default: each table's level spacing, so that the wells are the levels and lie on no bin boundary)",
      ).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('notches'),
      depthJ: quantity('J', 'depth of the Gaussian notch at each state level (default 40 k_B T at 300 K)').default(
        1.6567788e-19,
      ),
      widthM: quantity('m', 'Gaussian width of each notch').default(25e-9),
    })
    .strict(),
  z.object({ type: z.literal('none') }).strict(),
]);
export type DevicePinning = z.infer<typeof DevicePinning>;

/**
 * The `device` section of the pipeline config: the synapse device and how it is characterized.
 * Defaults are proposals (docs/paper.md, device defaults): the sources give no device numbers.
 */
const Probability = z.number().min(0).max(1);

export const DeviceConfig = z
  .object({
    model: DeviceTableModel,
    stateCounts: z
      .array(z.union([z.literal(2), z.literal(3), z.literal(5)]))
      .min(1)
      .default([2, 3, 5])
      .describe('which n-state tables to make'),
    trialsPerState: z.number().int().positive().default(1000).describe('programming trials per state'),
    temperatureK: quantity('K', 'temperature').default(300),
    timeStepS: quantity('s', 'Heun time step').default(2e-13),
    material: Material.prefault({ alpha: 0.3 }).describe(
      'alpha defaults to 0.3, the effective damping of 1-D fits to Pt/CoFe walls (docs/paper.md, device defaults)',
    ),
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
    pinning: DevicePinning.prefault({ type: 'widthModulation' }).describe(
      'engineered pinning: a periodic width modulation (default) or a notch at every level',
    ),
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
    disorder: z
      .object({
        grainSizeM: quantity('m', "edge of the film's grains (square grains in the 1-D model)").default(10e-9),
        anisotropyDispersion: z
          .number()
          .nonnegative()
          .default(0)
          .describe(
            "grain-to-grain delta K / K_u (1 sigma); 0: none. Films show 1-10 % (device-sim/envelope/literature.json); the 1-D wall feels it averaged over its width and profile (device-sim/wall/pinning/grains.ts), and the gate moves every grain's K_eff",
          ),
      })
      .strict()
      .prefault({}),
    extraPinning: z.array(Pinning).default([]).describe('more pinning sites, added to the notches'),
    gate: TrackGate.nullable()
      .prefault({})
      .describe('the gate under the whole track (null: none); its voltage sets K_u of every phase'),
    gates: z.array(Gate).default([]).describe('more gates over parts of the track, acting at their edges'),
    protocol: z
      .object({
        control: Control.default('gateVoltage').describe('which drive of the set pulse is calibrated per state'),
        currentDensityAPerM2: quantity(
          'A/m^2',
          'set-pulse current density (when neither the control nor chosen by the pulse search)',
        ).default(5e11),
        pulseWidthS: quantity('s', 'set-pulse width (when neither the control nor chosen by the pulse search)').default(
          4e-9,
        ),
        gateVoltageV: quantity('V', 'gate voltage during the set pulse (when not the control)').default(0),
        controlMin: z
          .number()
          .optional()
          .describe('lower end of the calibration scan, in the control unit (SI); default: 0'),
        controlMax: z
          .number()
          .optional()
          .describe(
            'upper end of the calibration scan (SI); default from the flow velocity, or the voltage that lowers K_eff by 60 %',
          ),
        stateZero: z
          .enum(['home', 'calibrated'])
          .default('home')
          .describe("'home': state 0 is the wall left at home after the reset, no set pulse; 'calibrated': pulsed too"),
        pulseSearch: z
          .object({
            currentsAPerM2: z
              .array(quantity('A/m^2', 'candidate set current'))
              .min(1)
              .default([3e11, 4e11, 5e11, 6e11]),
            widthsS: z.array(quantity('s', 'candidate set width')).min(1).default([2e-9, 4e-9, 6e-9]),
            points: z.number().int().min(4).default(16).describe('gate voltages scanned per candidate pulse'),
            trials: z.number().int().positive().default(16).describe('trials per scanned voltage'),
            tolerance: Probability.default(0.03).describe(
              'candidates whose score is within this of the best count as equal: the least set energy wins',
            ),
          })
          .strict()
          .nullable()
          .prefault({})
          .describe(
            'gateVoltage control: each candidate (current, width) is scored by a coarse voltage scan (the mean over the pulsed states of the best landing probability with the mean on the level), then calibrated in turn, best scores by least energy first, until one puts every state on its level (null: the configured pulse)',
          ),
        equilibrateS: quantity('s', 'time at home before the set pulse').default(1e-9),
        relaxS: quantity('s', 'time after the set pulse before the position is read').default(5e-9),
        holdS: quantity('s', 'retention hold with no drive after the read').default(10e-9),
        resetCurrentDensityAPerM2: quantity(
          'A/m^2',
          'reset-pulse current density, towards home (default: minus the set current)',
        ).optional(),
        resetGateVoltageV: quantity(
          'V',
          'gate voltage during the reset (default: the top of the scan under gateVoltage control, else 0)',
        ).optional(),
        resetS: quantity('s', 'reset-pulse width').default(8e-9),
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

/**
 * The dotted keys of the device section that characterize the device: all but `model`, which picks the table the
 * downstream stages read and so must not make either table stale.
 */
export const deviceCharacterizationKeys = Object.keys(DeviceConfig.shape)
  .filter((key) => key !== 'model')
  .map((key) => `device.${key}`);
