// Finding the repository and what state it is in. One place, called once per command.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UserError, GitError } from '../errors.js';
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
  /** Current branch short name, or null when HEAD is detached. */
  readonly branch: string | null;
  /** HEAD's commit id, or null before the first commit. */
  readonly head: string | null;
  readonly state: RepoState;
}

export async function openRepo(cwd: string): Promise<Repo> {
  const probe = new Git(cwd);
  let lines: string[];
  try {
    // One call for the layout. --show-toplevel fails in a bare repository, so ask for it last
    // and read the bare flag from the output that precedes the failure.
    lines = (await probe.text(['rev-parse', '--is-bare-repository', '--absolute-git-dir', '--git-common-dir', '--show-toplevel'])).split('\n');
  } catch (error) {
    const stderr = error instanceof GitError ? error.stderr : String(error);
    if (/not a git repository/i.test(stderr)) {
      throw new UserError(`not a git repository: ${cwd}`, 'run reviewgate inside a git work tree (or `git init` one)', { cause: error });
    }
    if (/must be run in a work tree/i.test(stderr)) {
      throw new UserError('this is a bare repository: reviewgate needs a work tree', 'run it in a clone with a work tree', { cause: error });
    }
    throw error;
  }
  const [bare, gitDir, commonDirRaw, root] = lines;
  if (bare === 'true' || !root || !gitDir || !commonDirRaw) {
    throw new UserError('this is a bare repository: reviewgate needs a work tree', 'run it in a clone with a work tree');
  }
  const commonDir = commonDirRaw.startsWith('/') ? commonDirRaw : join(cwd, commonDirRaw);
  const git = new Git(root);
  const [symbolic, head] = await Promise.all([
    git.text(['symbolic-ref', '-q', 'HEAD'], { okCodes: [1] }),
    git.text(['rev-parse', '-q', '--verify', 'HEAD^{commit}'], { okCodes: [1] }),
  ]);
  const branch = symbolic.startsWith('refs/heads/') ? symbolic.slice('refs/heads/'.length) : null;
  return { git, root, gitDir, commonDir, branch, head: head || null, state: detectState(gitDir) };
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
    git.text(['config', 'user.name'], { okCodes: [1] }),
    git.text(['config', 'user.email'], { okCodes: [1] }),
  ]);
  if (!name && !email) {
    throw new UserError(
      'git does not know who you are: evidence records who reviewed and who ran',
      'git config user.name "Your Name" && git config user.email you@example.com',
    );
  }
  return { name, email };
}
