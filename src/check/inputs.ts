// Reading the evidence, the plan and the test files from the content being judged (the index or
// a commit), never from the work tree: what passes is what will be committed.
import { cacheKey, readCache, writeCache } from '../cache.js';
import type { Config } from '../config/schema.js';
import { parseEvidence } from '../evidence/parse.js';
import type { EvidenceRecord, EvidenceSet } from '../evidence/types.js';
import type { ContentReader, TreeEntry } from '../git/reader.js';
import { parsePlan, type Plan } from '../plan/parse.js';
import { planFileName } from '../plan/template.js';
import type { Change } from './change.js';

export interface FoundPlan {
  readonly path: string;
  readonly plan: Plan;
}

function evidencePaths(entries: readonly TreeEntry[], config: Config): string[] {
  const prefix = `${config.evidence_dir}/evidence/`;
  return entries.filter((e) => e.path.startsWith(prefix) && e.path.endsWith('.jsonl') && e.mode !== '160000').map((e) => e.path);
}

/**
 * The plan that applies: the current branch's plan; otherwise a plan that this change adds or
 * edits (in range mode, the last one the range touched).
 */
function planPath(entries: readonly TreeEntry[], config: Config, change: Pick<Change, 'kind' | 'evidenceFiles'>, branch: string | null): string | null {
  const dir = `${config.evidence_dir}/`;
  const present = new Set(entries.map((e) => e.path));
  const candidates: string[] = [];
  if (branch !== null || change.kind === 'staged') candidates.push(dir + planFileName(branch));
  const touched = change.evidenceFiles.filter((p) => p.startsWith(`${dir}plans/`) && p.endsWith('.md'));
  candidates.push(...touched.reverse());
  return candidates.find((p) => present.has(p)) ?? null;
}

export interface Inputs {
  readonly evidence: EvidenceSet;
  readonly plan: FoundPlan | null;
}

/** Reads the evidence and the plan in one pass over the content (one `cat-file` process). */
export async function readInputs(
  reader: ContentReader,
  config: Config,
  change: Pick<Change, 'kind' | 'evidenceFiles'>,
  branch: string | null,
  want: { evidence: boolean; plan: boolean } = { evidence: true, plan: true },
  cacheDir?: string,
): Promise<Inputs> {
  const entries = await reader.entries();
  const files = want.evidence ? evidencePaths(entries, config) : [];
  const plan = want.plan ? planPath(entries, config, change, branch) : null;
  // A parsed plan is cached by its blob id: parsing its front matter needs the YAML library,
  // which `check` should not have to load on every commit.
  const planOid = plan ? entries.find((e) => e.path === plan)?.oid : undefined;
  const cacheName = plan && planOid ? `plan-${cacheKey(planOid, plan)}.json` : undefined;
  const cachedPlan = cacheName ? readCache<Plan>(cacheDir, cacheName) : undefined;
  if (plan && cachedPlan && cachedPlan.file === plan) {
    const blobs = await reader.read(files);
    return { evidence: { records: parseAll(files, blobs), files }, plan: { path: plan, plan: cachedPlan } };
  }
  const blobs = await reader.read(plan ? [...files, plan] : files);
  const planBlob = plan ? blobs.get(plan) : undefined;
  const parsed = plan && planBlob ? await parsePlan(planBlob.toString('utf8'), plan) : null;
  if (parsed && cacheName) writeCache(cacheDir, cacheName, parsed);
  return { evidence: { records: parseAll(files, blobs), files }, plan: plan && parsed ? { path: plan, plan: parsed } : null };
}

function parseAll(files: readonly string[], blobs: ReadonlyMap<string, Buffer>): EvidenceRecord[] {
  const records: EvidenceRecord[] = [];
  for (const path of files) {
    const blob = blobs.get(path);
    if (blob) records.push(...parseEvidence(blob.toString('utf8'), path));
  }
  return records;
}

export async function readEvidence(reader: ContentReader, config: Config): Promise<EvidenceSet> {
  return (await readInputs(reader, config, { kind: 'staged', evidenceFiles: [] }, null, { evidence: true, plan: false })).evidence;
}

export async function readPlan(reader: ContentReader, config: Config, change: Change, branch: string | null): Promise<FoundPlan | null> {
  return (await readInputs(reader, config, change, branch, { evidence: false, plan: true })).plan;
}
