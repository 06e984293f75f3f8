// Finding the repository and what state it is in. One place, called once per command.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError, GitError } from '../errors.js';
import { configValue } from './config.js';
import { Git } from './exec.js';

export type RepoState = 'merge' | 'rebase' | 'cherry-pick' | 'revert' | 'bisect' | null;

export interface Repo {
  readonly git: Git;
  /** Absolute path of the work tree's top level. */
  readonly root: string;
  /** Absolute path of this work tree's git dir (differs from commonDir in a linked worktree). */
  readonly gitDir: string;
  /** Absolute path of the shared git dir. */
  readonly commonDir: string;
  /** Where reviewgate keeps recomputable caches (inside the git dir, never the work tree). */
  readonly cacheDir: string;
  /** Current branch short name, or null when HEAD is detached. */
  readonly branch: string | null;
  /** HEAD's commit id, or null before the first commit. */
  readonly head: string | null;
  readonly state: RepoState;
}

export async function openRepo(cwd: string): Promise<Repo> {
  const probe = new Git(cwd);
  const layout = ['rev-parse', '--is-bare-repository', '--absolute-git-dir', '--git-common-dir', '--show-toplevel'];
  let lines: string[];
  try {
    // One git call for the layout and HEAD in the common case (check runs on every commit).
    // --show-toplevel fails in a bare repository; HEAD fails before the first commit.
    lines = (await probe.text([...layout, 'HEAD'])).split('\n');
  } catch (error) {
    const stderr = error instanceof GitError ? error.stderr : String(error);
    if (/not a git repository/i.test(stderr)) {
      throw new UserError(`not a git repository: ${cwd}`, 'run reviewgate inside a git work tree (or `git init` one)', { cause: error });
    }
    if (/must be run in a work tree/i.test(stderr)) {
      // Inside .git/ of an ordinary clone git says the same as in a bare repository.
      const [insideGitDir, isBare, dir] = (await probe.text(['rev-parse', '--is-inside-git-dir', '--is-bare-repository', '--absolute-git-dir'])).split('\n');
      if (insideGitDir === 'true' && isBare !== 'true' && dir) {
        const top = basename(dir) === '.git' ? dirname(dir) : null;
        throw new UserError(`this is inside the git directory ${dir}, not in the work tree`, top ? `cd ${JSON.stringify(top)} and run it there` : 'run it in the work tree', { cause: error });
      }
      throw new UserError('this is a bare repository: reviewgate needs a work tree', 'run it in a clone with a work tree', { cause: error });
    }
    if (!/unknown revision|ambiguous argument 'HEAD'/i.test(stderr)) throw error;
    lines = (await probe.text(layout)).split('\n');
  }
  const [bare, gitDir, commonDirRaw, root, head] = lines;
  if (bare === 'true' || !root || !gitDir || !commonDirRaw) {
    throw new UserError('this is a bare repository: reviewgate needs a work tree', 'run it in a clone with a work tree');
  }
  const commonDir = commonDirRaw.startsWith('/') ? commonDirRaw : join(cwd, commonDirRaw);
  return {
    git: new Git(root),
    root,
    gitDir,
    commonDir,
    cacheDir: join(commonDir, 'reviewgate', 'cache'),
    branch: readBranch(gitDir),
    head: head || null,
    state: detectState(gitDir),
  };
}

/** The branch HEAD points at, from `<git dir>/HEAD` ("ref: refs/heads/<name>"); null when detached. */
function readBranch(gitDir: string): string | null {
  try {
    const text = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
    return text.startsWith('ref: refs/heads/') ? text.slice('ref: refs/heads/'.length) : null;
  } catch {
    return null;
  }
}

function detectState(gitDir: string): RepoState {
  const has = (name: string) => existsSync(join(gitDir, name));
  if (has('rebase-merge') || has('rebase-apply')) return 'rebase';
  if (has('MERGE_HEAD')) return 'merge';
  if (has('CHERRY_PICK_HEAD')) return 'cherry-pick';
  if (has('REVERT_HEAD')) return 'revert';
  if (has('BISECT_LOG')) return 'bisect';
  return null;
}

/** "(a merge is in progress)" etc., for messages. */
export function describeState(state: RepoState): string {
  switch (state) {
    case null:
      return '';
    case 'merge':
      return 'a merge is in progress';
    case 'rebase':
      return 'a rebase is in progress';
    case 'cherry-pick':
      return 'a cherry-pick is in progress';
    case 'revert':
      return 'a revert is in progress';
    case 'bisect':
      return 'a bisect is in progress';
  }
}

/** The git user, for evidence records. */
export async function gitUser(git: Git): Promise<{ name: string; email: string }> {
  const [name, email] = await Promise.all([
    configValue(git, 'user.name'),
    configValue(git, 'user.email'),
  ]);
  if (!name && !email) {
    throw new UserError(
      'git does not know who you are: evidence records who reviewed and who ran',
      'git config user.name "Your Name" && git config user.email you@example.com',
    );
  }
  return { name, email };
}
