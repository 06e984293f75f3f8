// The tests gate: every changed source file has the test file its rule asks for, and every item
// of the plan's test checklist has a test that runs (or is waived, with a reason, in the plan).
import type { Config } from '../config/schema.js';
import type { FileStatus } from '../diff/model.js';
import type { ChecklistItem } from '../plan/parse.js';
import { isTestFile, mapTestPaths } from '../tests/mapping.js';
import { matchChecklist } from '../tests/match.js';
import type { TestTitle } from '../tests/titles.js';
import { gateResult, type Finding, type GateResult } from './types.js';

export { isTestFile } from '../tests/mapping.js';

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
}

// A deleted file needs no test; a typechange (file ↔ symlink) changes no code to test.
const NEEDS_TEST: ReadonlySet<FileStatus> = new Set(['added', 'modified', 'renamed', 'copied']);

export function evaluateTests(input: TestsGateInput): GateResult {
  const { config } = input;
  const findings: Finding[] = [];
  const sources = sourceFindings(input);
  findings.push(...sources.findings);

  const parts = [
    sources.total === sources.ok ? `${sources.total} source file${sources.total === 1 ? '' : 's'} mapped` : `${sources.ok}/${sources.total} source files mapped`,
  ];
  if (input.checklist === null) {
    parts.push('no plan checklist');
  } else {
    const list = checklistFindings(input.checklist, input.titles, input.planPath);
    findings.push(...list.findings);
    parts.push(`${list.matched}/${list.needed} checklist items matched`);
    if (list.waived > 0) parts.push(`${list.waived} waived`);
  }
  return gateResult('tests', config.tests.required, parts.join(', '), findings);
}

function sourceFindings(input: TestsGateInput): { total: number; ok: number; findings: Finding[] } {
  const { config } = input;
  const evidence = `${config.evidence_dir.replace(/\/+$/, '')}/`;
  const findings: Finding[] = [];
  let total = 0;
  for (const { path, status } of input.changedFiles) {
    if (!NEEDS_TEST.has(status) || path.startsWith(evidence) || isTestFile(path, config)) continue;
    // The first rule that applies decides, so a specific rule can precede a general one.
    let expected: string[] | null = null;
    for (const rule of config.tests.rules) {
      expected = mapTestPaths(path, rule);
      if (expected) break;
    }
    if (!expected) continue;
    total++;
    if (expected.some((p) => input.fileExists(p))) continue;
    findings.push({
      code: 'tests.missing_file',
      severity: 'error',
      message: `no test file for ${path}: expected ${expected.join(' or ')}`,
      file: path,
      fix: `add ${expected[0]}`,
    });
  }
  return { total, ok: total - findings.length, findings };
}

function checklistFindings(
  checklist: readonly ChecklistItem[],
  titles: readonly TestTitle[],
  planPath: string | null,
): { needed: number; matched: number; waived: number; findings: Finding[] } {
  const findings: Finding[] = [];
  let waived = 0;
  const toMatch: ChecklistItem[] = [];
  for (const item of checklist) {
    const file = planPath ?? item.file;
    if (item.state !== 'waived') {
      toMatch.push(item);
    } else if (item.reason !== null) {
      // Reported, not silent: a waiver is a decision someone should see in review.
      waived++;
      findings.push({ code: 'tests.waived', severity: 'warning', message: `checklist item "${item.text}" waived: ${item.reason}`, file, line: item.line });
    } else {
      findings.push({
        code: 'tests.waiver_without_reason',
        severity: 'error',
        message: `checklist item "${item.text}" is waived without a reason`,
        file,
        line: item.line,
        fix: `give the reason at ${file}:${item.line}: \`- [~] ${item.text} — <reason>\``,
      });
    }
  }
  let matched = 0;
  for (const { item, test, skippedTest } of matchChecklist(toMatch, titles)) {
    const file = planPath ?? item.file;
    const waive = `waive it in ${file} with \`- [~] ${item.text} — <reason>\``;
    if (test) {
      matched++;
    } else if (skippedTest) {
      findings.push({
        code: 'tests.checklist_skipped',
        severity: 'error',
        message: `only a skipped test matches checklist item "${item.text}" (${skippedTest.file}:${skippedTest.line})`,
        file,
        line: item.line,
        fix: `un-skip the test at ${skippedTest.file}:${skippedTest.line} or ${waive}`,
      });
    } else {
      findings.push({
        code: 'tests.checklist_missing',
        severity: 'error',
        message: `no test matches checklist item "${item.text}"`,
        file,
        line: item.line,
        fix: `write a test titled "${item.text}" or ${waive}`,
      });
    }
  }
  return { needed: toMatch.length, matched, waived, findings };
}
