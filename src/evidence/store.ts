// Writing evidence: append records to `<evidence_dir>/evidence/<branch>.jsonl` under a lock,
// atomically (temp file, fsync, rename), so two terminals or a killed process never leave a half
// record or lose one. Reading is parse.ts; check reads through git, never through this file.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import { withLock } from './lock.js';
import { MAX_RECORD_BYTES } from './parse.js';
import { normalizeKey } from '../diff/keys.js';
import { isRecordType, recordSchemas } from './schema.js';
import type { EvidenceRecord, Person } from './types.js';

/** Lets branches that both recorded evidence merge without conflicts (evidence is a set). */
export const EVIDENCE_GITATTRIBUTES = 'evidence/*.jsonl merge=union';

/** A short random record id: 12 hex digits (48 bits; ids only need to be unique per repository). */
export function newRecordId(): string {
  return randomBytes(6).toString('hex');
}

/** The fields every record starts with. */
export function recordBase(by: Person, tool: string): { v: 1; id: string; at: string; by: Person; tool: string } {
  return { v: 1, id: newRecordId(), at: new Date().toISOString(), by: { name: by.name, email: by.email }, tool };
}

/**
 * The evidence file of a branch, relative to evidence_dir: `evidence/<safe>.jsonl`. `/` becomes
 * `--` (`feature/x` → `feature--x`). When that is not reversible, or the name has characters
 * some file systems mishandle (anything but `A-Za-z0-9._-`, upper case on case-insensitive disks,
 * Windows device names), a hash of the real name is appended so two branches never share a file
 * by accident. No branch (detached HEAD, unborn, unknown) → `detached`.
 */
