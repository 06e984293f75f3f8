// `reviewgate review`: walk the unreviewed hunks, record what a person accepted, stage it.
// On a terminal the full-screen walker (src/review/walker.ts); from a pipe one answer per line.
import { dirname, join, resolve } from 'node:path';
import { collectChange, type Change } from '../change/change.js';
import { fixCommands } from '../change/evaluate.js';
import { readEvidence } from '../change/inputs.js';
import { loadRules, resolveTarget } from '../change/rules.js';
import type { Config } from '../config/schema.js';
import { guardPerson } from '../agent/guard.js';
import { pipedPolicy } from '../gates/pace.js';
import { UserError } from '../errors.js';
import { assertEvidenceReadable, recordEvidence } from '../evidence/record.js';
import { dropKeptAnswers, keepAnswers, keptAnswers } from '../review/recovery.js';
import { newRecordId } from '../evidence/store.js';
import type { EvidenceRecord, KeyTiming, ReviewRecord } from '../evidence/types.js';
import { itemReads } from '../gates/reads.js';
import { beyondReading, itemsBeyondReading, notFromPerson, paceOf, tooFast } from '../gates/pace.js';
import { formatPace } from '../report/wording.js';
import { openConcerns, reviewedKeys, unreviewedKeys } from '../gates/review.js';
import { indexReader, objectSizes } from '../git/content.js';
import { gitUser, openRepo, type Repo } from '../git/repo.js';
import { pipedAnswers } from '../review/answers.js';
import { commentsOn } from '../review/comments.js';
import { itemDetails, oidsToSize } from '../review/details.js';
import { readFlags, writeFlags } from '../review/comeback.js';
import { listItems, listJson, listText, type Pending } from '../review/list.js';
import { withMoves } from '../review/moves.js';
import { acceptedItems, reviewRecord } from '../review/outcome.js';
import { pipedWalk } from '../review/piped.js';
import type { Unit } from '../review/state.js';
import { formatDuration } from '../run/duration.js';
import type { Style } from '../report/style.js';
import { VERSION } from '../version.js';
import { styleFor } from './output.js';

export interface ReviewFlags {
  staged?: boolean;
  amend?: boolean;
  range?: string;
  list?: boolean;
  export?: boolean;
  format: 'text' | 'json' | 'md';
  resolve?: string;
  /** The id of an AI flag to answer; the verdict and note follow as arguments. */
  answer?: string;
  /** Print what the AI advisor would be sent (ai.review: on), and send nothing. */
  dryRun?: boolean;
  /** With dryRun: ask the API's count_tokens endpoint for the exact count. */
  countTokens?: boolean;
  resolution: string[];
  config?: string;
  /** The local review page instead of the terminal walker. */
  web?: boolean;
  /** With --web: open the browser (--no-open prints the address only). */
  open?: boolean;
  /** With --web: minutes without activity before the page's server stops. */
  idle?: string;
}

async function resolveConcern(repo: Repo, flags: ReviewFlags, config: Config, agent: string | undefined) {
  const id = flags.resolve as string;
  const text = flags.resolution.join(' ').trim();
  if (!text) throw new UserError('say how the concern was settled', `reviewgate review --resolve ${id} "<how>"`);
  const evidence = await readEvidence(await indexReader(repo.git), config);
  const concern = evidence.records.find((r) => r.type === 'concern' && r.id === id);
  if (!concern) throw new UserError(`no concern with id "${id}" in the staged evidence`, 'reviewgate check lists open concerns with their ids');
  if (evidence.records.some((r) => r.type === 'resolve' && r.concern === id)) {
    throw new UserError(`concern ${id} is already resolved`);
  }
  const by = await gitUser(repo.git);
  await recordEvidence(repo, config, [{ v: 1, type: 'resolve', id: newRecordId(), at: new Date().toISOString(), by, tool: VERSION, ...(agent ? { agent } : {}), concern: id, text }]);
  process.stdout.write(`Resolved concern ${id}. Next: reviewgate check\n`);
}

/** Sizes of binary and deleted blobs, for their one screen. */
function blobSizes(repo: Repo, items: readonly Change['items'][number][]): Promise<Map<string, number>> {
  return objectSizes(repo.git, [...oidsToSize(items.map((j) => j.item))]);
}

