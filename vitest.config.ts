import { defineConfig } from 'vitest/config';

// Split by cost: pure unit tests, integration tests in throwaway git repositories,
// and end-to-end tests that call the CLI (in the test process, or by spawning the built bin and
// real hooks). Unit test files share one process (isolate: false): starting a fresh one for each
// of them cost about 0.4 s a file, five times what their tests take; none of them changes global
// state it does not restore.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 10_000, isolate: false } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 60_000 } },
    ],
  },
});
