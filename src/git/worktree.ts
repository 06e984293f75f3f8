// Work-tree facts the producers need (does the work tree hold exactly the staged content?), and
// the linked worktrees `run --isolated` checks out.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isEvidenceFile } from '../diff/tree.js';
import { splitZ, type Git } from './exec.js';

export interface WorkTreeDifferences {
  /** Tracked files whose work-tree content differs from the index. */
  readonly modified: readonly string[];
  /** Untracked files that are not ignored. */
  readonly untracked: readonly string[];
}

/** Differences between the work tree and the index, except reviewgate's own plan and evidence files. */
export async function workTreeDifferences(git: Git, evidenceDir: string): Promise<WorkTreeDifferences> {
  const [modified, untracked] = await Promise.all([
    git.run(['diff', '--no-ext-diff', '--no-textconv', '--ignore-submodules=dirty', '--name-only', '-z']),
    git.run(['ls-files', '--others', '--exclude-standard', '-z', '--full-name']),
  ]);
  const keep = (p: string) => !isEvidenceFile(p, undefined, evidenceDir);
  return { modified: splitZ(modified.stdout).filter(keep), untracked: splitZ(untracked.stdout).filter(keep) };
}

export function isClean(d: WorkTreeDifferences): boolean {
  return d.modified.length === 0 && d.untracked.length === 0;
}

/** Stages exactly these paths into the index git points at. */
export async function stagePaths(git: Git, paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return;
  await git.run(['add', '--', ...paths]);
}

/** Every file git would consider: tracked, plus untracked ones that are not ignored (duplicates possible). */
export async function listUnignoredFiles(git: Git): Promise<string[]> {
  return splitZ((await git.run(['ls-files', '-z', '--cached', '--others', '--exclude-standard'])).stdout);
}

/** Removes `paths` from the index git points at, leaving the work tree alone; absent paths are no error. */
export async function unstagePaths(git: Git, paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return;
  await git.run(['rm', '-q', '--cached', '--ignore-unmatch', '--', ...paths]);
}

// Hooks must not run for our checkout (a post-checkout hook could build, or refuse).
const NO_HOOKS = ['-c', `core.hooksPath=${process.platform === 'win32' ? 'NUL' : '/dev/null'}`];

/** Checks `commit` out into a new linked worktree at `dir`, detached, with no hooks run. */
export async function addDetachedWorktree(git: Git, dir: string, commit: string): Promise<void> {
  await git.run([...NO_HOOKS, 'worktree', 'add', '--detach', '--quiet', dir, commit]);
}

/**
 * True when a worktree admin folder's `gitdir` file (`<common dir>/worktrees/<name>/gitdir`,
 * the absolute path of the checkout's `.git` file, one line) names the checkout at `dir`.
 */
export function gitdirNames(gitdirFile: string, dir: string): boolean {
  return gitdirFile.trim() === join(dir, '.git');
}

/** Removes a linked worktree: through git when it can, by hand when git no longer knows it. */
export async function removeWorktree(git: Git, commonDir: string, dir: string): Promise<void> {
  await git.run(['worktree', 'remove', '--force', '--force', dir], { okCodes: [128] }).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
  const admin = join(commonDir, 'worktrees');
  for (const entry of await readdir(admin).catch(() => [] as string[])) {
    const gitdir = await readFile(join(admin, entry, 'gitdir'), 'utf8').catch(() => '');
    if (gitdirNames(gitdir, dir)) await rm(join(admin, entry), { recursive: true, force: true });
  }
}
