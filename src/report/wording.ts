// The words of every finding and gate summary. Gates and the change collector decide which
// findings a change draws, from data; this module is the one place that says them (message, fix,
// and the gate's one-line summary). One function
// per finding, named for its code; each takes the facts the gate found and returns the finding.
// The JSON report carries these strings, and tests match on them: a change of wording is a
// change of output, made here and nowhere else.
import type { Uncovered } from '../change/plan-cover.js';
import type { LockfileProblem } from '../diff/lockfile.js';
import type { CommentRecord, FlagRecord, ReviewRecord, RunRecord } from '../evidence/types.js';
import type { ChecklistItem } from '../plan/parse.js';
import { linesPerHour, paceOf } from '../gates/pace.js';
import { formatDuration } from '../run/duration.js';
import type { FindingCode, Finding, Severity } from '../gates/types.js';

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
/** ` (commit abc1234)` in range mode, nothing for the staged change. */
export const inCommit = (commit: string | undefined) => (commit ? ` (commit ${commit.slice(0, 7)})` : '');
const who = (by: { name: string; email: string }) => by.name || by.email;
const at = (file: string | undefined, line: number | undefined) => ({ ...(file !== undefined ? { file } : {}), ...(line !== undefined ? { line } : {}) });

// ——— pace ———

export function formatPace(pace: number | null): string {
  return pace === null ? 'no pace' : pace === Infinity ? 'no measurable time' : `${Math.round(pace)} lines/hour`;
}

/** `review <id> by <who> at <when>: 40 lines in 0.2 min (12000 lines/hour)`. */
function describePace(r: ReviewRecord): string {
  const minutes = (r.durationMs / 60_000).toFixed(1);
  return `review ${r.id} by ${who(r.by)} at ${r.at}: ${r.lines} lines in ${minutes} min (${formatPace(paceOf(r))})`;
}

// ——— plan ———

export function planMissing(planPath: string | null, fix = 'reviewgate plan'): Finding {
  return { code: 'plan.missing', severity: 'error', message: 'no plan recorded for this change', ...at(planPath ?? undefined, undefined), fix };
}

export function planSectionMissing(name: string, file: string): Finding {
  return { code: 'plan.section_missing', severity: 'error', message: `the plan has no "${name}" section`, file, fix: `add a "## ${name}" section to ${file} and fill it in` };
}

export function planSectionEmpty(name: string, file: string, line: number): Finding {
  return { code: 'plan.section_empty', severity: 'error', message: `the plan's "${name}" section is empty`, file, line, fix: `write the ${name} under line ${line} of ${file}` };
}

export function planSectionDuplicate(name: string, file: string, line: number, firstLine: number): Finding {
  return { code: 'plan.section_duplicate', severity: 'warning', message: `the plan's "${name}" section appears again (first at line ${firstLine})`, file, line, fix: `merge line ${line} into the section at line ${firstLine} of ${file}` };
}

export function planOpenQuestion(text: string, file: string, line: number): Finding {
  return { code: 'plan.open_question', severity: 'error', message: `open question: ${text}`, file, line, fix: `answer it, mark it "- [x]" at ${file}:${line}, then stage the plan: git add ${file}` };
}

export function planAfterCode(severity: Severity, existed: number, lines: number, files: number, file: string): Finding {
  return {
    code: 'plan.after_code',
    severity,
    message: `the plan was recorded after the code: ${existed} of the ${lines} changed lines (in ${files} ${plural(files, 'file', 'files')}) already existed`,
    file,
    fix: 'record the plan before writing code: run `reviewgate plan` at the start of the next change',
  };
}

export function planScope(severity: Severity, outside: readonly string[], scope: readonly string[], file: string): Finding {
  const shown = outside.slice(0, 10).join(', ') + (outside.length > 10 ? ` and ${outside.length - 10} more` : '');
  return {
    code: 'plan.scope',
    severity,
    message: `${outside.length} changed ${plural(outside.length, 'file is', 'files are')} outside the plan's scope (${scope.join(', ')}): ${shown}`,
    file,
    fix: `widen \`scope:\` in ${file} (reviewgate plan), or move those changes to their own change`,
  };
}

