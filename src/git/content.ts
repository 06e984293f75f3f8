// ContentReader implementations: the index (staged mode) and a commit's tree (range mode).
// Blobs are read by object id through one `git cat-file --batch`, so paths never need quoting.
import { UserError } from '../errors.js';
import type { Git } from './exec.js';
import { splitZPaths } from './paths.js';
import type { ContentReader, TreeEntry } from './reader.js';

/**
 * Parses `git ls-files -s -z`: `<mode> SP <oid> SP <stage> TAB <path> NUL`.
 * Returns the stage-0 entries and the paths that have higher stages (unmerged).
 */
export function parseLsFilesStage(output: Buffer | string): { entries: TreeEntry[]; unmerged: string[] } {
  const entries: TreeEntry[] = [];
  const unmerged = new Set<string>();
  // indexOf rather than split: an index of 100,000 entries is parsed on every uncached `check`.
  for (const record of typeof output === 'string' ? output.split('\0') : splitZPaths(output)) {
    const tab = record.indexOf('\t');
    const sp1 = record.indexOf(' ');
    const sp2 = sp1 < 0 ? -1 : record.indexOf(' ', sp1 + 1);
    // `<mode> <oid> <stage>` before the tab, each part present: anything else is not an entry.
    if (tab < 0 || sp1 <= 0 || sp2 <= sp1 + 1 || sp2 >= tab) continue;
    const mode = record.slice(0, sp1);
    const oid = record.slice(sp1 + 1, sp2);
    const stage = record.slice(sp2 + 1, tab);
    const path = record.slice(tab + 1);
    if (stage === '0') entries.push({ mode, oid, path });
    else unmerged.add(path);
  }
  return { entries, unmerged: [...unmerged] };
}

/** Parses `git ls-tree -r -z --full-tree`: `<mode> SP <type> SP <oid> TAB <path> NUL`. */
export function parseLsTree(output: Buffer | string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of typeof output === 'string' ? output.split('\0') : splitZPaths(output)) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, , oid] = record.slice(0, tab).split(' ');
    if (!mode || !oid) continue;
    entries.push({ mode, oid, path: record.slice(tab + 1) });
  }
  return entries;
}

/**
 * Parses `git cat-file --batch` output for the requested ids, in order:
 * `<oid> SP <type> SP <size> LF <content> LF`, or `<request> SP missing LF`.
 */
export function parseCatFileBatch(output: Buffer, count: number): (Buffer | null)[] {
  const result: (Buffer | null)[] = [];
  let pos = 0;
  for (let i = 0; i < count; i++) {
    const eol = output.indexOf(0x0a, pos);
    if (eol < 0) throw new Error('truncated cat-file output');
    const header = output.subarray(pos, eol).toString('utf8');
    pos = eol + 1;
    if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
      result.push(null);
      continue;
    }
    const size = Number(header.split(' ')[2]);
    result.push(output.subarray(pos, pos + size));
    pos += size + 1;
  }
  return result;
}

async function readBlobs(git: Git, byPath: ReadonlyMap<string, TreeEntry>, paths: readonly string[]): Promise<Map<string, Buffer>> {
  const wanted = paths.map((p) => byPath.get(p)).filter((e): e is TreeEntry => e !== undefined && e.mode !== '160000');
  const map = new Map<string, Buffer>();
  if (wanted.length === 0) return map;
  const { stdout } = await git.run(['cat-file', '--batch'], { input: wanted.map((e) => e.oid).join('\n') + '\n' });
  const blobs = parseCatFileBatch(stdout, wanted.length);
  wanted.forEach((entry, i) => {
    const blob = blobs[i];
    if (blob) map.set(entry.path, blob);
  });
  return map;
}

/** The entries by path, built once per reader (a check reads blobs several times). */
function pathIndex(entries: readonly TreeEntry[]): () => ReadonlyMap<string, TreeEntry> {
  let byPath: Map<string, TreeEntry> | undefined;
  return () => (byPath ??= new Map(entries.map((e) => [e.path, e])));
}

