// Reading a change as a diff: the index against a base (staged mode) or two trees (range mode).
// The output format is pinned on the command line so that no user configuration, attribute
// driver or environment variable can change the lines git marks as changed, which the review
// fingerprints hash. Plumbing (diff-index, diff-tree) already ignores most diff.* settings, but
// every relevant option is still passed explicitly: defence in depth, and documentation.
// (diff.orderFile is one plumbing ignores; file order does not reach the keys anyway.)
import { parseDiff } from '../diff/parse.js';
import type { FileDiff } from '../diff/model.js';
import { parseCatFileBatch } from './content.js';
import type { Git } from './exec.js';
import { hasRawBytes } from './paths.js';

// Output: `-z --patch-with-raw` = NUL-terminated raw records, one NUL, then the patch text
// (the format src/diff/parse.ts reads).
/** The pinned output options, shared by every diff reviewgate reads (also `show --remerge-diff`). */
export function formatArgs(context: number): string[] {
  return [
    '-z',
    '--patch-with-raw',
    '--full-index', // full ids on `index` lines, so parse.ts can pair patches with raw records
    '--no-abbrev', // full ids in the raw records (core.abbrev)
    // Two lines of context are all the fingerprints need (a changed line's neighbours, one and
    // two away); the keys do not depend on it. It is also what makes "no line before it in the
    // hunk" mean start of file.
    `-U${Math.max(2, Math.trunc(context))}`,
    '--inter-hunk-context=0',
    '--diff-algorithm=myers', // git's default, so reviewers see what `git diff` shows them
    '--indent-heuristic',
    '-M50%', // rename detection on, threshold pinned (diff.renames, copies: never -C)
    '-l1000', // diff.renameLimit: past the limit git silently stops detecting renames
    '--no-ext-diff', // diff.external, GIT_EXTERNAL_DIFF
    '--no-textconv', // textconv drivers from .gitattributes + config
    '--no-color',
    '--src-prefix=a/', // diff.noprefix, diff.mnemonicPrefix
    '--dst-prefix=b/',
    '--no-relative', // diff.relative
    '--ignore-submodules=none', // diff.ignoreSubmodules, submodule.<name>.ignore: never hide a pointer
    '--submodule=short', // diff.submodule=log would replace the "Subproject commit" patch
  ];
}

// GIT_DIFF_OPTS (e.g. "--unified=0") overrides even an explicit -U on the command line
// (checked with git 2.39), and zero context would hide the neighbours: neutralise it.
export const DIFF_ENV = { GIT_DIFF_OPTS: '' };

export interface DiffOptions {
  /** Lines of context (at least 2). Only the display changes: the keys do not depend on it. */
  readonly context?: number;
}

// Revisions go after --end-of-options (git 2.24+), so none can ever be read as an option.
async function runDiff(git: Git, args: readonly string[]): Promise<FileDiff[]> {
  const { stdout } = await git.run(args, { env: DIFF_ENV });
  return textByContent(git, args, parseDiff(stdout));
}

/** What git reads to call a buffer binary (xdiff-interface.c, buffer_is_binary): a NUL in it. */
const FIRST_FEW_BYTES = 8000;

/**
 * Binary is decided by content, never by attributes: `-diff`, `binary` or a `diff=<driver>` whose
 * config says `binary = true` in the change's own `.gitattributes` would otherwise turn every
 * changed line of a source file into one "binary file changed" item. Files git called binary whose
 * blobs have no NUL in their first 8000 bytes (git's own test) are read again with `--text`.
 */
async function textByContent(git: Git, args: readonly string[], files: FileDiff[]): Promise<FileDiff[]> {
  const suspects = files.filter((f) => f.binary);
  if (suspects.length === 0) return files;
  const oids = [...new Set(suspects.flatMap((f) => [f.oldOid, f.newOid]).filter((o): o is string => o !== null && !/^0+$/.test(o)))];
  const { stdout } = await git.run(['cat-file', '--batch'], { input: `${oids.join('\n')}\n` });
  const blobs = parseCatFileBatch(stdout, oids.length);
  const binaryOid = new Map(oids.map((oid, i) => [oid, blobs[i] === null || (blobs[i] as Buffer).subarray(0, FIRST_FEW_BYTES).includes(0)]));
  const isBinary = (oid: string | null) => oid !== null && binaryOid.get(oid) === true;
  // A path that is not valid UTF-8 cannot be named back to git from its decoded form: it stays
  // one binary item (still reviewed, never silently dropped).
  const nameable = (p: string | null) => p === null || !hasRawBytes(p);
  const text = suspects.filter((f) => !isBinary(f.oldOid) && !isBinary(f.newOid) && nameable(f.oldPath) && nameable(f.newPath));
  if (text.length === 0) return files;
  const paths = [...new Set(text.flatMap((f) => [f.oldPath, f.newPath]).filter((p): p is string => p !== null))];
  const end = args.indexOf('--end-of-options');
  const again = [...args.slice(0, end), '--text', ...args.slice(end), ...paths];
  const { stdout: patch } = await git.run(again, { env: { ...DIFF_ENV, GIT_LITERAL_PATHSPECS: '1' } });
  const reread = new Map(parseDiff(patch).map((f) => [`${f.oldPath}\0${f.newPath}`, f]));
  return files.map((f) => (f.binary ? (reread.get(`${f.oldPath}\0${f.newPath}`) ?? f) : f));
}

/**
 * The staged change: the index git points at (GIT_INDEX_FILE is inherited, as hooks need)
 * against `base`, a commit id or the empty tree id.
 */
export function readStagedDiff(git: Git, base: string, options: DiffOptions = {}): Promise<FileDiff[]> {
  // `git add -N` entries are not committed: hide them, as the commit will (P4).
  const args = ['diff-index', '--cached', '--ita-invisible-in-index', ...formatArgs(options.context ?? 1)];
  return runDiff(git, [...args, '--end-of-options', base, '--']);
}

/** The change between two tree-ishes (commits, trees, or the empty tree id). */
export function readTreeDiff(git: Git, from: string, to: string, options: DiffOptions = {}): Promise<FileDiff[]> {
  const args = ['diff-tree', '-r', ...formatArgs(options.context ?? 1)];
  return runDiff(git, [...args, '--end-of-options', from, to, '--']);
}

/** One commit's change against `parent` (the empty tree id for a root commit). */
export function readCommitDiff(git: Git, parent: string, commit: string): Promise<FileDiff[]> {
  return readTreeDiff(git, parent, commit);
}

const emptyTrees = new WeakMap<Git, Promise<string>>();

/**
 * The id of the empty tree in this repository's object format (SHA-1 and SHA-256 differ). Hashes
 * empty stdin, which is what `git hash-object -t tree /dev/null` does without needing /dev/null.
 */
export function emptyTreeId(git: Git): Promise<string> {
  let id = emptyTrees.get(git);
  if (!id) {
    id = git.text(['hash-object', '-t', 'tree', '--stdin'], { input: '' });
    emptyTrees.set(git, id);
    // A failure must not be cached for the life of the Git instance.
    id.catch(() => emptyTrees.delete(git));
  }
  return id;
}
