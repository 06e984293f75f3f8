// `--format github`: GitHub Actions workflow commands (annotations on the pull request's files).
// Escaping follows the runner's own toolkit (actions/toolkit core/src/command.ts): in the message
// `%`, CR and LF are percent-encoded; in property values also `:` and `,`, which delimit them.
// GitHub shows at most 10 annotations of each severity per step, so the rest are counted in a
// final notice instead of being silently lost.
import type { CheckReport } from '../change/evaluate.js';
import type { Finding, GateResult } from '../gates/types.js';
import { visible } from './visible.js';

const ANNOTATIONS_PER_SEVERITY = 10;

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(kind: 'error' | 'warning' | 'notice', props: Readonly<Record<string, string | number | undefined>>, message: string): string {
  const list = Object.entries(props)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  return `::${kind}${list.length > 0 ? ` ${list.join(',')}` : ''}::${escapeData(message)}`;
}

function annotation(g: GateResult, f: Finding): string {
  const kind = f.severity === 'error' ? 'error' : 'warning';
  // Each part is made visible first (a newline in a path or a concern is written `^J`), then
  // escaped for the workflow command: neither can end the command or start another one.
  // A path holding a control character cannot be a property (the runner decodes only %, CR, LF,
  // `:` and `,`): it is named, made visible, in the message instead of annotating the file.
  const attach = f.file !== undefined && visible(f.file) === f.file;
  const at = f.file !== undefined && !attach ? `${visible(f.file)}${f.line !== undefined ? `:${f.line}` : ''}: ` : '';
  const message = `${at}${visible(f.message)}${f.fix ? `\nfix: ${visible(f.fix)}` : ''}`;
  return command(kind, { file: attach ? f.file : undefined, line: attach ? f.line : undefined, title: `reviewgate ${g.id} (${f.code})` }, message);
}

/** The workflow command lines, newline-terminated (empty when there is nothing to annotate). */
export function renderGithubAnnotations(report: CheckReport, perSeverity = ANNOTATIONS_PER_SEVERITY): string {
  const out: string[] = [];
  const left = { error: 0, warning: 0 };
  const shown = { error: 0, warning: 0 };
  for (const g of report.gates) {
    for (const f of g.findings) {
      if (shown[f.severity] < perSeverity) {
        out.push(annotation(g, f));
        shown[f.severity] += 1;
      } else left[f.severity] += 1;
    }
  }
  if (left.error + left.warning > 0) {
    const parts = [left.error > 0 ? `${left.error} more error${left.error === 1 ? '' : 's'}` : '', left.warning > 0 ? `${left.warning} more warning${left.warning === 1 ? '' : 's'}` : ''];
    out.push(command('notice', { title: 'reviewgate' }, `${parts.filter(Boolean).join(' and ')} not annotated: see the job summary or the log`));
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}
