// The review gate: every changed line (and every non-line change) was accepted by a person,
// on exactly this content. Pure: items and evidence in, findings out.
import type { ReviewItem } from '../diff/model.js';
import type { CommentRecord, EvidenceRecord, ReviewRecord } from '../evidence/types.js';
import { flagFindings, type Acknowledge } from './flags.js';
import { counts, describePace, tooFast, type PaceSettings } from './pace.js';
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
 * and with pace: fail a review read faster than max_lines_per_hour does not.
 */
export function reviewedKeys(records: readonly EvidenceRecord[], settings?: PaceSettings): Set<string> {
  const keys = new Set<string>();
  for (const r of records) if (r.type === 'review' && counts(r, settings)) for (const k of r.keys) keys.add(k);
  return keys;
}

/** Concerns without a resolution, whose hunk is part of the change. */
export function openConcerns(records: readonly EvidenceRecord[], changeKeys: ReadonlySet<string>): CommentRecord[] {
  const resolved = new Set(records.flatMap((r) => (r.type === 'resolve' ? [r.concern] : [])));
  return records.filter(
    (r): r is CommentRecord => r.type === 'concern' && !resolved.has(r.id) && r.keys.some((k) => changeKeys.has(k)),
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
  for (const { item, commit } of input.items) {
    for (const k of item.keys) changeKeys.add(k);
    const missing = new Set(unreviewedKeys(item, reviewed));
    const at = commit ? ` (commit ${commit.slice(0, 7)})` : '';
    if (item.kind === 'lines') {
      totalLines += item.lines.length;
      doneLines += item.lines.length - missing.size;
      if (missing.size === 0) continue;
      const first = item.lines.find((l) => missing.has(l.key));
      findings.push({
        code: 'review.unreviewed',
        severity: 'error',
        message: `${missing.size} of ${item.lines.length} changed lines not reviewed${at}`,
        file: item.path,
        ...(first ? { line: first.line } : {}),
        fix: input.fix,
      });
    } else {
      totalOther += 1;
      if (missing.size === 0) {
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
  for (const concern of openConcerns(input.records, changeKeys)) {
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
  if (input.settings) findings.push(...paceFindings(input.records, changeKeys, reviewed, input.settings, input.fix));
  if (input.ignored.length > 0) {
    findings.push({
      code: 'review.ignored',
      severity: 'warning',
      message: `left out of line review by review.ignore: ${input.ignored.join(', ')}`,
    });
  }
  const parts = [`${doneLines}/${totalLines} changed lines reviewed`];
  if (totalOther > 0) parts.push(`${doneOther}/${totalOther} other changes acknowledged`);
  return gateResult('review', input.required, parts.join(', '), findings);
}

/** One finding per too-fast review of this change; one for keys only piped answers accepted. */
function paceFindings(records: readonly EvidenceRecord[], changeKeys: ReadonlySet<string>, counted: ReadonlySet<string>, settings: PaceSettings, fix: string): Finding[] {
  const reviews = records.filter((r): r is ReviewRecord => r.type === 'review' && r.keys.some((k) => changeKeys.has(k)));
  const findings: Finding[] = [];
  for (const r of reviews) {
    if (!tooFast(r, settings)) continue;
    const fail = settings.pace === 'fail';
    findings.push({
      code: 'review.pace',
      severity: fail ? 'error' : 'warning',
      message: `${describePace(r)} is faster than review.max_lines_per_hour (${settings.max_lines_per_hour})${fail ? '; its lines count as unreviewed' : ''}`,
      fix: fail ? `${fix}, reading each hunk` : 'read each hunk before answering y',
    });
  }
  if (settings.require_interactive) {
    const pipedOnly = new Set(reviews.filter((r) => r.mode === 'piped').flatMap((r) => r.keys.filter((k) => changeKeys.has(k) && !counted.has(k))));
    if (pipedOnly.size > 0) {
      findings.push({
        code: 'review.piped',
        severity: 'error',
        message: `${pipedOnly.size} change key${pipedOnly.size === 1 ? ' was' : 's were'} answered only from piped input; review.require_interactive counts only reviews answered on a terminal`,
        fix: `${fix} (on a terminal)`,
      });
    }
  }
  return findings;
}
