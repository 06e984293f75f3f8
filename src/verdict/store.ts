// Cached verdicts of `check` (and of a `run` with nothing to do): `<common git dir>/reviewgate/verdicts/<key>.json`, one small file per
// key (see key.ts for what the key covers). Only a full check writes an entry, and only when
// everything its verdict read is covered by the key; a missing, corrupt or foreign entry is a
// miss. The folder is local to the clone and never trusted in CI (`--ci`, `--range` and
// `--pre-push` neither read nor write it).
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VerdictKey } from './key.js';

export interface VerdictEntry {
  /** The exit code: 0 every required gate held, 1 a gate failed (errors are never cached). */
  readonly code: 0 | 1;
  /** Exactly what the command wrote to stdout, and to stderr. */
  readonly stdout: string;
  readonly stderr?: string;
}

/** Entries kept: the newest, by modification time (a clone checks few contents again). */
const KEEP = 64;

export function readVerdict(at: VerdictKey): VerdictEntry | null {
  try {
    const entry = JSON.parse(readFileSync(join(at.dir, `${at.key}.json`), 'utf8')) as Partial<VerdictEntry> & { key?: unknown };
    if (entry.key !== at.key || (entry.code !== 0 && entry.code !== 1) || typeof entry.stdout !== 'string') return null;
    if (entry.stderr !== undefined && typeof entry.stderr !== 'string') return null;
    return { code: entry.code, stdout: entry.stdout, ...(entry.stderr ? { stderr: entry.stderr } : {}) };
  } catch {
    return null;
  }
}

export function writeVerdict(at: VerdictKey, entry: VerdictEntry): void {
  try {
    mkdirSync(at.dir, { recursive: true });
    const tmp = join(at.dir, `${at.key}.${process.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify({ key: at.key, ...entry }));
    renameSync(tmp, join(at.dir, `${at.key}.json`));
    prune(at.dir);
  } catch {
    // An unwritable git dir only costs speed.
  }
}

function prune(dir: string): void {
  const names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  if (names.length <= KEEP) return;
  const aged = names.map((n) => ({ n, t: statSync(join(dir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 })).sort((a, b) => b.t - a.t);
  for (const { n } of aged.slice(KEEP)) rmSync(join(dir, n), { force: true });
}
