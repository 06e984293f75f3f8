// `check --format json`: the stable contract of DESIGN.md. Fields may be added, never removed.
import type { CheckReport } from '../change/evaluate.js';
import { GATE_IDS } from '../gates/ids.js';

export function renderJson(report: CheckReport): string {
  // All four gates are always listed, in order; a gate left out by --gate or by a skipped check
  // is reported as not evaluated (ok, not required) so consumers can index by position.
  const gates = GATE_IDS.map((id) => {
    const g = report.gates.find((x) => x.id === id);
    if (g) {
      return {
        id,
        ok: g.ok,
        required: g.required,
        summary: g.summary,
        findings: g.findings.map((f) => ({
          message: f.message,
          severity: f.severity,
          code: f.code,
          ...(f.file !== undefined ? { file: f.file } : {}),
          ...(f.line !== undefined ? { line: f.line } : {}),
          ...(f.fix !== undefined ? { fix: f.fix } : {}),
        })),
        ...(g.reads ? { reads: g.reads } : {}),
      };
    }
    return { id, ok: true, required: false, summary: report.skipped ? 'not evaluated: nothing to check' : 'not evaluated (--gate)', findings: [], evaluated: false };
  });
  return `${JSON.stringify({ ok: report.ok, target: report.target, gates, notes: report.notes, skipped: report.skipped })}\n`;
}
