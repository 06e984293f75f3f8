// `reviewgate review`: walk the unreviewed hunks, record what a person accepted, stage it.
import { resolve } from 'node:path';
import { collectChange, type Change } from '../check/change.js';
import { fixCommands } from '../check/check.js';
import { readEvidence } from '../check/inputs.js';
import { loadConfig } from '../config/load.js';
import type { ReviewItem } from '../diff/model.js';
import { UserError } from '../errors.js';
import { recordEvidence } from '../evidence/record.js';
import { newRecordId } from '../evidence/store.js';
import type { CommentRecord, EvidenceRecord, Person } from '../evidence/types.js';
import { openConcerns, reviewedKeys, unreviewedKeys, type JudgedItem } from '../gates/review.js';
import { indexReader } from '../git/content.js';
import { gitUser, openRepo, type Repo } from '../git/repo.js';
import { pipedAnswers, terminalAnswers, type AnswerSource } from '../review/answers.js';
import { HELP, progressLine, renderItem } from '../review/render.js';
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
}

interface Pending {
  readonly judged: JudgedItem;
  readonly missing: readonly string[];
}

function pendingItems(change: Change, reviewed: ReadonlySet<string>): Pending[] {
  return change.items
    .map((judged) => ({ judged, missing: unreviewedKeys(judged.item, reviewed) }))
    .filter((p) => p.missing.length > 0);
}

function firstLine(item: ReviewItem): number | null {
  return item.lines[0]?.line ?? null;
}

function listJson(pending: readonly Pending[]): string {
  const items = pending.map(({ judged: { item, commit }, missing }) => {
    const missingSet = new Set(missing);
    return {
      file: item.path,
      kind: item.kind,
      ...(commit ? { commit } : {}),
      summary: item.kind === 'lines' ? `${missing.length} changed lines` : item.summary,
      lines: item.lines.filter((l) => missingSet.has(l.key)).map((l) => ({ side: l.side, line: l.line, text: l.text })),
    };
  });
  return `${JSON.stringify({ items })}\n`;
}

function listText(pending: readonly Pending[], s: Style): string {
  if (pending.length === 0) return 'Nothing left to review.\n';
  const lines = pending.map(({ judged: { item, commit }, missing }) => {
    const at = firstLine(item);
    const where = at !== null ? `${item.path}:${at}` : item.path;
    const what = item.kind === 'lines' ? `${missing.length} changed line${missing.length === 1 ? '' : 's'}` : item.summary;
    return `${s.cyan(where)}  ${what}${commit ? s.dim(` (commit ${commit.slice(0, 7)})`) : ''}`;
  });
  return `${lines.join('\n')}\n`;
}

