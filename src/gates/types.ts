// Findings and gate results are data; the reporters own how they read on screen.
import type { GateId } from '../config/schema.js';
import type { ItemRead } from './reads.js';

export type Severity = 'error' | 'warning';

/**
 * Every finding code reviewgate reports: `<gate>.<what>`, stable (the JSON report carries them).
 * test/unit/finding-codes.test.ts pins this list, so a new or renamed code is a deliberate change.
 */
export const FINDING_CODES = [
  'evidence.deleted',
  'evidence.unsigned',
  'plan.after_code',
  'plan.missing',
  'plan.open_question',
  'plan.scope',
  'plan.section_duplicate',
  'plan.section_empty',
  'plan.section_missing',
  'review.agent',
  'review.bidi',
  'review.concern',
  'review.config_changed',
  'review.flag',
  'review.ignored',
  'review.invisible',
  'review.lockfile_insecure',
  'review.lockfile_integrity',
  'review.lockfile_registry',
  'review.machine',
  'review.pace',
  'review.piped',
  'review.reviewers',
  'review.reviewers_unverified',
  'review.unreviewed',
  'run.failed',
  'run.manual_missing',
  'run.manual_waived',
  'run.manual_waiver_reason',
  'run.missing',
  'run.no_commands',
  'tests.checklist_missing',
  'tests.checklist_skipped',
  'tests.checklist_todo',
  'tests.coverage_ambiguous',
  'tests.coverage_low',
  'tests.coverage_missing',
  'tests.coverage_no_run',
  'tests.coverage_not_in_report',
  'tests.coverage_nothing_measured',
  'tests.coverage_staged_only',
  'tests.coverage_stale',
  'tests.coverage_unreadable',
  'tests.missing_file',
  'tests.unchanged_test',
  'tests.waived',
  'tests.waiver_forbidden',
  'tests.waiver_without_reason',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

export interface Finding {
  /** Stable identifier, e.g. 'review.unreviewed', 'run.missing'. */
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  /** The exact command (or edit) that satisfies the gate. */
  readonly fix?: string;
}

export interface GateResult {
  readonly id: GateId;
  readonly ok: boolean;
  readonly required: boolean;
  readonly summary: string;
  readonly findings: readonly Finding[];
  /** Review gate: the pace each reviewed item was read at (gates/reads.ts). */
  readonly reads?: readonly ItemRead[];
}

/** ok = no error finding. A gate that is not required still reports, but never fails the check. */
export function gateResult(id: GateId, required: boolean, summary: string, findings: readonly Finding[]): GateResult {
  return { id, ok: !findings.some((f) => f.severity === 'error'), required, summary, findings };
}
