// The plan gate over a whole change: each plan judged on the part of the change it covers, and
// every part no plan covers named with why (see change/plan-cover.ts for which plan covers what).
import type { Config } from '../config/schema.js';
import type { PlanCoverage, Uncovered } from '../change/plan-cover.js';
import { evaluatePlan } from './plan.js';
import { NO_PLAN, ofPlan, planCoverageSummary, planNotCovering, planNotCoveringCommits, uncoveredReason } from '../report/wording.js';
import { gateResult, type Finding, type GateResult } from './types.js';

export interface PlanCoverageInput {
  readonly coverage: PlanCoverage;
  readonly config: Config;
  /** Range mode: the fix names the commit to amend or the branch to plan on. */
  readonly range: boolean;
  /** Where the plan of the staged change would be recorded. */
  readonly planPath: string;
}

function uncoveredFindings(input: PlanCoverageInput): Finding[] {
  const { uncovered } = input.coverage;
  if (uncovered.length === 0) return [];
  if (!input.range) {
    const u = uncovered[0] as Uncovered;
    return [planNotCovering(u, input.planPath, u.reason === 'default-branch' && Boolean(u.plan))];
  }
  // One finding per reason, naming the commits (a long push lists the first ten).
  const byReason = new Map<string, Uncovered[]>();
  for (const u of uncovered) byReason.set(uncoveredReason(u), [...(byReason.get(uncoveredReason(u)) ?? []), u]);
  return [...byReason].map(([reason, list]) => planNotCoveringCommits(reason, list.map((u) => u.commit ?? '')));
}

export function evaluatePlanCoverage(input: PlanCoverageInput): GateResult {
  const { coverage, config } = input;
  const required = config.plan.required;
  const missing = uncoveredFindings(input);
  if (coverage.plans.length === 0) {
    return gateResult('plan', required, NO_PLAN, missing);
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
    findings.push(...(several ? result.findings.map((f) => ofPlan(f, p.found.path)) : result.findings));
  }
  findings.push(...missing);
  const summary = planCoverageSummary(
    results.map(({ p, result }) => ({ path: p.found.path, commits: p.commits.length, summary: result.summary })),
    coverage.uncovered.length,
    input.range,
  );
  return gateResult('plan', required, summary, findings);
}