/** The index git points at (GIT_INDEX_FILE included: it is inherited by every git call). */
export async function indexReader(git: Git): Promise<ContentReader & { unmerged: readonly string[] }> {
  const { stdout } = await git.run(['ls-files', '-s', '-z', '--full-name']);
  const { entries, unmerged } = parseLsFilesStage(stdout);
  const byPath = pathIndex(entries);
  return {
    describe: 'the index',
    unmerged,
    entries: async () => entries,
    read: (paths) => readBlobs(git, byPath(), paths),
  };
}

/** A commit's tree. */
export async function commitReader(git: Git, commit: string): Promise<ContentReader> {
  // One ls-tree however many callers ask at once.
  let loading: Promise<{ entries: TreeEntry[]; byPath: () => ReadonlyMap<string, TreeEntry> }> | undefined;
  const load = () =>
    (loading ??= git.run(['ls-tree', '-r', '-z', '--full-tree', commit]).then(({ stdout }) => {
      const entries = parseLsTree(stdout);
      return { entries, byPath: pathIndex(entries) };
    }));
  return {
    describe: `commit ${commit.slice(0, 12)}`,
    entries: async () => (await load()).entries,
    read: async (paths) => readBlobs(git, (await load()).byPath(), paths),
  };
}

export function unmergedError(paths: readonly string[], state: string): UserError {
  const list = paths.map((p) => `  ${p}`).join('\n');
  return new UserError(
    `unmerged paths${state ? ` (${state})` : ''}; resolve them before reviewgate can judge the change:\n${list}`,
    'resolve the conflicts, then `git add <file>` each one',
  );
}

/**
 * Object sizes in bytes, from one `git cat-file --batch-check` (`<oid> SP <type> SP <size>` per
 * line, `<oid> missing` for an unknown id). Unknown ids are left out.
 */
export async function objectSizes(git: Git, oids: readonly string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  if (oids.length === 0) return sizes;
  const out = await git.text(['cat-file', '--batch-check'], { input: `${oids.join('\n')}\n` });
  for (const line of out.split('\n')) {
    const [oid, , size] = line.split(' ');
    if (oid && size && /^\d+$/.test(size)) sizes.set(oid, Number(size));
  }
  return sizes;
}

/**
 * Objects by name (`<rev>:<path>`, `:<path>` for the index, or an id) in one `cat-file --batch`,
 * in order; null for a name that resolves to nothing. Names must not contain a newline.
 */
export async function readObjects(git: Git, names: readonly string[]): Promise<(Buffer | null)[]> {
  if (names.length === 0) return [];
  const { stdout } = await git.run(['cat-file', '--batch'], { input: `${names.join('\n')}\n` });
  return parseCatFileBatch(stdout, names.length);
}

export interface NamedBlob {
  readonly oid: string;
  readonly text: string;
}

/**
 * Parses `git cat-file --batch` output for `names`, in order, keeping only blobs (as UTF-8 text,
 * with their ids): `<oid> SP <type> SP <size> LF <content> LF`, or `<name> SP missing LF` (and
 * `ambiguous`). Tolerant where parseCatFileBatch is strict: a truncated answer ends the map.
 */
export function parseNamedBlobs(output: Buffer, names: readonly string[]): Map<string, NamedBlob> {
  const map = new Map<string, NamedBlob>();
  let pos = 0;
  for (const name of names) {
    const eol = output.indexOf(0x0a, pos);
    if (eol < 0) break;
    const [oid, type, size] = output.subarray(pos, eol).toString('utf8').split(' ');
    pos = eol + 1;
    if (type === undefined || size === undefined || !/^\d+$/.test(size)) continue; // missing or ambiguous
    if (type === 'blob' && oid) map.set(name, { oid, text: output.subarray(pos, pos + Number(size)).toString('utf8') });
    pos += Number(size) + 1;
  }
  return map;
}

/**
 * Blobs named `<rev>:<path>` (or `:<path>` for the index) in one `cat-file --batch`, by name;
 * names that resolve to nothing, or to something other than a blob, are absent. Duplicate names
 * are asked once.
 */
export async function readBlobsByName(git: Git, names: readonly string[]): Promise<Map<string, NamedBlob>> {
  const unique = [...new Set(names)];
  if (unique.length === 0) return new Map();
  const { stdout } = await git.run(['cat-file', '--batch'], { input: `${unique.join('\n')}\n` });
  return parseNamedBlobs(stdout, unique);
}
