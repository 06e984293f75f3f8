// Reading the evidence from the content being judged (the index or a commit), never from the work
// tree: what passes is what will be committed.
import { cacheKey, readCache, writeCache } from '../cache.js';
import type { Config } from '../config/schema.js';
import type { EvidenceRecord, EvidenceSet } from '../evidence/types.js';
import type { ContentReader, TreeEntry } from '../git/reader.js';
import type { Plan } from '../plan/parse.js';
import { isEvidenceFile } from '../diff/tree.js';

export interface FoundPlan {
  readonly path: string;
  readonly plan: Plan;
}

function evidencePaths(entries: readonly TreeEntry[], config: Config): string[] {
  const prefix = `${config.evidence_dir}/evidence/`;
  return entries.filter((e) => e.path.startsWith(prefix) && isEvidenceFile(e.path, e.mode, config.evidence_dir)).map((e) => e.path);
}

/**
 * The evidence of the content being judged, in one `cat-file` pass. Validated evidence is cached
 * by blob id: validating needs zod, and `check` runs on every commit. (Which plan covers a change
 * is plan-cover.ts's question.)
 */
export async function readEvidence(reader: ContentReader, config: Config, cacheDir?: string): Promise<EvidenceSet> {
  const entries = await reader.entries();
  const files = evidencePaths(entries, config);
  const oid = (path: string) => entries.find((e) => e.path === path)?.oid ?? '';
  const evidenceCache = (path: string) => `evidence-${cacheKey(path)}-${cacheKey(oid(path))}.json`;
  const records = new Map<string, EvidenceRecord[]>();
  for (const path of files) {
    const hit = readCache<EvidenceRecord[]>(cacheDir, evidenceCache(path));
    if (Array.isArray(hit)) records.set(path, hit);
  }
  const missing = files.filter((p) => !records.has(p));
  if (missing.length > 0) {
    const blobs = await reader.read(missing);
    const { parseEvidence } = await import('../evidence/parse.js');
    for (const path of missing) {
      const blob = blobs.get(path);
      const parsed = blob ? parseEvidence(blob.toString('utf8'), path) : [];
      records.set(path, parsed);
      if (blob) writeCache(cacheDir, evidenceCache(path), parsed, `evidence-${cacheKey(path)}-`);
    }
  }
  return { records: files.flatMap((p) => records.get(p) ?? []), files };
}
