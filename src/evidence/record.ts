// Recording evidence from a producer: append under the lock, then stage exactly what was
// written, so the next `check` (which reads the index) sees it.
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import { stagePaths } from '../git/worktree.js';
import type { Repo } from '../git/repo.js';
import { appendRecords, evidenceFileName } from './store.js';
import type { EvidenceRecord } from './types.js';

export async function recordEvidence(repo: Repo, config: Config, records: readonly EvidenceRecord[]): Promise<string[]> {
  if (records.length === 0) return [];
  if (config.evidence.sign === 'ssh') {
    const { signRecords } = await import('../sign/sign.js');
    records = [...records, ...(await signRecords(repo, config, records))];
  }
  const file = evidenceFileName(repo.branch);
  const written = await appendRecords(repo.root, config.evidence_dir, file, [...records], join(repo.commonDir, 'reviewgate'));
  await stagePaths(repo.git, written);
  return written;
}