export function evidenceFileName(branch: string | null): string {
  const name = branch?.replace(/^refs\/heads\//, '') ?? '';
  if (name === '') return 'evidence/detached.jsonl';
  let safe = name.replace(/\//g, '--').replace(/[^A-Za-z0-9._-]/g, '_');
  if (safe.length > 80) safe = safe.slice(0, 80);
  const reversible = safe.replace(/--/g, '/') === name;
  const portable = !/[A-Z]/.test(name) && !/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(safe) && !safe.startsWith('.');
  if (!reversible || !portable) {
    safe = `${safe}-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
  }
  return `evidence/${safe}.jsonl`;
}

/**
 * Appends `records` to `<root>/<evidenceDir>/<file>` and makes sure `<evidenceDir>/.gitattributes`
 * carries the union-merge rule. `lockDir` should be inside the git directory so the lock never
 * shows up as an untracked file. Returns the repository-relative paths written.
 *
 * `stage`, when given, is called under the same lock with the evidence file and the folder's
 * .gitattributes (always, written now or not): a writer killed between its write and its
 * `git add` leaves them unstaged, and the next writer stages them again; two writers never run
 * their `git add`s at once (git's own index.lock would make one of them fail).
 */
export async function appendRecords(
  root: string,
  evidenceDir: string,
  file: string,
  records: EvidenceRecord[],
  lockDir: string,
  prune?: Prune,
  stage?: (paths: readonly string[]) => Promise<void>,
): Promise<string[]> {
  if (records.length === 0) return [];
  if (file.split('/').includes('..') || file.startsWith('/')) throw new Error(`evidence file outside the evidence folder: ${file}`);
  // Refuse to write a record parse.ts would reject: it would make the whole file unreadable.
  const lines = records.map((record) => {
    const schema = isRecordType(record.type) ? recordSchemas[record.type] : undefined;
    const result = schema?.safeParse(record);
    if (!result?.success) {
      throw new Error(`bug: refusing to write an invalid ${String(record.type)} evidence record: ${JSON.stringify(record)}`);
    }
    const line = `${JSON.stringify(record)}\n`;
    if (line.length > MAX_RECORD_BYTES) throw new UserError(`a ${record.type} record of ${Math.round(line.length / 1024 / 1024)} MB is more than the ${MAX_RECORD_BYTES / 1024 / 1024} MB a record may hold; nothing was recorded`, 'review the change in parts (stage part of it, review, then the rest)');
    return line;
  });

  const folder = join(root, evidenceDir);
  const target = join(folder, file);
  await mkdir(dirname(target), { recursive: true });
  return withLock(join(lockDir, 'evidence.lock'), async () => {
    const written: string[] = [];
    await Promise.all([removeLeftovers(dirname(target), /^\..+\.jsonl\.(\d+\.)?[0-9a-f]{12}\.tmp$/), removeLeftovers(folder, /^\.\.gitattributes\.(\d+\.)?[0-9a-f]{12}\.tmp$/)]);
    let current = await readFile(target, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    // A hand-edited file may lack the final newline; never glue a record onto its last line.
    if (current !== '' && !current.endsWith('\n')) current += '\n';
    if (prune) current = pruneUncommitted(current, prune);
    await writeFileAtomic(target, current + lines.join(''));
    written.push(repoPath(evidenceDir, file));

    const attributes = join(folder, '.gitattributes');
    const existing = await readFile(attributes, 'utf8').catch(() => null);
    if (existing === null || !existing.split(/\r?\n/).some((l) => l.trim() === EVIDENCE_GITATTRIBUTES)) {
      const before = existing === null ? '' : existing.endsWith('\n') || existing === '' ? existing : `${existing}\n`;
      await writeFileAtomic(attributes, `${before}${EVIDENCE_GITATTRIBUTES}\n`);
      written.push(repoPath(evidenceDir, '.gitattributes'));
    }
    if (stage) await stage([repoPath(evidenceDir, file), repoPath(evidenceDir, '.gitattributes')]);
    return written;
  });
}

/** What a recording may drop from records the change itself added (not yet committed). */
export interface Prune {
  /** The lines of the evidence file as committed (HEAD): never touched. */
  readonly committed: ReadonlySet<string>;
  /** The keys of the change being judged: keys of review and comment records outside it go. */
  readonly keep: ReadonlySet<string>;
}

/**
 * Records this change added and that are not committed yet are still the person's draft: keys of
 * lines no longer in the change (reviewed, then edited away before the commit) are dropped, so
 * evidence never carries hashes of lines that did not land. Committed lines are never changed
 * (evidence is append-only once it has landed). The record stays, with its id and times.
 */
function pruneUncommitted(text: string, prune: Prune): string {
  return text
    .split('\n')
    .map((line) => {
      if (line.trim() === '' || prune.committed.has(line)) return line;
      const r = JSON.parse(line) as { type?: string; keys?: string[]; items?: { keys?: string[] }[] };
      if ((r.type !== 'review' && r.type !== 'note' && r.type !== 'concern') || !Array.isArray(r.keys)) return line;
      const keys = r.keys.map(normalizeKey).filter((k) => prune.keep.has(k));
      if (keys.length === r.keys.length) return line;
      const items = r.items?.map(({ keys: _dropped, ...rest }) => rest);
      return JSON.stringify({ ...r, keys, ...(items ? { items } : {}) });
    })
    .join('\n');
}

/**
 * Writes a file so that readers see the old content or the new, never a mix: a temporary file
 * in the same folder (rename is atomic only within one file system), fsync, rename over, fsync
 * the folder so the rename itself survives a power cut.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  // The pid in the name lets any later command remove it if this process is killed (lock.ts).
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await fsyncDir(dirname(path));
}

async function fsyncDir(dir: string): Promise<void> {
  // Not possible on Windows (EPERM/EISDIR); the rename is still atomic there.
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}

/**
 * Temporary files of writers killed before their rename (evidence files, and the evidence
 * folder's .gitattributes). Called under the lock, when no other writer of these files can be
 * mid-write, so every match is an orphan. Left alone they would be untracked files in the work
 * tree, which `reviewgate run` refuses to run with.
 */
async function removeLeftovers(dir: string, pattern: RegExp): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => pattern.test(n)).map((n) => unlink(join(dir, n)).catch(() => undefined)));
}

function repoPath(evidenceDir: string, file: string): string {
  return `${evidenceDir.replace(/\\/g, '/').replace(/\/+$/, '')}/${file}`;
}
