// Answers that could not be recorded (a full or read-only disk) are kept in the git directory,
// and the next `reviewgate review` offers to record them: a person's reading time is never lost to
// a disk. The file is the evidence format (JSON Lines), so a corrupt one is named by file:line.
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseEvidence } from '../evidence/parse.js';
import type { EvidenceRecord } from '../evidence/types.js';

function recoveryPath(gitDir: string): string {
  return join(gitDir, 'reviewgate', 'unrecorded-answers.jsonl');
}

/** Adds the records to the recovery file; returns its path, or null when it cannot be written either. */
export async function keepAnswers(gitDir: string, records: readonly EvidenceRecord[]): Promise<string | null> {
  const path = recoveryPath(gitDir);
  try {
    await mkdir(dirname(path), { recursive: true });
    const before = await readFile(path, 'utf8').catch(() => '');
    await writeFile(path, before + records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    return path;
  } catch {
    return null;
  }
}

/** The kept records, or null when there are none. */
export async function keptAnswers(gitDir: string): Promise<{ path: string; records: EvidenceRecord[] } | null> {
  const path = recoveryPath(gitDir);
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) return null;
  const records = parseEvidence(text, path);
  return records.length > 0 ? { path, records } : null;
}

export async function dropKeptAnswers(path: string): Promise<void> {
  await unlink(path).catch(() => undefined);
}
