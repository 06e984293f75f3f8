// Which paths changed, by name only (no content): for questions that only need the list.
import { splitZ, type Git } from './exec.js';

/** Paths under `dir` that differ between the trees of `base` and `head` (renames as delete + add). */
export async function changedPathsBetween(git: Git, base: string, head: string, dir: string): Promise<string[]> {
  const { stdout } = await git.run(['diff', '--no-ext-diff', '--no-renames', '--name-only', '-z', base, head, '--', dir]);
  return splitZ(stdout);
}

/**
 * Paths under `dir` that `commit` added or modified against its first parent (a root commit:
 * against nothing). The list is split on NUL as text: a trailing empty name is left for the
 * caller's filter.
 */
export async function pathsAddedOrModified(git: Git, commit: string, dir: string): Promise<string[]> {
  const names = await git.text(['diff-tree', '--root', '--no-commit-id', '-r', '--name-only', '--diff-filter=AM', '-z', commit, '--', dir]);
  return names.split('\0');
}
