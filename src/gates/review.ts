// The review gate: every changed line (and every non-line change) was accepted by a person,
// on exactly this content. Pure: items and evidence in, findings out.
import type { ChangedLineRef, ReviewItem } from '../diff/model.js';
import type { CommentRecord, EvidenceRecord, ReviewRecord } from '../evidence/types.js';
import { DEFAULT_FAIL_LINES_PER_HOUR, beyondReading, countedKeys, keysByItem, describePace, formatPace, itemsBeyondReading, linesPerHour, notFromPerson, pipedPolicy, tooFast, type PaceSettings } from './pace.js';
import { itemReads } from './reads.js';
import { LEGACY_KEY } from '../diff/keys.js';
import { hiddenCharacters } from '../report/visible.js';
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
    const at = commit ? ` (commit ${commit.slice(0, 7)})` : '';
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
      findings.push({
        code: 'review.unreviewed',
        severity: 'error',
        message: `${missing.length} of ${item.lines.length} changed lines not reviewed${at}`,
        file: item.path,
        line: (missing[0] as ChangedLineRef).line,
        fix: input.fix,
      });
    } else {
      totalOther += 1;
      const acknowledged = unreviewedKeys(item, reviewed).length === 0;
      done.push(acknowledged);
      if (acknowledged) {
        doneOther += 1;
        continue;
      }
      findings.push({
        code: 'review.unreviewed',
        severity: 'error',
        message: `${item.summary} not reviewed${at}`,
        file: item.path,
        fix: input.fix,
      });
    }
  }
  findings.push(...hiddenCharacterFindings(input.items));
  for (const concern of openConcerns(input.records, changeKeys, new Set(input.items.map((j) => j.item.path)))) {
    findings.push({
      code: 'review.concern',
      severity: 'error',
      message: `open concern by ${concern.by.name || concern.by.email}: ${concern.text}`,
      file: concern.path,
      ...(concern.line !== null ? { line: concern.line } : {}),
      fix: `reviewgate review --resolve ${concern.id} "<how it was settled>"`,
    });
  }
  if (input.acknowledge) findings.push(...flagFindings(input.records, changeKeys, input.acknowledge));
  if (input.settings) findings.push(...paceFindings(input.records, input.items, changeKeys, reviewed, input.settings, input.fix));
  if (input.ignored.length > 0) {
    findings.push({
      code: 'review.ignored',
      severity: 'warning',
      message: `left out of line review by review.ignore: ${input.ignored.join(', ')}`,
    });
  }
  const parts = [`${doneLines}/${totalLines} changed lines reviewed`];
  if (totalOther > 0) parts.push(`${doneOther}/${totalOther} other changes acknowledged`);
  return { ...gateResult('review', input.required, parts.join(', '), findings), reads: itemReads(input.items, input.records, reviewed, done) };
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
      const at = commit ? ` (commit ${commit.slice(0, 7)})` : '';
      if (found.bidi.length > 0) {
        findings.push({
          code: 'review.bidi',
          severity: 'error',
          message: `added line holds bidirectional control ${found.bidi.join(', ')}: what is shown is not the order the compiler reads${at}`,
          file: item.path,
          line: l.line,
          fix: `remove it, or write it as an escape (\\u${found.bidi[0]?.slice(2) ?? ''}) in ${item.path}:${l.line}`,
        });
      } else if (found.invisible.length > 0) {
        findings.push({
          code: 'review.invisible',
          severity: 'warning',
          message: `added line holds invisible character ${found.invisible.join(', ')}${at}`,
          file: item.path,
          line: l.line,
          fix: `remove it, or write it as an escape (\\u${found.invisible[0]?.slice(2) ?? ''}) in ${item.path}:${l.line}`,
        });
      }
    }
  }
  return findings;
}

