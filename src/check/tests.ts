// Gathering what the tests gate needs: which mapped test files exist in the judged content,
// and — only when the plan has a test checklist — the titles of the repository's tests.
// The JavaScript parser is loaded only in that case, keeping it off the common path.
import type { Config } from '../config/schema.js';
import { evaluateTests, isTestFile } from '../gates/tests.js';
import type { GateResult } from '../gates/types.js';
import type { TestTitle } from '../tests/titles.js';
import type { Change } from './change.js';
import type { FoundPlan } from './inputs.js';

export async function collectTitles(change: Change, config: Config): Promise<TestTitle[]> {
  const entries = await change.reader.entries();
  const testPaths = entries.filter((e) => e.mode !== '160000' && e.mode !== '120000' && isTestFile(e.path, config)).map((e) => e.path);
  if (testPaths.length === 0) return [];
  const [{ extractTitles }, blobs] = await Promise.all([import('../tests/titles.js'), change.reader.read(testPaths)]);
  const all = await Promise.all(testPaths.map((p) => extractTitles(p, blobs.get(p)?.toString('utf8') ?? '')));
  return all.flat();
}

export async function evaluateTestsGate(config: Config, change: Change, plan: FoundPlan | null): Promise<GateResult> {
  const entries = await change.reader.entries();
  const present = new Set(entries.map((e) => e.path));
  const checklist = plan?.plan.checklist ?? null;
  const needTitles = checklist !== null && checklist.some((i) => i.state !== 'waived');
  const titles = needTitles ? await collectTitles(change, config) : [];
  return evaluateTests({
    config,
    changedFiles: change.files,
    fileExists: (p) => present.has(p),
    checklist,
    titles,
    planPath: plan?.path ?? null,
  });
}