async function resolveConcern(repo: Repo, flags: ReviewFlags, config: Parameters<typeof recordEvidence>[1]) {
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

export async function reviewCommand(flags: ReviewFlags): Promise<void> {
  if (flags.staged && flags.range) throw new UserError('--staged and --range cannot be used together', 'pick one target');
  const cwd = process.cwd();
  const repo = await openRepo(cwd);
  const { config } = await loadConfig(repo.root, flags.config ? resolve(cwd, flags.config) : undefined);
  if (flags.resolve !== undefined) return resolveConcern(repo, flags, config);

  const change = await collectChange(repo, config, flags.range ? { kind: 'range', spec: flags.range } : { kind: 'staged' });
  // Already-recorded evidence: the index holds what is committed plus what is staged.
  const evidence = await readEvidence(change.kind === 'staged' ? change.reader : await indexReader(repo.git), config);
  const reviewed = reviewedKeys(evidence.records);
  const pending = pendingItems(change, reviewed);
  const s = await styleFor(process.stdout);

  if (flags.list) {
    process.stdout.write(flags.format === 'json' ? listJson(pending) : listText(pending, s));
    return;
  }
  if (change.items.length === 0) {
    process.stdout.write(change.kind === 'staged' ? 'Nothing staged to review. Stage a change with git add first.\n' : 'No commits to review in that range.\n');
    return;
  }
  if (pending.length === 0) {
    process.stdout.write(`Every changed line is already reviewed. Next: ${s.bold('reviewgate check')}\n`);
    return;
  }
  const by = await gitUser(repo.git);
  const answers =
    process.stdin.isTTY && process.stdout.isTTY ? terminalAnswers(process.stdin, process.stdout) : pipedAnswers(process.stdin, process.stdout);
  const outcome = await walk(pending, answers, s, reviewed, by);
  answers.close();
  const records: EvidenceRecord[] = [...outcome.comments];
  if (outcome.keys.length > 0) {
    records.unshift({
      v: 1,
      type: 'review',
      id: newRecordId(),
      at: new Date().toISOString(),
      by,
      tool: VERSION,
      mode: answers.mode,
      keys: outcome.keys,
      durationMs: outcome.durationMs,
      lines: outcome.lines,
    });
  }
  const written = await recordEvidence(repo, config, records);
  summarize(outcome, pending, s, written[0], change);
  const stillOpen = openConcerns([...evidence.records, ...records], new Set(change.items.flatMap((j) => j.item.keys)));
  if (stillOpen.length > 0) process.stdout.write(`${stillOpen.length} open concern(s) block the review gate; resolve with reviewgate review --resolve <id> "<how>"\n`);
}

interface Outcome {
  keys: string[];
  lines: number;
  hunks: number;
  comments: CommentRecord[];
  durationMs: number;
  quit: boolean;
}

async function walk(pending: readonly Pending[], answers: AnswerSource, s: Style, reviewed: Set<string>, by: Person): Promise<Outcome> {
  const started = Date.now();
  const outcome: Outcome = { keys: [], lines: 0, hunks: 0, comments: [], durationMs: 0, quit: false };
  let linesLeft = pending.reduce((n, p) => n + p.missing.length, 0);
  const write = (text: string) => process.stdout.write(`${text}\n`);
  for (let i = 0; i < pending.length && !outcome.quit; i++) {
    const { judged, missing } = pending[i] as Pending;
    const { item } = judged;
    write('');
    if (judged.commit) write(s.dim(`commit ${judged.commit.slice(0, 12)}`));
    for (const line of renderItem(item, s, reviewed)) write(line);
    for (;;) {
      const answer = await answers.next(`${progressLine(i, pending.length, linesLeft, s)} ${s.bold('Reviewed?')} [y,n,q,c,!,?] `);
      if (answer === null || answer.kind === 'q') {
        outcome.quit = true;
        break;
      }
      if (answer.kind === 'y') {
        outcome.keys.push(...missing);
        for (const k of missing) reviewed.add(k);
        outcome.lines += item.kind === 'lines' ? missing.length : 0;
        outcome.hunks += 1;
        linesLeft -= missing.length;
        break;
      }
      if (answer.kind === 'n') break;
      if (answer.kind === '?') {
        write(HELP);
        continue;
      }
      if (answer.kind === 'invalid') {
        write(s.yellow(`"${answer.input}" is not an answer; use y, n, q, c <note>, ! <concern> or ?`));
        continue;
      }
      if (!answer.text) {
        write(s.yellow(answer.kind === 'c' ? 'an empty note is not recorded' : 'an empty concern is not recorded'));
        continue;
      }
      outcome.comments.push({
        v: 1,
        type: answer.kind === 'c' ? 'note' : 'concern',
        id: newRecordId(),
        at: new Date().toISOString(),
        by,
        tool: VERSION,
        keys: [...item.keys],
        path: item.path,
        line: firstLine(item),
        text: answer.text,
      });
      write(s.dim(answer.kind === 'c' ? 'note recorded' : 'concern recorded: it blocks the review gate until resolved'));
    }
  }
  outcome.durationMs = Date.now() - started;
  return outcome;
}

function summarize(outcome: Outcome, pending: readonly Pending[], s: Style, file: string | undefined, change: Change): void {
  const left = pending.length - outcome.hunks;
  const secs = Math.round(outcome.durationMs / 1000);
  const notes = outcome.comments.filter((c) => c.type === 'note').length;
  const concerns = outcome.comments.length - notes;
  const parts = [`reviewed ${outcome.hunks} item${outcome.hunks === 1 ? '' : 's'} (${outcome.lines} lines) in ${secs}s`];
  if (notes) parts.push(`${notes} note${notes === 1 ? '' : 's'}`);
  if (concerns) parts.push(`${concerns} concern${concerns === 1 ? '' : 's'}`);
  process.stdout.write(`\n${parts.join(', ')}${file ? s.dim(` — recorded in ${file} (staged)`) : ''}\n`);
  const fix = fixCommands(change);
  if (left > 0) process.stdout.write(`${left} item${left === 1 ? '' : 's'} still unreviewed. Next: ${s.bold(fix.review)}\n`);
  else if (change.kind === 'range') process.stdout.write(`Commit the evidence (git commit), then: ${s.bold(`reviewgate check --range ${change.spec}`)}\n`);
  else process.stdout.write(`Next: ${s.bold('reviewgate check')}\n`);
}
