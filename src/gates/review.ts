// The review gate: every changed line (and every non-line change) was accepted by a person,
// on exactly this content. Pure: items and evidence in, findings out.
import type { ChangedLineRef, ReviewItem } from '../diff/model.js';
import type { CommentRecord, EvidenceRecord, ReviewRecord } from '../evidence/types.js';
import { DEFAULT_FAIL_LINES_PER_HOUR, beyondReading, countedKeys, keysByItem, itemsBeyondReading, notFromPerson, pipedPolicy, tooFast, type PaceSettings } from './pace.js';
import { itemReads } from './reads.js';
import { LEGACY_KEY } from '../diff/keys.js';
import { hiddenCharacters } from '../report/visible.js';
import * as words from '../report/wording.js';
import { flagFindings, type Acknowledge } from './flags.js';
import { gateResult, type Finding, type GateResult } from './types.js';

export interface JudgedItem {
  readonly item: ReviewItem;
  /** The commit the item belongs to, in range mode. */
  readonly commit?: string;
}

export interface ReviewGateInput {
  readonly items: readonly JudgedItem[];
  /** Paths left out of line review by `review.ignore`: listed, never silently dropped. */
  readonly ignored: readonly string[];
  readonly records: readonly EvidenceRecord[];
  readonly required: boolean;
  /** The command that records reviews for this target. */
  readonly fix: string;
  /** `review.pace`, `max_lines_per_hour`, `require_interactive`; without them every review counts. */
  readonly settings?: PaceSettings;
  /** `ai.acknowledge`: what an unanswered AI flag on this change draws (nothing when absent). */
  readonly acknowledge?: Acknowledge;
}

/**
 * Keys accepted by a review that counts: with require_interactive only terminal reviews count,
 * with pace: fail a review read faster than max_lines_per_hour does not, and (unless pace: off)
 * neither does a review or an item read faster than max_lines_per_hour_fail, nor a review whose
 * keys came from a program (gates/pace.ts).
 */
export function reviewedKeys(records: readonly EvidenceRecord[], settings?: PaceSettings): Set<string> {
  const keys = new Set<string>();
  for (const r of records) if (r.type === 'review') for (const k of countedKeys(r, settings)) keys.add(k);
  return keys;
}

/**
 * Concerns without a resolution, whose hunk is part of the change. A concern recorded with keys
 * of an earlier key version cannot be matched to its hunk any more: it stays open while its file
 * is part of the change (fail closed), until resolved.
 */
export function openConcerns(records: readonly EvidenceRecord[], changeKeys: ReadonlySet<string>, changePaths?: ReadonlySet<string>): CommentRecord[] {
  const resolved = new Set(records.flatMap((r) => (r.type === 'resolve' ? [r.concern] : [])));
  return records.filter(
    (r): r is CommentRecord =>
      r.type === 'concern' &&
      !resolved.has(r.id) &&
      (r.keys.some((k) => changeKeys.has(k)) || (changePaths !== undefined && changePaths.has(r.path) && r.keys.some((k) => k.startsWith(LEGACY_KEY)))),
  );
}

/** The item's keys that nobody has accepted yet. */
export function unreviewedKeys(item: ReviewItem, reviewed: ReadonlySet<string>): string[] {
  return item.keys.filter((k) => !reviewed.has(k));
}

export function evaluateReview(input: ReviewGateInput): GateResult {
  const reviewed = reviewedKeys(input.records, input.settings);
  const findings: Finding[] = [];
  let totalLines = 0;
  let doneLines = 0;
  let totalOther = 0;
  let doneOther = 0;
  const changeKeys = new Set<string>();
  // Which items have every key reviewed (itemReads asks the same).
  const done: boolean[] = [];
  for (const { item, commit } of input.items) {
    for (const k of item.keys) changeKeys.add(k);
    // Lines are counted as lines and every other change (an empty file's item included) as one
    // item: never keys, which would mix the two and could go negative.
    if (item.lines.length > 0) {
      const missing = item.lines.filter((l) => !reviewed.has(l.key));
      totalLines += item.lines.length;
      doneLines += item.lines.length - missing.length;
      // An item's keys are its lines' keys (diff/items.ts); were they ever not, ask the keys.
      const keysAreLines = item.keys.length === item.lines.length && item.keys.every((k, i) => k === item.lines[i]?.key);
      done.push(keysAreLines ? missing.length === 0 : item.keys.every((k) => reviewed.has(k)));
      if (missing.length === 0) continue;
      findings.push(words.unreviewedLines(item.path, missing.length, item.lines.length, (missing[0] as ChangedLineRef).line, commit, input.fix));
    } else {
      totalOther += 1;
      const acknowledged = unreviewedKeys(item, reviewed).length === 0;
      done.push(acknowledged);
      if (acknowledged) {
        doneOther += 1;
        continue;
      }
      findings.push(words.unreviewedItem(item.path, item.summary, commit, input.fix));
    }
  }
  findings.push(...hiddenCharacterFindings(input.items));
  for (const concern of openConcerns(input.records, changeKeys, new Set(input.items.map((j) => j.item.path)))) {
    findings.push(words.openConcern(concern));
  }
  if (input.acknowledge) findings.push(...flagFindings(input.records, changeKeys, input.acknowledge));
  if (input.settings) findings.push(...paceFindings(input.records, input.items, changeKeys, reviewed, input.settings, input.fix));
  if (input.ignored.length > 0) {
    findings.push(words.ignoredPaths(input.ignored));
  }
  return { ...gateResult('review', input.required, words.reviewSummary(doneLines, totalLines, doneOther, totalOther), findings), reads: itemReads(input.items, input.records, reviewed, done) };
}

