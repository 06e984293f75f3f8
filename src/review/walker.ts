// The terminal walker: draws the screen, reads keys, and keeps the clock. Everything it decides
// lives in state.ts (answers, paging), screen.ts (layout) and keys.ts (decoding); this file is
// the I/O around them. It never writes evidence: it returns what was answered, and the command
// records it — also after Ctrl-C, end of input or a closed terminal (SIGHUP).
import type { CommentRecord, EvidenceRecord, Person, ResolveRecord } from '../evidence/types.js';
import type { Style } from '../report/style.js';
import { commentsOn, firstOpenConcern } from './comments.js';
import { flaggedUnits } from './comeback.js';
import { charOf, decodeKeys, editLine, type Key } from './keys.js';
import type { MoveInfo } from './moves.js';
import { progressOf, progressLabel } from './progress.js';
import { renderItem } from './render.js';
import { layout, pageLabel, tooLongToShow, tooSmall } from './screen.js';
import { KeyTimer } from './input.js';
import { PageLog } from './pages.js';
import { initialState, reduce, type Action, type Unit, type WalkState } from './state.js';
import { ActiveClock } from './timing.js';
import { fit, printable } from './text.js';
import { formatDuration } from '../run/duration.js';
import { filesFor, gotoIndex, HINTS, WALKER_HELP } from './walker-text.js';
import { hunkWords, type Segment } from './words.js';

export interface WalkInput {
  readonly items: readonly { item: Unit['item']; commit?: string; move?: MoveInfo }[];
  /** Keys flagged "come back" in an earlier session (flags.ts): those units come last. */
  readonly flags?: ReadonlySet<string>;
  readonly reviewed: ReadonlySet<string>;
  /** Evidence already recorded (notes, concerns and resolutions are shown on their hunks). */
  readonly records: readonly EvidenceRecord[];
  readonly details: (unit: Unit) => string[];
  readonly by: Person;
  readonly tool: string;
  readonly newId: () => string;
}

export interface WalkResult {
  readonly state: WalkState;
  readonly clock: ActiveClock;
  /** What of each hunk was on screen, and for how long. */
  readonly pages: PageLog;
  /** How the keys arrived. */
  readonly keys: KeyTimer;
  readonly comments: readonly CommentRecord[];
  readonly resolves: readonly ResolveRecord[];
}

type Mode = { kind: 'keys' } | { kind: 'help' } | { kind: 'prompt'; purpose: 'note' | 'concern' | 'resolve' | 'goto'; text: string; concern?: string };

const ENTER = '\x1b[?1049h\x1b[?1004h\x1b[?25l';
const LEAVE = '\x1b[?1004l\x1b[?25h\x1b[?1049l';

