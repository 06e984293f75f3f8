// Where git looks for hooks, and who else manages them. Hooks must go where git really runs them:
// `git rev-parse --git-path hooks` follows core.hooksPath and, in a linked worktree, points at the
// shared git dir. Its output is relative to the directory git ran in (here: the repository root).
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { hooksPaths } from '../git/config.js';
import type { Git } from '../git/exec.js';

export interface HookLocation {
  /** Absolute path of the directory git runs hooks from. */
  readonly dir: string;
  /** The raw core.hooksPath value, or null when unset (git uses <common dir>/hooks). */
  readonly hooksPath: string | null;
  /** Absolute path of git's own hooks folder (<common dir>/hooks), used when core.hooksPath is unset. */
  readonly defaultDir: string;
}

export async function hookLocation(git: Git, root: string, commonDir: string): Promise<HookLocation> {
  const { gitPath, hooksPath } = await hooksPaths(git);
  const common = isAbsolute(commonDir) ? commonDir : resolve(root, commonDir);
  return {
    dir: isAbsolute(gitPath) ? gitPath : resolve(root, gitPath),
    hooksPath: hooksPath === '' ? null : hooksPath,
    defaultDir: join(common, 'hooks'),
  };
}

export type HookManager = 'husky' | 'lefthook' | 'pre-commit';

export const LEFTHOOK_FILES = ['lefthook.yml', '.lefthook.yml', 'lefthook.yaml', '.lefthook.yaml'];

/**
 * The hook manager that owns this repository's hooks, if any. husky is recognised by its folder
 * or by core.hooksPath pointing into it (husky 9 sets `.husky/_`, husky 4–8 `.husky`); such tools
 * rewrite the hooks they own, so a hook of ours beside theirs would be lost or never run.
 */
export function detectManager(root: string, hooksPath: string | null): HookManager | null {
  const normalised = hooksPath?.replace(/\\/g, '/').replace(/\/+$/, '') ?? '';
  if (existsSync(join(root, '.husky')) || /(^|\/)\.husky(\/_)?$/.test(normalised)) return 'husky';
  if (LEFTHOOK_FILES.some((f) => existsSync(join(root, f)))) return 'lefthook';
  if (existsSync(join(root, '.pre-commit-config.yaml'))) return 'pre-commit';
  return null;
}