/** Keys under a review.rules rule that still need a reviewer this git user can be. */
async function keysINeed(repo: Repo, config: Config, change: Change, records: readonly EvidenceRecord[]): Promise<string[]> {
  const { authorsOf, matchesGlobs } = await import('../change/reviewers.js');
  const { keysNeedingReviewer, reviewersByKey, ruleFor } = await import('../gates/reviewers.js');
  const me = await gitUser(repo.git);
  const authorOf = await authorsOf(repo.git, change);
  const byKey = reviewersByKey(records, config.review);
  return change.items.flatMap(({ item, commit }) => {
    const rule = ruleFor(item.path, config.review.rules, matchesGlobs);
    return rule ? keysNeedingReviewer(item, byKey, rule, rule.distinct_from_author ? authorOf(commit) : null, me.email || me.name) : [];
  });
}

/**
 * Answers from a pipe (`yes y | reviewgate review`) are not a person reading: with review.piped
 * refuse (the default) they would not count, so refuse to record them at all; warn says so.
 */
export async function reviewCommand(flags: ReviewFlags): Promise<void> {
  if (flags.staged && flags.range) throw new UserError('--staged and --range cannot be used together', 'pick one target');
  if (flags.countTokens && !flags.dryRun) throw new UserError('--count-tokens goes with --dry-run', 'reviewgate review --dry-run --count-tokens');
  const cwd = process.cwd();
  const repo = await openRepo(cwd);
  // The rules check judges by: HEAD's for the staged change, the base's for a range.
  const target = flags.range && flags.resolve === undefined ? await resolveTarget(repo.git, { kind: 'range', spec: flags.range }) : { kind: 'staged' as const };
  const { config } = await loadRules(repo, target, flags.config ? resolve(cwd, flags.config) : undefined);
  const warn = (line: string) => process.stderr.write(`${line}\n`);
  if (flags.resolve !== undefined) {
    const agent = guardPerson({ what: 'resolving a concern', command: `reviewgate review --resolve ${flags.resolve} "<how>"`, agentKey: 'review.agent', agentPolicy: config.review.agent, env: process.env, warn });
    await assertEvidenceReadable(repo, config);
    return resolveConcern(repo, flags, config, agent?.name);
  }
  if (flags.answer !== undefined) {
    // Answering an AI flag is an acknowledgement: a person's, like resolving a concern.
    guardPerson({ what: 'answering an AI flag', command: `reviewgate review --answer ${flags.answer} <verdict> "<note>"`, agentKey: 'review.agent', agentPolicy: config.review.agent, env: process.env, warn });
    await assertEvidenceReadable(repo, config);
    return (await import('./review-flags.js')).answerFlag(repo, config, flags.answer, flags.resolution, await gitUser(repo.git));
  }
  // Before anything is read: a review that would be refused should not ask a single question.
  const agent = flags.list
    ? null
    : guardPerson({
        what: 'a review',
        command: flags.range ? `reviewgate review --range ${flags.range}` : 'reviewgate review',
        agentKey: 'review.agent',
        agentPolicy: config.review.agent,
        // --web reads its answers from the page, not from stdin.
        piped: { key: config.review.require_interactive ? 'review.require_interactive' : 'review.piped', policy: pipedPolicy(config.review), isPipe: !flags.web && process.stdin.isTTY !== true },
        env: process.env,
        warn,
      });
  if (!flags.list) await assertEvidenceReadable(repo, config);
  if (!flags.list) await offerKeptAnswers(repo, config);

  if (flags.amend && flags.range) throw new UserError('--amend and --range cannot be used together', 'pick one target');
  const change = await collectChange(repo, config, target.kind === 'staged' && flags.amend ? { kind: 'staged', amend: true } : target);
  // Already-recorded evidence: the index holds what is committed plus what is staged.
  let evidence = await readEvidence(change.kind === 'staged' ? change.reader : await indexReader(repo.git), config);
  // The same rule as the gate: too-fast or piped-only reviews may not count (review.pace, require_interactive).
  const reviewed = reviewedKeys(evidence.records, config.review);
  // review.rules: a line another person reviewed may still need this person (a second reviewer).
  if (config.review.rules.length > 0 && !flags.list) for (const k of await keysINeed(repo, config, change, evidence.records)) reviewed.delete(k);
  const pending: Pending[] = change.items.map((judged) => ({ judged, missing: unreviewedKeys(judged.item, reviewed) })).filter((p) => p.missing.length > 0);
  const s = await styleFor(process.stdout);

  if (flags.export) {
    const { exportComments, exportJson, exportMarkdown } = await import('../review/export.js');
    const comments = exportComments(evidence.records, change.items);
    process.stdout.write(flags.format === 'json' ? exportJson(comments) : exportMarkdown(comments));
    return;
  }
  if (flags.list) {
    const listed = listItems(pending, evidence.records, reviewed, change.items, await contentSecret(repo));
    const reads = itemReads(change.items, evidence.records, reviewed);
    process.stdout.write(flags.format === 'json' ? listJson(listed, reads) : listText(listed, s, reads));
    return;
  }
  if (change.items.length === 0) {
    process.stdout.write(change.kind === 'staged' ? 'Nothing staged to review. Stage a change with git add first.\n' : 'No commits to review in that range.\n');
    return;
  }
  if (pending.length === 0) {
    // Keys bind content and neighbours, not line numbers or commits: after a rebase or a
    // force-push that changed nothing, every key is still covered.
    const what = change.kind === 'range' ? 'Nothing new to review: every changed line is already reviewed (after a rebase, the reviews carried over)' : 'Every changed line is already reviewed';
    process.stdout.write(`${what}. Next: ${s.bold(change.kind === 'range' ? `reviewgate check --range ${change.spec}` : 'reviewgate check')}\n`);
    return;
  }
  const kept = change.items.reduce((n, j) => n + j.item.lines.filter((l) => reviewed.has(l.key)).length, 0);
  if (kept > 0) {
    const owedLines = pending.reduce((n, p) => n + p.judged.item.lines.filter((l) => !reviewed.has(l.key)).length, 0);
    process.stdout.write(s.dim(`${kept} changed line${kept === 1 ? '' : 's'} keep${kept === 1 ? 's' : ''} an earlier review; showing only what is new: ${owedLines} line${owedLines === 1 ? '' : 's'} (reviewed lines are marked ✓).\n`));
  }
  if (change.kind === 'range') process.stdout.write(s.dim(`Reviewing ${pending.length} item(s) the range check found missing, commit by commit. The evidence must be committed afterwards.\n`));

  const by = await gitUser(repo.git);
  if (flags.dryRun || (config.ai.enabled && config.ai.review === 'on')) {
    const { raiseFlags } = await import('./review-flags.js');
    const raised = await raiseFlags(repo, config, pending.map((p) => p.judged.item), evidence.records, by, s, flags.dryRun === true, flags.countTokens === true);
    if (flags.dryRun) return;
    evidence = { ...evidence, records: [...evidence.records, ...raised] };
  }
  const sizes = await blobSizes(repo, change.items);
  const details = (u: Unit) => itemDetails(u.item, sizes);
  const items = pending.map(({ judged }) => ({ item: judged.item, ...(judged.commit ? { commit: judged.commit } : {}) }));
  // The walker and the page show the whole change (progress counts every line; hide-reviewed
  // skips what is done), with blocks moved verbatim as items of their own.
  const shown = change.items.map((j) => ({ item: j.item, ...(j.commit ? { commit: j.commit } : {}) }));
  const walkItems = withMoves(shown);
  const flagDir = join(repo.commonDir, 'reviewgate');
  const flagKeys = readFlags(flagDir);
  if (flags.web) {
    const { reviewWeb } = await import('./review-web.js');
    return reviewWeb({ repo, config, change, evidence: evidence.records, reviewed, items: walkItems, shown, details, by, flagKeys, flagDir, open: flags.open !== false, idleMinutes: Number(flags.idle ?? 30), style: s });
  }
  const terminal = process.stdin.isTTY === true && process.stdout.isTTY === true;
  let accepted: ReturnType<typeof acceptedItems>;
  let comments: EvidenceRecord[];
  let durationMs: number;
  let input: KeyTiming | undefined;
  // Quitting any way keeps what was answered. A closed terminal delivers more than one hang-up
  // and fails writes with EIO; a second Ctrl-C may come while recording. These listeners stay
  // for the whole command (the walker adds and removes its own): if the last listener of a
  // signal were removed, even for a moment, the default action would kill the process before the
  // answers are recorded.
  // From a pipe, the same signals end the input: what was answered is recorded, like `q`.
  const ignore = () => {};
  let stopPiped = ignore;
  for (const sig of ['SIGHUP', 'SIGINT', 'SIGTERM'] as const) process.on(sig, () => stopPiped());
  process.stdout.on('error', ignore);
  process.stdin.on('error', ignore);
  if (terminal) {
    const { terminalWalk } = await import('../review/walker.js');
    const result = await terminalWalk({ items: walkItems, flags: flagKeys, reviewed, records: evidence.records, details, by, tool: VERSION, newId: newRecordId }, { in: process.stdin, out: process.stdout, style: s });
    saveFlags(flagDir, result.state.units, result.state.flagged, result.state.reviewed);
    accepted = acceptedItems(result.state.units, result.state.accepted, reviewed, (id) => result.clock.spentOn(id), (id) => result.pages.pages(id), await contentSecret(repo));
    comments = [...result.comments, ...result.resolves];
    durationMs = result.clock.totalMs;
    input = result.keys.timing;
  } else {
    const units: Unit[] = items.map((it, i) => ({ id: String(i), ...it }));
    const answers = pipedAnswers(process.stdin, process.stdout);
    stopPiped = () => answers.close();
    const notesFor = (u: Unit) => commentsOn(u.item.keys, evidence.records).map((c) => `${c.kind === 'note' ? 'note' : c.kind === 'flag' ? (c.resolved ? 'AI flag (answered)' : `AI flag ${c.id}`) : c.resolved ? 'concern (resolved)' : `concern ${c.id}`} by ${c.by}: ${c.text}`);
    const outcome = await pipedWalk({ units, reviewed: new Set(reviewed), details, notesFor, by, tool: VERSION, newId: newRecordId }, answers, s, (line) => process.stdout.write(`${line}\n`));
    answers.close();
    accepted = acceptedItems(units, outcome.acceptedIds, reviewed, (id) => outcome.clock.spentOn(id), undefined, await contentSecret(repo));
    comments = outcome.comments;
    durationMs = outcome.clock.totalMs;
  }
  const review = reviewRecord({ id: newRecordId(), at: new Date().toISOString(), by, tool: VERSION, mode: terminal ? 'terminal' : 'piped', durationMs, ...(input ? { input } : {}) }, accepted);
  const made: EvidenceRecord[] = review ? [review, ...comments] : comments;
  // Let through from an agent's shell (review.agent: warn or allow): say so on every record.
  const records = agent ? made.map((r) => ({ ...r, agent: agent.name })) : made;
  const written = await recordOrKeep(repo, config, records, change.kind === 'staged' ? new Set(change.items.flatMap((j) => j.item.keys)) : undefined);
  const acceptedKeys = new Set(accepted.flatMap((a) => a.keys));
  const left = pending.filter((p) => p.missing.some((k) => !acceptedKeys.has(k))).length;
  summarize({ review, comments, left, accepted: accepted.length, durationMs }, s, written[0], change, config);
  const stillOpen = openConcerns([...evidence.records, ...records], new Set(change.items.flatMap((j) => j.item.keys)), new Set(change.items.map((j) => j.item.path)));
  if (stillOpen.length > 0) process.stdout.write(`${stillOpen.length} open concern(s) block the review gate; resolve with reviewgate review --resolve <id> "<how>"\n`);
}

