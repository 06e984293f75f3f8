// Secret redaction for everything the advisor sends: each text is scanned with secretlint's
// recommended rules and every match is replaced by `[REDACTED:<rule>]` before it can leave the
// machine. Loaded only by the advisor (secretlint is heavy and `check` never sends anything).
// secretlint is called in one place, src/secrets/secretlint.ts, shared with `run`'s masking of
// output tails; the advisor names the rule in what it replaces, so the model (and the person
// reading --dry-run) can tell a redaction from the code.
import { secretRanges } from '../secrets/secretlint.js';

export interface Redacted {
  readonly text: string;
  /** The rule names that matched, one entry per replaced span. */
  readonly rules: readonly string[];
}

// secretlint's AWS rule reports an access key id only beside its secret; an id alone still names
// the account and the key, so it is masked too.
const EXTRA: readonly { name: string; pattern: RegExp }[] = [{ name: 'aws-access-key-id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g }];

const shortName = (ruleId: string) => ruleId.replace(/^@secretlint\/secretlint-rule-/, '');

/** Replaces every secret secretlint (or the extra patterns) finds in `text`. */
export async function redactSecrets(text: string, name = 'change.txt'): Promise<Redacted> {
  const spans: { start: number; end: number; rule: string }[] = (await secretRanges(text, name)).map((r) => ({ start: r.start, end: r.end, rule: shortName(r.rule) }));
  for (const { name: rule, pattern } of EXTRA) {
    for (const m of text.matchAll(pattern)) spans.push({ start: m.index, end: m.index + m[0].length, rule });
  }
  return replaceSpans(text, spans);
}

/** Replaces the spans (overlapping ones merged, the first rule named) from the end backwards. */
export function replaceSpans(text: string, spans: readonly { start: number; end: number; rule: string }[]): Redacted {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: { start: number; end: number; rule: string }[] = [];
  for (const s of sorted) {
    const last = merged.at(-1);
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  let out = text;
  for (const s of [...merged].reverse()) out = `${out.slice(0, s.start)}[REDACTED:${s.rule}]${out.slice(s.end)}`;
  return { text: out, rules: merged.map((s) => s.rule) };
}
