// parseDiff reads the output of `git diff-index|diff-tree -z --patch-with-raw --full-index`
// (the exact command line is in src/git/diff.ts): first one raw record per file pair, then one
// NUL, then the patch text (parsed in patch.ts).
//
// Raw records with -z ("git diff --raw" format): `:<old mode> <new mode> <old oid> <new oid>
// <status>[<score>]` NUL `<path>` NUL, and for renames and copies `<old path>` NUL `<new path>` NUL.
// The raw paths are exact bytes, never quoted: they are the source of truth for paths, modes,
// ids and status; the patch blocks only bring the hunks and the "Binary files differ" flag.
//
// Records and patch blocks come out of git in the same order (diff_flush walks one queue twice),
// with one quirk: a type change (file <-> symlink <-> submodule, status T) is printed as TWO
// patch blocks, a deletion then a creation (diff.c run_diff "needs to be split"). Every pairing
// is cross-checked against the ids of the block's `index` line; a mismatch fails closed.
import { UserError } from '../errors.js';
import { decodePath } from '../git/paths.js';
import type { FileDiff, FileStatus, Hunk } from './model.js';
import { diffParseError, parsePatch, type PatchBlock } from './patch.js';

interface RawRecord {
  readonly offset: number;
  readonly oldMode: string;
  readonly newMode: string;
  readonly oldOid: string;
  readonly newOid: string;
  readonly status: string;
  readonly score: number | null;
  readonly paths: readonly string[];
}

const RAW_HEADER = /^:([0-7]{6}) ([0-7]{6}) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])(\d*)$/;
const STATUS: Readonly<Record<string, FileStatus>> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  T: 'typechange',
};
const COLON = 0x3a;

export function parseDiff(output: Buffer): FileDiff[] {
  const { records, end } = parseRaw(output);
  const blocks = parsePatch(output, end);
  const unmerged = records.filter((r) => r.status === 'U').map((r) => r.paths[0] ?? '');
  if (unmerged.length > 0) {
    throw new UserError(
      `unmerged paths: ${unmerged.join(', ')}`,
      'resolve the conflicts, then `git add` the files (or abort the merge, rebase or cherry-pick)',
    );
  }
  const files: FileDiff[] = [];
  let next = 0;
  for (const record of records) {
    const count = record.status === 'T' ? 2 : 1;
    const mine = blocks.slice(next, next + count);
    next += count;
    if (mine.length < count) throw diffParseError(output, record.offset, 'no patch for this record');
    files.push(toFileDiff(output, record, mine));
  }
  const extra = blocks[next];
  if (extra) throw diffParseError(output, extra.offset, 'patch block without a raw record');
  return files;
}

function parseRaw(output: Buffer): { records: RawRecord[]; end: number } {
  const records: RawRecord[] = [];
  let pos = 0;
  const field = (): string => {
    const nul = output.indexOf(0, pos);
    if (nul === -1) throw diffParseError(output, pos, 'raw record not NUL-terminated');
    const value = decodePath(output, pos, nul);
    pos = nul + 1;
    return value;
  };
  while (pos < output.length && output[pos] === COLON) {
    const offset = pos;
    const m = RAW_HEADER.exec(field());
    if (!m) throw diffParseError(output, offset, 'bad raw record');
    const status = m[5] ?? '';
    if (!(status in STATUS) && status !== 'U') throw diffParseError(output, offset, `unknown status ${status}`);
    const paths = status === 'R' || status === 'C' ? [field(), field()] : [field()];
    records.push({
      offset,
      oldMode: m[1] ?? '',
      newMode: m[2] ?? '',
      oldOid: m[3] ?? '',
      newOid: m[4] ?? '',
      status,
      score: m[6] ? Number(m[6]) : null,
      paths,
    });
  }
  // With -z the raw part and the patch part are separated by one NUL (not a newline).
  if (pos < output.length && output[pos] === 0) pos++;
  return { records, end: pos };
}

const isZero = (value: string): boolean => /^0+$/.test(value);
const orNull = (value: string): string | null => (isZero(value) ? null : value);

function toFileDiff(output: Buffer, r: RawRecord, blocks: readonly PatchBlock[]): FileDiff {
  const status = STATUS[r.status] as FileStatus;
  const [first, second] = blocks;
  if (!first) throw diffParseError(output, r.offset, 'no patch for this record');
  if (status === 'typechange') {
    // Deletion of the old entry, then creation of the new one.
    if (!second) throw diffParseError(output, r.offset, 'type change without its second patch');
    checkIndex(output, first, r.oldOid, '0'.repeat(r.oldOid.length));
    checkIndex(output, second, '0'.repeat(r.newOid.length), r.newOid);
    if (first.deletedFileMode !== r.oldMode || second.newFileMode !== r.newMode) {
      throw diffParseError(output, first.offset, 'type change modes differ from the raw record');
    }
  } else {
    checkIndex(output, first, r.oldOid, r.newOid);
  }
  const oldPath = status === 'added' ? null : (r.paths[0] ?? null);
  const newPath = status === 'deleted' ? null : (r.paths[r.paths.length - 1] ?? null);
  const hunks: Hunk[] = blocks.flatMap((b) => b.hunks);
  return {
    status,
    oldPath,
    newPath,
    path: newPath ?? oldPath ?? '',
    oldMode: orNull(r.oldMode),
    newMode: orNull(r.newMode),
    oldOid: orNull(r.oldOid),
    newOid: orNull(r.newOid),
    similarity: r.score,
    binary: blocks.some((b) => b.binary),
    hunks,
  };
}

/** The block must show exactly these ids: an `index` line when they differ, none when equal. */
function checkIndex(output: Buffer, block: PatchBlock, oldOid: string, newOid: string): void {
  if (block.unmergedPath !== null) throw diffParseError(output, block.offset, 'unmerged path in a diff');
  const index = block.index;
  if (oldOid === newOid ? index !== null : index?.oldOid !== oldOid || index.newOid !== newOid) {
    throw diffParseError(output, block.offset, 'patch does not belong to the raw record at its place');
  }
}