/**
 * This clone's random secret for the content hashes of review records (classify.ts): made on first
 * use in the git directory, never committed. Unwritable: no secret (unkeyed hashes, as before).
 */
async function contentSecret(repo: Repo): Promise<string> {
  const { readFile, writeFile, mkdir } = await import('node:fs/promises');
  const { randomBytes } = await import('node:crypto');
  const path = join(repo.commonDir, 'reviewgate', 'content-key');
  const existing = await readFile(path, 'utf8').catch(() => '');
  if (/^[0-9a-f]{64}$/.test(existing.trim())) return existing.trim();
  try {
    await mkdir(dirname(path), { recursive: true });
    const secret = randomBytes(32).toString('hex');
    await writeFile(path, `${secret}\n`, { flag: 'wx', mode: 0o600 });
    return secret;
  } catch {
    return (await readFile(path, 'utf8').catch(() => '')).trim();
  }
}

/**
 * Records the answers; when the disk refuses, keeps them in the git directory (or prints them)
 * and exits 2 naming the path, so the next review can record them.
 */
async function recordOrKeep(repo: Repo, config: Config, records: EvidenceRecord[], changeKeys?: ReadonlySet<string>): Promise<string[]> {
  try {
    return await recordEvidence(repo, config, records, changeKeys);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (typeof e.code !== 'string' || !e.syscall || records.length === 0) throw error;
    const kept = await keepAnswers(repo.gitDir, records);
    if (!kept) process.stderr.write(`The answers, as evidence records (add them to the evidence file by hand):\n${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
    throw new UserError(
      `cannot ${e.syscall} ${e.path ?? 'the evidence file'} (${e.code}): the answers were not recorded${kept ? `; they are kept in ${kept}` : ' and are printed above'}`,
      kept ? 'free disk space or fix the permissions, then `reviewgate review` offers to record them' : 'free disk space or fix the permissions, then add the records above',
      { cause: error },
    );
  }
}

/** Answers kept by a recording that failed: on a terminal, offer to record them now. */
async function offerKeptAnswers(repo: Repo, config: Config): Promise<void> {
  const kept = await keptAnswers(repo.gitDir);
  if (!kept) return;
  const n = kept.records.length;
  if (!(process.stdin.isTTY && process.stdout.isTTY)) {
    process.stdout.write(`${n} answer${n === 1 ? '' : 's'} of an earlier review could not be recorded and are kept in ${kept.path}; run \`reviewgate review\` on a terminal to record them.\n`);
    return;
  }
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = (await rl.question(`${n} answer${n === 1 ? '' : 's'} of an earlier review could not be recorded (kept in ${kept.path}). Record them now? [y/n] `)).trim().toLowerCase();
  rl.close();
  if (answer !== 'y' && answer !== 'yes') return;
  const written = await recordEvidence(repo, config, kept.records);
  await dropKeptAnswers(kept.path);
  process.stdout.write(`recorded ${n} kept answer${n === 1 ? '' : 's'} in ${written[0] ?? config.evidence_dir} (staged)\n`);
}

