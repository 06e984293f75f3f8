// Reads a plan file (`<evidence_dir>/plans/<name>.md`): YAML front matter written by the tool,
// then Markdown sections. Pure: the caller reads the file and passes its text. `yaml` is
// imported lazily because `check` only needs it when a plan exists.
import { loadYaml } from '../config/yaml.js';
import { UserError } from '../errors.js';

type PlanStatus = 'active' | 'done';

export interface PlanFrontMatter {
  readonly title: string;
  /** null when the plan was recorded on a detached HEAD. */
  readonly branch: string | null;
  /** ISO 8601. */
  readonly recorded_at: string;
  readonly status: PlanStatus;
  /** How much of the change already existed when the plan was recorded. */
  readonly change_at_record: { readonly files: number; readonly lines: number };
  /** Globs of the files this change means to touch, written by the person; absent = no scope. */
  readonly scope?: readonly string[];
}

export interface PlanSection {
  /** The heading's text as written. */
  readonly name: string;
  /** The name normalised for comparison with configured section names (see sectionKey). */
  readonly key: string;
  readonly level: number;
  /** 1-based line of the heading in the file. */
  readonly line: number;
  /** The text up to the next heading of the same or a higher level. */
  readonly body: string;
  /** False when the body holds only whitespace, HTML comments (the template's hints) or empty items. */
  readonly hasContent: boolean;
}

/** `[ ]` open, `[x]` done, `[~]` waived (with a reason after a dash). */
type ChecklistState = 'open' | 'done' | 'waived';

export interface ChecklistItem {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  readonly state: ChecklistState;
  /** The waiver's reason; null when not waived or when the reason is missing. */
  readonly reason: string | null;
}

interface OpenQuestion {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  /** Only `[x]` answers a question; `[ ]` and anything else leaves it open (fail closed). */
  readonly answered: boolean;
}

export interface Plan {
  readonly file: string;
  readonly frontMatter: PlanFrontMatter;
  /** Every level-1 and level-2 heading, in file order (duplicates kept: the gate reports them). */
  readonly sections: readonly PlanSection[];
  readonly checklist: readonly ChecklistItem[];
  readonly openQuestions: readonly OpenQuestion[];
}

const CHECKLIST_SECTION = 'Test checklist';
export const QUESTIONS_SECTION = 'Open questions';

