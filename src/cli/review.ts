// `reviewgate review`: walk the unreviewed hunks, record what a person accepted, stage it.
// On a terminal the full-screen walker (src/review/walker.ts); from a pipe one answer per line.
import { join, resolve } from 'node:path';
import { collectChange, type Change } from '../change/change.js';
import { fixCommands } from '../change/evaluate.js';
import { readEvidence } from '../change/inputs.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { UserError } from '../errors.js';
import { recordEvidence } from '../evidence/record.js';
import { newRecordId } from '../evidence/store.js';
import type { EvidenceRecord, ReviewRecord } from '../evidence/types.js';
import { openConcerns, reviewedKeys, unreviewedKeys } from '../gates/review.js';
import { indexReader, objectSizes } from '../git/content.js';
import { gitUser, openRepo, type Repo } from '../git/repo.js';
import { pipedAnswers } from '../review/answers.js';
import { commentsOn } from '../review/comments.js';
import { itemDetails, oidsToSize } from '../review/details.js';
import { readFlags, writeFlags } from '../review/flags.js';
import { listItems, listJson, listText, type Pending } from '../review/list.js';
import { withMoves } from '../review/moves.js';
import { acceptedItems, reviewRecord } from '../review/outcome.js';
import { pipedWalk } from '../review/piped.js';
import type { Unit } from '../review/state.js';
import { formatDuration } from '../review/text.js';
import type { Style } from '../report/style.js';
import { VERSION } from '../version.js';
import { styleFor } from './output.js';

export interface ReviewFlags {
  staged?: boolean;
  range?: string;
  list?: boolean;
  format: 'text' | 'json';
  resolve?: string;
  resolution: string[];
  config?: string;
  /** The local review page instead of the terminal walker. */
  web?: boolean;
  /** With --web: open the browser (--no-open prints the address only). */
  open?: boolean;
  /** With --web: minutes without activity before the page's server stops. */
  idle?: string;
}

async function resolveConcern(repo: Repo, flags: ReviewFlags, config: Config) {
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
  await recordEvidence(repo, config, [{ v: 1, type: 'resolve', id: newRecordId(), at: new Date().toISOString(), by, tool: VERSION, concern: id, text }]);
  process.stdout.write(`Resolved concern ${id}. Next: reviewgate check\n`);
}

/** Sizes of binary and deleted blobs, for their one screen. */
function blobSizes(repo: Repo, items: readonly Change['items'][number][]): Promise<Map<string, number>> {
  return objectSizes(repo.git, [...oidsToSize(items.map((j) => j.item))]);
}

export async function reviewCommand(flags: ReviewFlags): Promise<void> {
  if (flags.staged && flags.range) throw new UserError('--staged and --range cannot be used together', 'pick one target');
  const cwd = process.cwd();
  const repo = await openRepo(cwd);
  const { config } = await loadConfig(repo.root, flags.config ? resolve(cwd, flags.config) : undefined);
  if (flags.resolve !== undefined) return resolveConcern(repo, flags, config);

  const change = await collectChange(repo, config, flags.range ? { kind: 'range', spec: flags.range } : { kind: 'staged' });
  // Already-recorded evidence: the index holds what is committed plus what is staged.
  const evidence = await readEvidence(change.kind === 'staged' ? change.reader : await indexReader(repo.git), config);
  // The same rule as the gate: too-fast or piped-only reviews may not count (review.pace, require_interactive).
  const reviewed = reviewedKeys(evidence.records, config.review);
  const pending: Pending[] = change.items.map((judged) => ({ judged, missing: unreviewedKeys(judged.item, reviewed) })).filter((p) => p.missing.length > 0);
  const s = await styleFor(process.stdout);

  if (flags.list) {
    const listed = listItems(pending, evidence.records, reviewed, change.items);
    process.stdout.write(flags.format === 'json' ? listJson(listed) : listText(listed, s));
    return;
  }
  if (change.items.length === 0) {
    process.stdout.write(change.kind === 'staged' ? 'Nothing staged to review. Stage a change with git add first.\n' : 'No commits to review in that range.\n');
    return;
  }
  if (pending.length === 0) {
    // Keys bind content and neighbours, not line numbers or commits: after a rebase or a
    // force-push that changed nothing, every key is still covered.
    const what = change.kind === 'range' ? 'rebase only: nothing new to review — every changed line keeps its review' : 'Every changed line is already reviewed';
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
    accepted = acceptedItems(result.state.units, result.state.accepted, reviewed, (id) => result.clock.spentOn(id));
    comments = [...result.comments, ...result.resolves];
    durationMs = result.clock.totalMs;
  } else {
    const units: Unit[] = items.map((it, i) => ({ id: String(i), ...it }));
    const answers = pipedAnswers(process.stdin, process.stdout);
    stopPiped = () => answers.close();
    const notesFor = (u: Unit) => commentsOn(u.item.keys, evidence.records).map((c) => `${c.kind === 'note' ? 'note' : c.resolved ? 'concern (resolved)' : `concern ${c.id}`} by ${c.by}: ${c.text}`);
    const outcome = await pipedWalk({ units, reviewed: new Set(reviewed), details, notesFor, by, tool: VERSION, newId: newRecordId }, answers, s, (line) => process.stdout.write(`${line}\n`));
    answers.close();
    accepted = acceptedItems(units, outcome.acceptedIds, reviewed, (id) => outcome.clock.spentOn(id));
    comments = outcome.comments;
    durationMs = outcome.clock.totalMs;
  }
  const review = reviewRecord({ id: newRecordId(), at: new Date().toISOString(), by, tool: VERSION, mode: terminal ? 'terminal' : 'piped', durationMs }, accepted);
  const records: EvidenceRecord[] = review ? [review, ...comments] : comments;
  const written = await recordEvidence(repo, config, records);
  const acceptedKeys = new Set(accepted.flatMap((a) => a.keys));
  const left = pending.filter((p) => p.missing.some((k) => !acceptedKeys.has(k))).length;
  summarize({ review, comments, left, accepted: accepted.length, durationMs }, s, written[0], change, config);
  const stillOpen = openConcerns([...evidence.records, ...records], new Set(change.items.flatMap((j) => j.item.keys)));
  if (stillOpen.length > 0) process.stdout.write(`${stillOpen.length} open concern(s) block the review gate; resolve with reviewgate review --resolve <id> "<how>"\n`);
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
    const pace = sum.durationMs > 0 ? Math.round(lines / (sum.durationMs / 3_600_000)) : Infinity;
    if (pace > config.review.max_lines_per_hour) {
      process.stdout.write(s.yellow(`That is ${pace === Infinity ? 'no measurable time' : `${pace} lines/hour`}, faster than review.max_lines_per_hour (${config.review.max_lines_per_hour}); check will ${config.review.pace === 'fail' ? 'not count it' : 'warn'}.\n`));
    }
  }
  const left = sum.left;
  const fix = fixCommands(change);
  if (left > 0) process.stdout.write(`${left} item${left === 1 ? '' : 's'} still unreviewed. Next: ${s.bold(fix.review)}\n`);
  else if (change.kind === 'range') process.stdout.write(`Commit the evidence (git commit), then: ${s.bold(`reviewgate check --range ${change.spec}`)}\n`);
  else process.stdout.write(`Next: ${s.bold('reviewgate check')}\n`);
}
