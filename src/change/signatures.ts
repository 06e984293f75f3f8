// evidence.require_signatures in `check`: only records a verified signature covers may satisfy a
// gate. Reviews, resolutions and runs that do not verify are dropped, and the ones that bear on
// this change get a finding naming file:line and the reason. Notes and concerns stay whatever
// their signature: an unsigned concern still blocks (dropping it would loosen the gate).
import { notCacheable } from '../verdict/blockers.js';
import type { Config } from '../config/schema.js';
import type { EvidenceRecord, EvidenceSet } from '../evidence/types.js';
import type { Finding } from '../gates/types.js';
import { planUnsigned, recordUnsigned } from '../report/wording.js';
import type { ContentReader } from '../git/reader.js';
import { readFileAt } from '../git/file-at.js';
import type { Repo } from '../git/repo.js';
import type { Change } from './change.js';

export interface SignedEvidence {
  readonly records: readonly EvidenceRecord[];
  readonly findings: { readonly review: Finding[]; readonly run: Finding[]; readonly plan: Finding[] };
}

/** The commit whose allowed-signers file is trusted: HEAD for a staged change, the base of a range. */
export function trustBase(repo: Repo, change: Pick<Change, 'kind' | 'base'>): string | null {
  return change.kind === 'staged' ? repo.head : change.base;
}

/** Where each record sits (file, 1-based line), found by content; only for the records asked about. */
export async function locateRecords(reader: ContentReader, files: readonly string[], wanted: readonly EvidenceRecord[]): Promise<Map<EvidenceRecord, { file: string; line: number }>> {
  const { recordHash } = await import('../sign/canonical.js');
  const byHash = new Map(wanted.map((r) => [recordHash(r), r]));
  const out = new Map<EvidenceRecord, { file: string; line: number }>();
  const blobs = await reader.read([...files]);
  for (const file of files) {
    const lines = blobs.get(file)?.toString('utf8').split('\n') ?? [];
    lines.forEach((text, i) => {
      if (!text.trim()) return;
      try {
        const r = byHash.get(recordHash(JSON.parse(text) as EvidenceRecord));
        if (r && !out.has(r)) out.set(r, { file, line: i + 1 });
      } catch {
        /* parse.ts reports corrupt lines */
      }
    });
  }
  return out;
}

export async function signedEvidence(repo: Repo, config: Config, change: Change, evidence: EvidenceSet, fingerprint: () => Promise<string>, fix: { review: string; run: string; plan: string }, planPath: string | null): Promise<SignedEvidence> {
  const { judgeSignatures, planSignatureProblem } = await import('../sign/verify.js');
  const path = config.evidence.allowed_signers;
  const allowed = await readFileAt(repo.git, trustBase(repo, change), path);
  // A key valid only from or until a date gives a verdict that changes with the clock.
  if (allowed !== null && /valid-(?:after|before)/i.test(allowed)) notCacheable('an allowed signer has validity dates');
  const verdicts = await judgeSignatures(evidence.records, allowed, path, repo.cacheDir);
  const counts = (r: EvidenceRecord) => r.type === 'signature' || r.type === 'note' || r.type === 'concern' || verdicts.get(r)?.ok === true;
  const records = evidence.records.filter(counts);
  const changeKeys = new Set(change.items.flatMap((j) => j.item.keys));
  const tree = evidence.records.some((r) => r.type === 'run' && !counts(r)) ? await fingerprint() : '';
  const relevant = evidence.records.filter((r) => !counts(r) && ((r.type === 'review' && r.keys.some((k) => changeKeys.has(k))) || (r.type === 'run' && r.tree === tree)));
  const where = relevant.length > 0 ? await locateRecords(change.reader, evidence.files, relevant) : new Map();
  const findings: SignedEvidence['findings'] = { review: [], run: [], plan: [] };
  if (planPath) {
    const text = (await change.reader.read([planPath])).get(planPath);
    const problem = text ? await planSignatureProblem(evidence.records, planPath, text, allowed, path, repo.cacheDir) : null;
    if (problem) {
      findings.plan.push(planUnsigned(problem, planPath, path, fix.plan));
    }
  }
  for (const r of relevant) {
    const gate = r.type === 'run' ? 'run' : 'review';
    findings[gate].push(recordUnsigned(r, verdicts.get(r)?.reason, where.get(r), path, fix[gate]));
  }
  return { records, findings };
}
