import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Most of a test's time is spent waiting for git and the built bin in child processes, not in the
// worker: two workers per core keep the cores busy (vitest's default, one fewer than the cores, is
// a single worker on a two-core machine: 200 s there against 85 s with four). VITEST_MAX_WORKERS
// overrides it.
const workers = Math.min(8, Math.max(2, availableParallelism() * 2));

// Split by cost: pure unit tests, integration tests in throwaway git repositories,
// and end-to-end tests that call the CLI (in the test process, or by spawning the built bin and
// real hooks). Unit test files share one process (isolate: false): starting a fresh one for each
// of them cost about 0.4 s a file, five times what their tests take; none of them changes global
// state it does not restore.
export default defineConfig({
  test: {
    maxWorkers: workers,
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 10_000, isolate: false } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 60_000 } },
    ],
  },
});
