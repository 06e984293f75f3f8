// Questions about the commit graph: merge bases, ancestry, which commits touched a file, and
// whether the history is cut off (a shallow clone).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Git } from './exec.js';
import { parseRevListParents, type RangeCommit } from './target.js';

/** The best common ancestor of `a` and `b`, or null when they have none (`merge-base` exits 1). */
export async function mergeBase(git: Git, a: string, b: string): Promise<string | null> {
  return (await git.text(['merge-base', a, b], { okCodes: [1] })) || null;
}

/** `commit`'s first parent, or null when it is a root commit (or no commit). */
export async function firstParent(git: Git, commit: string): Promise<string | null> {
  return (await git.text(['rev-parse', '-q', '--verify', `${commit}^1^{commit}`], { okCodes: [1, 128] })) || null;
}

/** Splits one-id-per-line output (`rev-list`, `log --format=%H`); blank lines are dropped. */
export function parseIdLines(text: string): string[] {
  return text.split('\n').filter(Boolean);
}

/** The commits reachable from `head` and from none of `not` (`rev-list <head> --not <not>...`). */
export async function reachableOnlyFrom(git: Git, head: string, not: readonly string[]): Promise<string[]> {
  return parseIdLines(await git.text(['rev-list', head, '--not', ...not]));
}

/** The whole history of `range` (a rev-list revision, e.g. `HEAD` or `A..B`), parents first. */
export async function historyWithParents(git: Git, range: string): Promise<RangeCommit[]> {
  return parseRevListParents(await git.text(['rev-list', '--parents', '--topo-order', '--reverse', '--end-of-options', range, '--']));
}

/**
 * The commits `head` would bring to a remote, oldest first: not reachable from `known` (the
 * remote's old value of the ref) or, when that is null, from any of `remote`'s refs.
 */
export async function commitsToPush(git: Git, head: string, known: string | null, remote: string): Promise<RangeCommit[]> {
  const not = known ?? `--remotes=${remote}`;
  return parseRevListParents(await git.text(['rev-list', '--reverse', '--topo-order', '--parents', head, '--not', not]));
}

/**
 * Up to `max` commits in `rev`'s history that touched `file`, newest first. --full-history so a
 * change that arrived through a merged branch counts too.
 */
export async function commitsTouching(git: Git, rev: string, file: string, max: number): Promise<string[]> {
  return parseIdLines(await git.text(['rev-list', '--full-history', `--max-count=${max}`, '--end-of-options', rev, '--', file]));
}

/** The commits in `head`'s history (--full-history: merged branches too) that added `file`. */
export async function commitsAdding(git: Git, head: string, file: string): Promise<string[]> {
  return parseIdLines(await git.text(['log', '--full-history', '--diff-filter=A', '--format=%H', '--end-of-options', head, '--', file]));
}

/**
 * The nearest commit at or before `from` on its first-parent line, merges left out, not reachable
 * from `exclude`, that touched something under `dir`; null when there is none.
 */
export async function lastNonMergeTouching(git: Git, from: string, exclude: string | null, dir: string): Promise<string | null> {
  const args = ['log', '-1', '--first-parent', '--no-merges', '--format=%H', from, ...(exclude ? ['--not', exclude] : []), '--', dir];
  return (await git.text(args)) || null;
}

/** True when the repository is a shallow clone (`rev-parse --is-shallow-repository`). */
export async function isShallow(git: Git): Promise<boolean> {
  return (await git.text(['rev-parse', '--is-shallow-repository'])) === 'true';
}

/**
 * Parses `<common dir>/shallow`: one commit id per line, the commits whose parents this clone
 * lacks (gitformat-repository(5), "shallow").
 */
export function parseShallowFile(text: string): Set<string> {
  return new Set(text.split('\n').filter(Boolean));
}

/** The shallow clone's boundary commits; null when the repository is not shallow (no `shallow` file). */
export async function shallowBoundary(commonDir: string): Promise<Set<string> | null> {
  let text: string;
  try {
    text = await readFile(join(commonDir, 'shallow'), 'utf8');
  } catch {
    return null;
  }
  return parseShallowFile(text);
}
