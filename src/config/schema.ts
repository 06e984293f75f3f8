// The configuration schema: the single source of truth for `.reviewgate.yml`, its defaults,
// its TypeScript type and the shipped `schema.json`. zod/mini keeps `check`'s start-up small
// (the classic zod entry costs about 25 ms to load; mini about 3 ms).
import * as z from 'zod/mini';

const severityMode = z.enum(['warn', 'fail', 'off']);
const personMode = z.enum(['refuse', 'warn', 'allow']);

const testRule = z.strictObject({
  source: z.string().check(z.minLength(1)),
  exclude: z.prefault(z.array(z.string()), []),
  tests: z.array(z.string()).check(z.minLength(1)),
  /** exists (the default): one mapped test file must exist; changed: it must also change in the same change. */
  when: z.optional(z.enum(['exists', 'changed'])),
});

const reviewerRule = z.strictObject({
  paths: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
  /** How many distinct people must have reviewed each changed line. */
  reviewers: z.prefault(z.int().check(z.positive()), 2),
  /** The author of the commit (in a staged check: whoever commits, the git user) does not count. */
  distinct_from_author: z.prefault(z.boolean(), false),
});

const isolatedSettings = z.strictObject({
  /** Run every `reviewgate run` in a temporary worktree, as if --isolated were given. */
  always: z.prefault(z.boolean(), false),
  /** Commands run in the temporary worktree before the run commands (e.g. npm ci). */
  setup: z.prefault(z.array(z.string().check(z.minLength(1))), []),
  /** Folders linked from the main work tree into the temporary one (e.g. node_modules). */
  link: z.prefault(z.array(z.string().check(z.minLength(1))), []),
});

export const configSchema = z.strictObject({
  $schema: z.optional(z.string()),
  version: z.prefault(z.literal(1), 1),
  evidence_dir: z.prefault(z.string().check(z.minLength(1)), '.reviewgate'),
  plan: z.prefault(
    z.strictObject({
      required: z.prefault(z.boolean(), true),
      sections: z.prefault(z.array(z.string().check(z.minLength(1))), ['Goal', 'Approach', 'Risks', 'Test checklist']),
      before_code: z.prefault(severityMode, 'warn'),
      /** Files changed outside the plan's `scope:` globs. */
      scope: z.prefault(severityMode, 'warn'),
    }),
    {},
  ),
  review: z.prefault(
    z.strictObject({
      required: z.prefault(z.boolean(), true),
      ignore: z.prefault(z.array(z.string()), ['package-lock.json']),
      /** What a review read faster than max_lines_per_hour draws. */
      pace: z.prefault(severityMode, 'warn'),
      max_lines_per_hour: z.prefault(z.number().check(z.positive()), 1500),
      /** Only reviews answered on a terminal count (piped answers have no pace). */
      require_interactive: z.prefault(z.boolean(), false),
      /** Reviews answered from a pipe (`yes y | reviewgate review`): refuse (do not count), warn, allow. */
      piped: z.prefault(personMode, 'refuse'),
      /** `review`, `plan` and acknowledgements run from an AI coding agent's shell: refuse, warn, allow. */
      agent: z.prefault(personMode, 'refuse'),
      /** Paths whose every changed line needs more than one reviewer. */
      rules: z.prefault(z.array(reviewerRule), []),
    }),
    {},
  ),
  evidence: z.prefault(
    z.strictObject({
      /** ssh: sign every record a person or `run` produces with git's SSH signing key. */
      sign: z.prefault(z.enum(['off', 'ssh']), 'off'),
      /** Only records whose signature verifies against the base's allowed-signers file count. */
      require_signatures: z.prefault(z.boolean(), false),
      /** The allowed-signers file (ssh-keygen format), read from the base of what is judged. */
      allowed_signers: z.prefault(z.string().check(z.minLength(1)), '.reviewgate/allowed_signers'),
    }),
    {},
  ),
  run: z.prefault(
    z.strictObject({
      required: z.prefault(z.boolean(), true),
      commands: z.prefault(z.array(z.string().check(z.minLength(1))), ['npm test']),
      /** `always` (= { always: true }) or the settings of `reviewgate run --isolated`. */
      isolated: z.prefault(z.union([z.literal('always'), isolatedSettings]), {}),
      /** How many commands may run at once. */
      jobs: z.prefault(z.int().check(z.positive()), 1),
      /** Per-command limit: seconds, or a duration such as "90s", "15m", "1h"; null for none. */
      timeout: z.prefault(z.nullable(z.union([z.number().check(z.positive()), z.string().check(z.regex(/^\d+(\.\d+)?\s*(ms|s|m|h)?$/))])), null),
    }),
    {},
  ),
  tests: z.prefault(
    z.strictObject({
      required: z.prefault(z.boolean(), true),
      /** A named layout whose rules apply before (or, with rules given, beside) the rules below. */
      preset: z.optional(z.enum(['vitest', 'jest', 'node-test', 'mocha', 'pytest', 'go'])),
      /** Whether `- [~] item — reason` waivers in the plan's test checklist are accepted. */
      waivers: z.prefault(z.enum(['allow', 'forbid']), 'allow'),
      /** Coverage of the changed lines, from an lcov report; off when absent. */
      coverage: z.optional(
        z.strictObject({
          lcov: z.string().check(z.minLength(1)),
          min: z.prefault(z.number().check(z.gte(0), z.lte(100)), 80),
        }),
      ),
      files: z.prefault(z.array(z.string()), [
        '**/*.{test,spec}.{js,jsx,ts,tsx,mjs,cjs,mts,cts}',
        '**/__tests__/**/*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}',
        '**/test_*.py',
        '**/*_test.py',
        '**/*_test.go',
      ]),
      rules: z.prefault(z.array(testRule), [
        {
          source: 'src/**/*.ts',
          exclude: ['src/**/*.d.ts', 'src/**/*.test.ts', 'src/**/*.spec.ts'],
          tests: ['test/{dir}/{name}.test.ts', 'src/{dir}/{name}.test.ts'],
        },
      ]),
    }),
    {},
  ),
});

export type Config = z.output<typeof configSchema>;
export type TestRule = Config['tests']['rules'][number];
export { GATE_IDS, type GateId } from '../gates/ids.js';
