import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommentRecord, FlagRecord, ReviewRecord, RunRecord } from '../../src/evidence/types.js';
import { FINDING_CODES, type Finding } from '../../src/gates/types.js';
import type { ChecklistItem } from '../../src/plan/parse.js';
import * as words from '../../src/report/wording.js';

const by = { name: 'Ada', email: 'ada@example.com' };
const base = { v: 1 as const, id: 'r1', at: '2026-01-02T03:04:05.000Z', by, tool: 'reviewgate test' };
const review: ReviewRecord = { ...base, type: 'review', mode: 'terminal', keys: ['k'], durationMs: 6_000, lines: 40 };
const concern: CommentRecord = { ...base, id: 'c1', type: 'concern', keys: ['k'], path: 'src/a.ts', line: 3, text: 'races on retry' };
const flag: FlagRecord = { ...base, id: 'f1', type: 'flag', keys: ['k'], path: 'src/a.ts', line: 2, endLine: 5, category: 'edge-case', text: 'empty list', model: 'm' };
const run = (over: Partial<RunRecord>): RunRecord => ({ ...base, type: 'run', tree: 't', command: 'npm test', exitCode: 1, signal: null, durationMs: 1000, void: false, changed: [], node: 'v20', platform: 'linux', ...over });
const item = (over: Partial<ChecklistItem> = {}): ChecklistItem => ({ file: 'plan.md', line: 9, text: 'rejects an empty cart', state: 'open', reason: null, ...over });

/** One call of every wording function, so each code's words are exercised here. */
function everyFinding(): Finding[] {
  return [
    words.planMissing('.reviewgate/plans/main.md'),
    words.planSectionMissing('Risks', 'plan.md'),
    words.planSectionEmpty('Risks', 'plan.md', 4),
    words.planSectionDuplicate('Risks', 'plan.md', 12, 4),
    words.planOpenQuestion('which timeout?', 'plan.md', 7),
    words.planAfterCode('warning', 30, 40, 1, 'plan.md'),
    words.planScope('error', ['lib/x.ts'], ['src/**'], 'plan.md'),
    words.planNotCovering({ commit: null, reason: 'none', plan: null, branch: null }, 'plan.md', false),
    words.planNotCoveringCommits('no plan was recorded with it or earlier on its branch', ['a'.repeat(40)]),
    words.unreviewedLines('src/a.ts', 2, 5, 3, undefined, 'reviewgate review'),
    words.unreviewedItem('bin/run', 'mode change 100644 → 100755', 'b'.repeat(40), 'reviewgate review'),
    words.openConcern(concern),
    words.ignoredPaths(['dist/a.js']),
    words.hiddenCharacter('bidi', ['U+202E'], 'src/a.ts', 1, undefined),
    words.hiddenCharacter('invisible', ['U+200B'], 'src/a.ts', 1, undefined),
    words.notTypedByPerson(review, 'keys arrived 1 ms apart', 'reviewgate review'),
    words.beyondReading(review, 6000, 'reviewgate review'),
    words.tooFast(review, 1000, false, 'reviewgate review'),
    words.pipedRefused(1, 'review.piped: refuse', 'reviewgate review'),
    words.fromAgent(2, ['claude'], true, 'reviewgate review'),
    words.unansweredFlag(flag, 'error'),
    words.tooFewReviewers({ path: 'src/a.ts', line: 3, keys: 4, lines: true, commit: undefined, needed: 2, globs: ['src/**'], people: ['ada@example.com'], author: null }, 'reviewgate review'),
    words.reviewersUnverified(),
    words.configChanged({ path: '.reviewgate.yml', deleted: false, loosened: [], rulesFrom: 'HEAD', staged: true, spec: undefined }),
    words.lockfileProblem({ code: 'review.lockfile_insecure', label: 'package-lock.json: a 1.0.0', resolved: 'http://r/a.tgz' }, 'package-lock.json'),
    words.lockfileProblem({ code: 'review.lockfile_registry', label: 'package-lock.json: a 1.0.0', host: 'evil.example', registries: ['registry.npmjs.org'] }, 'package-lock.json'),
    words.lockfileProblem({ code: 'review.lockfile_integrity', label: 'package-lock.json: a 1.0.0' }, 'package-lock.json'),
    words.evidenceDeleted({ type: 'concern', id: 'c1', base: 'c'.repeat(40), file: '.reviewgate/evidence/main.jsonl', line: 2, staged: true, head: undefined }),
    words.recordUnsigned(review, null, undefined, '.reviewgate/allowed_signers', 'reviewgate review'),
    words.noCommands(),
    words.notPassed('npm test', undefined, 'reviewgate run'),
    words.notPassed('npm test', run({}), 'reviewgate run'),
    words.manualWaived(item({ state: 'waived', reason: 'no device' })),
    words.manualWaived(item({ state: 'waived' })),
    words.manualNotDone(item(), undefined, 'reviewgate run --manual'),
    words.missingTestFile('src/a.ts', ['test/a.test.ts']),
    words.unchangedTest('src/a.ts', ['test/a.test.ts']),
    ...(['waived', 'waiver_without_reason', 'waiver_forbidden', 'skipped', 'todo', 'missing'] as const).map((s) =>
      words.checklistItem(s, item({ reason: 'r' }), 'plan.md', { file: 'test/a.test.ts', line: 4, title: 'rejects an empty cart' }),
    ),
    words.coverageStagedOnly(),
    ...([{ state: 'missing' }, { state: 'unreadable', error: 'EACCES' }, { state: 'no-run' }, { state: 'stale', written: 0, runStart: 1000 }] as const).map((u) => words.coverageUnusable(u, 'coverage/lcov.info')),
    words.coverageNotFound('src/a.ts', 'coverage/lcov.info', false),
    words.coverageNotFound('src/a.ts', 'coverage/lcov.info', true),
    words.coverageLow('src/a.ts', 50, 2, 80, '4', 4),
    words.coverageNothingMeasured('coverage/lcov.info', 3),
  ];
}

