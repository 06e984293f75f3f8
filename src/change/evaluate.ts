// `reviewgate check`: collect the change, read its evidence, evaluate the four gates.
// Read-only by construction: it reads the index or commits through git plumbing with
// GIT_OPTIONAL_LOCKS=0 and never runs a project command.
import type { Config } from '../config/schema.js';
import { GATE_IDS, type GateId } from '../gates/ids.js';
import { treeFingerprint } from '../diff/tree.js';
import { evaluatePlan } from '../gates/plan.js';
import { evaluateReview, reviewedKeys } from '../gates/review.js';
import { mergeItems } from '../gates/merge-view.js';
import { withManualChecks } from '../gates/manual.js';
import { manualChecks } from '../plan/manual.js';
import { evaluateRun } from '../gates/run.js';
import { gateResult, type Finding, type GateResult } from '../gates/types.js';
import { openRepo, type Repo } from '../git/repo.js';
import { missingRecords } from './append-only.js';
import { collectChange, type Change, type ChangeTarget } from './change.js';
import { judgeConfigChange } from './config-change.js';
import { adoptionCommits, isAdoption, loadRules, resolveTarget } from './rules.js';
import { readEvidence, type FoundPlan } from './inputs.js';
import { checklistPlan, planCoverage, type PlanCoverage } from './plan-cover.js';
import { evaluatePlanCoverage } from '../gates/plan-cover.js';
import { planFileName } from '../plan/template.js';
import { evaluateTestsGate, type TestsIo } from './tests.js';
import { phase } from '../timing.js';
import { coverageStagedOnly, evidenceOnlySummary } from '../report/wording.js';

export interface CheckOptions {
  readonly cwd: string;
  readonly target: ChangeTarget;
  /** Gates to evaluate; all four when empty. */
  readonly gates: readonly GateId[];
  readonly configPath?: string;
}

export interface CheckReport {
  readonly ok: boolean;
  readonly target: { kind: 'staged' | 'range'; base: string | null; head: string | null };
  readonly gates: readonly GateResult[];
  /** One-line notes for the reader: defaults in use, nothing staged, only evidence changed. */
  readonly notes: readonly string[];
  /** Set when there was nothing to gate: the check passes without evaluating gates. */
  readonly skipped: 'nothing-staged' | 'no-commits' | 'evidence-only' | 'adoption' | null;
}

/** `current`: the commit checked out (HEAD), so a range ending there runs in place. */
export function fixCommands(change: Pick<Change, 'kind' | 'spec' | 'head' | 'amend'>, current: string | null = null) {
  if (change.kind === 'staged') {
    return { plan: 'reviewgate plan', review: change.amend ? 'reviewgate review --amend' : 'reviewgate review', run: 'reviewgate run' };
  }
  // Never send anyone to a detached HEAD: a range ending at the checked-out commit runs in place,
  // any other in a temporary worktree of its last commit.
  const run = change.head !== null && change.head === current ? 'reviewgate run' : `reviewgate run --isolated --range ${change.spec}`;
  return {
    plan: 'reviewgate plan (on the branch), then commit the plan',
    review: `reviewgate review --range ${change.spec}, then commit the evidence`,
    run: `${run}, then commit the evidence`,
  };
}