/** Why no plan covers a part of the change. */
export function uncoveredReason(u: Uncovered): string {
  switch (u.reason) {
    case 'done':
      return `the plan in ${u.plan} is marked done, and a done plan covers no new work`;
    case 'default-branch':
      return `on ${u.branch ?? 'the default branch'} each change needs its own plan${u.plan ? ` (${u.plan} was recorded with an earlier change)` : ''}`;
    case 'none':
      return 'no plan was recorded with it or earlier on its branch';
  }
}

/** The staged change, which no plan covers; `continuing`: a plan exists that `c` would continue. */
export function planNotCovering(u: Uncovered, planPath: string, continuing: boolean): Finding {
  return {
    code: 'plan.missing',
    severity: 'error',
    message: `no plan covers this change: ${uncoveredReason(u)}`,
    file: planPath,
    fix: continuing ? 'reviewgate plan (answer c to continue the existing plan: it is staged with this change)' : 'reviewgate plan',
  };
}

/** Commits of a range no plan covers, for one reason (a long push lists the first ten). */
export function planNotCoveringCommits(reason: string, commits: readonly string[]): Finding {
  const ids = commits.slice(0, 10).map((c) => c.slice(0, 12)).join(', ') + (commits.length > 10 ? ` and ${commits.length - 10} more` : '');
  return {
    code: 'plan.missing',
    severity: 'error',
    message: `no plan covers ${commits.length === 1 ? 'commit' : `${commits.length} commits:`} ${ids}: ${reason}`,
    fix: 'record a plan with the change (reviewgate plan, then commit it with the code: git commit --amend, or git rebase -i to amend an earlier commit)',
  };
}

/** A finding of one of several plans, told apart by the plan's path. */
export function ofPlan(f: Finding, planPath: string): Finding {
  return { ...f, message: `[${planPath}] ${f.message}` };
}

// ——— review ———

export function unreviewedLines(path: string, missing: number, total: number, line: number, commit: string | undefined, fix: string): Finding {
  return { code: 'review.unreviewed', severity: 'error', message: `${missing} of ${total} changed lines not reviewed${inCommit(commit)}`, file: path, line, fix };
}

/** A change that is not lines (a mode change, a binary file, a deletion…), by its summary. */
export function unreviewedItem(path: string, summary: string, commit: string | undefined, fix: string): Finding {
  return { code: 'review.unreviewed', severity: 'error', message: `${summary} not reviewed${inCommit(commit)}`, file: path, fix };
}

export function openConcern(c: CommentRecord): Finding {
  return {
    code: 'review.concern',
    severity: 'error',
    message: `open concern by ${who(c.by)}: ${c.text}`,
    file: c.path,
    ...(c.line !== null ? { line: c.line } : {}),
    fix: `reviewgate review --resolve ${c.id} "<how it was settled>"`,
  };
}

export function ignoredPaths(paths: readonly string[]): Finding {
  return { code: 'review.ignored', severity: 'warning', message: `left out of line review by review.ignore: ${paths.join(', ')}` };
}

/** An added line holding characters that are not what they show: `bidi` controls or `invisible` ones. */
export function hiddenCharacter(kind: 'bidi' | 'invisible', chars: readonly string[], path: string, line: number, commit: string | undefined): Finding {
  const fix = `remove it, or write it as an escape (\\u${chars[0]?.slice(2) ?? ''}) in ${path}:${line}`;
  return kind === 'bidi'
    ? { code: 'review.bidi', severity: 'error', message: `added line holds bidirectional control ${chars.join(', ')}: what is shown is not the order the compiler reads${inCommit(commit)}`, file: path, line, fix }
    : { code: 'review.invisible', severity: 'warning', message: `added line holds invisible character ${chars.join(', ')}${inCommit(commit)}`, file: path, line, fix };
}

export function notTypedByPerson(r: ReviewRecord, why: string, fix: string): Finding {
  return {
    code: 'review.machine',
    severity: 'error',
    message: `review ${r.id} by ${who(r.by)} at ${r.at} was not typed by a person: ${why}; its lines count as unreviewed`,
    fix: `${fix} (on a terminal, at a person's pace)`,
  };
}

/** A whole review read faster than `failLimit` (review.max_lines_per_hour_fail). */
export function beyondReading(r: ReviewRecord, failLimit: number, fix: string): Finding {
  return {
    code: 'review.pace',
    severity: 'error',
    message: `${describePace(r)} is faster than any person reads (review.max_lines_per_hour_fail ${failLimit}); its lines count as unreviewed`,
    fix: `${fix}, reading each hunk`,
  };
}

