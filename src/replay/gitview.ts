// git's own account of one commit, read independently of reviewgate's diff parser: `--raw` and
// `--numstat` (with -z) for what changed and how many lines, and the hunk headers and bodies of
// a -U1 patch for which line numbers. The replay compares reviewgate's items against it. Pure parsers.

export interface GitFileView {
  readonly status: string;
  readonly oldPath: string | null;
  /** The path a person knows the file by (the new path; the old one for a deletion). */
  readonly path: string;
  readonly oldMode: string | null;
  readonly newMode: string | null;
  readonly oldOid: string | null;
  readonly newOid: string | null;
  /** From --numstat: lines added and deleted, null for a binary file ("-\t-"). */
  added: number | null;
  deleted: number | null;
}

const isZero = (s: string) => /^0+$/.test(s);
const orNull = (s: string) => (isZero(s) ? null : s);

/**
 * `git diff-tree -r -z --raw --numstat` output: first the raw records
 * (`:<old mode> <new mode> <old oid> <new oid> <status>[<score>]` NUL `<path>` NUL, two paths for
 * R and C), then the numstat records (`<added>\t<deleted>\t<path>` NUL, or for a rename or copy
 * `<added>\t<deleted>\t` NUL `<old>` NUL `<new>` NUL). A type change has one raw record and may
 * have two numstat records (git prints it as a deletion and an addition): they are summed.
 */
export function parseRawNumstat(out: Buffer): GitFileView[] {
  const fields = out.toString('utf8').split('\0');
  if (fields[fields.length - 1] === '') fields.pop();
  const files: GitFileView[] = [];
  let i = 0;
  while (i < fields.length && (fields[i] ?? '').startsWith(':')) {
    const m = /^:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])(\d*)$/.exec(fields[i] ?? '');
    if (!m) throw new Error(`unexpected raw record ${JSON.stringify(fields[i])}`);
    const status = m[5] as string;
    const two = status === 'R' || status === 'C';
    const first = fields[i + 1] as string;
    const second = two ? (fields[i + 2] as string) : null;
    i += two ? 3 : 2;
    files.push({
      status,
      oldPath: status === 'A' ? null : first,
      path: second ?? first,
      oldMode: orNull(m[1] as string),
      newMode: orNull(m[2] as string),
      oldOid: orNull(m[3] as string),
      newOid: orNull(m[4] as string),
      added: 0,
      deleted: 0,
    });
  }
  const byPath = new Map(files.map((f) => [f.path, f]));
  while (i < fields.length) {
    const m = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(fields[i] ?? '');
    if (!m) throw new Error(`unexpected numstat record ${JSON.stringify(fields[i])}`);
    let path = m[3] as string;
    i += 1;
    if (path === '') {
      path = fields[i + 1] as string;
      i += 2;
    }
    const f = byPath.get(path);
    if (!f) throw new Error(`numstat names ${path}, which no raw record has`);
    if (m[1] === '-' || f.added === null) {
      f.added = null;
      f.deleted = null;
    } else {
      f.added = (f.added ?? 0) + Number(m[1]);
      f.deleted = (f.deleted ?? 0) + Number(m[2]);
    }
  }
  return files;
}

export interface ChangedNumbers {
  readonly plus: number[];
  readonly minus: number[];
}

/**
 * The changed line numbers of a `-U1 --full-index` patch, per `index <old>..<new>` line (the blob
 * pair identifies the file without parsing quoted paths), counted from each hunk header
 * `@@ -a[,b] +c[,d] @@` through its body: ' ' advances both sides, '-' the old, '+' the new.
 * One line of context, as reviewgate reads diffs: with -U0, git places an ambiguous block of
 * repeated lines (a slider) differently in some commits (express c9ecf7b6: lines 332-349 with
 * -U0, 334-351 with -U1), so zero context would report differences that are git's, not ours.
 */
export function parsePatchNumbers(patch: string): Map<string, ChangedNumbers> {
  const out = new Map<string, ChangedNumbers>();
  let current: ChangedNumbers | null = null;
  let inHunks = false;
  let oldN = 0;
  let newN = 0;
  for (const line of patch.split('\n')) {
    if (line.startsWith('diff --git ') || line.startsWith('diff --cc ')) {
      current = null;
      inHunks = false;
      continue;
    }
    if (!inHunks) {
      const idx = /^index ([0-9a-f]+)\.\.([0-9a-f]+)/.exec(line);
      if (idx) {
        const key = pairKey(orNull(idx[1] as string), orNull(idx[2] as string));
        current = out.get(key) ?? { plus: [], minus: [] };
        out.set(key, current);
        continue;
      }
    }
    const h = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (h) {
      inHunks = true;
      oldN = Number(h[1]);
      newN = Number(h[2]);
      continue;
    }
    if (!inHunks || !current) continue;
    if (line.startsWith('+')) current.plus.push(newN++);
    else if (line.startsWith('-')) current.minus.push(oldN++);
    else if (line.startsWith(' ')) {
      oldN++;
      newN++;
    }
  }
  return out;
}

export const pairKey = (oldOid: string | null, newOid: string | null): string => `${oldOid ?? '0'}..${newOid ?? '0'}`;
