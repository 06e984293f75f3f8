// git's own account of what a commit changed, for the replay tool (src/replay/) to compare with
// reviewgate's review items: `--raw --numstat` records and the `-U1` hunk headers, read with the
// same pinned choices as src/git/diff.ts where they decide what git reports.
import { DIFF_ENV } from './diff.js';
import type { Git } from './exec.js';

const SAME = ['-M50%', '-l1000', '--no-ext-diff', '--no-textconv', '--no-color', '--ignore-submodules=none', '--submodule=short', '--diff-algorithm=myers', '--indent-heuristic', '--full-index', '--no-abbrev', '--no-relative'];

export interface OwnAccount {
  /** `-z --raw --numstat` output (replay/gitview.ts parseRawNumstat). */
  readonly raw: Buffer;
  /** `-p -U1 --inter-hunk-context=0` patch text (replay/gitview.ts parsePatchNumbers). */
  readonly patch: string;
}

/**
 * What `commit` changed against `parent` (`diff-tree`); with `remerge`, what the merge itself
 * changed (`show --remerge-diff`, as `check` reads merges), and `parent` is not used.
 */
export async function gitsOwnAccount(git: Git, commit: string, parent: string, remerge: boolean): Promise<OwnAccount> {
  const pinned = ['-c', 'core.abbrev=no', '-c', 'log.showSignature=false'];
  const how = remerge
    ? (format: string[]) => [...pinned, 'show', '--remerge-diff', '--format=', '--no-notes', ...SAME, ...format, '--end-of-options', commit, '--']
    : (format: string[]) => [...pinned, 'diff-tree', '-r', ...SAME, ...format, '--end-of-options', parent, commit, '--'];
  const [raw, patch] = await Promise.all([git.run(how(['-z', '--raw', '--numstat']), { env: DIFF_ENV }), git.run(how(['-p', '-U1', '--inter-hunk-context=0']), { env: DIFF_ENV })]);
  return { raw: raw.stdout, patch: patch.stdout.toString('utf8') };
}