/** One item of a review read too fast: where it is, its lines, its active time and pace. */
export function fastItem(where: string, lines: number, activeMs: number): string {
  return `${where} (${lines} lines in ${(activeMs / 1000).toFixed(1)} s, ${formatPace(linesPerHour(lines, activeMs))})`;
}

/** Where a key no longer in the change was, for fastItem. */
export const GONE_ITEM = 'an item no longer in the change';

export function itemsBeyondReading(r: ReviewRecord, items: readonly string[], failLimit: number, fix: string): Finding {
  return {
    code: 'review.pace',
    severity: 'error',
    message: `review ${r.id} by ${who(r.by)} at ${r.at}: ${items.length} ${plural(items.length, 'item', 'items')} read faster than any person reads (review.max_lines_per_hour_fail ${failLimit}) count as unreviewed: ${items.join(', ')}`,
    fix: `${fix}, reading each hunk`,
  };
}

/** Faster than review.max_lines_per_hour; with `fail` (review.pace: fail) it does not count. */
export function tooFast(r: ReviewRecord, limit: number | undefined, fail: boolean, fix: string): Finding {
  return {
    code: 'review.pace',
    severity: fail ? 'error' : 'warning',
    message: `${describePace(r)} is faster than review.max_lines_per_hour (${limit})${fail ? '; its lines count as unreviewed' : ''}`,
    fix: fail ? `${fix}, reading each hunk` : 'read each hunk before answering y',
  };
}

/** Keys only piped answers accepted, refused by `rule`. */
export function pipedRefused(keys: number, rule: string, fix: string): Finding {
  return {
    code: 'review.piped',
    severity: 'error',
    message: `${keys} changed line ${plural(keys, 'key was', 'keys were')} answered only from piped input, which does not count (${rule}): a pipe is how a script says yes`,
    fix: `${fix}, in your own terminal`,
  };
}

export function pipedWarned(reviews: number, fix: string): Finding {
  return {
    code: 'review.piped',
    severity: 'warning',
    message: `${reviews} ${plural(reviews, 'review was', 'reviews were')} answered from piped input (review.piped: warn): nobody's reading was measured`,
    fix: `${fix}, in your own terminal`,
  };
}

export function fromAgent(records: number, agents: readonly string[], refuse: boolean, fix: string): Finding {
  return {
    code: 'review.agent',
    severity: refuse ? 'error' : 'warning',
    message: `${records} ${plural(records, 'record was', 'records were')} made from an AI coding agent's shell (${agents.join(', ')})${refuse ? ' and do not count (review.agent: refuse)' : ' (review.agent: warn)'}`,
    fix: `${fix}, in your own terminal`,
  };
}

/** "line 3" or "lines 2-5". */
export function flagSpan(f: { line: number; endLine: number }): string {
  return f.line === f.endLine ? `line ${f.line}` : `lines ${f.line}-${f.endLine}`;
}

export function unansweredFlag(f: FlagRecord, severity: Severity): Finding {
  return {
    code: 'review.flag',
    severity,
    message: `unanswered AI flag ${f.id} (${f.category}, ${flagSpan(f)}): ${f.text}`,
    file: f.path,
    line: f.line,
    fix: `reviewgate review --answer ${f.id} addressed|not-a-problem|accepted-risk "<note>"`,
  };
}

export interface ReviewersShort {
  readonly path: string;
  readonly line: number | undefined;
  readonly keys: number;
  readonly lines: boolean;
  readonly commit: string | undefined;
  readonly needed: number;
  readonly globs: readonly string[];
  /** The eligible people who did review. */
  readonly people: readonly string[];
  /** The commit's author, when the rule leaves them out. */
  readonly author: string | null;
}

export function tooFewReviewers(s: ReviewersShort, fix: string): Finding {
  const nth = s.needed === 2 ? 'their second reviewer' : `${s.needed} distinct reviewers`;
  return {
    code: 'review.reviewers',
    severity: 'error',
    message: `${s.keys} changed ${s.lines ? 'lines' : 'item'}${inCommit(s.commit)} lack ${nth} (review.rules: ${s.globs.join(', ')}); reviewed by ${s.people.length > 0 ? s.people.join(', ') : 'nobody eligible'}${s.author ? `, and the author ${s.author} does not count` : ''}`,
    ...at(s.path, s.line),
    fix: `another person runs ${fix}`,
  };
}

