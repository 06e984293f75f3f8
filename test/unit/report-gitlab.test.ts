import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/change/evaluate.js';
import type { Finding } from '../../src/gates/types.js';
import { codeQualityIssues } from '../../src/report/gitlab.js';

function report(findings: Finding[]): CheckReport {
  return { ok: false, target: { kind: 'range', base: 'a', head: 'b' }, gates: [{ id: 'review', ok: false, required: true, summary: '', findings }], notes: [], skipped: null };
}

const f = (line: number, over: Partial<Finding> = {}): Finding => ({
  code: 'review.unreviewed',
  severity: 'error',
  message: '2 of 3 changed lines not reviewed (commit abc1234)',
  file: 'src/a.ts',
  line,
  ...over,
});

describe('the GitLab code quality report', () => {
  it('keeps every fingerprint when the lines shift', () => {
    const before = codeQualityIssues(report([f(10), f(40, { file: 'src/b.ts' })]));
    const after = codeQualityIssues(report([f(25), f(90, { file: 'src/b.ts' })]));
    expect(after.map((i) => i.fingerprint)).toEqual(before.map((i) => i.fingerprint));
    expect(after.map((i) => i.location.lines.begin)).toEqual([25, 90]);
  });

  it('gives identical findings distinct fingerprints and different content different ones', () => {
    const issues = codeQualityIssues(report([f(1), f(9), f(1, { message: 'other' })]));
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(3);
  });

  it('maps severities and places file-less findings on the config file', () => {
    const [issue, warning] = codeQualityIssues(report([{ code: 'plan.missing', severity: 'error', message: 'no plan', fix: 'reviewgate plan' }, f(3, { severity: 'warning' })]));
    expect(issue).toEqual({
      description: 'no plan (fix: reviewgate plan)',
      check_name: 'plan.missing',
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      severity: 'major',
      location: { path: '.reviewgate.yml', lines: { begin: 1 } },
    });
    expect(warning?.severity).toBe('minor');
  });
});
