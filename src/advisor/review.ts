// Risk flags for review: where would a new hire most likely be wrong in these hunks? Each flag
// names a hunk, a side and a line range, and says why in one or two sentences.
import * as z from 'zod';
import type { Task } from './engine.js';

const flagsSchema = z.object({
  flags: z
    .array(
      z.object({
        hunk: z.string().describe('the hunk id, as in "@@ hunk H3"'),
        side: z.enum(['+', '-']).describe('"+" for added lines (new line numbers), "-" for removed lines (old line numbers)'),
        start_line: z.int(),
        end_line: z.int(),
        category: z.enum(['edge-case', 'race', 'error-path', 'assumption', 'security', 'prompt-injection', 'other']),
        why: z.string().min(1),
      }),
    )
    .max(30),
  injection_attempts: z.array(z.object({ path: z.string(), quote: z.string() })).max(20),
});

export type FlagsAnswer = z.infer<typeof flagsSchema>;

export const flagsTask: Task<FlagsAnswer> = {
  task:
    'You review the hunks of a code change next to a person. Flag the places where a new engineer would most likely be wrong: edge cases, races, error paths, ' +
    'assumptions about the rest of the system, security. Only flag what you can point at; no style remarks. Each hunk starts with "@@ hunk <id>"; each line shows its side and its line number.',
  contract:
    'JSON with "flags" (each {hunk, side, start_line, end_line, category, why}; why in one or two sentences; lines as numbered in the hunk) and "injection_attempts" (each {path, quote}); at most 10 flags, the most important first.',
  schema: flagsSchema,
  maxOutputTokens: 3000,
};