export function reviewersUnverified(): Finding {
  return {
    code: 'review.reviewers_unverified',
    severity: 'warning',
    message: 'review.rules tells reviewers apart by the git identity in their records, which anyone can set; they are unverified',
    fix: 'turn on evidence.sign: ssh and evidence.require_signatures: true',
  };
}

export interface ConfigEdit {
  readonly path: string;
  /** The file is deleted (the defaults would apply). */
  readonly deleted: boolean;
  /** What the new rules would loosen, each said as the loosening module says it. */
  readonly loosened: readonly string[];
  /** Where the rules that judge the change come from (`HEAD`, `the base`, …). */
  readonly rulesFrom: string;
  readonly staged: boolean;
  /** The range spec, for the fix in range mode. */
  readonly spec: string | undefined;
}

export function configChanged(c: ConfigEdit): Finding {
  const when = c.staged ? 'once it is committed' : 'once it has landed';
  const what = c.deleted ? `this change deletes ${c.path} (the defaults would apply)` : `this change edits ${c.path}`;
  const loosens = c.loosened.length > 0 ? `it loosens ${c.loosened.join('; ')}` : 'it loosens no rule';
  return {
    code: 'review.config_changed',
    severity: 'warning',
    message: `${what}; ${loosens}. The change is judged by the rules of ${c.rulesFrom}; the new ones apply ${when}`,
    file: c.path,
    fix: `read the change to ${c.path} line by line before accepting it: ${c.staged ? 'reviewgate review' : `reviewgate review --range ${c.spec ?? ''}`}`,
  };
}

export function lockfileProblem(p: LockfileProblem, file: string): Finding {
  const message =
    p.code === 'review.lockfile_insecure'
      ? `${p.label} is fetched from ${p.resolved}, not over https`
      : p.code === 'review.lockfile_registry'
        ? `${p.label} is fetched from ${p.host}, outside the allowed registries (${p.registries.join(', ')})`
        : `${p.label}: its integrity changed at the same version (other bytes for the same release)`;
  return {
    code: p.code,
    severity: 'error',
    message,
    file,
    fix:
      p.code === 'review.lockfile_integrity'
        ? `reinstall from the registry (npm install) and compare; never accept other bytes for a published version`
        : `fetch it from an allowed registry (npm install), or allow the registry in review.lockfile.registries (a reviewed change to .reviewgate.yml)`,
  };
}

// ——— evidence ———

export interface DeletedRecord {
  readonly type: string;
  readonly id: string | null;
  /** The base commit that has the record, and where. */
  readonly base: string;
  readonly file: string;
  readonly line: number;
  readonly staged: boolean;
  /** The commit the range ends at (range mode). */
  readonly head: string | undefined;
}

export function evidenceDeleted(d: DeletedRecord): Finding {
  const short = d.base.slice(0, 12);
  const where = d.staged ? 'the index' : `commit ${(d.head ?? '').slice(0, 12)}`;
  return {
    code: 'evidence.deleted',
    severity: 'error',
    message: `a ${d.type} record${d.id ? ` (${d.id})` : ''} that ${short} has at ${d.file}:${d.line} is missing from ${where}: evidence is only ever added to`,
    file: d.file,
    line: d.line,
    fix: `put the line back from \`git show ${short}:${d.file}\`, then git add ${d.file}${d.staged ? '' : ' and commit'}`,
  };
}

const signFix = (fix: string, signers: string) => `${fix} with evidence.sign: ssh and a key listed in ${signers} at the base (reviewgate keys add)`;

export function planUnsigned(problem: string, planPath: string, signers: string, fix: string): Finding {
  return { code: 'evidence.unsigned', severity: 'error', message: `the plan does not count: ${problem} (evidence.require_signatures)`, file: planPath, fix: signFix(fix, signers) };
}

export function recordUnsigned(r: { type: string; id: string; by: { name: string; email: string } }, reason: string | null | undefined, where: { file: string; line: number } | undefined, signers: string, fix: string): Finding {
  return {
    code: 'evidence.unsigned',
    severity: 'error',
    message: `${r.type} record ${r.id} by ${r.by.email || r.by.name} does not count: ${reason ?? 'it is not signed'} (evidence.require_signatures)`,
    ...(where ? { file: where.file, line: where.line } : {}),
    fix: signFix(fix, signers),
  };
}