describe('finding wording', () => {
  it('has words for every finding code, and a fix for every error', () => {
    const findings = everyFinding();
    expect(new Set(findings.map((f) => f.code))).toEqual(new Set(FINDING_CODES));
    for (const f of findings) {
      expect(f.message, f.code).not.toBe('');
      if (f.severity === 'error') expect(f.fix, f.code).toMatch(/\S/);
    }
  });

  it('counts in words: one and many', () => {
    expect(words.planScope('warning', ['a'], ['src/**'], 'p.md').message).toBe("1 changed file is outside the plan's scope (src/**): a");
    const many = Array.from({ length: 12 }, (_, i) => `f${i}`);
    expect(words.planScope('warning', many, ['src/**'], 'p.md').message).toBe(
      "12 changed files are outside the plan's scope (src/**): f0, f1, f2, f3, f4, f5, f6, f7, f8, f9 and 2 more",
    );
    expect(words.pipedRefused(1, 'r', 'fix').message).toMatch(/^1 changed line key was answered/);
    expect(words.pipedRefused(3, 'r', 'fix').message).toMatch(/^3 changed line keys were answered/);
    expect(words.pipedWarned(1, 'fix').message).toMatch(/^1 review was answered/);
    expect(words.fromAgent(1, ['claude'], false, 'fix').message).toBe("1 record was made from an AI coding agent's shell (claude) (review.agent: warn)");
    expect(words.planAfterCode('error', 3, 4, 2, 'p.md').message).toBe('the plan was recorded after the code: 3 of the 4 changed lines (in 2 files) already existed');
    expect(words.coverageLow('a.ts', 0, 1, 80, '3', 3).message).toBe('a.ts: 0% of 1 changed executable line covered (min 80%); uncovered: 3');
  });

  it('names the commit in range mode and a long push by its first ten commits', () => {
    expect(words.unreviewedLines('a.ts', 1, 2, 5, 'abcdef1234567', 'fix').message).toBe('1 of 2 changed lines not reviewed (commit abcdef1)');
    expect(words.unreviewedLines('a.ts', 1, 2, 5, undefined, 'fix').message).toBe('1 of 2 changed lines not reviewed');
    const commits = Array.from({ length: 11 }, (_, i) => `${i}`.padStart(40, '0'));
    expect(words.planNotCoveringCommits('why', commits).message).toBe(`no plan covers 11 commits: ${commits.slice(0, 10).map((c) => c.slice(0, 12)).join(', ')} and 1 more: why`);
    expect(words.planNotCoveringCommits('why', commits.slice(0, 1)).message).toBe(`no plan covers commit ${commits[0]?.slice(0, 12)}: why`);
  });

  it('says why a run does not count, and points the fix at the failure', () => {
    expect(words.notPassed('npm test', undefined, 'reviewgate run')).toEqual({ code: 'run.missing', severity: 'error', message: '`npm test` has not run on this content', fix: 'reviewgate run' });
    expect(words.notPassed('npm test', run({ timedOut: true, exitCode: null, durationMs: 90_000 }), 'reviewgate run').message).toMatch(/^`npm test` timed out after /);
    expect(words.notPassed('npm test', run({ void: true, exitCode: 0, changed: ['a.ts'] }), 'x').message).toBe('`npm test` changed tracked files when it ran (a.ts); the run does not count');
    expect(words.notPassed('npm test', run({ signal: 'SIGKILL', exitCode: null }), 'x').message).toBe('`npm test` was killed by SIGKILL on this content');
    expect(words.notPassed('nmp test', run({ command: 'nmp test', exitCode: 127 }), 'reviewgate run').fix).toBe('install the command, or correct it in run.commands of .reviewgate.yml, then reviewgate run');
    const failed = words.notPassed('npm test', run({ output: ['', 'FAIL a.test.ts', ' 1 failed '] }), 'reviewgate run');
    expect(failed.message).toBe('`npm test` failed (exit 1) on this content');
    expect(failed.fix).toBe('fix what made it fail (it ended with: FAIL a.test.ts | 1 failed), then stage the fix and reviewgate run (reviewgate run --list shows its last lines)');
  });

  it('tells a stale coverage report by both times', () => {
    const f = words.coverageUnusable({ state: 'stale', written: Date.UTC(2026, 0, 1), runStart: Date.UTC(2026, 0, 2) }, 'lcov.info');
    expect(f).toMatchObject({ code: 'tests.coverage_stale', file: 'lcov.info' });
    expect(f.message).toBe('coverage report lcov.info (written 2026-01-01T00:00:00.000Z) is older than the last passing run of this content (2026-01-02T00:00:00.000Z)');
    expect(words.coverageUnusable({ state: 'stale', written: null, runStart: 0 }, 'lcov.info').message).toContain('(written unknown)');
  });

  it('tags a finding with its plan when several plans judge one change', () => {
    const f = words.planOpenQuestion('which timeout?', 'a.md', 3);
    expect(words.ofPlan(f, 'a.md')).toEqual({ ...f, message: '[a.md] open question: which timeout?' });
  });
});

