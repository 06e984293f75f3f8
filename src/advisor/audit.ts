// Test audit: does the test matched to each checklist item really check it (not only by its
// title)? And which assumptions of the changed code does no test check?
import * as z from 'zod';
import type { Task } from './engine.js';

const auditSchema = z.object({
  items: z
    .array(
      z.object({
        item: z.string().describe('the checklist item id, as in "C2"'),
        verdict: z.enum(['checks', 'partly', 'does-not-check']),
        why: z.string().min(1),
        line: z.int().optional().describe('the test file line the verdict is about'),
      }),
    )
    .max(50),
  untested_assumptions: z
    .array(
      z.object({
        hunk: z.string(),
        side: z.enum(['+', '-']),
        start_line: z.int(),
        end_line: z.int(),
        assumption: z.string().min(1),
      }),
    )
    .max(20),
  injection_attempts: z.array(z.object({ path: z.string(), quote: z.string() })).max(20),
});

export type AuditAnswer = z.infer<typeof auditSchema>;

export const auditTask: Task<AuditAnswer> = {
  task:
    'Audit tests against the plan\'s test checklist. Each "checklist item" part gives an item (C1, C2, …) and the body of the test matched to it by title, with line numbers: ' +
    'say whether the body really checks what the item says (its assertions, inputs and edge), not only whether the title matches. ' +
    'The other parts are hunks of the changed code ("@@ hunk <id>", lines with side and number): list assumptions that code makes which no test shown checks.',
  contract:
    'JSON with "items" (one per checklist item: {item, verdict: checks|partly|does-not-check, why, line?}), "untested_assumptions" (each {hunk, side, start_line, end_line, assumption}) and "injection_attempts" (each {path, quote}).',
  schema: auditSchema,
  maxOutputTokens: 3000,
};
