import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** A published work the envelope cites. */
const Source = z
  .object({
    cite: z.string().min(10).describe('authors, title, journal, volume, pages (year)'),
    doi: z.string().optional(),
    arxiv: z.string().optional(),
    confirmed: z.boolean().describe('the value attributed to it was read (abstract, page, file), not recalled'),
    how: z.string().describe('where and how it was read'),
  })
  .strict();

/** The range the literature supports for one parameter, and how a device is held against it. */
const ParameterRange = z
  .object({
    unit: z.string(),
    min: z.number(),
    max: z.number(),
    typical: z.number().optional(),
    check: z
      .enum(['config', 'derived', 'reference'])
      .describe(
        'config: the device config key of this name; derived: a quantity computed from the config and the table; reference: recorded, not checked',
      ),
    sources: z.array(z.string()).min(1, 'a range needs at least one source'),
    note: z.string(),
  })
  .strict()
  .refine((range) => range.min <= range.max, { message: 'min is above max', path: ['min'] });
export type ParameterRange = z.infer<typeof ParameterRange>;

/** The envelope: its sources, and a range per parameter, each naming sources the file holds. */
export const Envelope = z
  .object({
    about: z.string(),
    sources: z.record(z.string(), Source),
    parameters: z.record(z.string(), ParameterRange),
  })
  .strict()
  .superRefine((envelope, context) => {
    for (const [key, range] of Object.entries(envelope.parameters))
      range.sources.forEach((id, i) => {
        if (!(id in envelope.sources))
          context.addIssue({
            code: 'custom',
            path: ['parameters', key, 'sources', i],
            message: `no source "${id}" in sources`,
          });
      });
  });
export type Envelope = z.infer<typeof Envelope>;

/** The envelope the repository ships (literature.json beside this file), checked when it is loaded. */
export const literatureEnvelope: Envelope = Envelope.parse(
  JSON.parse(readFileSync(new URL('./literature.json', import.meta.url), 'utf8')),
);