/** 'Test  Checklist:' and 'test checklist' name the same section. */
export function sectionKey(name: string): string {
  return name.trim().replace(/:$/, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

interface BodyLine {
  readonly line: number;
  /** The line with HTML comments removed (a hint never counts, wherever it sits). */
  readonly text: string;
  readonly inFence: boolean;
}

export async function parsePlan(text: string, file: string): Promise<Plan> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const { frontMatter, bodyStart } = await parseFrontMatter(lines, file);
  const body = scanBody(lines, bodyStart);
  const sections = splitSections(body);
  const checklist: ChecklistItem[] = [];
  const openQuestions: OpenQuestion[] = [];
  for (const s of sections) {
    if (s.section.key === sectionKey(CHECKLIST_SECTION)) {
      for (const item of listItems(s.lines)) checklist.push(checklistItem(item, file));
    } else if (s.section.key === sectionKey(QUESTIONS_SECTION)) {
      for (const { line, mark, text: t } of listItems(s.lines)) {
        openQuestions.push({ file, line, text: t, answered: mark === 'x' || mark === 'X' });
      }
    }
  }
  return { file, frontMatter, sections: sections.map((s) => s.section), checklist, openQuestions };
}

// ---- front matter -------------------------------------------------------------------------

async function parseFrontMatter(lines: string[], file: string): Promise<{ frontMatter: PlanFrontMatter; bodyStart: number }> {
  const rerecord = `re-record the plan with \`reviewgate plan --from ${file}\``;
  if (lines[0]?.trimEnd() !== '---') {
    throw new UserError(`${file}:1: the plan has no front matter (the file must start with a "---" line)`, rerecord);
  }
  const close = lines.findIndex((l, i) => i > 0 && (l.trimEnd() === '---' || l.trimEnd() === '...'));
  if (close < 0) {
    throw new UserError(`${file}:1: the front matter is never closed`, `add a line "---" after the front matter in ${file}`);
  }
  const source = lines.slice(1, close).join('\n');
  const { parseDocument, LineCounter, isMap } = await loadYaml();
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, prettyErrors: false });
  // Front matter starts on file line 2, so a YAML line n is file line n + 1.
  const fileLine = (offset: number | undefined): number => (offset === undefined ? 1 : counter.linePos(offset).line + 1);
  const firstError = doc.errors[0];
  if (firstError) {
    const at = fileLine(firstError.pos[0]);
    throw new UserError(`${file}:${at}: invalid front matter: ${firstError.message.split('\n')[0]}`, `fix the YAML at ${file}:${at}`, { cause: firstError });
  }
  const lineOf = (...path: string[]): number => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    return node?.range ? fileLine(node.range[0]) : path.length > 1 ? lineOf(...path.slice(0, -1)) : 2;
  };
  const fail = (path: string[], what: string, fix: string): never => {
    const at = lineOf(...path);
    throw new UserError(`${file}:${at}: front matter "${path.join('.')}" ${what}`, `${fix} at ${file}:${at}`);
  };
  if (!isMap(doc.contents)) throw new UserError(`${file}:2: the front matter is not a mapping of keys to values`, rerecord);
  const raw = doc.toJS() as Record<string, unknown>;

  if (typeof raw.title !== 'string') fail(['title'], 'must be a string', 'write `title: <text>`');
  const branch = raw.branch ?? null;
  if (branch !== null && typeof branch !== 'string') fail(['branch'], 'must be a branch name or null', 'write `branch: <name>`');
  const recordedAt = raw.recorded_at instanceof Date ? raw.recorded_at.toISOString() : raw.recorded_at;
  if (typeof recordedAt !== 'string' || Number.isNaN(Date.parse(recordedAt))) {
    fail(['recorded_at'], 'must be an ISO 8601 time', 'write `recorded_at: 2026-01-31T12:00:00.000Z`');
  }
  const status = raw.status ?? 'active';
  if (status !== 'active' && status !== 'done') fail(['status'], 'must be "active" or "done"', 'write `status: active` or `status: done`');
  const car = raw.change_at_record;
  if (typeof car !== 'object' || car === null || Array.isArray(car)) {
    fail(['change_at_record'], 'must be `{ files: <n>, lines: <n> }`', 'write `change_at_record: { files: 0, lines: 0 }`');
  }
  const counts = car as Record<string, unknown>;
  for (const k of ['files', 'lines']) {
    const v = counts[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      fail(['change_at_record', k], 'must be a whole number ≥ 0', `write \`${k}: <n>\``);
    }
  }
  const scope = raw.scope === undefined || raw.scope === null ? undefined : typeof raw.scope === 'string' ? [raw.scope] : raw.scope;
  if (scope !== undefined && (!Array.isArray(scope) || scope.some((g) => typeof g !== 'string' || g.trim() === ''))) {
    fail(['scope'], 'must be a list of globs', 'write `scope: ["src/cart/**", "test/cart/**"]`');
  }
  return {
    frontMatter: {
      ...(scope !== undefined ? { scope: (scope as string[]).map((g) => g.trim()) } : {}),
      title: raw.title as string,
      branch: branch as string | null,
      recorded_at: recordedAt as string,
      status: status as PlanStatus,
      change_at_record: { files: counts.files as number, lines: counts.lines as number },
    },
    bodyStart: close + 1,
  };
}

// ---- body ---------------------------------------------------------------------------------