// ——— run ———

export function noCommands(): Finding {
  return {
    code: 'run.no_commands',
    severity: 'error',
    message: 'run.commands is empty: nothing proves this change runs',
    fix: 'add the commands that prove it (e.g. "npm test") to run.commands in .reviewgate.yml, or set run.required: false',
  };
}

/** A configured command with no passing record on this content: never run, or its last run. */
export function notPassed(command: string, last: RunRecord | undefined, fix: string): Finding {
  if (!last) return { code: 'run.missing', severity: 'error', message: `\`${command}\` has not run on this content`, fix };
  let message: string;
  if (last.timedOut) message = `\`${command}\` timed out after ${formatDuration(last.durationMs)} on this content`;
  else if (last.void) message = `\`${command}\` changed tracked files when it ran (${last.changed.join(', ')}); the run does not count`;
  else if (last.signal) message = `\`${command}\` was killed by ${last.signal} on this content`;
  else if (last.exitCode === 127) message = `\`${command}\` failed (exit 127: command not found) on this content`;
  else message = `\`${command}\` failed (exit ${last.exitCode}) on this content`;
  return { code: 'run.failed', severity: 'error', message, fix: failureFix(last, fix) };
}

/**
 * Running the same command on the same content again would fail again: the fix points at the
 * failure (its last output lines), and only then at recording a new run.
 */
function failureFix(last: RunRecord, record: string): string {
  if (last.timedOut) return `make \`${last.command}\` finish within run.timeout (or raise run.timeout in .reviewgate.yml), then ${record}`;
  if (last.void) return `make \`${last.command}\` leave tracked files alone (or ignore what it writes in .gitignore), then ${record}`;
  if (last.exitCode === 127) return `install the command, or correct it in run.commands of .reviewgate.yml, then ${record}`;
  const tail = (last.output ?? []).map((l) => l.trim()).filter((l) => l !== '').slice(-2).join(' | ');
  const where = tail === '' ? '' : ` (it ended with: ${tail.length > 200 ? `…${tail.slice(-200)}` : tail})`;
  return `fix what made it fail${where}, then stage the fix and ${record} (reviewgate run --list shows its last lines)`;
}

/** A waived manual check: with a reason it is reported, without one it blocks. */
export function manualWaived(item: ChecklistItem): Finding {
  return item.reason
    ? { code: 'run.manual_waived', severity: 'warning', message: `manual check waived: ${item.text} — ${item.reason}`, file: item.file, line: item.line }
    : { code: 'run.manual_waiver_reason', severity: 'error', message: `manual check waived without a reason: ${item.text}`, file: item.file, line: item.line, fix: `write the reason after a dash at ${item.file}:${item.line} ("- [~] item — reason"), then git add ${item.file}` };
}

/** A manual check with no "done" on this content; `last`: the answer it got, when it got one. */
export function manualNotDone(item: ChecklistItem, last: RunRecord | undefined, fix: string): Finding {
  return {
    code: 'run.manual_missing',
    severity: 'error',
    message: last ? `manual check answered "not done" on this content: ${item.text}${last.output?.[0] ? ` (${last.output[0]})` : ''}` : `manual check not done on this content: ${item.text}`,
    file: item.file,
    line: item.line,
    fix,
  };
}

// ——— tests ———

export function missingTestFile(path: string, expected: readonly string[]): Finding {
  return { code: 'tests.missing_file', severity: 'error', message: `no test file for ${path}: expected ${expected.join(' or ')}`, file: path, fix: `add ${expected[0]}` };
}

export function unchangedTest(path: string, existing: readonly string[]): Finding {
  return {
    code: 'tests.unchanged_test',
    severity: 'error',
    message: `${path} changed but its test ${existing.join(' or ')} did not (the rule says when: changed)`,
    file: path,
    fix: `update ${existing[0]} to test the change, and stage it`,
  };
}

export type UnmatchedItemState = 'waived' | 'waiver_without_reason' | 'waiver_forbidden' | 'skipped' | 'todo' | 'missing';

/**
 * A checklist item that is not matched by a running test (or is waived). `file` is where the plan
 * is; `test`: the skipped or todo test that would match.
 */
