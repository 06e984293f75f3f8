// The tests gate: every changed source file has the test file its rule asks for (and, for
// `when: changed` rules, changes it too), every item of the plan's test checklist has a test that
// runs (or is waived, with a reason, where waivers are allowed), and — when `tests.coverage` is
// configured — the changed lines are covered. Pure: analyseTests gives what `reviewgate tests`
// shows, evaluateTests the findings `check` reports.
import type { Config } from '../config/schema.js';
import type { FileStatus } from '../diff/model.js';
import type { ChecklistItem } from '../plan/parse.js';
import { evaluateCoverage, type CoverageInput, type CoverageReport } from '../testmap/coverage.js';
import { isTestFile, mapSource } from '../testmap/mapping.js';
import { itemId, matchChecklist } from '../testmap/match.js';
import type { TestTitle } from '../testmap/title.js';
import { checklistItem, missingTestFile, testsSummary, unchangedTest, type UnmatchedItemState } from '../report/wording.js';
import { gateResult, type Finding, type GateResult } from './types.js';

export { isTestFile } from '../testmap/mapping.js';

export interface TestsGateInput {
  readonly config: Config;
  readonly changedFiles: readonly { readonly path: string; readonly status: FileStatus }[];
  /** Whether a path exists in the content being judged (the index, or the commit in range mode). */
  readonly fileExists: (path: string) => boolean;
  /** The plan's test checklist; null when there is no plan (the plan gate reports that). */
  readonly checklist: readonly ChecklistItem[] | null;
  /** Titles from every test file in the content being judged. */
  readonly titles: readonly TestTitle[];
  readonly planPath: string | null;
  /** Added lines per changed file and what is known of the lcov report; absent when not configured. */
  readonly coverage?: { readonly input: CoverageInput; readonly changedLines: ReadonlyMap<string, readonly number[]> } | null;
}

interface SourceStatus {
  readonly path: string;
  readonly when: 'exists' | 'changed';
  /** Every test path the rule accepts, in order. */
  readonly expected: readonly string[];
  /** The expected paths that exist, and those of them this change touches. */
  readonly existing: readonly string[];
  readonly changed: readonly string[];
  readonly state: 'ok' | 'missing' | 'unchanged';
}

interface ItemStatus {
  readonly item: ChecklistItem;
  readonly id: string | null;
  readonly state: 'matched' | UnmatchedItemState;
  /** The running test that matches, or the skipped/todo one that would. */
  readonly test: TestTitle | null;
  readonly by: 'words' | 'id' | null;
}

export interface TestsAnalysis {
  readonly sources: readonly SourceStatus[];
  readonly checklist: readonly ItemStatus[] | null;
  readonly coverage: CoverageReport | null;
}

// A deleted file needs no test; a typechange (file ↔ symlink) changes no code to test.
const NEEDS_TEST: ReadonlySet<FileStatus> = new Set(['added', 'modified', 'renamed', 'copied']);

export function analyseTests(input: TestsGateInput): TestsAnalysis {
  const { config } = input;
  const evidence = `${config.evidence_dir.replace(/\/+$/, '')}/`;
  const touched = new Set(input.changedFiles.filter((f) => f.status !== 'deleted').map((f) => f.path));
  const sources: SourceStatus[] = [];
  for (const { path, status } of input.changedFiles) {
    if (!NEEDS_TEST.has(status) || path.startsWith(evidence) || isTestFile(path, config)) continue;
    const mapping = mapSource(path, config);
    if (!mapping) continue;
    const existing = mapping.expected.filter((p) => input.fileExists(p));
    const changed = existing.filter((p) => touched.has(p));
    const state = existing.length === 0 ? 'missing' : mapping.when === 'changed' && changed.length === 0 ? 'unchanged' : 'ok';
    sources.push({ path, when: mapping.when, expected: mapping.expected, existing, changed, state });
  }
  const checklist = input.checklist === null ? null : checklistStatus(input.checklist, input.titles, config.tests.waivers);
  const coverage = input.coverage
    ? evaluateCoverage(input.coverage.input, new Map([...input.coverage.changedLines].filter(([p]) => sources.some((s) => s.path === p))))
    : null;
  return { sources, checklist, coverage };
}

function checklistStatus(checklist: readonly ChecklistItem[], titles: readonly TestTitle[], waivers: 'allow' | 'forbid'): ItemStatus[] {
  const toMatch = checklist.filter((i) => i.state !== 'waived');
  const matches = new Map(matchChecklist(toMatch, titles).map((m) => [m.item, m]));
  return checklist.map((item): ItemStatus => {
    const id = itemId(item.text);
    if (item.state === 'waived') {
      const state = waivers === 'forbid' ? 'waiver_forbidden' : item.reason === null ? 'waiver_without_reason' : 'waived';
      return { item, id, state, test: null, by: null };
    }
    const m = matches.get(item);
    if (m?.test) return { item, id, state: 'matched', test: m.test, by: m.by };
    if (m?.skippedTest) return { item, id, state: m.skippedTest.todo ? 'todo' : 'skipped', test: m.skippedTest, by: m.by };
    return { item, id, state: 'missing', test: null, by: null };
  });
}

export function evaluateTests(input: TestsGateInput, analysis: TestsAnalysis = analyseTests(input)): GateResult {
  const findings: Finding[] = [];
  for (const s of analysis.sources) {
    if (s.state === 'missing') {
      findings.push(missingTestFile(s.path, s.expected));
    } else if (s.state === 'unchanged') {
      findings.push(unchangedTest(s.path, s.existing));
    }
  }
  const mapped = analysis.sources.filter((s) => s.state === 'ok').length;
  const total = analysis.sources.length;
  const list = analysis.checklist === null ? null : checklistFindings(analysis.checklist, input.planPath);
  if (list) findings.push(...list.findings);
  if (analysis.coverage) findings.push(...analysis.coverage.findings);
  return gateResult('tests', input.config.tests.required, testsSummary(mapped, total, list, analysis.coverage?.summary ?? null), findings);
}

function checklistFindings(items: readonly ItemStatus[], planPath: string | null): { needed: number; matched: number; waived: number; findings: Finding[] } {
  const findings: Finding[] = [];
  let needed = 0;
  let matched = 0;
  let waived = 0;
  for (const { item, state, test } of items) {
    const file = planPath ?? item.file;
    if (state === 'matched') {
      needed++;
      matched++;
      continue;
    }
    // A waiver is reported, not silent: it is a decision someone should see in review.
    if (state === 'waived') waived++;
    else if (state === 'skipped' || state === 'todo' || state === 'missing') needed++;
    findings.push(checklistItem(state, item, file, test));
  }
  return { needed, matched, waived, findings };
}
