// evidence.require_signatures — the checker's side: which records a verified signature covers.
// A signature counts when ssh-keygen verifies it for its signer against the allowed-signers file
// of the base; a record counts when such a signature lists its id and the hash of exactly its
// content, in the namespace of its kind, and the record names the signer as its author.
// Verdicts are cached by (allowed signers, signature record), so a repeated check spawns nothing.
import { cacheKey, readCache, writeCache } from '../cache.js';
import type { EvidenceRecord, SignatureRecord } from '../evidence/types.js';
import { createHash } from 'node:crypto';
import { canonicalJson, namespaceFor, planRecordId, recordHash, signedMessage } from './canonical.js';
import { sshVerify, type SshVerdict } from './ssh.js';

export interface RecordVerdict {
  readonly ok: boolean;
  /** Why it does not count; null when it does. */
  readonly reason: string | null;
  /** The signer whose signature covers it. */
  readonly principal: string | null;
}

const NAMESPACES = new Set(['reviewgate-review', 'reviewgate-run', 'reviewgate-plan']);

async function verifySignature(sig: SignatureRecord, allowedSigners: string | null, allowedPath: string, cacheDir: string | undefined): Promise<SshVerdict> {
  if (allowedSigners === null) return { ok: false, reason: `there is no allowed-signers file ${allowedPath} in the base` };
  if (!NAMESPACES.has(sig.namespace)) return { ok: false, reason: `signed in namespace ${sig.namespace}, which is not a reviewgate namespace` };
  const name = `signature-${cacheKey(allowedSigners, canonicalJson(sig))}.json`;
  const hit = readCache<SshVerdict>(cacheDir, name);
  if (hit && typeof hit.ok === 'boolean') return hit;
  const verdict = await sshVerify(allowedSigners, sig.by.email, sig.namespace, signedMessage(sig), sig.signature);
  writeCache(cacheDir, name, verdict);
  return verdict;
}

/**
 * Whether the plan file `path` with exactly this text is covered by a verified plan signature;
 * null when it is, else the reason.
 */
export async function planSignatureProblem(records: readonly EvidenceRecord[], path: string, text: Buffer, allowedSigners: string | null, allowedPath: string, cacheDir?: string): Promise<string | null> {
  const id = planRecordId(path);
  const hash = createHash('sha256').update(text).digest('hex');
  const claims = records.filter((r): r is SignatureRecord => r.type === 'signature' && r.namespace === 'reviewgate-plan' && r.records.some((e) => e.id === id));
  if (claims.length === 0) return 'it is not signed';
  const reasons: string[] = [];
  for (const sig of claims) {
    if (!sig.records.some((e) => e.id === id && e.sha256 === hash)) {
      reasons.push(`its content differs from what ${sig.by.email} signed`);
      continue;
    }
    const verdict = await verifySignature(sig, allowedSigners, allowedPath, cacheDir);
    if (verdict.ok) return null;
    reasons.push(verdict.reason);
  }
  return reasons[0] ?? 'it is not signed';
}

/** A verdict for every record that is not itself a signature. */
export async function judgeSignatures(records: readonly EvidenceRecord[], allowedSigners: string | null, allowedPath: string, cacheDir?: string): Promise<Map<EvidenceRecord, RecordVerdict>> {
  const signatures = records.filter((r): r is SignatureRecord => r.type === 'signature');
  const verdicts = await Promise.all(signatures.map((s) => verifySignature(s, allowedSigners, allowedPath, cacheDir)));
  // id → every signature that lists it, with the hash it signed.
  const listed = new Map<string, { sig: SignatureRecord; verdict: SshVerdict; sha256: string }[]>();
  signatures.forEach((sig, i) => {
    for (const entry of sig.records) listed.set(entry.id, [...(listed.get(entry.id) ?? []), { sig, verdict: verdicts[i] as SshVerdict, sha256: entry.sha256 }]);
  });
  const out = new Map<EvidenceRecord, RecordVerdict>();
  for (const record of records) {
    if (record.type === 'signature') continue;
    const claims = listed.get(record.id) ?? [];
    if (claims.length === 0) {
      out.set(record, { ok: false, reason: 'it is not signed', principal: null });
      continue;
    }
    const hash = recordHash(record);
    const reasons: string[] = [];
    let principal: string | null = null;
    for (const { sig, verdict, sha256 } of claims) {
      if (sha256 !== hash) reasons.push(`its content differs from what ${sig.by.email} signed (tampered with)`);
      else if (!verdict.ok) reasons.push(verdict.reason);
      else if (sig.namespace !== namespaceFor(record.type)) reasons.push(`it was signed in namespace ${sig.namespace}; a ${record.type} record needs ${namespaceFor(record.type)}`);
      else if (record.by.email !== sig.by.email) reasons.push(`it says it is by ${record.by.email} but was signed by ${sig.by.email}`);
      else principal = verdict.principal;
    }
    out.set(record, principal !== null ? { ok: true, reason: null, principal } : { ok: false, reason: reasons[0] ?? 'it is not signed', principal: null });
  }
  return out;
}