/** Keeps the "come back" flags of the units shown for the next session (never evidence). */
function saveFlags(dir: string, units: readonly Unit[], flagged: ReadonlySet<string>, reviewed: ReadonlySet<string>): void {
  const shownKeys = new Set(units.flatMap((u) => u.item.keys));
  const keys = units.filter((u) => flagged.has(u.id)).flatMap((u) => u.item.keys.filter((k) => !reviewed.has(k)));
  try {
    writeFlags(dir, shownKeys, keys);
  } catch {
    // A flag is a bookmark: failing to keep it must not lose the answers being recorded.
  }
}

interface Summary {
  readonly review: ReviewRecord | null;
  readonly comments: readonly EvidenceRecord[];
  /** Pending items with a key still owed. */
  readonly left: number;
  readonly accepted: number;
  readonly durationMs: number;
}

function summarize(sum: Summary, s: Style, file: string | undefined, change: Change, config: Config): void {
  const lines = sum.review?.lines ?? 0;
  const notes = sum.comments.filter((c) => c.type === 'note').length;
  const concerns = sum.comments.filter((c) => c.type === 'concern').length;
  const resolved = sum.comments.filter((c) => c.type === 'resolve').length;
  const parts = [`reviewed ${sum.accepted} item${sum.accepted === 1 ? '' : 's'} (${lines} lines) in ${formatDuration(sum.durationMs)} active`];
  if (notes) parts.push(`${notes} note${notes === 1 ? '' : 's'}`);
  if (concerns) parts.push(`${concerns} concern${concerns === 1 ? '' : 's'}`);
  if (resolved) parts.push(`${resolved} concern${resolved === 1 ? '' : 's'} resolved`);
  process.stdout.write(`\n${parts.join(', ')}${file ? s.dim(` — recorded in ${file} (staged)`) : ''}\n`);
  if (sum.review?.mode === 'terminal' && lines > 0 && config.review.pace !== 'off') {
    const r = sum.review;
    const machine = notFromPerson(r);
    const fast = itemsBeyondReading(r, config.review).length;
    const pace = formatPace(paceOf(r));
    if (machine !== null) process.stdout.write(s.red(`These keys were not typed by a person (${machine}): check will not count this review.\n`));
    else if (beyondReading(r, config.review)) process.stdout.write(s.red(`That is ${pace}, faster than any person reads (review.max_lines_per_hour_fail ${config.review.max_lines_per_hour_fail}): check will not count it.\n`));
    else if (fast > 0) process.stdout.write(s.red(`${fast} item${fast === 1 ? ' was' : 's were'} read faster than review.max_lines_per_hour_fail (${config.review.max_lines_per_hour_fail}): check will not count ${fast === 1 ? 'it' : 'them'}.\n`));
    if (machine === null && !beyondReading(r, config.review) && tooFast(r, config.review)) {
      process.stdout.write(s.yellow(`That is ${pace}, faster than review.max_lines_per_hour (${config.review.max_lines_per_hour}); check will ${config.review.pace === 'fail' ? 'not count it' : 'warn'}.\n`));
    }
  }
  const left = sum.left;
  const fix = fixCommands(change);
  if (left > 0) process.stdout.write(`${left} item${left === 1 ? '' : 's'} still unreviewed. Next: ${s.bold(fix.review)}\n`);
  else if (change.kind === 'range') process.stdout.write(`Commit the evidence (git commit), then: ${s.bold(`reviewgate check --range ${change.spec}`)}\n`);
  else process.stdout.write(`Next: ${s.bold('reviewgate check')}\n`);
}
