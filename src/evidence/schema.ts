// Strict runtime schemas for evidence records, mirroring src/evidence/types.ts. A record that
// does not match exactly is not evidence: fail closed rather than guess what it meant. A newer
// record shape gets a new `v`, so an old reviewgate says "upgrade" instead of misreading it.
import * as z from 'zod/mini';
import type { CommentRecord, ResolveRecord, ReviewRecord, RunRecord } from './types.js';

const nonEmpty = z.string().check(z.minLength(1));
const count = z.int().check(z.nonnegative());
const duration = z.number().check(z.nonnegative());

const base = {
  v: z.literal(1),
  id: nonEmpty,
  at: z.iso.datetime({ offset: true }),
  by: z.strictObject({ name: z.string(), email: z.string() }),
  tool: z.string(),
};

const review = z.strictObject({
  ...base,
  type: z.literal('review'),
  mode: z.enum(['terminal', 'piped', 'web']),
  keys: z.array(nonEmpty),
  durationMs: duration,
  lines: count,
  /** Active time per accepted item, in the order answered (terminal reviews). */
  items: z.optional(z.array(z.strictObject({ keys: z.array(nonEmpty), lines: count, activeMs: duration, content: z.optional(z.array(nonEmpty)), move: z.optional(z.strictObject({ from: z.string(), line: count, lines: count })) }))),
});

const comment = z.strictObject({
  ...base,
  type: z.enum(['note', 'concern']),
  keys: z.array(nonEmpty),
  path: z.string(),
  line: z.nullable(z.int().check(z.positive())),
  text: z.string(),
});

const resolve = z.strictObject({
  ...base,
  type: z.literal('resolve'),
  concern: nonEmpty,
  text: z.string(),
});

const run = z.strictObject({
  ...base,
  type: z.literal('run'),
  tree: nonEmpty,
  command: z.string(),
  exitCode: z.nullable(z.int()),
  signal: z.nullable(z.string()),
  durationMs: duration,
  void: z.boolean(),
  changed: z.array(z.string()),
  node: z.string(),
  platform: z.string(),
  /** Run in a temporary worktree of exactly the judged tree (--isolated). */
  isolated: z.optional(z.boolean()),
  /** The command was killed for exceeding run.timeout. */
  timedOut: z.optional(z.boolean()),
  /** The last lines of the command's output, secrets masked. */
  output: z.optional(z.array(z.string())),
});

/** The schema for each record `type`; `parse.ts` picks by type for precise messages. */
export const recordSchemas = {
  review,
  note: comment,
  concern: comment,
  resolve,
  run,
} as const;

export type RecordType = keyof typeof recordSchemas;

export function isRecordType(type: unknown): type is RecordType {
  return typeof type === 'string' && Object.hasOwn(recordSchemas, type);
}

// Compile-time proof that the schemas and the hand-written types agree, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };
type Check<T extends true> = T;
export type SchemasMatchTypes = [
  Check<Same<z.output<typeof review>, Mutable<ReviewRecord>>>,
  Check<Same<z.output<typeof comment>, Mutable<CommentRecord>>>,
  Check<Same<z.output<typeof resolve>, Mutable<ResolveRecord>>>,
  Check<Same<z.output<typeof run>, Mutable<RunRecord>>>,
];

