import { z } from 'zod';
import { defineArtifactKind } from '../artifact.ts';

const Probability = z.number().min(0).max(1);

const PulseRecord = z
  .object({ currentDensityAPerM2: z.number(), widthS: z.number().nonnegative(), gateVoltageV: z.number() })
  .strict();

/** One design constraint: the table's value, the bound, and whether it meets it (null: not measured). */
const Constraint = z.object({ value: z.number().nullable(), bound: z.number(), met: z.boolean().nullable() }).strict();

export const DesignFigures = z
  .object({
    retentionS: Constraint.describe("the worst state's 1st-percentile retention, gate off, at least ten years"),
    zeroVoltHome: Constraint.describe("the share of walls a 0 V set pulse leaves in state 0's bin, at least 0.9"),
    worstMeanOffsetU: Constraint.describe('the largest |mean u - level| over the states, at most 0.1'),
    onePulse: z.boolean().describe('every pulsed state shares one set pulse: the voltage alone selects'),
    feasible: z.boolean().describe('every constraint met'),
    energyPerAttemptJ: z.number().describe('objective: the mean energy of an attempt'),
    worstOverlap: z.number().describe("objective: the largest share of a state's trials read in another bin"),
  })
  .strict();
export type DesignFigures = z.infer<typeof DesignFigures>;

/** The median of the trials and their 1st percentile (the worst 1 %). */
const MedianAndFirstPercentile = z.object({ median: z.number(), p01: z.number() }).strict();

const StateEntry = z
  .object({
    index: z.number().int().nonnegative(),
    targetU: z.number().describe('target level u_k = k / (n - 1) along the MTJ (dimensionless)'),
    targetPositionM: z.number(),
    controlValue: z.number().describe('calibrated value of the control (SI unit of the control); 0 for the home state'),
    pulse: PulseRecord.describe('the set pulse (width 0: the home state, left at home by the reset)'),
    trials: z.number().int().positive(),
    meanU: z.number(),
    stdU: z.number().nonnegative(),
    quantilesU: z.array(z.number()).describe('at the table quantileLevels'),
    meanPositionM: z.number(),
    stdPositionM: z.number().nonnegative(),
    histogramU: z.object({ edges: z.array(z.number()), counts: z.array(z.number().int().nonnegative()) }).strict(),
    samplesU: z.array(z.number()).describe('final normalized position of every trial, in trial order'),
    conductance: z
      .object({
        meanSiemens: z.number().positive(),
        stdSiemens: z.number().nonnegative(),
        samplesSiemens: z.array(z.number().positive()),
      })
      .strict(),
    landingProbability: z
      .array(Probability)
      .describe('fraction of trials read in each state bin (a confusion-matrix row)'),
    retention: z
      .object({
        holdS: z.number().nonnegative(),
        meanAbsDriftM: z.number().nonnegative(),
        changedStateFraction: Probability,
      })
      .strict()
      .nullable()
      .describe('null: the table was made without the hold (an LLG table with protocol "set")'),
    holding: z
      .object({
        barrierKT: MedianAndFirstPercentile.describe(
          "each trial's barrier to leave the bin it was read in, with the gate off, on its own landscape",
        ),
        arrheniusRetentionS: z
          .object({ median: z.number().nullable(), p01: z.number().nullable() })
          .strict()
          .describe(
            'exp(barrier / k_B T) / attempt frequency (null: beyond the largest double, a barrier of 700 k_BT)',
          ),
      })
      .strict()
      .nullable()
      .describe('measured retention of the state (null: no barriers measured, as in an LLG table, or at 0 K)'),
    resetSuccessFraction: Probability.nullable().describe(
      'fraction of trials back in state 0 after the reset pulse (null: made without the reset)',
    ),
    energy: z
      .object({
        setJ: z.number().nonnegative(),
        gateJ: z.number().nonnegative().describe('C V^2 of the gate for the set and the reset'),
        resetJ: z.number().nonnegative(),
        totalJ: z.number().nonnegative(),
      })
      .strict()
      .describe('energy of one programming attempt to this state'),
    exampleTrajectories: z
      .object({
        trials: z.array(z.number().int().nonnegative()),
        timeS: z.array(z.number()).describe('from the start of the set pulse'),
        positionsM: z.array(z.array(z.number())).describe('[trial][instant]'),
      })
      .strict()
      .describe(
        'wall position during the set pulse and relaxation of the first trials (their own noise streams: they end where those trials were read)',
      ),
  })
  .strict();
