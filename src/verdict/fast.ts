// The start of `reviewgate check` and `run` (bundled apart into dist/verdict.cjs, loaded by the bin before
// the main bundle): when a full check already judged exactly these inputs (key.ts), print its
// verdict and exit with its code, without starting git or loading the rest of reviewgate.
import { isatty } from 'node:tty';
import { BUILD_ID } from '../version.js';
import { cacheableArgv } from './eligible.js';
import { verdictKey, type VerdictContext } from './key.js';
import { readVerdict } from './store.js';

export function context(argv: readonly string[], cwd: string): VerdictContext {
  return {
    argv,
    env: process.env,
    cwd,
    tty: [isatty(0), isatty(1), isatty(2)],
    columns: isatty(1) ? process.stdout.columns : undefined,
    build: BUILD_ID,
  };
}

/** True when the verdict was printed from the cache (the exit code is set); false: run in full. */
export function replay(argv: readonly string[], cwd: string): boolean {
  if (!cacheableArgv(argv)) return false;
  const at = verdictKey(context(argv, cwd));
  const entry = at ? readVerdict(at) : null;
  if (!entry) return false;
  if (entry.stdout) process.stdout.write(entry.stdout);
  if (entry.stderr) process.stderr.write(entry.stderr);
  if (process.env.REVIEWGATE_TIMING === '1') process.stderr.write(`[timing] cached verdict         (at ${performance.now().toFixed(1)} ms)\n`);
  process.exitCode = entry.code;
  return true;
}