describe('gate summaries', () => {
  it('says each gate in one line, one and many', () => {
    expect(words.planSummary(3, 4, 1, false)).toBe('plan recorded: 3/4 sections, 1 open question');
    expect(words.planSummary(4, 4, 2, true)).toBe('plan recorded: 4/4 sections, 2 open questions, marked done');
    expect(words.planCoverageSummary([{ path: 'a.md', commits: 1, summary: 's' }], 1, false)).toBe('s, the change is not covered');
    expect(words.planCoverageSummary([{ path: 'a.md', commits: 1, summary: 's' }, { path: 'b.md', commits: 2, summary: 't' }], 3, true)).toBe('a.md (1 commit): s; b.md (2 commits): t, 3 commits not covered');
    expect(words.reviewSummary(3, 4, 0, 0)).toBe('3/4 changed lines reviewed');
    expect(words.reviewSummary(4, 4, 1, 2)).toBe('4/4 changed lines reviewed, 1/2 other changes acknowledged');
    expect(words.runSummary(0, 0)).toBe('no commands configured');
    expect(words.manualSummary(words.runSummary(1, 2), 0, 1)).toBe('1/2 commands passed on this content; 0/1 manual check done');
    expect(words.testsSummary(1, 1, null, null)).toBe('1 source file mapped, no plan checklist');
    expect(words.testsSummary(1, 3, { matched: 2, needed: 3, waived: 1 }, words.coverageSummary('ok', 3, 2))).toBe('1/3 source files mapped, 2/3 checklist items matched, 1 waived, coverage: 66.6% of 3 changed lines covered');
    expect(words.coverageSummary('stale', null, 0)).toBe('coverage report stale');
    expect(words.coverageSummary('ok', 0, 0)).toBe('coverage: nothing measured');
    expect(words.evidenceOnlySummary(1)).toBe('1 evidence record deleted');
  });
});

describe('where findings are worded', () => {
  // DESIGN: findings are data; wording lives with the reporters. A finding literal with its own
  // message anywhere else in src/ would put words back in a gate.
  const root = join(import.meta.dirname, '../../src');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
    });
  const codes = new Set<string>(FINDING_CODES);
  /** The finding codes in `text` whose object literal also sets a message. */
  const wordedFindings = (text: string): string[] =>
    [...text.matchAll(/code:\s*'([a-z]+\.[a-z_]+)'/g)]
      .filter((m) => codes.has(m[1] as string) && /\bmessage:/.test(text.slice(m.index, m.index + 400).split(/\n\s*\}/)[0] ?? ''))
      .map((m) => m[1] as string);

  it('builds no finding with a message outside src/report/wording.ts', () => {
    const offenders = files(root)
      .filter((file) => relative(root, file) !== join('report', 'wording.ts'))
      .flatMap((file) => wordedFindings(readFileSync(file, 'utf8')).map((code) => `${relative(root, file)}: ${code}`));
    expect(offenders).toEqual([]);
  });

  it('sees the shapes gates used to word findings in', () => {
    // The scan above is only worth something if it finds what it forbids.
    expect(wordedFindings("findings.push({ code: 'run.missing', severity: 'error', message: `x`, fix });")).toEqual(['run.missing']);
    expect(wordedFindings("return {\n    code: 'plan.scope',\n    severity,\n    message: `x`,\n  };")).toEqual(['plan.scope']);
    expect(wordedFindings("out.push({ code: 'review.lockfile_integrity', label });")).toEqual([]);
  });
});
