// Reading the evidence, the plan and the test files from the content being judged (the index or
// a commit), never from the work tree: what passes is what will be committed.
import { cacheKey, readCache, writeCache } from '../cache.js';
import type { Config } from '../config/schema.js';
import type { EvidenceRecord, EvidenceSet } from '../evidence/types.js';
import type { ContentReader, TreeEntry } from '../git/reader.js';
import { parsePlan, type Plan } from '../plan/parse.js';
import { planFileName } from '../plan/template.js';
import { isEvidenceFile } from '../diff/tree.js';
import type { Change } from './change.js';

export interface FoundPlan {
  readonly path: string;
  readonly plan: Plan;
}

function evidencePaths(entries: readonly TreeEntry[], config: Config): string[] {
  const prefix = `${config.evidence_dir}/evidence/`;
  return entries.filter((e) => e.path.startsWith(prefix) && isEvidenceFile(e.path, e.mode, config.evidence_dir)).map((e) => e.path);
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
  // Parsed plans and validated evidence are cached by blob id: parsing a plan's front matter
  // needs the YAML library and validating evidence needs zod, and `check` runs on every commit.
  const oid = (path: string) => entries.find((e) => e.path === path)?.oid ?? '';
  const planCache = plan ? `plan-${cacheKey(plan)}-${cacheKey(oid(plan))}.json` : '';
  const cachedPlan = plan ? readCache<Plan>(cacheDir, planCache) : undefined;
  const needPlan = plan !== null && !(cachedPlan && cachedPlan.file === plan);
  const evidenceCache = (path: string) => `evidence-${cacheKey(path)}-${cacheKey(oid(path))}.json`;
  const records = new Map<string, EvidenceRecord[]>();
  for (const path of files) {
    const hit = readCache<EvidenceRecord[]>(cacheDir, evidenceCache(path));
    if (Array.isArray(hit)) records.set(path, hit);
  }
  const missing = files.filter((p) => !records.has(p));
  const blobs = await reader.read(needPlan && plan ? [...missing, plan] : missing);
  if (missing.length > 0) {
    const { parseEvidence } = await import('../evidence/parse.js');
    for (const path of missing) {
      const blob = blobs.get(path);
      const parsed = blob ? parseEvidence(blob.toString('utf8'), path) : [];
      records.set(path, parsed);
      if (blob) writeCache(cacheDir, evidenceCache(path), parsed, `evidence-${cacheKey(path)}-`);
    }
  }
  let parsedPlan: Plan | null = cachedPlan && !needPlan ? cachedPlan : null;
  if (needPlan && plan) {
    const blob = blobs.get(plan);
    parsedPlan = blob ? await parsePlan(blob.toString('utf8'), plan) : null;
    if (parsedPlan) writeCache(cacheDir, planCache, parsedPlan, `plan-${cacheKey(plan)}-`);
  }
  return {
    evidence: { records: files.flatMap((p) => records.get(p) ?? []), files },
    plan: plan && parsedPlan ? { path: plan, plan: parsedPlan } : null,
  };
}

export async function readEvidence(reader: ContentReader, config: Config): Promise<EvidenceSet> {
  return (await readInputs(reader, config, { kind: 'staged', evidenceFiles: [] }, null, { evidence: true, plan: false })).evidence;
}
