// Shared by the diff and fingerprint integration tests: run reviewgate's diff readers against a
// throwaway repository, with the developer's own git configuration and hook variables out of
// the way (Git inherits process.env, as it must inside hooks).
import { Git } from '../../src/git/exec.js';
import { emptyTreeId, readCommitDiff, readStagedDiff, readTreeDiff } from '../../src/git/diff.js';
import { reviewItems } from '../../src/diff/items.js';
import type { FileDiff, ReviewItem } from '../../src/diff/model.js';
import { afterEach, beforeAll } from 'vitest';
import { cleanEnv, makeRepo, type TestRepo } from '../helpers/repo.js';

/** Replaces process.env with cleanEnv() for this test file (each file runs in its own worker). */
function useCleanGitEnv(): void {
  const clean = cleanEnv();
  for (const key of Object.keys(process.env)) if (!(key in clean)) delete process.env[key];
  Object.assign(process.env, clean);
}

/**
 * Sets a test file up: the clean git environment, and a `repo()` that makes throwaway
 * repositories removed after each test.
 */
export function useTestRepos(): (options?: Parameters<typeof makeRepo>[0]) => TestRepo {
  let repos: TestRepo[] = [];
  beforeAll(useCleanGitEnv);
  afterEach(() => {
    for (const r of repos) r.remove();
    repos = [];
  });
  return (options) => {
    const r = makeRepo(options);
    repos.push(r);
    return r;
  };
}

export const gitOf = (repo: TestRepo, subdir = ''): Git => new Git(subdir ? `${repo.dir}/${subdir}` : repo.dir);

export async function commitFiles(repo: TestRepo, commit = 'HEAD'): Promise<FileDiff[]> {
  const git = gitOf(repo);
  const parents = repo.git('rev-list', '--parents', '-n', '1', commit).split(' ');
  const parent = parents[1] ?? (await emptyTreeId(git));
  return readCommitDiff(git, parent, parents[0] ?? commit);
}

export async function commitItems(repo: TestRepo, commit = 'HEAD'): Promise<ReviewItem[]> {
  return reviewItems(await commitFiles(repo, commit));
}

export async function stagedItems(repo: TestRepo, git = gitOf(repo)): Promise<ReviewItem[]> {
  const head = repo.gitResult(['rev-parse', '--verify', '-q', 'HEAD']).stdout.trim();
  return reviewItems(await readStagedDiff(git, head || (await emptyTreeId(git))));
}

export async function rangeItems(repo: TestRepo, from: string, to: string, context = 1): Promise<ReviewItem[]> {
  return reviewItems(await readTreeDiff(gitOf(repo), from, to, { context }));
}

/** All keys, sorted: the set a review would record. */
export const keySet = (items: readonly ReviewItem[]): string[] => items.flatMap((i) => i.keys).sort();

/** A comparable picture of the items: kind, path, summary and keys (no object identity). */
export const shape = (items: readonly ReviewItem[]): string[] =>
  items.map((i) => `${i.kind} ${JSON.stringify(i.path)} ${i.summary} ${i.keys.join(',')}`).sort();

/** Key of each changed line by "<side><text>" (texts must be unique in the test's change). */
export function keyByLine(items: readonly ReviewItem[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const item of items) for (const line of item.lines) map.set(`${line.side}${line.text}`, line.key);
  return map;
}

export const lines = (...texts: string[]): string => texts.map((t) => `${t}\n`).join('');
export const numbered = (from: number, to: number, prefix = 'line'): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix} ${from + i}`);