export function checklistItem(state: UnmatchedItemState, item: ChecklistItem, file: string, test: { file: string; line: number; title: string } | null): Finding {
  const where = { file, line: item.line };
  const waive = `waive it in ${file} with \`- [~] ${item.text} — <reason>\``;
  switch (state) {
    case 'waived':
      return { code: 'tests.waived', severity: 'warning', message: `checklist item "${item.text}" waived: ${item.reason}`, ...where };
    case 'waiver_without_reason':
      return { code: 'tests.waiver_without_reason', severity: 'error', message: `checklist item "${item.text}" is waived without a reason`, ...where, fix: `give the reason at ${file}:${item.line}: \`- [~] ${item.text} — <reason>\`` };
    case 'waiver_forbidden':
      return { code: 'tests.waiver_forbidden', severity: 'error', message: `checklist item "${item.text}" is waived, but tests.waivers is forbid${item.reason ? ` (reason given: ${item.reason})` : ''}`, ...where, fix: `write a test for it and mark it \`- [ ] ${item.text}\`` };
    case 'skipped':
    case 'todo': {
      const loc = test ? `${test.file}:${test.line}` : '';
      return {
        code: state === 'todo' ? 'tests.checklist_todo' : 'tests.checklist_skipped',
        severity: 'error',
        message: `only a ${state === 'todo' ? 'todo' : 'skipped'} test matches checklist item "${item.text}": ${loc} "${test?.title}" does not run`,
        ...where,
        fix: `${state === 'todo' ? 'write' : 'un-skip'} the test at ${loc} or ${waive}`,
      };
    }
    case 'missing':
      return { code: 'tests.checklist_missing', severity: 'error', message: `no test matches checklist item "${item.text}"`, ...where, fix: `write a test titled "${item.text}" or ${waive}` };
  }
}

export function coverageStagedOnly(): Finding {
  return {
    code: 'tests.coverage_staged_only',
    severity: 'warning',
    message: 'coverage of the changed lines is judged before each commit (the lcov report is not in the commits)',
    fix: 'keep the pre-commit hook installed: reviewgate hooks install --pre-commit',
  };
}

/** Why a coverage report cannot be used for this content. */
export type CoverageUnusable =
  | { readonly state: 'missing' }
  | { readonly state: 'unreadable'; readonly error: string }
  | { readonly state: 'no-run' }
  | { readonly state: 'stale'; readonly written: number | null; readonly runStart: number };

const UNUSABLE = {
  missing: 'tests.coverage_missing',
  unreadable: 'tests.coverage_unreadable',
  stale: 'tests.coverage_stale',
  'no-run': 'tests.coverage_no_run',
} as const satisfies Record<CoverageUnusable['state'], FindingCode>;

export function coverageUnusable(u: CoverageUnusable, lcov: string): Finding {
  let message: string;
  switch (u.state) {
    case 'missing':
      message = `coverage report ${lcov} not found in the work tree`;
      break;
    case 'unreadable':
      message = `coverage report ${lcov} cannot be read: ${u.error}`;
      break;
    case 'no-run':
      message = `no passing run of this content: ${lcov} cannot be tied to it`;
      break;
    case 'stale': {
      const when = u.written === null ? 'unknown' : new Date(u.written).toISOString();
      message = `coverage report ${lcov} (written ${when}) is older than the last passing run of this content (${new Date(u.runStart).toISOString()})`;
      break;
    }
  }
  return { code: UNUSABLE[u.state], severity: 'error', message, file: lcov, fix: `configure the command that writes ${lcov} in run.commands, then \`reviewgate run --force\`` };
}

/** A changed file the report does not list, or lists under more than one name (`ambiguous`). */
export function coverageNotFound(path: string, lcov: string, ambiguous: boolean): Finding {
  return {
    code: ambiguous ? 'tests.coverage_ambiguous' : 'tests.coverage_not_in_report',
    severity: 'error',
    message: ambiguous ? `${path} matches more than one file of the coverage report ${lcov}` : `${path} is not in the coverage report ${lcov}`,
    file: path,
    fix: ambiguous ? `write the report with paths relative to the repository root` : `make the coverage run include ${path} (e.g. coverage.include / --all), then \`reviewgate run --force\``,
  };
}