/**
 * Added lines holding bidirectional controls or invisible characters (Trojan Source): the reviewer
 * reads one thing and the compiler another. The walker shows them as ⟨U+202E⟩; an embedding,
 * override or isolate is an error whatever the review says (as rustc denies it), an invisible
 * character a warning. Written as an escape (`\u202E`) the text means the same and is visible.
 */
function hiddenCharacterFindings(items: readonly JudgedItem[]): Finding[] {
  const findings: Finding[] = [];
  for (const { item, commit } of items) {
    for (const l of item.lines) {
      if (l.side !== '+') continue;
      const found = hiddenCharacters(l.text, l.line === 1);
      if (found.bidi.length > 0) findings.push(words.hiddenCharacter('bidi', found.bidi, item.path, l.line, commit));
      else if (found.invisible.length > 0) findings.push(words.hiddenCharacter('invisible', found.invisible, item.path, l.line, commit));
    }
  }
  return findings;
}

/** One finding per too-fast review of this change; one for keys only piped answers accepted. */
function paceFindings(records: readonly EvidenceRecord[], items: readonly JudgedItem[], changeKeys: ReadonlySet<string>, counted: ReadonlySet<string>, settings: PaceSettings, fix: string): Finding[] {
  const reviews = records.filter((r): r is ReviewRecord => r.type === 'review' && r.keys.some((k) => changeKeys.has(k)));
  const findings: Finding[] = [];
  const failLimit = settings.max_lines_per_hour_fail ?? DEFAULT_FAIL_LINES_PER_HOUR;
  for (const r of reviews) {
    // A piped review that does not count at all is reported once, below, not as too fast.
    if (r.mode === 'piped' && pipedPolicy(settings) === 'refuse') continue;
    const machine = settings.pace === 'off' ? null : notFromPerson(r);
    if (machine !== null) {
      findings.push(words.notTypedByPerson(r, machine, fix));
      continue;
    }
    if (beyondReading(r, settings)) {
      findings.push(words.beyondReading(r, failLimit, fix));
      continue;
    }
    const fast = itemsBeyondReading(r, settings);
    if (fast.length > 0) {
      const where = itemLocator(items);
      const byItem = keysByItem(r) ?? [];
      const named = fast.map((i) => {
        const it = r.items?.[i];
        if (!it) return '';
        const at = (byItem[i] ?? []).map((k) => where.get(k)).find((w) => w !== undefined) ?? words.GONE_ITEM;
        return words.fastItem(at, it.lines, it.activeMs);
      });
      findings.push(words.itemsBeyondReading(r, named, failLimit, fix));
    }
    if (!tooFast(r, settings)) continue;
    findings.push(words.tooFast(r, settings.max_lines_per_hour, settings.pace === 'fail', fix));
  }
  const piped = pipedPolicy(settings);
  const pipedReviews = reviews.filter((r) => r.mode === 'piped');
  if (piped === 'refuse') {
    const pipedOnly = new Set(pipedReviews.flatMap((r) => r.keys.filter((k) => changeKeys.has(k) && !counted.has(k))));
    if (pipedOnly.size > 0) {
      const rule = settings.require_interactive ? 'review.require_interactive' : 'review.piped: refuse';
      findings.push(words.pipedRefused(pipedOnly.size, rule, fix));
    }
  } else if (piped === 'warn' && pipedReviews.length > 0) {
    findings.push(words.pipedWarned(pipedReviews.length, fix));
  }
  const agentPolicy = settings.agent ?? 'allow';
  const byAgent = records.filter((r) => r.agent !== undefined && (r.type === 'review' ? r.keys.some((k) => changeKeys.has(k)) : r.type === 'resolve'));
  if (agentPolicy !== 'allow' && byAgent.length > 0) {
    const agents = [...new Set(byAgent.map((r) => r.agent as string))];
    findings.push(words.fromAgent(byAgent.length, agents, agentPolicy === 'refuse', fix));
  }
  return findings;
}

/** Where each key of the change is, as `path:line` (the first line of its item) or the path. */
function itemLocator(items: readonly JudgedItem[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const { item, commit } of items) {
    const first = item.lines[0];
    const at = `${first ? `${item.path}:${first.line}` : item.path}${words.inCommit(commit)}`;
    for (const k of item.keys) out.set(k, at);
  }
  return out;
}
