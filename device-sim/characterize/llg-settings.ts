import { z } from 'zod';
import { quantity } from '../../core/quantity.ts';
import { stripMesh } from '../llg/formats/llg-case.ts';

/** How a programming trial runs on the micromagnetic strip (the part every trial of a table shares). */
export const LlgTrialSettings = z
  .object({
    // Float32 demag by default: the tables of 48 trials per state made in either precision had the same distributions,
    // and against the 1-D table the same verdicts (README, "The demag in single precision").
    mesh: stripMesh([2e-9, 2e-9, 1e-9], 'f32'),
    edges: z
      .enum(['outline', 'anisotropy'])
      .default('outline')
      .describe(
        "'outline': the width modulation and the edge roughness are the film's outline, vacuum beyond (cells of 2 nm or less resolve 1 nm roughness); 'anisotropy': they join the other pinning as a K_u landscape per column",
      ),
    timeStepS: quantity('s', 'fixed stochastic-Heun step (the 2 nm cells ask for 2e-14 s or less)').default(2e-14),
    relaxIterations: z
      .number()
      .int()
      .nonnegative()
      .default(500)
      .describe('energy-descent steps from the 1-D wall profile at home before the protocol starts'),
    protocol: z
      .enum(['set', 'full'])
      .default('set')
      .describe(
        "'set': equilibrate, set pulse, relax, read (the table has no retention or reset figures); 'full': also the hold and the reset of the 1-D protocol",
      ),
    trialsPerBatch: z
      .number()
      .int()
      .positive()
      .default(1)
      .describe(
        'trials a worker (or a Slurm task) advances together in one solve with one batched demag; each trial follows the trajectory it follows alone, so the table is the same whatever the batch',
      ),
    pinningScale: z
      .number()
      .positive()
      .default(1)
      .describe('factor on the 1-D pinning energy before it becomes an anisotropy landscape (see notchDepthScale)'),
  })
  .strict();
export type LlgTrialSettings = z.infer<typeof LlgTrialSettings>;

/** An LLG characterization: which tables of a 1-D table to remake on the strip, with how many trials. */
export const LlgCharacterization = LlgTrialSettings.omit({ pinningScale: true })
  .extend({
    stateCounts: z
      .array(z.union([z.literal(2), z.literal(3), z.literal(5)]))
      .min(1)
      .optional()
      .describe("which of the 1-D table's n-state tables to remake (default: all)"),
    trialsPerState: z
      .number()
      .int()
      .positive()
      .default(8)
      .describe('programming trials per state (an LLG trial takes minutes)'),
    matchNotchDepth: z
      .boolean()
      .default(true)
      .describe('scale the pinning so that the LLG wall sees the configured notch depth (notchDepthScale)'),
  })
  .strict();
export type LlgCharacterization = z.infer<typeof LlgCharacterization>;

/**
 * The dotted keys of the deviceLlg section that make the table: all but `trialsPerBatch`, which changes how the trials
 * are run and not what they give, so must not make the table stale.
 */
export const llgCharacterizationKeys = Object.keys(LlgCharacterization.shape)
  .filter((key) => key !== 'trialsPerBatch')
  .map((key) => `deviceLlg.${key}`);
