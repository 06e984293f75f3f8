// Findings and gate results are data; the reporters own how they read on screen.
import type { GateId } from '../config/schema.js';
import type { ItemRead } from './reads.js';

export type Severity = 'error' | 'warning';

export interface Finding {
  /** Stable identifier, e.g. 'review.unreviewed', 'run.missing'. */
  readonly code: string;
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
