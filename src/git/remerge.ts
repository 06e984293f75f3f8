// Merge commits: what the merge itself changed beyond git's automatic merge of its parents.
import { parseDiff } from '../diff/parse.js';
import type { FileDiff } from '../diff/model.js';
import { DIFF_ENV, formatArgs } from './diff.js';
import type { Git } from './exec.js';

const remergeSupport = new WeakMap<Git, Promise<boolean>>();
export function supportsRemerge(git: Git): Promise<boolean> {
  let known = remergeSupport.get(git);
  if (!known) {
    known = git.text(['version']).then((v) => versionAtLeast(v, 2, 36));
    remergeSupport.set(git, known);
  }
  return known;
}

/** `git version 2.39.5` (or `git version 2.39.5.windows.1`) against major.minor. */
export function versionAtLeast(text: string, major: number, minor: number): boolean {
  const m = /(\d+)\.(\d+)/.exec(text);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a > major || (a === major && b >= minor);
}

// `git show --remerge-diff` (git 2.36+) diffs the merge against git's own automatic merge of its
// parents, conflict markers included: exactly the lines a person chose while resolving. A clean
// merge that was committed as git made it prints nothing. `diff-tree` does not support it, so this
// is `show` with the pinned options of src/git/diff.ts (`--format=` drops the commit header).
// core.abbrev is pinned because the conflict-marker labels (`<<<<<<< <abbrev id> (<subject>)`)
// are removed lines that get review keys, and the automatic abbreviation length grows with the
// number of objects: a shallow CI clone and a full clone would disagree.
export async function readRemergeDiff(git: Git, commit: string): Promise<FileDiff[]> {
  const args = ['-c', 'core.abbrev=no', '-c', 'log.showSignature=false', 'show', '--remerge-diff', '--format=', '--no-notes'];
  const { stdout } = await git.run([...args, ...formatArgs(1), '--end-of-options', commit, '--'], { env: DIFF_ENV });
  return parseDiff(stripRemergeHeaders(stdout));
}

/**
 * The remerge output is the `-z --patch-with-raw` format parseDiff reads, plus one kind of extended
 * header line, `remerge CONFLICT (<kind>): <message>`, that parseDiff (rightly) refuses as unknown.
 * Those lines are dropped, and so is a patch block left with nothing but its `diff --git` line
 * (a conflict resolved exactly as git would have: nothing to review, and it has no raw record).
 * Only the patch part is touched: raw paths are bytes and could contain anything. In the patch,
 * a line starting with "remerge " can only be a header: hunk lines start with ' ', '+', '-' or '\\'
 * and header paths with newlines are C-quoted.
 */
export function stripRemergeHeaders(output: Buffer): Buffer {
  const start = patchStart(output);
  if (start >= output.length) return output;
  const lines: Buffer[] = [];
  for (let pos = start; pos < output.length; ) {
    const nl = output.indexOf(0x0a, pos);
    const end = nl === -1 ? output.length : nl + 1;
    lines.push(output.subarray(pos, end));
    pos = end;
  }
  const kept: Buffer[] = [];
  let pendingDiffLine: Buffer | null = null;
  for (const line of lines) {
    if (line.toString('latin1', 0, 8) === 'remerge ') continue;
    if (pendingDiffLine) {
      if (line.toString('latin1', 0, 11) !== 'diff --git ') kept.push(pendingDiffLine);
      pendingDiffLine = null;
    }
    if (line.toString('latin1', 0, 11) === 'diff --git ') pendingDiffLine = line;
    else kept.push(line);
  }
  return Buffer.concat([output.subarray(0, start), ...kept]);
}

/** Offset just past the raw records and their closing NUL (`:<modes> <ids> <status>` NUL path NUL [path NUL]). */
function patchStart(output: Buffer): number {
  let pos = 0;
  while (pos < output.length && output[pos] === 0x3a) {
    const headerEnd = output.indexOf(0, pos);
    if (headerEnd === -1) return output.length;
    const status = /([A-Z])\d*$/.exec(output.toString('latin1', pos, headerEnd))?.[1];
    const paths = status === 'R' || status === 'C' ? 2 : 1; // renames and copies carry two paths
    pos = headerEnd + 1;
    for (let i = 0; i < paths; i += 1) {
      const z = output.indexOf(0, pos);
      if (z === -1) return output.length;
      pos = z + 1;
    }
  }
  return output[pos] === 0 ? pos + 1 : pos;
}
