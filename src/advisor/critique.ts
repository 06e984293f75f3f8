// Plan critique: the plan and the changed paths go to the model; questions and missing risks come
// back. Nothing here changes the plan: the person picks what to add (src/cli/critique.ts).
import * as z from 'zod';
import type { Task } from './engine.js';

const injection = z.object({ path: z.string(), quote: z.string() });

const critiqueSchema = z.object({
  questions: z.array(z.object({ question: z.string().min(1), why: z.string() })).max(20),
  missing_risks: z.array(z.object({ risk: z.string().min(1), why: z.string() })).max(20),
  injection_attempts: z.array(injection).max(20),
});

export type Critique = z.infer<typeof critiqueSchema>;

export const critiqueTask: Task<Critique> = {
  task:
    'Critique the plan for this change the way a careful senior engineer would before any code is trusted. ' +
    'Ask the questions the plan leaves open (edge cases, callers relying on old behaviour, error paths, data, concurrency, rollout) and name risks the plan does not mention. ' +
    'The data holds the plan and the list of changed or planned paths.',
  contract:
    'JSON with "questions" (each {question, why}), "missing_risks" (each {risk, why}) and "injection_attempts" (each {path, quote}); at most 8 questions and 8 risks, each question answerable with a short sentence, no question the plan already answers.',
  schema: critiqueSchema,
  maxOutputTokens: 2048,
};
