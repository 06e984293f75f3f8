// `reviewgate tests`: what the tests gate requires for the staged change, and what it found —
// each changed source file with its mapped test (or the paths expected), each checklist item with
// the test that matches it (or why none does), and the coverage of the changed lines.
// `--format json` prints one object whose field names are stable (documented in the README).
import { resolve } from 'node:path';
import { collectChange } from '../change/change.js';
import { checklistPlan, planCoverage } from '../change/plan-cover.js';
import { testsGateInput } from '../change/tests.js';
import { loadRules } from '../change/rules.js';
import { GateFailure, UserError } from '../errors.js';
import { analyseTests, evaluateTests, type TestsAnalysis } from '../gates/tests.js';
import type { Finding, GateResult } from '../gates/types.js';
import { openRepo } from '../git/repo.js';
import type { Style } from '../report/style.js';
import { styleFor } from './output.js';
import { visible as v } from '../report/visible.js';

export interface TestsFlags {
  format: 'text' | 'json';
  /** Ask the AI advisor whether the matched tests really check the checklist items. */
  audit?: boolean;
  dryRun?: boolean;
  countTokens?: boolean;
  config?: string;
}

export async function testsCommand(flags: TestsFlags): Promise<void> {
  if (flags.audit && flags.format === 'json') throw new UserError('--audit prints text; it cannot be combined with --format json', 'reviewgate tests --audit');
  const cwd = process.cwd();
  const repo = await openRepo(cwd);
  const { config } = await loadRules(repo, { kind: 'staged' }, flags.config ? resolve(cwd, flags.config) : undefined);
  const change = await collectChange(repo, config, { kind: 'staged' });
  const plan = checklistPlan(await planCoverage(repo, config, change));
  const input = await testsGateInput(config, change, plan, repo.cacheDir, { root: repo.root });
  const analysis = analyseTests(input);
  const result = evaluateTests(input, analysis);
  const target = { kind: 'staged' as const, base: change.base, head: null };
  if (flags.format === 'json') process.stdout.write(`${JSON.stringify(toJson(result, analysis, target, plan?.path ?? null), null, 2)}\n`);
  else process.stdout.write(renderTests(result, analysis, plan?.path ?? null, await styleFor(process.stdout)));
  if (flags.countTokens && !flags.dryRun) throw new UserError('--count-tokens goes with --dry-run', 'reviewgate tests --audit --dry-run --count-tokens');
  if (flags.dryRun && !flags.audit) throw new UserError('--dry-run goes with --audit', 'reviewgate tests --audit --dry-run');
  if (flags.audit) await (await import('./tests-audit.js')).auditTests(repo, config, change, analysis, await styleFor(process.stdout), flags.dryRun === true, flags.countTokens === true);
  if (!result.ok && result.required) throw new GateFailure();
}

export function toJson(result: GateResult, a: TestsAnalysis, target: { kind: 'staged'; base: string | null; head: null }, plan: string | null) {
  return {
    ok: result.ok,
    required: result.required,
    summary: result.summary,
    target,
    plan,
    sources: a.sources.map((s) => ({ path: s.path, state: s.state, when: s.when, expected: s.expected, existing: s.existing, changed: s.changed })),
    checklist:
      a.checklist?.map((c) => ({
        text: c.item.text,
        file: c.item.file,
        line: c.item.line,
        mark: c.item.state,
        id: c.id,
        state: c.state,
        reason: c.item.reason,
        matchedBy: c.by,
        test: c.test ? { file: c.test.file, line: c.test.line, title: c.test.title, skipped: c.test.skipped, todo: c.test.todo === true } : null,
      })) ?? null,
    coverage: a.coverage
      ? { lcov: a.coverage.lcov, min: a.coverage.min, state: a.coverage.state, summary: a.coverage.summary, files: a.coverage.files }
      : null,
    findings: result.findings,
  };
}

export function renderTests(result: GateResult, a: TestsAnalysis, plan: string | null, s: Style): string {
  const ok = s.green('✓');
  const bad = s.red('✗');
  const out: string[] = [];
  out.push(`${s.bold('tests')} ${result.ok ? s.green('ok') : result.required ? s.red('failed') : s.yellow('failed (not required)')}: ${v(result.summary)}`, '');
  out.push(s.bold('Changed source files'));
  if (a.sources.length === 0) out.push(s.dim('  none that a rule maps to a test'));
  for (const src of a.sources) {
    if (src.state === 'ok') out.push(`  ${ok} ${v(src.path)} → ${v((src.when === 'changed' ? src.changed : src.existing).join(', '))}`);
    else if (src.state === 'missing') out.push(`  ${bad} ${v(src.path)}: no test file; expected ${v(src.expected.join(' or '))}`);
    else out.push(`  ${bad} ${v(src.path)}: ${v(src.existing.join(', '))} did not change (when: changed)`);
  }
  out.push('', s.bold(`Checklist${plan ? ` (${v(plan)})` : ''}`));
  if (a.checklist === null) out.push(s.dim('  no plan: nothing to match'));
  else if (a.checklist.length === 0) out.push(s.dim('  the plan has no test checklist items'));
  for (const c of a.checklist ?? []) {
    const where = c.test ? `${v(c.test.file)}:${c.test.line} ${s.cyan(v(c.test.title))}` : '';
    const by = c.by === 'id' ? s.dim(` (by id #${c.id})`) : '';
    switch (c.state) {
      case 'matched': out.push(`  ${ok} ${v(c.item.text)} → ${where}${by}`); break;
      case 'skipped':
      case 'todo': out.push(`  ${bad} ${v(c.item.text)}: only a ${c.state} test matches, ${where}${by}`); break;
      case 'missing': out.push(`  ${bad} ${v(c.item.text)}: no test title contains these words in order${c.id ? ` or the id #${c.id}` : ''}`); break;
      case 'waived': out.push(`  ${s.yellow('~')} ${v(c.item.text)}: waived — ${v(c.item.reason ?? '')}`); break;
      case 'waiver_forbidden': out.push(`  ${bad} ${v(c.item.text)}: waived, but tests.waivers is forbid`); break;
      case 'waiver_without_reason': out.push(`  ${bad} ${v(c.item.text)}: waived without a reason`); break;
    }
  }
  if (a.coverage) {
    out.push('', s.bold(`Coverage of changed lines (${v(a.coverage.lcov)}, min ${a.coverage.min}%)`));
    if (a.coverage.state !== 'ok' || a.coverage.files.length === 0) out.push(`  ${a.coverage.findings.length > 0 ? bad : ok} ${v(a.coverage.findings[0]?.message ?? a.coverage.summary)}`);
    for (const f of a.coverage.files) {
      const low = f.state !== 'measured' || (f.percent !== null && f.percent < a.coverage.min);
      const what = f.state === 'not-in-report' ? 'not in the report' : f.state === 'ambiguous' ? 'matches several report files' : f.percent === null ? 'no executable changed lines' : `${f.percent}% of ${f.measured} changed lines`;
      out.push(`  ${low ? bad : ok} ${v(f.path)}: ${what}${f.uncovered && f.state === 'measured' ? `; uncovered ${f.uncovered}` : ''}`);
    }
  }
  const fixes = [...new Set(result.findings.filter((f: Finding) => f.severity === 'error' && f.fix).map((f) => f.fix as string))];
  if (fixes.length > 0) out.push('', s.bold('To fix'), ...fixes.map((f) => `  ${v(f)}`));
  return `${out.join('\n')}\n`;
}
