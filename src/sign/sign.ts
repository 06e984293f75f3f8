// evidence.sign: ssh — the producer's side. One signature per recording session and namespace,
// appended as a `signature` record after the records it covers.
import type { Config } from '../config/schema.js';
import { newRecordId } from '../evidence/store.js';
import type { EvidenceRecord, SignatureRecord } from '../evidence/types.js';
import type { Repo } from '../git/repo.js';
import { createHash } from 'node:crypto';
import { namespaceFor, planRecordId, recordHash, signedMessage } from './canonical.js';
import { signingKey } from './key.js';
import { sshSign } from './ssh.js';

export async function signRecords(repo: Repo, config: Config, records: readonly EvidenceRecord[]): Promise<SignatureRecord[]> {
  if (config.evidence.sign !== 'ssh' || records.length === 0) return [];
  const key = await signingKey(repo.git, repo.root);
  const groups = new Map<string, EvidenceRecord[]>();
  for (const r of records) {
    const ns = namespaceFor(r.type);
    if (ns) groups.set(ns, [...(groups.get(ns) ?? []), r]);
  }
  const signatures: SignatureRecord[] = [];
  for (const [namespace, group] of groups) {
    const first = group[0] as EvidenceRecord;
    const unsigned = {
      v: 1 as const,
      type: 'signature' as const,
      id: newRecordId(),
      at: new Date().toISOString(),
      by: { name: first.by.name, email: first.by.email },
      tool: first.tool,
      namespace,
      records: group.map((r) => ({ id: r.id, sha256: recordHash(r) })),
    };
    signatures.push({ ...unsigned, signature: await sshSign(key.file, namespace, signedMessage(unsigned)) });
  }
  return signatures;
}

/** The signature of a plan file's exact text (namespace reviewgate-plan), as a record to append. */
export async function signPlan(repo: Repo, by: { name: string; email: string }, tool: string, path: string, text: string): Promise<SignatureRecord> {
  const key = await signingKey(repo.git, repo.root);
  const unsigned = {
    v: 1 as const,
    type: 'signature' as const,
    id: newRecordId(),
    at: new Date().toISOString(),
    by: { name: by.name, email: by.email },
    tool,
    namespace: 'reviewgate-plan',
    records: [{ id: planRecordId(path), sha256: createHash('sha256').update(text).digest('hex') }],
  };
  return { ...unsigned, signature: await sshSign(key.file, unsigned.namespace, signedMessage(unsigned)) };
}
