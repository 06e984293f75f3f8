// The configuration schema: the single source of truth for `.reviewgate.yml`, its defaults,
// its TypeScript type and the shipped `schema.json`. zod/mini keeps `check`'s start-up small
// (the classic zod entry costs about 25 ms to load; mini about 3 ms).
import * as z from 'zod/mini';
import { DURATION, MAX_TIMEOUT_SECONDS, timeoutProblem } from './timeout.js';

/** `tests.files` by default: the JS/TS, Python and Go test file conventions. */
export const DEFAULT_TEST_FILES: readonly string[] = [
  '**/*.{test,spec}.{js,jsx,ts,tsx,mjs,cjs,mts,cts}',
  '**/__tests__/**/*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}',
  '**/test_*.py',
  '**/*_test.py',
  '**/*_test.go',
];

const severityMode = z.enum(['warn', 'fail', 'off']);
/** What a producer does with input that may not come from a person. */
const agentPolicy = z.enum(['refuse', 'warn', 'allow']);


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
      /** A plan recorded from an AI coding agent's shell. */
      agent: z.prefault(agentPolicy, 'refuse'),
      /** The plan section listing manual checks (asked by `reviewgate run`, required by the run gate). */
      manual_checks: z.prefault(z.string().check(z.minLength(1)), 'Manual checks'),
    }),
    {},
  ),
  review: z.prefault(
    z.strictObject({
      required: z.prefault(z.boolean(), true),
      ignore: z.prefault(z.array(z.string()), []),
      /** npm lockfiles are reviewed package by package; where packages may come from. */
      lockfile: z.prefault(
        z.strictObject({
          /** Registry URLs or hosts; unset: the registries the repository's .npmrc names, else registry.npmjs.org. */
          registries: z.optional(z.array(z.string().check(z.minLength(1)))),
        }),
        {},
      ),
      /** What a review read faster than max_lines_per_hour draws. */
      pace: z.prefault(severityMode, 'warn'),
      max_lines_per_hour: z.prefault(z.number().check(z.positive()), 1500),
      /** A speed no person reads at: a review or item above it does not count (unless pace: off). */
      max_lines_per_hour_fail: z.prefault(z.number().check(z.positive()), 6000),
      /** Only reviews answered on a terminal count (piped answers have no pace). Same as piped: refuse. */
      require_interactive: z.prefault(z.boolean(), false),
      /** Answers read from a pipe (`yes y | reviewgate review`): refused, counted with a warning, or counted. */
      piped: z.prefault(agentPolicy, 'refuse'),
      /** A review or an acknowledgement started from an AI coding agent's shell. */
      agent: z.prefault(agentPolicy, 'refuse'),
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
      // The union keeps schema.json's constraints for editors; the refinement catches a duration
      // string beyond the limit, and format.ts words a failed union with timeoutProblem.
      timeout: z.prefault(
        z.nullable(
          z
            .union([z.number().check(z.positive(), z.lte(MAX_TIMEOUT_SECONDS)), z.string().check(z.regex(DURATION))])
            .check(z.refine((v) => timeoutProblem(v) === null, { error: (issue) => timeoutProblem(issue.input) ?? 'invalid timeout' })),
        ),
        null,
      ),
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
      files: z.prefault(z.array(z.string()), [...DEFAULT_TEST_FILES]),
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
  /** The AI advisor: advisory only, it can add items a person must answer, never satisfy a gate. */
  ai: z.prefault(
    z.strictObject({
      enabled: z.prefault(z.boolean(), false),
      /** A Claude model id (the SDK's `Model` type lists the current ones). */
      model: z.prefault(z.string().check(z.minLength(1)), 'claude-sonnet-5-5'),
      /** `on`: `reviewgate review` asks for risk flags on the change before the walk. */
      review: z.prefault(z.enum(['on', 'off']), 'off'),
      /** What an unanswered flag draws in `check`: nothing, a warning, or a failing finding. */
      acknowledge: z.prefault(z.enum(['off', 'warn', 'required']), 'warn'),
      /** Paths never sent (globs), on top of secret redaction. */
      exclude: z.prefault(z.array(z.string().check(z.minLength(1))), ['.env*', '**/.env*', '**/*.pem', '**/*.key', '**/secrets/**']),
      /** Input tokens one request may use; over it the largest files are left out and listed. */
      max_input_tokens: z.prefault(z.int().check(z.positive()), 30000),
      /** Per-request limit: seconds, or a duration such as "90s", "2m". */
      timeout: z.prefault(z.union([z.number().check(z.positive()), z.string().check(z.regex(/^\d+(\.\d+)?\s*(ms|s|m|h)?$/))]), '120s'),
    }),
    {},
  ),
});

export type Config = z.output<typeof configSchema>;
export type TestRule = Config['tests']['rules'][number];
export type { GateId } from '../gates/ids.js';
