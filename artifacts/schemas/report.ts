import { z } from 'zod';
import { defineArtifactKind } from '../artifact.ts';
import { Attachment } from '../attachments.ts';

export const reportKind = defineArtifactKind({
  kind: 'report',
  schemaVersion: 2,
  description:
    'A readable report of a run: report.html, its plots (SVG, PNG) and tables (CSV) as attachments, with the paper comparison',
  data: z
    .object({
      title: z.string(),
      attachments: z.array(Attachment).describe('report.html first, then the plots and tables, each with its hash'),
      auditPassed: z.boolean().describe('every artifact the report uses validated, hashed and traced to its roots'),
      figures: z.array(z.object({ id: z.string(), title: z.string() }).strict()),
      tables: z.array(z.object({ id: z.string(), rows: z.number().int().nonnegative() }).strict()),
      comparison: z.array(
        z
          .object({
            quantity: z.string(),
            unit: z.string(),
            paper: z.number(),
            ours: z.number().nullable(),
            ci95: z
              .tuple([z.number(), z.number()])
              .nullable()
              .describe('95 % confidence interval of our mean over the seeds (Student t)'),
            seeds: z.number().int().positive().nullable(),
            difference: z.number().nullable(),
            pHolm: z
              .number()
              .nullable()
              .describe(
                "one-sample t test of ours against the paper's figure, Holm-corrected over the table's contrasts",
              ),
            significant: z.boolean().nullable().describe('whether ours differs from the paper at Holm p < 0.05'),
          })
          .strict(),
      ),
    })
    .strict(),
});
export type ReportData = z.infer<typeof reportKind.data>;