/** One finding per too-fast review of this change; one for keys only piped answers accepted. */
function paceFindings(records: readonly EvidenceRecord[], items: readonly JudgedItem[], changeKeys: ReadonlySet<string>, counted: ReadonlySet<string>, settings: PaceSettings, fix: string): Finding[] {
  const reviews = records.filter((r): r is ReviewRecord => r.type === 'review' && r.keys.some((k) => changeKeys.has(k)));
  const findings: Finding[] = [];
  for (const r of reviews) {
    // A piped review that does not count at all is reported once, below, not as too fast.
    if (r.mode === 'piped' && pipedPolicy(settings) === 'refuse') continue;
    const machine = settings.pace === 'off' ? null : notFromPerson(r);
    if (machine !== null) {
      findings.push({
        code: 'review.machine',
        severity: 'error',
        message: `review ${r.id} by ${r.by.name || r.by.email} at ${r.at} was not typed by a person: ${machine}; its lines count as unreviewed`,
        fix: `${fix} (on a terminal, at a person's pace)`,
      });
      continue;
    }
    if (beyondReading(r, settings)) {
      findings.push({
        code: 'review.pace',
        severity: 'error',
        message: `${describePace(r)} is faster than any person reads (review.max_lines_per_hour_fail ${settings.max_lines_per_hour_fail ?? DEFAULT_FAIL_LINES_PER_HOUR}); its lines count as unreviewed`,
        fix: `${fix}, reading each hunk`,
      });
      continue;
    }
    const fast = itemsBeyondReading(r, settings);
    if (fast.length > 0) {
      const where = itemLocator(items);
      const byItem = keysByItem(r) ?? [];
      const named = fast.map((i) => {
        const it = r.items?.[i];
        if (!it) return '';
        const at = (byItem[i] ?? []).map((k) => where.get(k)).find((w) => w !== undefined) ?? 'an item no longer in the change';
        return `${at} (${it.lines} lines in ${(it.activeMs / 1000).toFixed(1)} s, ${formatPace(linesPerHour(it.lines, it.activeMs))})`;
      });
      findings.push({
        code: 'review.pace',
        severity: 'error',
        message: `review ${r.id} by ${r.by.name || r.by.email} at ${r.at}: ${fast.length} item${fast.length === 1 ? '' : 's'} read faster than any person reads (review.max_lines_per_hour_fail ${settings.max_lines_per_hour_fail ?? DEFAULT_FAIL_LINES_PER_HOUR}) count as unreviewed: ${named.join(', ')}`,
        fix: `${fix}, reading each hunk`,
      });
    }
    if (!tooFast(r, settings)) continue;
    const fail = settings.pace === 'fail';
    findings.push({
      code: 'review.pace',
      severity: fail ? 'error' : 'warning',
      message: `${describePace(r)} is faster than review.max_lines_per_hour (${settings.max_lines_per_hour})${fail ? '; its lines count as unreviewed' : ''}`,
      fix: fail ? `${fix}, reading each hunk` : 'read each hunk before answering y',
    });
  }
  const piped = pipedPolicy(settings);
  const pipedReviews = reviews.filter((r) => r.mode === 'piped');
  if (piped === 'refuse') {
    const pipedOnly = new Set(pipedReviews.flatMap((r) => r.keys.filter((k) => changeKeys.has(k) && !counted.has(k))));
    if (pipedOnly.size > 0) {
      const rule = settings.require_interactive ? 'review.require_interactive' : 'review.piped: refuse';
      findings.push({
        code: 'review.piped',
        severity: 'error',
        message: `${pipedOnly.size} changed line key${pipedOnly.size === 1 ? ' was' : 's were'} answered only from piped input, which does not count (${rule}): a pipe is how a script says yes`,
        fix: `${fix}, in your own terminal`,
      });
    }
  } else if (piped === 'warn' && pipedReviews.length > 0) {
    findings.push({
      code: 'review.piped',
      severity: 'warning',
      message: `${pipedReviews.length} review${pipedReviews.length === 1 ? ' was' : 's were'} answered from piped input (review.piped: warn): nobody's reading was measured`,
      fix: `${fix}, in your own terminal`,
    });
  }
  const agentPolicy = settings.agent ?? 'allow';
  const byAgent = records.filter((r) => r.agent !== undefined && (r.type === 'review' ? r.keys.some((k) => changeKeys.has(k)) : r.type === 'resolve'));
  if (agentPolicy !== 'allow' && byAgent.length > 0) {
    const names = [...new Set(byAgent.map((r) => r.agent))].join(', ');
    findings.push({
      code: 'review.agent',
      severity: agentPolicy === 'refuse' ? 'error' : 'warning',
      message: `${byAgent.length} record${byAgent.length === 1 ? ' was' : 's were'} made from an AI coding agent's shell (${names})${agentPolicy === 'refuse' ? ' and do not count (review.agent: refuse)' : ' (review.agent: warn)'}`,
      fix: `${fix}, in your own terminal`,
    });
  }
  return findings;
}

/** Where each key of the change is, as `path:line` (the first line of its item) or the path. */
function itemLocator(items: readonly JudgedItem[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const { item, commit } of items) {
    const first = item.lines[0];
    const at = `${first ? `${item.path}:${first.line}` : item.path}${commit ? ` (commit ${commit.slice(0, 7)})` : ''}`;
    for (const k of item.keys) out.set(k, at);
  }
  return out;
}
