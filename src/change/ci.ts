// `check --ci`: find the pull request's range from the CI environment and judge it like any range.
// CI never runs the project's commands: it reads the evidence recorded in the commits, so the
// verdict is the one pre-push reached on the same commits (principle 5).
import { readFile } from 'node:fs/promises';
import { UserError } from '../errors.js';
import type { Git } from '../git/exec.js';
import { isShallow, mergeBase } from '../git/history.js';
import { openRepo } from '../git/repo.js';
import { commitId } from '../git/target.js';
import { runCheck, type CheckOptions, type CheckReport } from './evaluate.js';

export interface CiRange {
  /** A revision (commit id or ref) the range starts after. */
  readonly base: string;
  /** The commit judged last: the pull request's head, never GitHub's temporary merge commit. */
  readonly head: string;
  /** Where the range came from, for the report's notes. */
  readonly source: string;
}

type Env = Readonly<Record<string, string | undefined>>;

interface PullRequestEvent {
  pull_request?: { base?: { sha?: unknown }; head?: { sha?: unknown } };
}

/**
 * The range the CI environment names, or null when it names none (then the default branch is
 * used). GitHub Actions: the event payload of a pull_request(_target) event; GITHUB_SHA is the
 * merge commit GitHub made, which nobody recorded evidence on, so the PR head is judged instead.
 * GitLab: merge request pipelines set CI_MERGE_REQUEST_DIFF_BASE_SHA (the merge base) and
 * CI_COMMIT_SHA. An explicit --base wins over both, keeping the environment's head.
 */
export function ciRangeFromEnv(env: Env, event: PullRequestEvent | null, baseFlag?: string): CiRange | null {
  const prBase = event?.pull_request?.base?.sha;
  const prHead = event?.pull_request?.head?.sha;
  const github = env.GITHUB_ACTIONS === 'true' && typeof prBase === 'string' && typeof prHead === 'string';
  const gitlabBase = env.GITLAB_CI === 'true' ? env.CI_MERGE_REQUEST_DIFF_BASE_SHA : undefined;
  const envHead = github ? (prHead as string) : gitlabBase ? (env.CI_COMMIT_SHA ?? 'HEAD') : 'HEAD';
  if (baseFlag) return { base: baseFlag, head: envHead, source: `--base ${baseFlag}` };
  if (github) return { base: prBase as string, head: prHead as string, source: 'the GitHub pull request event' };
  if (gitlabBase) return { base: gitlabBase, head: envHead, source: 'the GitLab merge request (CI_MERGE_REQUEST_DIFF_BASE_SHA)' };
  return null;
}

async function readEvent(env: Env): Promise<PullRequestEvent | null> {
  if (env.GITHUB_ACTIONS !== 'true' || !env.GITHUB_EVENT_PATH) return null;
  try {
    return JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) as PullRequestEvent;
  } catch (error) {
    throw new UserError(`cannot read the GitHub event payload at ${env.GITHUB_EVENT_PATH}`, 'run in a GitHub Actions job, or pass --base <rev>', {
      cause: error,
    });
  }
}

/** The exact fetch that brings a missing commit (and, in a shallow clone, the history up to it). */
export function fetchFix(rev: string, shallow: boolean): string {
  const what = rev.replace(/^origin\//, '');
  return shallow ? `git fetch --no-tags --unshallow origin ${what}` : `git fetch --no-tags origin ${what}`;
}

/** origin/HEAD, else origin/main, else origin/master: the merge base with HEAD is the range start. */
async function defaultBranchRange(git: Git): Promise<CiRange> {
  for (const ref of ['origin/HEAD', 'origin/main', 'origin/master']) {
    const id = await commitId(git, ref);
    if (!id) continue;
    const base = await mergeBase(git, id, 'HEAD');
    if (!base) throw new UserError(`HEAD and ${ref} have no common ancestor (a shallow clone?)`, 'git fetch --no-tags --unshallow origin  (or pass --base <rev>)');
    return { base, head: 'HEAD', source: `the merge base with ${ref}` };
  }
  throw new UserError('no pull request in the environment and no origin/HEAD, origin/main or origin/master to compare with', 'reviewgate check --ci --base <rev>');
}

/** Resolves the CI range to commit ids, failing with the exact fetch when a commit is missing. */
async function resolveCiRange(git: Git, env: Env, baseFlag?: string): Promise<CiRange> {
  const named = ciRangeFromEnv(env, await readEvent(env), baseFlag);
  const range = named ?? (await defaultBranchRange(git));
  const shallow = await isShallow(git);
  const [base, head] = [await commitId(git, range.base), await commitId(git, range.head)];
  for (const [rev, id, role] of [[range.base, base, 'base'], [range.head, head, 'head']] as const) {
    if (!id) {
      throw new UserError(
        `the ${role} commit ${rev} (from ${range.source}) is not in this clone${shallow ? ' (a shallow clone)' : ''}`,
        fetchFix(rev, shallow),
      );
    }
  }
  return { base: base as string, head: head as string, source: range.source };
}

export interface CiOptions extends Omit<CheckOptions, 'target'> {
  readonly env: Env;
  readonly base?: string;
}

export async function runCi(options: CiOptions): Promise<CheckReport> {
  const repo = await openRepo(options.cwd);
  const range = await resolveCiRange(repo.git, options.env, options.base);
  const report = await runCheck({ ...options, target: { kind: 'range', spec: `${range.base}..${range.head}` } });
  return { ...report, notes: [`range from ${range.source}`, ...report.notes] };
}