export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  phase('start');
  const repo = await openRepo(options.cwd);
  phase('repository');
  const target = await resolveTarget(repo.git, options.target);
  // The rules already there: HEAD's (staged) or the base's (ranges), never the work tree's. Read
  // while the change is collected: one git process less on the critical path.
  const loading = loadRules(repo, target, options.configPath);
  loading.catch(() => undefined); // awaited below; collectChange may throw first
  const change = await collectChange(
    repo,
    loading.then((r) => r.config),
    target,
  );
  const rules = await loading;
  phase('configuration and change');
  const notes: string[] = [];
  if (rules.defaulted) notes.push(`no .reviewgate.yml${rules.from === 'nowhere' ? '' : ` in ${rules.from}`}: the defaults apply (run \`reviewgate init\` to write one)`);
  notes.push(...rules.notes, ...change.notes);
  const judged = { kind: change.kind, base: change.base, head: change.head };
  const configChange = await judgeConfigChange(repo, rules, change);
  // The change that first adds the configuration adopts reviewgate; it is not judged by it (range
  // mode drops that commit and its ancestors in the same way). Adding it again after a removal is
  // an ordinary change.
  // An amend of the adopting commit replaces it, so it adopts too (pre-push drops it the same way).
  const adopting =
    change.kind === 'staged' &&
    rules.path !== null &&
    configChange !== null &&
    (repo.head === null ||
      (rules.text === null && (await isAdoption(repo, rules.path))) ||
      (change.amend === true && (await adoptionCommits(repo.git, repo.head, rules.path)).includes(repo.head)));
  const skipped = adopting ? 'adoption' : skipReason(change);
  // Evidence deleted is a finding even when nothing but evidence changed. Read beside the gates' own input.
  const checking = skipped === 'nothing-staged' || skipped === 'no-commits' || adopting ? null : missingRecords(repo, rules.config.evidence_dir, change);
  checking?.catch(() => undefined);
  const gatesFirst = skipped === null ? evaluateGates(repo, rules.config, change, options.gates, checking) : null;
  gatesFirst?.catch(() => undefined);
  const missing = checking ? await checking : null;
  const deleted = missing !== null && missing.review.length + missing.run.length > 0;
  if (skipped && !(skipped === 'evidence-only' && deleted)) {
    notes.push(
      skipped === 'nothing-staged'
        ? 'nothing staged: nothing to check'
        : skipped === 'no-commits'
          ? 'no commits in the range: nothing to check'
          : skipped === 'adoption'
            ? `this change adds ${rules.path}: adopting reviewgate is not gated (the changes after it are)`
            : 'only reviewgate evidence changed: not gated',
    );
    return { ok: true, target: judged, gates: [], notes, skipped };
  }
  const first = [...(configChange ? [configChange.finding] : []), ...change.lockfileFindings];
  const gates = gatesFirst
    ? (await gatesFirst).map((g) => (g.id === 'review' && first.length > 0 ? gateResult(g.id, g.required, g.summary, [...first, ...g.findings]) : g))
    : evidenceOnlyGates(rules.config, { review: [...first, ...(missing?.review ?? [])], run: missing?.run ?? [] }, options.gates);
  const ok = gates.every((g) => g.ok || !g.required);
  return { ok, target: judged, gates, notes, skipped: null };
}

function skipReason(change: Change): CheckReport['skipped'] {
  if (change.files.length > 0) return null;
  if (change.evidenceFiles.length > 0) return 'evidence-only';
  return change.kind === 'staged' ? 'nothing-staged' : 'no-commits';
}

type Extra = { readonly review: readonly Finding[]; readonly run: readonly Finding[] };

/** Only evidence changed, and some of it was deleted: those findings, and nothing else to judge. */
function evidenceOnlyGates(config: Config, extra: Extra, only: readonly GateId[]): GateResult[] {
  const wanted = (id: GateId) => only.length === 0 || only.includes(id);
  return GATE_IDS.filter(wanted).map((id) => {
    const findings = id === 'review' ? extra.review : id === 'run' ? extra.run : [];
    return gateResult(id, config[id].required, evidenceOnlySummary(findings.length), findings);
  });
}

async function evaluateGates(repo: Repo, config: Config, change: Change, only: readonly GateId[], deleted: Promise<Extra> | null): Promise<GateResult[]> {
  const wanted = (id: GateId) => only.length === 0 || only.includes(id);
  const fix = fixCommands(change, repo.head);
  // The tests gate needs the run records only to date a coverage report.
  const needEvidence = wanted('review') || wanted('run') || (wanted('tests') && config.tests.coverage !== undefined);
  const needPlan = wanted('plan') || wanted('tests') || wanted('run'); // run: the plan's manual checks
  const [evidence, coverage] = await Promise.all([
    needEvidence ? readEvidence(change.reader, config, repo.cacheDir) : { records: [], files: [] },
    needPlan ? planCoverage(repo, config, change) : null,
  ]);
  const plan = coverage ? checklistPlan(coverage) : null;
  const extra = (await deleted) ?? { review: [], run: [] };
  phase('evidence and plan');
  let records = evidence.records;
  let signing: { review: GateResult['findings']; run: GateResult['findings']; plan: GateResult['findings'] } = { review: [], run: [], plan: [] };
  if (config.evidence.require_signatures && (needEvidence || wanted('plan'))) {
    const { signedEvidence } = await import('./signatures.js');
    const all = needEvidence ? evidence : await readEvidence(change.reader, config, repo.cacheDir);
    const planPath = wanted('plan') ? (plan?.path ?? null) : null;
    const signed = await signedEvidence(repo, config, change, all, async () => treeFingerprint(await change.reader.entries(), config.evidence_dir), fix, planPath);
    records = signed.records;
    signing = signed.findings;
    phase('signatures');
  }
  const results: GateResult[] = [];
  for (const id of GATE_IDS) {
    if (!wanted(id)) continue;
    const result = id === 'plan' && coverage ? planGate(config, change, coverage, repo) : await evaluateOne(id, config, change, records, plan, fix, repo);
    const more = [...(id === 'review' || id === 'run' || id === 'plan' ? signing[id] : []), ...(id === 'review' ? extra.review : id === 'run' ? extra.run : [])];
    results.push(more.length === 0 ? result : gateResult(id, result.required, result.summary, [...more, ...result.findings]));
    phase(`gate ${id}`);
  }
  return results;
}

