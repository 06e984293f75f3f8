// `--format gitlab`: a GitLab Code Quality report (artifacts:reports:codequality), a JSON array of
// issues. GitLab matches issues between the base and head pipelines by `fingerprint`, so it is
// made from content (finding code, file, message, and which repeat of an identical finding it
// is), never from line numbers: a change that only shifts lines keeps every fingerprint.
import { createHash } from 'node:crypto';
import type { CheckReport } from '../change/evaluate.js';
import type { Severity } from '../gates/types.js';

export interface CodeQualityIssue {
  readonly description: string;
  readonly check_name: string;
  readonly fingerprint: string;
  readonly severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  readonly location: { readonly path: string; readonly lines: { readonly begin: number } };
}

const SEVERITY: Readonly<Record<Severity, CodeQualityIssue['severity']>> = { error: 'major', warning: 'minor' };

/** Findings without a file are placed on the configuration file (GitLab requires a path). */
const NO_FILE = '.reviewgate.yml';

export function codeQualityIssues(report: CheckReport): CodeQualityIssue[] {
  const seen = new Map<string, number>();
  const issues: CodeQualityIssue[] = [];
  for (const g of report.gates) {
    for (const f of g.findings) {
      const path = f.file ?? NO_FILE;
      const base = [f.code, path, f.message].join('\0');
      const repeat = seen.get(base) ?? 0;
      seen.set(base, repeat + 1);
      issues.push({
        description: f.fix ? `${f.message} (fix: ${f.fix})` : f.message,
        check_name: f.code,
        fingerprint: createHash('sha256').update(`${base}\0${repeat}`).digest('hex'),
        severity: SEVERITY[f.severity],
        location: { path, lines: { begin: f.line ?? 1 } },
      });
    }
  }
  return issues;
}

export function renderGitlab(report: CheckReport): string {
  return `${JSON.stringify(codeQualityIssues(report), null, 2)}\n`;
}