export type StateEntry = z.infer<typeof StateEntry>;

const StateTable = z
  .object({
    states: z.union([z.literal(2), z.literal(3), z.literal(5)]),
    control: z.enum(['pulseWidth', 'current', 'gateVoltage']),
    levelsU: z.array(z.number()),
    weightLevels: z.array(z.number()).describe('nominal synaptic weight of each state, w = 2u - 1'),
    entries: z.array(StateEntry),
    confusion: z.array(z.array(Probability)).describe('[programmed state][read state] probability'),
    calibration: z
      .object({
        controlValues: z.array(z.number()),
        meanU: z.array(z.number()),
        binProbability: z.array(z.array(Probability)).describe('[scan point][state bin]'),
        trialsPerPoint: z.number().int().positive(),
        refinedTrialsPerPoint: z.number().int().positive(),
      })
      .strict()
      .nullable()
      .describe(
        "the scan that chose each state's control value; null in an LLG table, which takes the 1-D table's values",
      ),
    commonPulse: z
      .object({ currentDensityAPerM2: z.number(), widthS: z.number().nonnegative() })
      .strict()
      .describe('the current and width every set pulse of the table shares (all but the control)'),
    pulseSearch: z
      .object({
        candidates: z.array(
          z
            .object({
              currentDensityAPerM2: z.number(),
              widthS: z.number().positive(),
              score: Probability.describe(
                'mean over the pulsed states of the best landing probability of a scanned voltage that puts the mean within 0.1 of the level',
              ),
              setEnergyJ: z.number().nonnegative(),
              outcome: z
                .enum(['chosen', 'chosen as the closest, missed a level', 'missed a level', 'not tried'])
                .describe('calibrated in turn (best scores by least energy) until one put every state on its level'),
            })
            .strict(),
        ),
        chosen: z.number().int().nonnegative(),
        pointsPerCandidate: z.number().int().positive(),
        trialsPerPoint: z.number().int().positive(),
      })
      .strict()
      .nullable()
      .describe('how the common pulse was chosen (null: configured, or taken from another table)'),
    resetPulse: PulseRecord,
    meanEnergyPerAttemptJ: z.number().nonnegative(),
    holding: z
      .object({
        mechanism: z.enum(['widthModulation', 'notches', 'none']).describe('the engineered pinning, if any'),
        engineeredBarrierKT: z
          .number()
          .nullable()
          .describe("the engineered pinning's own barrier (analytic), without roughness; null without one"),
        barrierKT: z
          .number()
          .describe("measured: the lowest state's 1st percentile of the trials' escape barriers (entries[].holding)"),
        arrheniusRetentionS: z
          .number()
          .nullable()
          .describe(
            'exp(barrierKT) / attemptFrequencyHz: the worst 1 % of the worst state (null: beyond the largest double)',
          ),
        attemptFrequencyHz: z.number().positive(),
      })
      .strict()
      .nullable()
      .describe(
        'what holds a programmed state with the gate off (null: no barriers measured, as in an LLG table, or no thermal escape at 0 K)',
      ),
    design: DesignFigures.describe(
      'the table against the constraints a credible synapse must meet (device-sim/design/constraints.ts) and the objectives a design search minimizes',
    ),
    notches: z
      .object({
        depthJ: z.number(),
        depthKT: z.number().describe('notch depth over k_B T'),
        widthM: z.number(),
        arrheniusRetentionS: z
          .number()
          .nullable()
          .describe('exp(depth / k_B T) / attempt frequency (null: beyond the largest double)'),
      })
      .strict()
      .optional()
      .describe('absent when the device has no notches'),
  })
  .strict();
export type StateTable = z.infer<typeof StateTable>;

/** A calibration of the 1-D model against LLG runs (device-sim/llg/runs/one-d-calibration.ts). */
export const OneDCalibration = z
  .object({
    model: z.literal('llg'),
    cellM: z.tuple([z.number(), z.number(), z.number()]),
    demag: z.enum(['full', 'thin-film']),
    pulseS: z.number().positive(),
    currentsAPerM2: z.array(z.number()),
    llgDisplacementM: z.array(z.number()).describe('LLG wall displacement at the end of each pulse'),
    oneDBeforeM: z.array(z.number()).describe('1-D displacement with the configured parameters'),
    oneDAfterM: z.array(z.number()).describe('1-D displacement with the fitted parameters'),
    parameters: z
      .object({
        dmiJPerM2: z.tuple([z.number(), z.number()]),
        kdJPerM3: z.tuple([z.number(), z.number()]),
        alpha: z.tuple([z.number(), z.number()]),
      })
      .strict()
      .describe('[configured, fitted]: the table was made with the fitted values'),
    rmsRelativeErrorBefore: z.number().nonnegative(),
    rmsRelativeErrorAfter: z.number().nonnegative(),
    llgEvaluations: z.number().int().nonnegative(),
  })
  .strict();
