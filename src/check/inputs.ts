// Reading the evidence, the plan and the test files from the content being judged (the index or
// a commit), never from the work tree: what passes is what will be committed.
import type { Config } from '../config/schema.js';
import { parseEvidence } from '../evidence/parse.js';
import type { EvidenceRecord, EvidenceSet } from '../evidence/types.js';
import type { ContentReader, TreeEntry } from '../git/reader.js';
import { parsePlan, type Plan } from '../plan/parse.js';
import { planFileName } from '../plan/template.js';
import type { Change } from './change.js';

export async function readEvidence(reader: ContentReader, config: Config): Promise<EvidenceSet> {
  const prefix = `${config.evidence_dir}/evidence/`;
  const paths = (await reader.entries())
    .filter((e) => e.path.startsWith(prefix) && e.path.endsWith('.jsonl') && e.mode !== '160000')
    .map((e) => e.path);
  const blobs = await reader.read(paths);
  const records: EvidenceRecord[] = [];
  for (const path of paths) {
    const blob = blobs.get(path);
    if (blob) records.push(...parseEvidence(blob.toString('utf8'), path));
  }
  return { records, files: paths };
}

export interface FoundPlan {
  readonly path: string;
  readonly plan: Plan;
}

/**
 * The plan that applies: the current branch's plan; otherwise a plan that this change adds or
 * edits (in range mode, the last one the range touched).
 */
export async function readPlan(reader: ContentReader, config: Config, change: Change, branch: string | null): Promise<FoundPlan | null> {
  const dir = `${config.evidence_dir}/`;
  const entries = await reader.entries();
  const present = new Set(entries.map((e: TreeEntry) => e.path));
  const candidates: string[] = [];
  if (branch !== null || change.kind === 'staged') candidates.push(dir + planFileName(branch));
  const touched = change.evidenceFiles.filter((p) => p.startsWith(`${dir}plans/`) && p.endsWith('.md'));
  candidates.push(...touched.reverse());
  const path = candidates.find((p) => present.has(p));
  if (!path) return null;
  const blob = (await reader.read([path])).get(path);
  if (!blob) return null;
  return { path, plan: await parsePlan(blob.toString('utf8'), path) };
}