function planGate(config: Config, change: Change, coverage: PlanCoverage, repo: Repo): GateResult {
  return evaluatePlanCoverage({ coverage, config, range: change.kind === 'range', planPath: `${config.evidence_dir}/${planFileName(repo.branch)}` });
}

async function evaluateOne(
  id: GateId,
  config: Config,
  change: Change,
  records: Parameters<typeof evaluateReview>[0]['records'],
  plan: FoundPlan | null,
  fix: ReturnType<typeof fixCommands>,
  repo: Repo,
): Promise<GateResult> {
  switch (id) {
    case 'plan':
      return evaluatePlan({
        plan: plan?.plan ?? null,
        planPath: plan?.path ?? null,
        config,
        changedLines: change.changedLines,
        changedFiles: change.files.length,
        changedPaths: change.files.map((f) => f.path),
        fix: fix.plan,
      });
    case 'review': {
      // Which keys count is worked out again inside evaluateReview: here only when a merge needs it.
      const items = change.mergeFirstParent ? mergeItems(change.items, change.mergeFirstParent, reviewedKeys(records, config.review)) : change.items;
      const result = evaluateReview({ items, ignored: change.ignored, records, required: config.review.required, fix: fix.review, settings: config.review, acknowledge: config.ai.acknowledge });
      if (config.review.rules.length === 0) return result;
      const { reviewerRuleFindings } = await import('./reviewers.js');
      const extra = await reviewerRuleFindings(repo.git, config, change, records, fix.review);
      return gateResult('review', result.required, result.summary, [...result.findings, ...extra]);
    }
    case 'run': {
      const fingerprint = treeFingerprint(await change.reader.entries(), config.evidence_dir);
      const result = evaluateRun({ fingerprint, commands: config.run.commands, records, required: config.run.required, fix: fix.run });
      const manual = plan ? manualChecks(plan.plan, config.plan.manual_checks) : [];
      return withManualChecks(result, manual, records, fingerprint, `${fix.run.replace(/, then commit the evidence$/, '')} on a terminal: it asks each manual check after the commands pass${change.kind === 'range' ? ', then commit the evidence' : ''}`);
    }
    case 'tests':
      return evaluateTests(config, change, plan, records, repo);
  }
}

/**
 * The tests gate. Coverage of the changed lines is judged in staged mode, where the lcov report
 * (a local build artefact, never committed) sits in the work tree. A range check — pre-push and CI
 * alike, so they agree — cannot see it: it says so instead of failing on a file CI never has.
 */
async function evaluateTests(config: Config, change: Change, plan: FoundPlan | null, records: TestsIo['records'], repo: Repo): Promise<GateResult> {
  if (change.kind === 'staged' || !config.tests.coverage) {
    return evaluateTestsGate(config, change, plan, repo.cacheDir, { root: repo.root, records });
  }
  const withoutCoverage = { ...config, tests: { ...config.tests, coverage: undefined } };
  const result = await evaluateTestsGate(withoutCoverage, change, plan, repo.cacheDir, { records });
  return gateResult('tests', result.required, result.summary, [
    ...result.findings,
    coverageStagedOnly(),
  ]);
}
