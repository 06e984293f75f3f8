// The Markdown summary: a table of the gates, then the findings with where and how to fix them.
// `--format markdown` prints it; `--format github` appends it to $GITHUB_STEP_SUMMARY, whose
// limit is 1 MiB per step (larger summaries are rejected, not cut), so it is kept below that.
import type { CheckReport } from '../change/evaluate.js';
import { describeRead, readSpeed as speed } from '../gates/reads.js';
import type { Finding } from '../gates/types.js';
import { visible } from './visible.js';

/** Bytes the summary may take: 1 MiB less room for the truncation note. */
export const SUMMARY_LIMIT = 1024 * 1024 - 1024;

/**
 * A table cell: pipes escaped, line breaks and other control characters written out (a newline
 * would end the row), and `<`, `&` escaped so a path or a concern cannot inject HTML.
 */
export function cell(text: string): string {
  return visible(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

const code = (text: string) => `\`${visible(text).replace(/`/g, "'")}\``;

function where(f: Finding): string {
  if (!f.file) return '';
  return code(f.line !== undefined ? `${f.file}:${f.line}` : f.file);
}

function headline(report: CheckReport): string {
  if (report.skipped) return '## reviewgate: nothing to check';
  const failed = report.gates.filter((g) => !g.ok && g.required);
  return failed.length === 0
    ? '## reviewgate: ✅ every gate holds'
    : `## reviewgate: ❌ ${failed.length} of ${report.gates.length} gates failed (${failed.map((g) => g.id).join(', ')})`;
}

export function renderMarkdown(report: CheckReport, limit = SUMMARY_LIMIT): string {
  const lines: string[] = [headline(report), ''];
  for (const note of report.notes) lines.push(`> ${cell(note)}`, '');
  if (!report.skipped) {
    lines.push('| gate | status | summary |', '|---|---|---|');
    for (const g of report.gates) {
      const status = g.ok ? '✅ holds' : g.required ? '❌ failed' : '⚠️ failed (not required)';
      lines.push(`| ${g.id} | ${status} | ${cell(g.summary)} |`);
    }
    const withFindings = report.gates.filter((g) => g.findings.length > 0);
    if (withFindings.length > 0) lines.push('', '### Findings');
    for (const g of withFindings) {
      lines.push('', `#### ${g.id}`, '');
      for (const f of g.findings) {
        const mark = f.severity === 'error' ? '❌' : '⚠️';
        const loc = where(f);
        lines.push(`- ${mark} ${loc ? `${loc} ` : ''}${cell(f.message)}${f.fix ? ` — fix: ${code(f.fix)}` : ''}`);
      }
    }
    lines.push(...readTable(report));
  }
  return fit(lines, limit);
}

/** Joins lines, dropping the tail (with a note saying how much) when it would pass `limit` bytes. */
function fit(lines: readonly string[], limit: number): string {
  let size = 0;
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as string;
    const bytes = Buffer.byteLength(line, 'utf8') + 1;
    if (size + bytes > limit) {
      out.push('', `_… summary truncated: ${lines.length - i} more lines (run \`reviewgate check --format json\` for everything)._`);
      break;
    }
    out.push(line);
    size += bytes;
  }
  return `${out.join('\n')}\n`;
}

const MAX_READ_ROWS = 20;

/** The pace each reviewed item was read at, fastest first: rubber stamps at the top. */
function readTable(report: CheckReport): string[] {
  const reads = [...(report.gates.find((g) => g.id === 'review')?.reads ?? [])].sort((a, b) => speed(b) - speed(a));
  if (reads.length === 0) return [];
  const out = ['', '### Read at (fastest first)', '', '| item | read |', '|---|---|'];
  for (const r of reads.slice(0, MAX_READ_ROWS)) out.push(`| ${cell(`${r.file}${r.line !== undefined ? `:${r.line}` : ''}`)} | ${cell(describeRead(r))} |`);
  if (reads.length > MAX_READ_ROWS) out.push('', `_… and ${reads.length - MAX_READ_ROWS} more (\`reviewgate check --format json\` lists all)._`);
  return out;
}
