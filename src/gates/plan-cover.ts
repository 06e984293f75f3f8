// The plan gate over a whole change: each plan judged on the part of the change it covers, and
// every part no plan covers named with why (see change/plan-cover.ts for which plan covers what).
import type { Config } from '../config/schema.js';
import type { PlanCoverage, Uncovered } from '../change/plan-cover.js';
import { evaluatePlan } from './plan.js';
import { gateResult, type Finding, type GateResult } from './types.js';

export interface PlanCoverageInput {
  readonly coverage: PlanCoverage;
  readonly config: Config;
  /** Range mode: the fix names the commit to amend or the branch to plan on. */
  readonly range: boolean;
  /** Where the plan of the staged change would be recorded. */
  readonly planPath: string;
}

const short = (id: string) => id.slice(0, 12);

function why(u: Uncovered): string {
  switch (u.reason) {
    case 'done':
      return `the plan in ${u.plan} is marked done, and a done plan covers no new work`;
    case 'default-branch':
      return `on ${u.branch ?? 'the default branch'} each change needs its own plan${u.plan ? ` (${u.plan} was recorded with an earlier change)` : ''}`;
    case 'none':
      return 'no plan was recorded with it or earlier on its branch';
  }
}

function uncoveredFindings(input: PlanCoverageInput): Finding[] {
  const { uncovered } = input.coverage;
  if (uncovered.length === 0) return [];
  if (!input.range) {
    const u = uncovered[0] as Uncovered;
    const continuing = u.reason === 'default-branch' && u.plan;
    return [{
      code: 'plan.missing',
      severity: 'error',
      message: `no plan covers this change: ${why(u)}`,
      file: input.planPath,
      fix: continuing ? 'reviewgate plan (answer c to continue the existing plan: it is staged with this change)' : 'reviewgate plan',
    }];
  }
  // One finding per reason, naming the commits (a long push lists the first ten).
  const byReason = new Map<string, Uncovered[]>();
  for (const u of uncovered) byReason.set(why(u), [...(byReason.get(why(u)) ?? []), u]);
  return [...byReason].map(([reason, list]) => {
    const ids = list.slice(0, 10).map((u) => short(u.commit ?? '')).join(', ') + (list.length > 10 ? ` and ${list.length - 10} more` : '');
    return {
      code: 'plan.missing',
      severity: 'error',
      message: `no plan covers ${list.length === 1 ? 'commit' : `${list.length} commits:`} ${ids}: ${reason}`,
      fix: 'record a plan with the change (reviewgate plan, then commit it with the code: git commit --amend, or git rebase -i to amend an earlier commit)',
    };
  });
}

export function evaluatePlanCoverage(input: PlanCoverageInput): GateResult {
  const { coverage, config } = input;
  const required = config.plan.required;
  const missing = uncoveredFindings(input);
  if (coverage.plans.length === 0) {
    return gateResult('plan', required, 'no plan', missing);
  }
  const results = coverage.plans.map((p) => {
    const result = evaluatePlan({
      plan: p.found.plan,
      planPath: p.found.path,
      config,
      changedLines: p.changedLines,
      changedFiles: p.changedPaths.length,
      changedPaths: p.changedPaths,
      recordedWith: p.recordedWith,
    });
    return { p, result };
  });
  const several = results.length > 1;
  const findings: Finding[] = [];
  for (const { p, result } of results) {
    const tag = several ? `[${p.found.path}] ` : '';
    findings.push(...result.findings.map((f) => ({ ...f, message: `${tag}${f.message}` })));
  }
  findings.push(...missing);
  const summary = several
    ? results.map(({ p, result }) => `${p.found.path} (${p.commits.length} commit${p.commits.length === 1 ? '' : 's'}): ${result.summary}`).join('; ')
    : (results[0] as (typeof results)[number]).result.summary;
  const uncoveredNote = coverage.uncovered.length > 0 ? `, ${coverage.uncovered.length === 1 && !input.range ? 'the change is' : `${coverage.uncovered.length} commit${coverage.uncovered.length === 1 ? '' : 's'}`} not covered` : '';
  return gateResult('plan', required, summary + uncoveredNote, findings);
}
