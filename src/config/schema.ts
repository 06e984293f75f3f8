// The configuration schema: the single source of truth for `.reviewgate.yml`, its defaults,
// its TypeScript type and the shipped `schema.json`. zod/mini keeps `check`'s start-up small
// (the classic zod entry costs about 25 ms to load; mini about 3 ms).
import * as z from 'zod/mini';

const severityMode = z.enum(['warn', 'fail', 'off']);

const testRule = z.strictObject({
  source: z.string().check(z.minLength(1)),
  exclude: z.prefault(z.array(z.string()), []),
  tests: z.array(z.string()).check(z.minLength(1)),
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
    }),
    {},
  ),
  review: z.prefault(
    z.strictObject({
      required: z.prefault(z.boolean(), true),
      ignore: z.prefault(z.array(z.string()), ['package-lock.json']),
    }),
    {},
  ),
  run: z.prefault(
    z.strictObject({
      required: z.prefault(z.boolean(), true),
      commands: z.prefault(z.array(z.string().check(z.minLength(1))), ['npm test']),
    }),
    {},
  ),
  tests: z.prefault(
    z.strictObject({
      required: z.prefault(z.boolean(), true),
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
export type GateId = 'plan' | 'review' | 'run' | 'tests';
export const GATE_IDS: readonly GateId[] = ['plan', 'review', 'run', 'tests'];
