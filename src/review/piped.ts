// The line-by-line walk: one answer per line from a pipe, like `git add -p` (DESIGN.md). Its
// output is a stable contract (scripts and tests read "Reviewed?"), so it prints each item once
// and asks. Piped answers have no pace: the record says `mode: 'piped'`.
import type { CommentRecord, Person } from '../evidence/types.js';
import type { Style } from '../report/style.js';
import type { AnswerSource } from './answers.js';
import { HELP, progressLine, renderItem } from './render.js';
import type { Unit } from './state.js';
import { printable } from './text.js';
import { ActiveClock } from './timing.js';

export interface PipedOutcome {
  readonly acceptedIds: string[];
  readonly comments: CommentRecord[];
  readonly clock: ActiveClock;
}

export interface PipedInput {
  readonly units: readonly Unit[];
  /** Updated as answers come (the rendering dims what is already reviewed). */
  readonly reviewed: Set<string>;
  readonly details: (unit: Unit) => string[];
  readonly notesFor: (unit: Unit) => string[];
  readonly by: Person;
  readonly tool: string;
  readonly newId: () => string;
}

export async function pipedWalk(input: PipedInput, answers: AnswerSource, s: Style, write: (line: string) => void, now: () => number = Date.now): Promise<PipedOutcome> {
  const clock = new ActiveClock(now);
  const outcome: PipedOutcome = { acceptedIds: [], comments: [], clock };
  const owedLines = (u: Unit) => u.item.lines.filter((l) => !input.reviewed.has(l.key)).length;
  let linesLeft = input.units.reduce((n, u) => n + owedLines(u), 0);
  for (const [i, unit] of input.units.entries()) {
    const { item } = unit;
    const missing = item.keys.filter((k) => !input.reviewed.has(k));
    write('');
    if (unit.commit) write(s.dim(`commit ${unit.commit.slice(0, 12)}`));
    const [header, ...body] = renderItem(item, s, input.reviewed);
    write(header ?? '');
    for (const note of input.notesFor(unit)) write(s.yellow(`  ${printable(note)}`));
    for (const line of body) write(line);
    for (const d of input.details(unit)) write(`  ${printable(d)}`);
    clock.tick(unit.id);
    for (;;) {
      const answer = await answers.next(`${progressLine(i, input.units.length, linesLeft, s)} ${s.bold('Reviewed?')} [y,n,q,c,!,?] `);
      clock.tick(unit.id);
      if (answer === null || answer.kind === 'q') {
        clock.tick(null);
        return outcome;
      }
      if (answer.kind === 'y') {
        outcome.acceptedIds.push(unit.id);
        linesLeft -= owedLines(unit);
        for (const k of missing) input.reviewed.add(k);
        break;
      }
      if (answer.kind === 'n') break;
      if (answer.kind === '?') {
        write(HELP);
        continue;
      }
      if (answer.kind === 'invalid') {
        write(s.yellow(`"${printable(answer.input)}" is not an answer; use y, n, q, c <note>, ! <concern> or ?`));
        continue;
      }
      if (!answer.text) {
        write(s.yellow(answer.kind === 'c' ? 'an empty note is not recorded' : 'an empty concern is not recorded'));
        continue;
      }
      outcome.comments.push({
        v: 1,
        type: answer.kind === 'c' ? 'note' : 'concern',
        id: input.newId(),
        at: new Date().toISOString(),
        by: input.by,
        tool: input.tool,
        keys: [...item.keys],
        path: item.path,
        line: item.lines[0]?.line ?? null,
        text: answer.text,
      });
      write(s.dim(answer.kind === 'c' ? 'note recorded' : 'concern recorded: it blocks the review gate until resolved'));
    }
  }
  clock.tick(null);
  return outcome;
}
