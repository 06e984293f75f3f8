// Strict runtime schemas for evidence records, mirroring src/evidence/types.ts. A record that
// does not match exactly is not evidence: fail closed rather than guess what it meant. A newer
// record shape gets a new `v`, so an old reviewgate says "upgrade" instead of misreading it.
import * as z from 'zod/mini';
import type { AnswerRecord, CommentRecord, FlagRecord, ResolveRecord, ReviewRecord, RunRecord, SignatureRecord } from './types.js';

const nonEmpty = z.string().check(z.minLength(1));
const count = z.int().check(z.nonnegative());
const duration = z.number().check(z.nonnegative());

const base = {
  v: z.literal(1),
  id: nonEmpty,
  at: z.iso.datetime({ offset: true }),
  by: z.strictObject({ name: z.string(), email: z.string() }),
  tool: z.string(),
  /** Set when the record was made from an AI coding agent's shell (review.agent: warn or allow). */
  agent: z.optional(nonEmpty),
};

const review = z.strictObject({
  ...base,
  type: z.literal('review'),
  mode: z.enum(['terminal', 'piped', 'web']),
  keys: z.array(nonEmpty),
  durationMs: duration,
  lines: count,
  /** Active time per accepted item, in the order answered (terminal reviews). */
  items: z.optional(
    z.array(
      z.strictObject({
        keys: z.optional(z.array(nonEmpty)),
        n: z.optional(count),
        lines: count,
        activeMs: duration,
        content: z.optional(z.array(nonEmpty)),
        pages: z.optional(z.array(z.strictObject({ from: count, to: count, ms: duration }))),
        move: z.optional(z.strictObject({ from: z.string(), line: count, lines: count })),
      }),
    ),
  ),
  input: z.optional(z.strictObject({ keys: count, ahead: count, burst: count })),
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

const signature = z.strictObject({
  ...base,
  type: z.literal('signature'),
  namespace: nonEmpty,
  records: z.array(z.strictObject({ id: nonEmpty, sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)) })),
  signature: nonEmpty,
});

const flag = z.strictObject({
  ...base,
  type: z.literal('flag'),
  keys: z.array(nonEmpty).check(z.minLength(1)),
  path: z.string(),
  line: z.int().check(z.positive()),
  endLine: z.int().check(z.positive()),
  category: z.string(),
  text: z.string(),
  model: z.string(),
});

const answer = z.strictObject({
  ...base,
  type: z.literal('answer'),
  flag: nonEmpty,
  verdict: z.enum(['addressed', 'not-a-problem', 'accepted-risk']),
  text: z.string(),
});

/** The schema for each record `type`; `parse.ts` picks by type for precise messages. */
export const recordSchemas = {
  review,
  note: comment,
  concern: comment,
  resolve,
  run,
  signature,
  flag,
  answer,
} as const;

export type RecordType = keyof typeof recordSchemas;

export function isRecordType(type: unknown): type is RecordType {
  return typeof type === 'string' && Object.hasOwn(recordSchemas, type);
}

// Compile-time proof that the schemas and the hand-written types agree, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };
type Check<T extends true> = T;
type _SchemasMatchTypes = [
  Check<Same<z.output<typeof review>, Mutable<ReviewRecord>>>,
  Check<Same<z.output<typeof comment>, Mutable<CommentRecord>>>,
  Check<Same<z.output<typeof resolve>, Mutable<ResolveRecord>>>,
  Check<Same<z.output<typeof run>, Mutable<RunRecord>>>,
  Check<Same<z.output<typeof signature>, Mutable<SignatureRecord>>>,
  Check<Same<z.output<typeof flag>, Mutable<FlagRecord>>>,
  Check<Same<z.output<typeof answer>, Mutable<AnswerRecord>>>,
];

