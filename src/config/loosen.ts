// Which rules a new configuration loosens compared with the one in force. Pure: two validated
// configurations in, one short phrase per loosened rule out ("review.required off",
// `review.ignore adds "src/**"`). A change to `.reviewgate.yml` is judged by the old rules; this
// tells the person reviewing it what the new ones would let through.
import type { Config } from './schema.js';

const SEVERITY = { off: 0, warn: 1, fail: 2 } as const;
type Severity = keyof typeof SEVERITY;

const added = (before: readonly string[], after: readonly string[]) => after.filter((x) => !before.includes(x));
const quoted = (list: readonly string[]) => list.map((x) => JSON.stringify(x)).join(', ');

// Keys compared one by one below; any other boolean switched from true to false is reported by
// the generic walk (so keys added later, such as signature requirements, are covered too).
const HANDLED = new Set([
  'evidence_dir',
  'plan.required',
  'plan.sections',
  'plan.before_code',
  'plan.scope',
  'review.required',
  'review.ignore',
  'review.pace',
  'review.lockfile',
  'review.max_lines_per_hour',
  'run.required',
  'run.commands',
  'tests.required',
  'tests.preset',
  'tests.waivers',
  'tests.coverage',
  'tests.files',
  'tests.rules',
]);

export function loosenings(before: Config, after: Config): string[] {
  const out: string[] = [];
  for (const gate of ['plan', 'review', 'run', 'tests'] as const) {
    if (before[gate].required && !after[gate].required) out.push(`${gate}.required off`);
  }
  if (before.evidence_dir !== after.evidence_dir) out.push(`evidence_dir ${before.evidence_dir} → ${after.evidence_dir}`);
  const severity = (path: string, a: Severity, b: Severity) => {
    if (SEVERITY[b] < SEVERITY[a]) out.push(`${path} ${a} → ${b}`);
  };
  severity('plan.before_code', before.plan.before_code, after.plan.before_code);
  severity('plan.scope', before.plan.scope, after.plan.scope);
  const dropped = before.plan.sections.filter((s) => !after.plan.sections.includes(s));
  if (dropped.length > 0) out.push(`plan.sections drops ${quoted(dropped)}`);
  const ignored = added(before.review.ignore, after.review.ignore);
  if (ignored.length > 0) out.push(`review.ignore adds ${quoted(ignored)}`);
  severity('review.pace', before.review.pace, after.review.pace);
  const registries = added(before.review.lockfile.registries ?? [], after.review.lockfile.registries ?? []);
  if (before.review.lockfile.registries === undefined ? after.review.lockfile.registries !== undefined : registries.length > 0) {
    out.push(`review.lockfile.registries allows ${quoted(after.review.lockfile.registries ?? [])}`);
  }
  if (after.review.max_lines_per_hour > before.review.max_lines_per_hour) {
    out.push(`review.max_lines_per_hour ${before.review.max_lines_per_hour} → ${after.review.max_lines_per_hour}`);
  }
  const commands = before.run.commands.filter((c) => !after.run.commands.includes(c));
  if (commands.length > 0) out.push(`run.commands drops ${quoted(commands)}`);
  if (before.tests.waivers === 'forbid' && after.tests.waivers === 'allow') out.push('tests.waivers allowed');
  if (before.tests.preset !== undefined && before.tests.preset !== after.tests.preset) out.push(`tests.preset ${before.tests.preset} → ${after.tests.preset ?? 'none'}`);
  if (before.tests.coverage && !after.tests.coverage) out.push('tests.coverage off');
  else if (before.tests.coverage && after.tests.coverage && after.tests.coverage.min < before.tests.coverage.min) {
    out.push(`tests.coverage.min ${before.tests.coverage.min} → ${after.tests.coverage.min}`);
  }
  // More globs for test files: more files count as tests (and need none themselves).
  const testFiles = added(before.tests.files, after.tests.files);
  if (testFiles.length > 0) out.push(`tests.files adds ${quoted(testFiles)}`);
  const rules = (c: Config) => c.tests.rules.map((r) => JSON.stringify(r));
  const afterRules = rules(after);
  const goneRules = before.tests.rules.filter((_, i) => !afterRules.includes(rules(before)[i] as string));
  if (goneRules.length > 0) out.push(`tests.rules drops or changes the rule${goneRules.length === 1 ? '' : 's'} for ${quoted(goneRules.map((r) => r.source))}`);
  switchedOff(before, after, '', out);
  return out;
}

/** Booleans outside HANDLED that went from true to false (or disappeared). */
function switchedOff(before: unknown, after: unknown, path: string, out: string[]): void {
  if (HANDLED.has(path)) return;
  if (before === true && after !== true) {
    out.push(`${path} off`);
    return;
  }
  if (before === null || typeof before !== 'object' || Array.isArray(before)) return;
  const next = after !== null && typeof after === 'object' && !Array.isArray(after) ? (after as Record<string, unknown>) : {};
  for (const [key, value] of Object.entries(before as Record<string, unknown>)) {
    switchedOff(value, next[key], path ? `${path}.${key}` : key, out);
  }
}
