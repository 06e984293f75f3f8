// Reading git's configuration and the paths git derives from it.
import type { Git } from './exec.js';

/** A configuration value (`git config <key>`), or '' when it is unset (exit 1). */
export async function configValue(git: Git, key: string): Promise<string> {
  return git.text(['config', key], { okCodes: [1] });
}

export interface HooksPaths {
  /** `git rev-parse --git-path hooks`: where git runs hooks from, relative to the work tree root or absolute. */
  readonly gitPath: string;
  /** The raw core.hooksPath value, or '' when unset. */
  readonly hooksPath: string;
}

/**
 * Where git runs hooks from: `--git-path hooks` follows core.hooksPath and, in a linked worktree,
 * points at the shared git dir. Run in the repository root, its output is relative to the root.
 */
export async function hooksPaths(git: Git): Promise<HooksPaths> {
  const [gitPath, hooksPath] = await Promise.all([
    git.text(['rev-parse', '--git-path', 'hooks']),
    git.text(['config', '--get', 'core.hooksPath'], { okCodes: [1] }),
  ]);
  return { gitPath, hooksPath };
}
