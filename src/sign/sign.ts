// evidence.sign: ssh — the producer's side. One signature per recording session and namespace,
// appended as a `signature` record after the records it covers.
import type { Config } from '../config/schema.js';
import { newRecordId } from '../evidence/store.js';
import type { EvidenceRecord, SignatureRecord } from '../evidence/types.js';
import type { Repo } from '../git/repo.js';
import { namespaceFor, recordHash, signedMessage } from './canonical.js';
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
