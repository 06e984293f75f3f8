// review.rules: paths where each changed line needs reviews by several distinct people, none of
// them the commit's author when the rule says so. People are told apart by the email their
// review records name; with signatures required that email is the verified signer, otherwise it
// is a git identity anyone can set (a warning says so). Pure.
import type { ReviewItem } from '../diff/model.js';
import type { EvidenceRecord, ReviewRecord } from '../evidence/types.js';
import type { JudgedItem } from './review.js';
import { countedKeys, type PaceSettings } from './pace.js';
import { reviewersUnverified, tooFewReviewers } from '../report/wording.js';
import type { Finding } from './types.js';

export interface ReviewerRule {
  readonly paths: readonly string[];
  readonly reviewers: number;
  readonly distinct_from_author: boolean;
}

export interface ReviewerInput {
  readonly items: readonly JudgedItem[];
  readonly records: readonly EvidenceRecord[];
  readonly settings?: PaceSettings;
  readonly rules: readonly ReviewerRule[];
  /** Whether a path falls under a rule's globs. */
  readonly matches: (path: string, globs: readonly string[]) => boolean;
  /** The author's email of the item's commit (range), or of the commit being made (staged). */
  readonly authorOf: (commit: string | undefined) => string | null;
  /** Reviews are signed and verified: their emails are proven. */
  readonly verified: boolean;
  readonly fix: string;
}

const person = (email: string) => email.trim().toLowerCase();

/** The rule for a path: the strictest one that matches. */
export function ruleFor(path: string, rules: readonly ReviewerRule[], matches: ReviewerInput['matches']): ReviewerRule | null {
  let best: ReviewerRule | null = null;
  for (const r of rules) if (matches(path, r.paths) && (!best || r.reviewers > best.reviewers || (r.reviewers === best.reviewers && r.distinct_from_author))) best = r;
  return best;
}

/** key → the distinct people whose counting reviews accepted it. */
export function reviewersByKey(records: readonly EvidenceRecord[], settings?: PaceSettings): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of records) {
    if (r.type !== 'review') continue;
    // Only the keys that count (pace, pipes, keys from a person) make someone a reviewer of them.
    for (const k of countedKeys(r as ReviewRecord, settings)) {
      let set = out.get(k);
      if (!set) out.set(k, (set = new Set()));
      set.add(person(r.by.email || r.by.name));
    }
  }
  return out;
}

/** The eligible reviewers of a key under a rule (the author left out when the rule says so). */
function eligible(people: ReadonlySet<string> | undefined, rule: ReviewerRule, author: string | null): string[] {
  return [...(people ?? [])].filter((p) => !(rule.distinct_from_author && author !== null && p === person(author)));
}

/** The item's keys that still need a reviewer under `rule`, and that `me` could give. */
export function keysNeedingReviewer(item: ReviewItem, byKey: Map<string, Set<string>>, rule: ReviewerRule, author: string | null, me: string): string[] {
  const self = person(me);
  if (rule.distinct_from_author && author !== null && person(author) === self) return [];
  return item.keys.filter((k) => {
    const have = eligible(byKey.get(k), rule, author);
    return have.length < rule.reviewers && !have.includes(self);
  });
}

export function reviewerFindings(input: ReviewerInput): Finding[] {
  if (input.rules.length === 0) return [];
  const byKey = reviewersByKey(input.records, input.settings);
  const findings: Finding[] = [];
  let ruled = 0;
  for (const { item, commit } of input.items) {
    const rule = ruleFor(item.path, input.rules, input.matches);
    if (!rule) continue;
    ruled += 1;
    const author = rule.distinct_from_author ? input.authorOf(commit) : null;
    // Lines nobody reviewed are already review.unreviewed; here: reviewed, but by too few people.
    const short = item.keys.filter((k) => (byKey.get(k)?.size ?? 0) > 0 && eligible(byKey.get(k), rule, author).length < rule.reviewers);
    if (short.length === 0) continue;
    const people = [...new Set(short.flatMap((k) => eligible(byKey.get(k), rule, author)))];
    const first = item.kind === 'lines' ? item.lines.find((l) => short.includes(l.key)) : undefined;
    findings.push(tooFewReviewers({ path: item.path, line: first?.line, keys: short.length, lines: item.kind === 'lines', commit, needed: rule.reviewers, globs: rule.paths, people, author }, input.fix));
  }
  if (ruled > 0 && !input.verified) {
    findings.push(reviewersUnverified());
  }
  return findings;
}
