// Work-tree facts the producers need: does the work tree hold exactly the staged content?
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
