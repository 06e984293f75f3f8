// `reviewgate check`: collect the change, read its evidence, evaluate the four gates.
// Read-only by construction: it reads the index or commits through git plumbing with
// GIT_OPTIONAL_LOCKS=0 and never runs a project command.
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { GATE_IDS, type GateId } from '../gates/ids.js';
import { treeFingerprint } from '../diff/tree.js';
import { evaluatePlan } from '../gates/plan.js';
import { evaluateReview } from '../gates/review.js';
import { evaluateRun } from '../gates/run.js';
import { gateResult, type GateResult } from '../gates/types.js';
import { openRepo, type Repo } from '../git/repo.js';
import { collectChange, type Change, type ChangeTarget } from './change.js';
import { readInputs, type FoundPlan } from './inputs.js';
import { evaluateTestsGate, type TestsIo } from './tests.js';
import { phase } from '../timing.js';

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

export function fixCommands(change: Pick<Change, 'kind' | 'spec' | 'head'>) {
  if (change.kind === 'staged') {
    return { plan: 'reviewgate plan', review: 'reviewgate review', run: 'reviewgate run' };
  }
  const head = change.head ? change.head.slice(0, 12) : 'the last commit';
  return {
    plan: 'reviewgate plan (on the branch), then commit the plan',
    review: `reviewgate review --range ${change.spec}, then commit the evidence`,
    run: `git checkout ${head} && reviewgate run, then commit the evidence`,
  };
}

export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  phase('start');
  const repo = await openRepo(options.cwd);
  phase('repository');
  const loaded = await loadConfig(repo.root, options.configPath, repo.cacheDir);
  phase('configuration');
  const change = await collectChange(repo, loaded.config, options.target);
  phase('change');
  const notes: string[] = [];
  if (loaded.defaulted) notes.push('no .reviewgate.yml: the defaults apply (run `reviewgate init` to write one)');
  notes.push(...change.notes);
  const target = { kind: change.kind, base: change.base, head: change.head };
  const skipped = skipReason(change, loaded.file);
  if (skipped) {
    notes.push(
      skipped === 'nothing-staged'
        ? 'nothing staged: nothing to check'
        : skipped === 'no-commits'
          ? 'no commits in the range: nothing to check'
          : skipped === 'adoption'
            ? `this change adds ${loaded.file}: adopting reviewgate is not gated (the changes after it are)`
            : 'only reviewgate evidence changed: not gated',
    );
    return { ok: true, target, gates: [], notes, skipped };
  }
  const gates = await evaluateGates(repo, loaded.config, change, options.gates);
  const ok = gates.every((g) => g.ok || !g.required);
  return { ok, target, gates, notes, skipped: null };
}

function skipReason(change: Change, configFile: string | null): CheckReport['skipped'] {
  // The change that adds the configuration adopts reviewgate; it is not judged by it (range
  // mode drops that commit and its ancestors in the same way).
  if (change.kind === 'staged' && configFile !== null && change.files.some((f) => f.path === configFile && f.status === 'added')) return 'adoption';
  if (change.files.length > 0) return null;
  if (change.evidenceFiles.length > 0) return 'evidence-only';
  return change.kind === 'staged' ? 'nothing-staged' : 'no-commits';
}

async function evaluateGates(repo: Repo, config: Config, change: Change, only: readonly GateId[]): Promise<GateResult[]> {
  const wanted = (id: GateId) => only.length === 0 || only.includes(id);
  const fix = fixCommands(change);
  // The tests gate needs the run records only to date a coverage report.
  const needEvidence = wanted('review') || wanted('run') || (wanted('tests') && config.tests.coverage !== undefined);
  const needPlan = wanted('plan') || wanted('tests');
  const { evidence, plan } = await readInputs(change.reader, config, change, repo.branch, { evidence: needEvidence, plan: needPlan }, repo.cacheDir);
  phase('evidence and plan');
  const results: GateResult[] = [];
  for (const id of GATE_IDS) {
    if (!wanted(id)) continue;
    results.push(await evaluateOne(id, config, change, evidence.records, plan, fix, repo));
    phase(`gate ${id}`);
  }
  return results;
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
    case 'review':
      return evaluateReview({ items: change.items, ignored: change.ignored, records, required: config.review.required, fix: fix.review, settings: config.review, acknowledge: config.ai.acknowledge });
    case 'run': {
      const fingerprint = treeFingerprint(await change.reader.entries(), config.evidence_dir);
      return evaluateRun({ fingerprint, commands: config.run.commands, records, required: config.run.required, fix: fix.run });
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
    {
      code: 'tests.coverage_staged_only',
      severity: 'warning',
      message: 'coverage of the changed lines is judged before each commit (the lcov report is not in the commits)',
      fix: 'keep the pre-commit hook installed: reviewgate hooks install --pre-commit',
    },
  ]);
}