/** Marks fenced code and removes HTML comments (which may span lines), keeping line numbers. */
function scanBody(lines: string[], start: number): BodyLine[] {
  const out: BodyLine[] = [];
  let fence: string | null = null;
  let inComment = false;
  for (let i = start; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (fence !== null) {
      const closes = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(raw);
      out.push({ line: i + 1, text: raw, inFence: true });
      if (closes) fence = null;
      continue;
    }
    let text = '';
    let rest = raw;
    while (rest.length > 0) {
      if (inComment) {
        const end = rest.indexOf('-->');
        if (end < 0) { rest = ''; break; }
        rest = rest.slice(end + 3);
        inComment = false;
      } else {
        const open = rest.indexOf('<!--');
        if (open < 0) { text += rest; break; }
        text += rest.slice(0, open);
        rest = rest.slice(open + 4);
        inComment = true;
      }
    }
    const opens = inComment ? null : /^ {0,3}(`{3,}|~{3,})/.exec(text);
    if (opens?.[1]) fence = opens[1];
    out.push({ line: i + 1, text, inFence: opens !== null });
  }
  return out;
}

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;

function headingOf(l: BodyLine): { level: number; name: string } | null {
  if (l.inFence) return null;
  const m = HEADING.exec(l.text);
  if (!m?.[1]) return null;
  return { level: m[1].length, name: (m[2] ?? '').trim() };
}

/**
 * Level-1 and level-2 headings open sections; deeper headings are sub-headings inside them. A
 * `# Goal` therefore counts as the Goal section (people write that), and its body runs until the
 * next heading of the same or a higher level.
 */
function splitSections(body: BodyLine[]): { section: PlanSection; lines: BodyLine[] }[] {
  const heads = body.flatMap((l, i) => {
    const h = headingOf(l);
    return h ? [{ index: i, ...h }] : [];
  });
  const out: { section: PlanSection; lines: BodyLine[] }[] = [];
  for (const [n, h] of heads.entries()) {
    if (h.level > 2 || h.name === '') continue;
    const next = heads.slice(n + 1).find((o) => o.level <= h.level);
    const lines = body.slice(h.index + 1, next ? next.index : body.length);
    const hasContent = lines.some((l) => {
      if (l.inFence) return l.text.trim() !== '';
      const t = l.text.trim();
      return t !== '' && headingOf(l) === null && !/^[-*+]\s+\[[ xX~]\]$/.test(t);
    });
    out.push({
      section: { name: h.name, key: sectionKey(h.name), level: h.level, line: body[h.index]?.line ?? 0, body: lines.map((l) => l.text).join('\n'), hasContent },
      lines,
    });
  }
  return out;
}

function listItems(lines: BodyLine[]): { line: number; mark: string; text: string }[] {
  const out: { line: number; mark: string; text: string }[] = [];
  for (const l of lines) {
    if (l.inFence) continue;
    const m = /^\s*[-*+]\s+\[([ xX~])\]\s*(.*?)\s*$/.exec(l.text);
    if (m?.[1] !== undefined && m[2]) out.push({ line: l.line, mark: m[1], text: m[2] });
  }
  return out;
}

// A waiver's reason follows an em or en dash, or a spaced '--' or '-' (plain hyphens inside words
// such as "half-up" are not separators).
const WAIVER_SEPARATOR = /\s*[—–]\s*|\s+--?\s+/;

function checklistItem(item: { line: number; mark: string; text: string }, file: string): ChecklistItem {
  if (item.mark !== '~') {
    return { file, line: item.line, text: item.text, state: item.mark === ' ' ? 'open' : 'done', reason: null };
  }
  const sep = WAIVER_SEPARATOR.exec(item.text);
  if (!sep || sep.index === 0) return { file, line: item.line, text: item.text, state: 'waived', reason: null };
  const reason = item.text.slice(sep.index + sep[0].length).trim();
  return { file, line: item.line, text: item.text.slice(0, sep.index).trim(), state: 'waived', reason: reason === '' ? null : reason };
}