/** `uncovered`: the missed lines as ranges (`3-5, 9`); `firstLine`: the first of them. */
export function coverageLow(path: string, percent: number, executable: number, min: number, uncovered: string, firstLine: number | undefined): Finding {
  return {
    code: 'tests.coverage_low',
    severity: 'error',
    message: `${path}: ${percent}% of ${executable} changed executable ${plural(executable, 'line', 'lines')} covered (min ${min}%); uncovered: ${uncovered}`,
    ...at(path, firstLine),
    fix: `add tests that run ${path} lines ${uncovered}, then \`reviewgate run --force\``,
  };
}

export function coverageNothingMeasured(lcov: string, changedLines: number): Finding {
  return {
    code: 'tests.coverage_nothing_measured',
    severity: 'error',
    message: `the coverage report ${lcov} lists none of the ${changedLines} changed source lines as executable`,
    file: lcov,
    fix: `check that ${lcov} comes from the tests of this change, then \`reviewgate run --force\``,
  };
}

// ——— gate summaries ———

export const NO_PLAN = 'no plan';

export function planSummary(complete: number, sections: number, open: number, done: boolean): string {
  const parts = [`plan recorded: ${complete}/${sections} sections`];
  if (open > 0) parts.push(`${open} open ${plural(open, 'question', 'questions')}`);
  if (done) parts.push('marked done');
  return parts.join(', ');
}

/** Several plans each judged on their part of a range, or one; and what no plan covers. */
export function planCoverageSummary(plans: readonly { path: string; commits: number; summary: string }[], uncovered: number, range: boolean): string {
  const summary = plans.length > 1 ? plans.map((p) => `${p.path} (${p.commits} ${plural(p.commits, 'commit', 'commits')}): ${p.summary}`).join('; ') : (plans[0]?.summary ?? NO_PLAN);
  const note = uncovered > 0 ? `, ${uncovered === 1 && !range ? 'the change is' : `${uncovered} ${plural(uncovered, 'commit', 'commits')}`} not covered` : '';
  return summary + note;
}

export function reviewSummary(doneLines: number, totalLines: number, doneOther: number, totalOther: number): string {
  const parts = [`${doneLines}/${totalLines} changed lines reviewed`];
  if (totalOther > 0) parts.push(`${doneOther}/${totalOther} other changes acknowledged`);
  return parts.join(', ');
}

export function runSummary(passed: number, commands: number): string {
  return commands === 0 ? 'no commands configured' : `${passed}/${commands} commands passed on this content`;
}

export function manualSummary(runSummaryText: string, done: number, wanted: number): string {
  return `${runSummaryText}; ${done}/${wanted} manual ${plural(wanted, 'check', 'checks')} done`;
}

export function testsSummary(mapped: number, total: number, checklist: { matched: number; needed: number; waived: number } | null, coverage: string | null): string {
  const parts = [total === mapped ? `${total} source ${plural(total, 'file', 'files')} mapped` : `${mapped}/${total} source files mapped`];
  if (checklist === null) parts.push('no plan checklist');
  else {
    parts.push(`${checklist.matched}/${checklist.needed} checklist items matched`);
    if (checklist.waived > 0) parts.push(`${checklist.waived} waived`);
  }
  if (coverage !== null) parts.push(coverage);
  return parts.join(', ');
}

const UNUSABLE_SUMMARY: Record<CoverageUnusable['state'], string> = {
  missing: 'coverage report missing',
  unreadable: 'coverage report unreadable',
  'no-run': 'coverage not tied to a run',
  stale: 'coverage report stale',
};

/** The coverage part of the tests gate's summary; `measured` null: no changed source lines. */
export function coverageSummary(state: CoverageUnusable['state'] | 'ok', measured: number | null, covered: number): string {
  if (state !== 'ok') return UNUSABLE_SUMMARY[state];
  if (measured === null) return 'coverage: no changed source lines';
  return `coverage: ${measured === 0 ? 'nothing measured' : `${Math.floor((covered / measured) * 1000) / 10}% of ${measured} changed lines covered`}`;
}

/** A change of evidence only: what was deleted, or that nothing else changed. */
export function evidenceOnlySummary(deleted: number): string {
  return deleted > 0 ? `${deleted} evidence ${plural(deleted, 'record', 'records')} deleted` : 'only evidence changed';
}
