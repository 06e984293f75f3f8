// The plan gate: a plan was recorded for this change, every configured section holds something,
// no open question is left unanswered, and the plan was not written after most of the code.
import type { Config } from '../config/schema.js';
import { globMatcher } from '../glob.js';
import { QUESTIONS_SECTION, sectionKey, type Plan, type PlanSection } from '../plan/parse.js';
import * as words from '../report/wording.js';
import { gateResult, type Finding, type GateResult } from './types.js';

export interface PlanGateInput {
  readonly plan: Plan | null;
  /** The plan's path relative to the repository root (where it is, or where it would be). */
  readonly planPath: string | null;
  readonly config: Config;
  /** The size of the change being judged, to compare with what existed when the plan was recorded. */
  readonly changedLines: number;
  readonly changedFiles: number;
  /** Paths changed outside the evidence folder (for the plan's `scope:`). */
  readonly changedPaths?: readonly string[];
  /** The command that records a plan for this target (default `reviewgate plan`). */
  readonly fix?: string;
  /**
   * The change the plan was recorded with, when it is the one judged: only then is "recorded after
   * the code" told. null: the plan came from an earlier change, so it came before this code.
   * Absent: the plan was recorded with this change (changedLines).
   */
  readonly recordedWith?: { readonly existed: number; readonly lines: number; readonly files: number } | null;
}

export function evaluatePlan(input: PlanGateInput): GateResult {
  const { plan, config } = input;
  const required = config.plan.required;
  if (plan === null) {
    return gateResult('plan', required, words.NO_PLAN, [words.planMissing(input.planPath, input.fix)]);
  }
  const file = input.planPath ?? plan.file;
  const findings: Finding[] = [];
  const byKey = new Map<string, PlanSection[]>();
  for (const s of plan.sections) byKey.set(s.key, [...(byKey.get(s.key) ?? []), s]);

  let complete = 0;
  for (const name of config.plan.sections) {
    const found = byKey.get(sectionKey(name)) ?? [];
    const first = found[0];
    if (!first) {
      findings.push(words.planSectionMissing(name, file));
    } else if (!found.some((s) => s.hasContent)) {
      findings.push(words.planSectionEmpty(name, file, first.line));
    } else {
      complete++;
    }
  }

  // Duplicates are merged (content and items from both count), so they are untidy, not unsafe.
  const watched = new Set([...config.plan.sections, QUESTIONS_SECTION].map(sectionKey));
  for (const [key, found] of byKey) {
    const [first, ...rest] = found;
    if (!first || rest.length === 0 || !watched.has(key)) continue;
    for (const dup of rest) {
      findings.push(words.planSectionDuplicate(dup.name, file, dup.line, first.line));
    }
  }

  const open = plan.openQuestions.filter((q) => !q.answered);
  for (const q of open) {
    findings.push(words.planOpenQuestion(q.text, file, q.line));
  }

  const late = lateFinding(input, plan, file);
  if (late) findings.push(late);
  findings.push(...scopeFindings(input, plan, file));

  return gateResult('plan', required, words.planSummary(complete, config.plan.sections.length, open.length, plan.frontMatter.status === 'done'), findings);
}

/**
 * A plan recorded when more than half of today's changed lines already existed was written
 * after the code. It is still a plan, so how hard this counts is the team's choice.
 */
function lateFinding(input: PlanGateInput, plan: Plan, file: string): Finding | null {
  const mode = input.config.plan.before_code;
  if (input.recordedWith === null) return null;
  // Counts never exceed the change: what existed then is at most what is judged now.
  const lines = input.recordedWith?.lines ?? input.changedLines;
  const files = input.recordedWith?.files ?? input.changedFiles;
  const existed = Math.min(input.recordedWith?.existed ?? plan.frontMatter.change_at_record.lines, lines);
  if (mode === 'off' || lines <= 0 || existed * 2 <= lines) return null;
  return words.planAfterCode(mode === 'fail' ? 'error' : 'warning', existed, lines, files, file);
}

/** Files changed outside the plan's `scope:` globs: the change grew beyond what was planned. */
export function outOfScope(plan: Plan, changedPaths: readonly string[]): string[] {
  const scope = plan.frontMatter.scope;
  if (!scope || scope.length === 0) return [];
  const inside = globMatcher(scope);
  return changedPaths.filter((p) => !inside(p));
}

function scopeFindings(input: PlanGateInput, plan: Plan, file: string): Finding[] {
  const mode = input.config.plan.scope;
  if (mode === 'off' || !input.changedPaths) return [];
  const outside = outOfScope(plan, input.changedPaths);
  if (outside.length === 0) return [];
  return [words.planScope(mode === 'fail' ? 'error' : 'warning', outside, plan.frontMatter.scope ?? [], file)];
}
