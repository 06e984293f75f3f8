// The bytes a signature covers. A record is encoded as JSON with its object keys sorted at every
// level and no whitespace, so the same record always gives the same bytes whatever order a writer
// (or a union merge) left its keys in. A signature signs the list of (id, SHA-256 of those bytes)
// of the records it covers: changing one byte of a record, or swapping in another record under
// its id, breaks it. Pure.
import { createHash } from 'node:crypto';
import type { EvidenceRecord, SignatureRecord } from '../evidence/types.js';

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function recordHash(record: EvidenceRecord): string {
  return createHash('sha256').update(canonicalJson(record)).digest('hex');
}

/** Which signing namespace a record belongs to: what `ssh-keygen -Y sign -n` was given. */
export function namespaceFor(type: EvidenceRecord['type']): string | null {
  if (type === 'run') return 'reviewgate-run';
  if (type === 'signature') return null;
  return 'reviewgate-review';
}

/** The message a signature record's signature covers. */
export function signedMessage(sig: Pick<SignatureRecord, 'namespace' | 'by' | 'at' | 'id' | 'records'>): string {
  const head = `reviewgate evidence signature v1\nnamespace ${sig.namespace}\nid ${sig.id}\nat ${sig.at}\nby ${sig.by.email}\n`;
  return head + sig.records.map((r) => `${r.id} ${r.sha256}\n`).join('');
}

/** How a signature lists a plan file: the plan is Markdown, not a record; its SHA-256 is of the file's bytes. */
export function planRecordId(path: string): string {
  return `plan:${path}`;
}
