// Recording evidence from a producer: append and stage under the lock, so the next `check`
// (which reads the index) sees it.
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { GitError } from '../errors.js';
import { removeDeadTemps } from './lock.js';
import type { Config } from '../config/schema.js';
import { printedFileAt } from '../git/file-at.js';
import { stagePaths } from '../git/worktree.js';
import type { Repo } from '../git/repo.js';
import { parseEvidence } from './parse.js';
import { appendRecords, evidenceFileName, type Prune } from './store.js';
import type { EvidenceRecord } from './types.js';

/**
 * `changeKeys`: the keys of the staged change being reviewed; with them, records this change
 * added (not committed yet) lose keys of lines that are no longer in it (store.ts pruneUncommitted).
 */
export async function recordEvidence(repo: Repo, config: Config, records: readonly EvidenceRecord[], changeKeys?: ReadonlySet<string>): Promise<string[]> {
  if (records.length === 0) return [];
  if (config.evidence.sign === 'ssh') {
    const { signRecords } = await import('../sign/sign.js');
    records = [...records, ...(await signRecords(repo, config, records))];
  }
  const file = evidenceFileName(repo.branch);
  let prune: Prune | undefined;
  if (changeKeys) {
    const path = `${config.evidence_dir.replace(/\/+$/, '')}/${file}`;
    const committed = repo.head ? await printedFileAt(repo.git, repo.head, path) : '';
    prune = { committed: new Set(committed.split('\n')), keep: changeKeys };
  }
  // Written and staged under one lock; the folder's .gitattributes is staged every time, not
  // only when it was just written, so one killed writer or failed `git add` is repaired by the next.
  return appendRecords(repo.root, config.evidence_dir, file, [...records], join(repo.commonDir, 'reviewgate'), prune, (paths) => stageWhenIndexFree(repo, paths));
}

/**
 * `git add`, waiting up to a second while another git holds the index lock: a producer killed
 * during its `git add` leaves that git running on its own for a few milliseconds more. A lock
 * held longer is git's to report (it may be a git that crashed: only the person can tell).
 */
async function stageWhenIndexFree(repo: Repo, paths: readonly string[]): Promise<void> {
  for (const deadline = Date.now() + 1000; ; ) {
    try {
      return await stagePaths(repo.git, paths);
    } catch (error) {
      if (!(error instanceof GitError) || !/index\.lock': File exists/.test(error.stderr) || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * Refuses, before anything is asked or run, to append to a work-tree evidence file that does not
 * parse: the producer would stage it and report success while every check fails on it.
 */
export async function assertEvidenceReadable(repo: Repo, config: Config): Promise<void> {
  const file = evidenceFileName(repo.branch);
  const shown = `${config.evidence_dir.replace(/\/+$/, '')}/${file}`;
  // Temporary files of a writer killed before its rename (`git add -A` would commit them).
  await removeDeadTemps(dirname(join(repo.root, shown)), `.${basename(shown)}.`);
  await removeDeadTemps(join(repo.root, config.evidence_dir), '..gitattributes.');
  const text = await readFile(join(repo.root, shown), 'utf8').catch((error: NodeJS.ErrnoException) => {
    // No file yet (or no folder: the write will say why it cannot make one).
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
    throw error;
  });
  if (text !== null) parseEvidence(text, shown);
}
