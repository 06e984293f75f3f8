// The finding codes are part of the JSON report: this pins the list, so adding, renaming or
// dropping one is a deliberate change here, not a side effect elsewhere.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINDING_CODES } from '../../src/gates/types.js';

const SRC = join(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts'))
    .map((d) => join(d.parentPath, d.name));
}

describe('finding codes', () => {
  it('are exactly the known list', () => {
    expect([...FINDING_CODES]).toEqual([
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
    ]);
  });

  it('are each named by the code that reports them (a listed code nothing reports is dead)', () => {
    const code = sourceFiles(SRC)
      .filter((f) => !f.endsWith(join('gates', 'types.ts')))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const unused = FINDING_CODES.filter((c) => !code.includes(`'${c}'`));
    expect(unused).toEqual([]);
  });

  it('are unique and read <gate>.<what>', () => {
    expect(new Set(FINDING_CODES).size).toBe(FINDING_CODES.length);
    for (const c of FINDING_CODES) expect(c).toMatch(/^(plan|review|run|tests|evidence)\.[a-z_]+$/);
  });
});