export type OneDCalibration = z.infer<typeof OneDCalibration>;

/**
 * The config key `device.model`: which device table the downstream stages read. It lives with the device table's
 * schema, so that the stages that read it (crossbar, train, paper, report) hold no device-sim code.
 */
export const DeviceTableModel = z
  .enum(['1d', 'llg'])
  .default('1d')
  .describe(
    "which device table the crossbar, training, paper and report stages read: the 1-D model's (stage device) or its states remade on the micromagnetic strip (stage device-llg, which a plain run then includes)",
  );

/** A device parameter outside the range the literature supports (device-sim/envelope/literature.json). */
export const OutsideParameter = z
  .object({
    key: z.string().describe('the device config key, or the name of a quantity derived from it'),
    value: z.number().describe('its value (for several, as a derived quantity has, the one farthest out)'),
    range: z.tuple([z.number(), z.number()]).describe('the range the literature supports, [min, max]'),
    unit: z.string(),
    sources: z.array(z.string()).min(1).describe('the works the range rests on'),
  })
  .strict();
export type OutsideParameter = z.infer<typeof OutsideParameter>;

/** How an LLG table was made: the strip, the step, the protocol, and how its pinning was set. */
const LlgCharacterizationRecord = z
  .object({
    cellM: z.tuple([z.number(), z.number(), z.number()]),
    demag: z.enum(['full', 'thin-film']),
    demagPrecision: z
      .enum(['f64', 'f32'])
      .default('f64')
      .describe("the full demag's arithmetic (tables made before the option are float64)"),
    edges: z
      .enum(['outline', 'anisotropy'])
      .describe('width modulation and roughness as the outline of the film, or as a K_u landscape'),
    timeStepS: z.number().positive(),
    relaxIterations: z.number().int().nonnegative(),
    protocol: z.enum(['set', 'full']),
    controlValuesFrom: z
      .string()
      .describe(
        "the 1-D table whose calibrated control values the states were programmed with (its sha256; also the artifact's input)",
      ),
    pinningScale: z
      .number()
      .positive()
      .describe('factor on the 1-D pinning energy that gives the LLG wall the configured notch depth'),
    notchDepthJ: z
      .object({ configured: z.number(), unscaled: z.number(), llg: z.number() })
      .strict()
      .nullable()
      .describe('notch depth: configured (1-D), seen by the LLG wall with the plain mapping, and with the factor'),
  })
  .strict();

export const DeviceTableData = z
  .object({
    model: z.enum(['1d', 'llg']).describe('which simulator made the table'),
    calibration: OneDCalibration.nullable().describe(
      'the 1-D model calibration against LLG runs that was used, if any',
    ),
    llg: LlgCharacterizationRecord.optional().describe('how an LLG table was made (absent from a 1-D table)'),
    temperatureK: z.number().nonnegative(),
    timeStepS: z.number().positive(),
    wall: z
      .object({
        deltaM: z.number(),
        wallEnergyJPerM2: z.number(),
        shapeFieldT: z.number(),
        dmiFieldT: z.number(),
        spinHallFieldTPerAPerM2: z.number(),
        diffusionM2PerS: z.number().describe('free-wall diffusion constant k_B T gamma Delta / (2 alpha Ms S)'),
      })
      .strict(),
    readout: z
      .object({ parallelSiemens: z.number().positive(), antiparallelSiemens: z.number().positive(), tmr: z.number() })
      .strict(),
    quantileLevels: z.array(z.number()),
    energyAssumptions: z.array(z.string()).describe('what the energy of an attempt counts and assumes'),
    envelope: z
      .object({ outside: z.array(OutsideParameter).describe('every parameter outside its literature range') })
      .strict()
      .describe("the device's parameters against the literature envelope"),
    tables: z.array(StateTable).min(1),
  })
  .strict();
export type DeviceTableData = z.infer<typeof DeviceTableData>;

export const deviceTable = defineArtifactKind({
  kind: 'device-table',
  schemaVersion: 3,
  description: 'Stochastic lookup table of programmed domain-wall states (per state count), with readout and energy',
  data: DeviceTableData,
});
