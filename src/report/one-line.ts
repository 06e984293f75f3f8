// The pre-commit hook's one line for a passing check (the full report stays a `reviewgate check` away).
import type { CheckReport } from '../change/evaluate.js';

/** The one line a passing hook prints (the full report: reviewgate check, or --verbose). */
export function oneLine(report: CheckReport): string {
  if (report.skipped) return `reviewgate: ${report.notes[report.notes.length - 1] ?? 'nothing to check'}\n`;
  const warnings = report.gates.reduce((n, g) => n + g.findings.filter((f) => f.severity === 'warning').length, 0);
  const held = report.gates.filter((g) => g.ok).map((g) => g.id);
  const all = held.length === 4 ? 'All four gates hold' : `${held.join(', ')} hold`;
  return `reviewgate: ${all}${warnings > 0 ? ` (${warnings} warning${warnings === 1 ? '' : 's'}: reviewgate check shows them)` : ''}.\n`;
}