export function terminalWalk(input: WalkInput, tty: { in: NodeJS.ReadStream; out: NodeJS.WriteStream; style: Style; now?: () => number }): Promise<WalkResult> {
  const { style: s } = tty;
  const now = tty.now ?? Date.now;
  const clock = new ActiveClock(now);
  const pages = new PageLog();
  const keys = new KeyTimer(now);
  // Active time goes to the stretch of the hunk on screen as well as to the unit.
  const timed = (step: () => void) => {
    const before = clock.totalMs;
    step();
    pages.charge(clock.totalMs - before);
  };
  const flags = input.flags ?? new Set<string>();
  let state = initialState(input.items, input.reviewed, flaggedUnits(input.items.map((it, i) => ({ id: String(i), item: it.item })), flags));
  const words = new Map<string, Map<number, Segment[]>>();
  const wordsOf = (u: Unit) => {
    let w = words.get(u.id);
    if (!w) words.set(u.id, (w = u.item.hunk ? hunkWords(u.item.hunk.lines) : new Map()));
    return w;
  };
  let mode: Mode = { kind: 'keys' };
  let message = '';
  let page = 1;
  let plainShown = '';
  let fullScreen = false;
  const comments: CommentRecord[] = [];
  const resolves: ResolveRecord[] = [];
  const records = (): EvidenceRecord[] => [...input.records, ...comments, ...resolves];
  // A closed terminal fails writes with EIO; what was answered must still be recorded.
  const write = (text: string) => {
    try {
      tty.out.write(text);
    } catch {
      /* the terminal is gone */
    }
  };
  const onOutError = () => {};
  tty.out.on('error', onOutError);

  const unit = () => state.units[state.index] as Unit;
  const status = (compact = false) => {
    const u = unit();
    const pageInfo = pageLabel(u.item, state.scroll, page);
    const flag = state.flagged.has(u.id) ? '⚑ flagged · ' : '';
    const p = progressOf(state.units, state.reviewed);
    const progress = compact ? `reviewed ${p.overall.done}/${p.overall.total}` : progressLabel(p, u.item.path);
    return `${flag}hunk ${state.index + 1} of ${state.units.length} · ${progress} · ${formatDuration(clock.totalMs)} active${pageInfo}`;
  };
  const bottom = () => {
    if (mode.kind === 'prompt') {
      const label = { note: 'note', concern: 'concern', resolve: `how was concern ${mode.concern?.slice(0, 8)} settled`, goto: 'go to file (prefix or number)' }[mode.purpose];
      return `${label}: ${mode.text}`;
    }
    return message || HINTS;
  };

  const draw = () => {
    if (state.finished) return;
    const width = tty.out.columns || 80;
    const height = tty.out.rows || 24;
    if (tooSmall(width, height)) return drawPlain(width, height);
    if (!fullScreen) {
      write(ENTER);
      fullScreen = true;
    }
    let rows: string[];
    if (mode.kind === 'help' || (mode.kind === 'prompt' && mode.purpose === 'goto')) pages.hide();
    if (mode.kind === 'help') rows = WALKER_HELP.split('\n').slice(0, height);
    else if (mode.kind === 'prompt' && mode.purpose === 'goto') {
      rows = ['Go to a file — type a path prefix, or a number from the list, then Enter (Esc cancels):', ''];
      rows.push(...filesFor(state, mode.text).slice(0, height - 4).map((f, i) => fit(`${String(i + 1).padStart(3)}  ${printable(f.path)}  (${f.owed} owed)`, width)));
      while (rows.length < height - 1) rows.push('');
      rows.push(bottom());
    } else {
      const u = unit();
      const frame = () => layout({ item: u.item, ...(u.commit ? { commit: u.commit } : {}), details: input.details(u), comments: commentsOn(u.item.keys, records()), reviewed: state.reviewed, scroll: state.scroll, width, height, status: status(), bottom: bottom(), words: wordsOf(u), ...(u.move ? { move: moveLabel(u.move) } : {}) }, s);
      let screen = frame();
      // The status line names the page, which is only known once the screen is laid out: the
      // first frame (and a resize) lays out twice.
      if (screen.page !== page) {
        page = screen.page;
        screen = frame();
      }
      rows = screen.rows;
      pages.show(u.id, u.item.hunk?.lines.length ?? 0, screen.shown.from, screen.shown.to);
    }
    write(`\x1b[H${rows.map((r) => `${r}\x1b[K`).join('\r\n')}\x1b[J${mode.kind === 'prompt' ? '\x1b[?25h' : '\x1b[?25l'}`);
  };

  // Below MIN_WIDTH x MIN_HEIGHT a screen cannot hold a hunk: print each unit once, top to
  // bottom, and let the terminal scroll, like the piped view.
  const drawPlain = (width: number, height: number) => {
    if (fullScreen) {
      write(LEAVE);
      fullScreen = false;
    }
    const u = unit();
    const shown = `${u.id}:${state.scroll}`;
    if (plainShown === '') write(`The terminal (${width}x${height}) is too small to draw a hunk; showing plain lines.\r\n`);
    if (plainShown !== shown) {
      plainShown = shown;
      const lines = renderItem(u.item, s, state.reviewed);
      for (const c of commentsOn(u.item.keys, records())) lines.splice(1, 0, printable(`${c.kind}: ${c.text}`));
      write(`\r\n${[...lines, ...input.details(u).map(printable)].join('\r\n')}\r\n`);
    }
    // The plain view prints the whole unit.
    const total = u.item.hunk?.lines.length ?? 0;
    pages.show(u.id, total, 0, total);
    write(`\r\x1b[K${status(true)} ${mode.kind === 'prompt' ? bottom() : `${message ? `${message} ` : ''}Reviewed? [y,n,s,j,k,g,c,!,r,?,q] `}`);
  };

  return new Promise<WalkResult>((resolvePromise) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      timed(() => clock.tick(null));
      tty.in.off('data', onData);
      tty.in.off('end', finish);
      tty.in.off('close', finish);
      tty.in.off('error', finish);
      // A hung-up terminal keeps failing reads with EIO after the walk: never let that crash the
      // recording that follows.
      tty.in.on('error', () => {});
      tty.out.off('resize', draw);
      for (const [sig, fn] of signals) process.off(sig, fn);
      if (fullScreen) write(LEAVE);
      else write('\r\n');
      try {
        if (tty.in.isTTY) tty.in.setRawMode(false);
      } catch {
        /* the terminal is gone */
      }
      tty.in.pause();
      resolvePromise({ state, clock, pages, keys, comments, resolves });
    };
    const suspend = () => {
      timed(() => clock.pause());
      if (fullScreen) write(LEAVE);
      fullScreen = false;
      try {
        if (tty.in.isTTY) tty.in.setRawMode(false);
      } catch {
        return finish();
      }
      // SIGSTOP, not SIGTSTP: our own SIGTSTP handler would catch it again.
      process.kill(process.pid, 'SIGSTOP');
    };
    // A hung-up terminal's process group gets SIGHUP then SIGCONT: by then the walk is over.
    const onCont = () => {
      if (done) return;
      try {
        if (tty.in.isTTY) tty.in.setRawMode(true);
      } catch {
        return finish();
      }
      clock.resume();
      draw();
    };
    const signals: [NodeJS.Signals, () => void][] = [['SIGHUP', finish], ['SIGTERM', finish], ['SIGINT', finish], ['SIGTSTP', suspend], ['SIGCONT', onCont]];
    for (const [sig, fn] of signals) process.on(sig, fn);

    const apply = (action: Action) => {
      state = reduce(state, action);
    };
    const onKey = (key: Key) => {
      if (key === 'focus-out') return timed(() => clock.pause());
      if (key === 'focus-in') return clock.resume();
      timed(() => clock.tick(unit().id));
      message = '';
      if (mode.kind === 'help') {
        mode = { kind: 'keys' };
        return;
      }
      if (mode.kind === 'prompt') return onPromptKey(mode, key);
      const ch = charOf(key);
      if (ch === 'q' || key === 'ctrl-c' || key === 'ctrl-d') return finish();
      if (key === 'ctrl-z') return suspend();
      if (ch === 'y') {
        // Every row of the hunk must have been on screen: a `y` on its first page is not a review of the rest.
        // A line longer than the whole screen was never on it: its hunk cannot be accepted here.
        const gap = pages.unseen(unit().id);
        if (fullScreen && tooLongToShow(unit().item, tty.out.columns || 80, tty.out.rows || 24)) message = 'a line of this hunk is longer than the screen: widen the terminal, or answer n';
        else if (gap === null) {
          const move = unit().move;
          apply({ type: 'accept' });
          if (move) message = `confirmed as a move from ${move.from}:${move.fromLine}`;
        }
        else message = unit().item.hunk ? `page through the whole hunk before answering y: lines ${gap.from}-${gap.to} were not on screen yet (space pages)` : 'this change was not on screen yet';
      } else if (ch === 'f') {
        const id = unit().id;
        apply({ type: 'flag' });
        message = state.flagged.has(id) ? 'flagged: come back to it (not reviewed, not a concern)' : 'flag removed';
      } else if (ch === 'h') {
        apply({ type: 'toggle-reviewed' });
        message = state.hideReviewed ? 'j/k skip reviewed hunks' : 'j/k show reviewed hunks too';
      }
      else if (ch === 'n') apply({ type: 'later' });
      else if (ch === 's') {
        const before = state.units.length;
        apply({ type: 'split' });
        message = state.units.length > before ? `split into ${state.units.length - before + 1} parts` : 'this hunk has no unchanged lines inside: it cannot split';
      } else if (ch === 'j' || key === 'right') apply({ type: 'move', by: 1 });
      else if (ch === 'k' || key === 'left') apply({ type: 'move', by: -1 });
      else if (ch === ' ' || key === 'pagedown') apply({ type: 'scroll', by: page, page });
      else if (ch === 'b' || key === 'pageup') apply({ type: 'scroll', by: -page, page });
      else if (key === 'down') apply({ type: 'scroll', by: 1, page });
      else if (key === 'up') apply({ type: 'scroll', by: -1, page });
      else if (key === 'home') apply({ type: 'scroll', by: -Infinity, page });
      else if (key === 'end') apply({ type: 'scroll', by: Infinity, page });
      else if (ch === '?') mode = { kind: 'help' };
      else if (ch === 'c') mode = { kind: 'prompt', purpose: 'note', text: '' };
      else if (ch === '!') mode = { kind: 'prompt', purpose: 'concern', text: '' };
      else if (ch === 'g') mode = { kind: 'prompt', purpose: 'goto', text: '' };
      else if (ch === 'r') {
        const open = firstOpenConcern(unit().item.keys, records());
        if (open) mode = { kind: 'prompt', purpose: 'resolve', text: '', concern: open.id };
        else message = 'no open concern on this hunk';
      } else if (key !== 'ctrl-l') message = 'not a key here; press ? for help';
      if (state.finished) finish();
    };
    const onPromptKey = (m: Extract<Mode, { kind: 'prompt' }>, key: Key) => {
      const edit = editLine(m.text, key);
      if (edit.done === null) {
        mode = { ...m, text: edit.text };
        return;
      }
      mode = { kind: 'keys' };
      const text = edit.text.trim();
      if (edit.done === 'cancel') return;
      if (m.purpose === 'goto') {
        const index = gotoIndex(state, text);
        if (index === null) message = `no file matches "${text}"`;
        else apply({ type: 'goto', index });
        return;
      }
      if (text === '') {
        message = `an empty ${m.purpose === 'resolve' ? 'resolution' : m.purpose} is not recorded`;
        return;
      }
      const base = { v: 1 as const, id: input.newId(), at: new Date().toISOString(), by: input.by, tool: input.tool, text };
      if (m.purpose === 'resolve') {
        resolves.push({ ...base, type: 'resolve', concern: m.concern ?? '' });
        message = 'concern resolved';
        return;
      }
      const u = unit();
      const first = u.item.lines[0]?.line ?? null;
      comments.push({ ...base, type: m.purpose, keys: [...u.item.keys], path: u.item.path, line: first });
      message = m.purpose === 'note' ? 'note recorded' : 'concern recorded: it blocks the review gate until resolved';
    };
    const onData = (data: Buffer | string) => {
      const at = now();
      let inRead = 0;
      for (const key of decodeKeys(typeof data === 'string' ? data : data.toString('utf8'))) {
        if (done) return;
        // Keys on the walker's screens are timed; text typed into a prompt and focus reports are not.
        if (mode.kind !== 'prompt' && key !== 'focus-in' && key !== 'focus-out') keys.key(inRead++, charOf(key) === 'y' || charOf(key) === 'n', at);
        onKey(key);
      }
      keys.read(at);
      if (!done) draw();
    };

    if (state.finished) return finish();
    tty.in.setRawMode(true);
    tty.in.on('data', onData);
    tty.in.once('end', finish);
    tty.in.once('close', finish);
    // A hung-up terminal fails reads with EIO: that is a quit, not a crash.
    tty.in.on('error', finish);
    tty.out.on('resize', draw);
    tty.in.resume();
    clock.tick(unit().id);
    draw();
  });
}

/** The line a moved block shows under its header. */
function moveLabel(move: MoveInfo): string {
  return `moved from ${move.from}:${move.fromLine}, unchanged — y confirms the move (its lines keep their own keys)`;
}
