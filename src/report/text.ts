// The text report: one block per gate, findings under it, and the next command to run.
import type { CheckReport } from '../change/evaluate.js';
import { describeRead, readSpeed as speed } from '../gates/reads.js';
import type { Finding, GateResult } from '../gates/types.js';
import type { Style } from './style.js';
import { visible } from './visible.js';

const MAX_FINDINGS_PER_GATE = 20;

function where(f: Finding): string {
  if (!f.file) return '';
  return visible(f.line !== undefined ? `${f.file}:${f.line}` : f.file);
}

function targetLine(report: CheckReport): string {
  const short = (id: string | null) => (id ? id.slice(0, 7) : '(none)');
  if (report.target.kind === 'staged') {
    return report.target.base ? `staged change (against ${short(report.target.base)})` : 'staged change (first commit)';
  }
  // Several ranges at once (a push of several refs) have no single base and head.
  if (!report.target.base && !report.target.head) return 'the commits being pushed';
  return `commits ${short(report.target.base)}..${short(report.target.head)}`;
}

function gateBlock(g: GateResult, s: Style): string[] {
  const mark = g.ok ? s.green('✓') : g.required ? s.red('✗') : s.yellow('!');
  const optional = g.required ? '' : s.dim(' (not required)');
  const lines = [`${mark} ${s.bold(g.id.padEnd(7))} ${visible(g.summary)}${optional}`];
  const shown = g.findings.slice(0, MAX_FINDINGS_PER_GATE);
  // When every error of the gate has the same fix, say it once under the gate.
  const fixes = new Set(g.findings.filter((f) => f.severity === 'error').map((f) => f.fix));
  const sharedFix = fixes.size === 1 ? [...fixes][0] : undefined;
  for (const f of shown) {
    const tag = f.severity === 'error' ? s.red('error') : s.yellow('warn ');
    const loc = where(f);
    lines.push(`    ${tag} ${loc ? `${s.cyan(loc)}  ` : ''}${visible(f.message)}`);
    if (f.fix && (f.severity === 'warning' || sharedFix === undefined)) lines.push(`          ${s.dim('fix:')} ${visible(f.fix)}`);
  }
  if (g.findings.length > shown.length) lines.push(s.dim(`    … and ${g.findings.length - shown.length} more (--format json lists all)`));
  if (sharedFix) lines.push(`    ${s.bold('fix:')} ${visible(sharedFix)}`);
  lines.push(...readLines(g, s));
  return lines;
}

const MAX_READS = 10;

/** The pace each reviewed item was read at, fastest first, so rubber stamps head the list. */
function readLines(g: GateResult, s: Style): string[] {
  const reads = [...(g.reads ?? [])].sort((a, b) => speed(b) - speed(a));
  if (reads.length === 0) return [];
  const out = [s.dim(`    read at (fastest first):`)];
  for (const r of reads.slice(0, MAX_READS)) {
    const loc = `${r.file}${r.line !== undefined ? `:${r.line}` : ''}${r.commit ? ` (commit ${r.commit.slice(0, 7)})` : ''}`;
    out.push(`      ${s.cyan(loc)}  ${describeRead(r)}`);
  }
  if (reads.length > MAX_READS) out.push(s.dim(`      … and ${reads.length - MAX_READS} more (--format json lists all)`));
  return out;
}

export function renderText(report: CheckReport, s: Style): string {
  const out: string[] = [];
  for (const note of report.notes) out.push(s.dim(`note: ${visible(note)}`));
  if (report.skipped) return `${out.join('\n')}\n`;
  out.push(`${s.bold('reviewgate check')} — ${targetLine(report)}`, '');
  for (const g of report.gates) out.push(...gateBlock(g, s));
  out.push('');
  const failed = report.gates.filter((g) => !g.ok && g.required);
  if (failed.length === 0) {
    const warned = report.gates.some((g) => g.findings.length > 0);
    out.push(s.green(`All ${report.gates.length === 4 ? 'four gates hold' : 'checked gates hold'}${warned ? ' (with warnings)' : ''}.`));
  } else {
    const next = failed[0]?.findings.find((f) => f.severity === 'error' && f.fix)?.fix;
    out.push(s.red(`${failed.length} of ${report.gates.length} gates failed: ${failed.map((g) => g.id).join(', ')}.`) + (next ? ` Next: ${s.bold(visible(next))}` : ''));
  }
  return `${out.join('\n')}\n`;
}
