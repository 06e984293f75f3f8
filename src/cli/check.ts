// `reviewgate check`: normalise flags, run the check, print the report, set the verdict.
import { authorUsed, cacheBlockers, cacheableAsk, context, handedOverKey, readVerdict, resetCacheBlockers, verdictKey, writeVerdict } from '../verdict/cache.js';
import { appendFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CheckReport } from '../change/evaluate.js';
import { GATE_IDS, type GateId } from '../gates/ids.js';
import { GateFailure, UserError } from '../errors.js';
import type { TargetSpec } from '../git/target.js';
import { renderJson } from '../report/json.js';
import { renderText } from '../report/text.js';
import { plainStyle } from '../report/style.js';
import { styleFor } from './output.js';
import { phase } from '../timing.js';

export interface CheckFlags {
  staged?: boolean;
  range?: string;
  gate: string[];
  format: 'text' | 'json' | 'github' | 'markdown' | 'gitlab';
  prePush?: string;
  url?: string;
  ci?: boolean;
  base?: string;
  output?: string;
  config?: string;
  amend?: boolean;
  verbose?: boolean;
  /** `reviewgate` with no arguments: walk what is missing on a terminal, like the hook. */
  walk?: boolean;
}

export function parseGates(values: readonly string[]): GateId[] {
  const gates = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  for (const g of gates) {
    if (!(GATE_IDS as readonly string[]).includes(g)) {
      throw new UserError(`unknown gate "${g}"`, `use one of: ${GATE_IDS.join(', ')}`);
    }
  }
  return gates as GateId[];
}

function checkTargets(flags: CheckFlags): void {
  const chosen = [flags.staged && '--staged', flags.range !== undefined && '--range', flags.prePush !== undefined && '--pre-push', flags.ci && '--ci'].filter(Boolean);
  if (chosen.length > 1) throw new UserError(`${chosen.join(', ')} cannot be used together`, 'pick one target');
  if (flags.base !== undefined && !flags.ci) throw new UserError('--base only goes with --ci', 'reviewgate check --ci --base <rev>, or --range <rev>..HEAD');
  if (flags.amend && (flags.range !== undefined || flags.prePush !== undefined || flags.ci)) throw new UserError('--amend goes with the staged change only', 'reviewgate check --amend');
  if (flags.url !== undefined && flags.prePush === undefined) throw new UserError(`unexpected argument "${flags.url}"`, 'a URL only follows --pre-push <remote>');
}

/** git's ref lines; a terminal is never waited on (nobody is going to type them). */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function judge(flags: CheckFlags, cwd: string): Promise<CheckReport> {
  const common = { cwd, gates: parseGates(flags.gate), ...(flags.config ? { configPath: resolve(cwd, flags.config) } : {}) };
  if (flags.prePush !== undefined) {
    const { runPrePush } = await import('../change/prepush.js');
    return runPrePush({ ...common, remote: flags.prePush, input: await readStdin() });
  }
  if (flags.ci) {
    const { runCi } = await import('../change/ci.js');
    return runCi({ ...common, env: process.env, ...(flags.base !== undefined ? { base: flags.base } : {}) });
  }
  const { runCheck } = await import('../change/evaluate.js');
  // In the pre-commit hook of `git commit --amend` the commit replaces HEAD: judge it whole.
  const amend = flags.amend === true || (!flags.range && (await import('../git/amend.js')).inAmendHook());
  const target: TargetSpec = flags.range ? { kind: 'range', spec: flags.range } : { kind: 'staged', ...(amend ? { amend } : {}) };
  return runCheck({ ...common, target });
}

async function render(report: CheckReport, format: CheckFlags['format'], toFile: boolean): Promise<string> {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'markdown':
      return (await import('../report/markdown.js')).renderMarkdown(report);
    case 'gitlab':
      return (await import('../report/gitlab.js')).renderGitlab(report);
    case 'github': {
      // The annotations, then the plain report so the job log reads like a terminal's.
      const { renderGithubAnnotations } = await import('../report/github.js');
      return renderGithubAnnotations(report) + renderText(report, plainStyle);
    }
    case 'text':
      return renderText(report, toFile ? plainStyle : await styleFor(process.stdout));
  }
}

/** The verdict cache's key for this command line, when its verdict may be cached (see src/verdict). */
function verdictAt() {
  const ask = cacheableAsk(process.argv.slice(2));
  const ctx = ask ? context(ask, process.cwd()) : null;
  const handed = ctx ? handedOverKey(ctx) : undefined;
  const key = ctx ? (handed !== undefined ? handed : verdictKey(ctx)) : null;
  return ask && key ? { ask, key } : null;
}

/**
 * Judges the staged change now and keeps the verdict, when the cache has none for it: `run` calls
 * this after recording, so the commit's pre-commit hook (and the `reviewgate check` it suggests)
 * answer at once. Prints nothing and never fails the caller.
 */
export async function warmVerdict(cwd: string): Promise<void> {
  try {
    const ask = cacheableAsk(['check']);
    const key = ask ? verdictKey(context(ask, cwd)) : null;
    if (!ask || !key || readVerdict(key) !== null) return;
    resetCacheBlockers();
    const report = await judge({ gate: [], format: 'text' }, cwd);
    const author = authorUsed();
    if (cacheBlockers().length > 0 || verdictKey(context(ask, cwd))?.key !== key.key) return;
    writeVerdict(key, { kind: 'check', report, ...(author !== undefined ? { author } : {}) });
  } catch {
    // Only speed is lost: the next check judges in full.
  }
}

export async function checkCommand(flags: CheckFlags): Promise<void> {
  phase('check command');
  checkTargets(flags);
  const cwd = process.cwd();
  const cache = verdictAt();
  resetCacheBlockers();
  let report = await judge(flags, cwd);
  let walked = false;
  const toFile = flags.output !== undefined;
  // git sets GIT_INDEX_FILE for the hooks of every commit: this is the pre-commit hook.
  const hook = flags.range === undefined && flags.prePush === undefined && !flags.ci && process.env.GIT_INDEX_FILE !== undefined;
  const interactive = (hook || flags.walk === true) && flags.format === 'text' && !toFile && process.stderr.isTTY === true;
  if (!report.ok && interactive) {
    const { closeTerminal, openTerminal, walk } = await import('./walk.js');
    const fd = openTerminal();
    if (fd !== null) {
      try {
        walked = true;
        if (walk(report, fd, process.argv[1] as string)) report = await judge(flags, cwd);
      } finally {
        closeTerminal(fd);
      }
    }
  }
  const quiet = report.ok && (hook || flags.walk === true) && flags.format === 'text' && !toFile && !flags.verbose;
  const text = quiet ? (await import('../report/one-line.js')).oneLine(report) : await render(report, flags.format, toFile);
  if (toFile) await writeFile(resolve(cwd, flags.output as string), text);
  else process.stdout.write(text);
  // A verdict the walker took part in, or one that read what the key does not cover, is not kept;
  // nor is one whose inputs changed while it ran (the key is taken again and must be the same).
  if (cache && !walked && cacheBlockers().length === 0) {
    const again = verdictKey(context(cache.ask, process.cwd()));
    const author = authorUsed();
    if (again?.key === cache.key.key) writeVerdict(cache.key, { kind: 'check', report, ...(author !== undefined ? { author } : {}) });
  }
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (flags.format === 'github' && summaryFile) {
    const { renderMarkdown } = await import('../report/markdown.js');
    await appendFile(summaryFile, renderMarkdown(report));
  }
  if (!report.ok) throw new GateFailure();
}
