// The start of `reviewgate check` and `run` (bundled apart into dist/verdict.cjs, loaded by the
// bin before the main bundle): when a full command already judged exactly these inputs (key.ts),
// print its answer and set its exit code, without starting git or loading the rest of reviewgate.
// A check's report is printed here as the full check prints it (the same renderers).
import { renderJson } from '../report/json.js';
import { renderText } from '../report/text.js';
import { oneLine } from '../report/one-line.js';
import { styleFor } from '../cli/output.js';
import { BUILD_ID } from '../version.js';
import { cacheableAsk, type CachedAsk } from './eligible.js';
import { verdictKey, type VerdictContext, type VerdictKey } from './key.js';
import { readVerdict } from './store.js';

/**
 * The judgement key's context for this command line. A check's report is printed afresh, so how
 * it looks is not part of it; run's answer is kept as printed, so its look is (the colour of
 * stderr). Streams are asked through process.stdout/stderr, which exist anyway, not node:tty.
 */
export function context(ask: CachedAsk, cwd: string): VerdictContext {
  const env = process.env;
  const judgement =
    ask.command === 'run'
      ? `run stderr=${process.stderr.isTTY === true} NO_COLOR=${env.NO_COLOR ?? '-'} FORCE_COLOR=${env.FORCE_COLOR ?? '-'} TERM=${env.TERM ?? '-'}`
      : ask.judgement;
  return { judgement, env, cwd, build: BUILD_ID };
}

const KEY_HANDOFF = Symbol.for('reviewgate.verdict-key');

/** The key the fast path computed for this same command line in this process, if any. */
export function handedOverKey(ctx: VerdictContext): VerdictKey | null | undefined {
  const handed = (globalThis as Record<symbol, unknown>)[KEY_HANDOFF] as { judgement: string; cwd: string; key: VerdictKey | null } | undefined;
  return handed && handed.judgement === ctx.judgement && handed.cwd === ctx.cwd ? handed.key : undefined;
}

/** True when the answer was printed from the cache (the exit code is set); false: run in full. */
export async function replay(argv: readonly string[], cwd: string): Promise<boolean> {
  const ask = cacheableAsk(argv);
  if (!ask) return false;
  const at = verdictKey(context(ask, cwd));
  // On a miss the full command runs next in this process: it takes the key from here rather
  // than hashing the same inputs again (it still hashes them once more after judging).
  (globalThis as Record<symbol, unknown>)[KEY_HANDOFF] = { judgement: context(ask, cwd).judgement, cwd, key: at };
  const entry = at ? readVerdict(at) : null;
  if (!entry || entry.kind !== ask.command) return false;
  if (entry.kind === 'run') {
    process.stderr.write(entry.stderr);
    process.exitCode = 0;
  } else {
    if (ask.command !== 'check') return false;
    // The commit's author, when the verdict turned on it: git names it in the hook's environment;
    // elsewhere only git can say, so the check runs in full.
    if (entry.author !== undefined && (process.env.GIT_AUTHOR_EMAIL ?? null) !== entry.author) return false;
    const { report } = entry;
    // As the full check decides (src/cli/check.ts): the hook and the bare `reviewgate` walk a
    // failing check on a terminal (the walker is the full program's), and print one line on a pass.
    const hook = process.env.GIT_INDEX_FILE !== undefined;
    const interactive = (hook || ask.walk) && ask.format === 'text' && process.stderr.isTTY === true;
    if (!report.ok && interactive) return false;
    const quiet = report.ok && (hook || ask.walk) && ask.format === 'text' && !ask.verbose;
    const text = quiet ? oneLine(report) : ask.format === 'json' ? renderJson(report) : renderText(report, await styleFor(process.stdout));
    process.stdout.write(text);
    process.exitCode = report.ok ? 0 : 1;
  }
  if (process.env.REVIEWGATE_TIMING === '1') process.stderr.write(`[timing] cached verdict         (at ${performance.now().toFixed(1)} ms)\n`);
  return true;
}
