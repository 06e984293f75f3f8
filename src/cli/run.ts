// `reviewgate run`: run the configured commands on exactly the judged tree and record it. In the
// work tree (refused when it differs from the index), or with --isolated in a temporary worktree
// of exactly the staged tree (or of a range's last commit).
import { cacheableAsk, context as verdictContext, handedOverKey, verdictKey, writeVerdict } from '../verdict/cache.js';
import { resolve } from 'node:path';
import { readEvidence } from '../change/inputs.js';
import { loadRules, resolveTarget } from '../change/rules.js';
import type { Config } from '../config/schema.js';
import { isEvidenceFile, treeFingerprint } from '../diff/tree.js';
import type { TreeEntry } from '../git/reader.js';
import { GateFailure, Interrupted, UserError } from '../errors.js';
import { assertEvidenceReadable, recordEvidence } from '../evidence/record.js';
import type { RunRecord } from '../evidence/types.js';
import { isPassing, runRecordsFor } from '../gates/run.js';
import { commitReader, indexReader, unmergedError } from '../git/content.js';
import { describeState, gitUser, openRepo, type Repo } from '../git/repo.js';
import { resolveRange } from '../git/target.js';
import { isClean, workTreeDifferences, type WorkTreeDifferences } from '../git/worktree.js';
import { parseDuration } from '../run/duration.js';
import { guardEvidence } from '../run/evidence-guard.js';
import { executeCommands, executeOne } from '../run/executor.js';
import { outcomeState, type CommandOutcome, type RunView } from '../run/outcome.js';
import { commitForEntries, createIsolatedTree, removeStaleTrees, type IsolatedTree } from '../run/isolated.js';
import { LiveView } from '../run/live.js';
import { acquireRunLock } from '../run/lock.js';
import { secretEnvValues } from '../run/mask.js';
import { formatRunList, toRunRecord } from '../run/record.js';
import { abortOnSignals } from '../run/signals.js';
import { PlainView } from '../run/view.js';
import { VERSION } from '../version.js';
import type { Style } from '../report/style.js';
import { styleFor } from './output.js';

export interface RunFlags {
  config?: string;
  isolated?: boolean;
  range?: string;
  force?: boolean;
  list?: boolean;
  /** Re-run the commands on the judged tree and compare with the recorded passes (for CI). */
  verify?: boolean;
}

// What this run printed, kept for the verdict cache (a repeated run with nothing to do is
// answered from it: see src/verdict).
const printed: string[] = [];
const out = (line: string) => {
  printed.push(`${line}\n`);
  process.stderr.write(`${line}\n`);
};

function listDifferences(d: WorkTreeDifferences): string {
  return [...d.modified.map((p) => `  modified:  ${p}`), ...d.untracked.map((p) => `  untracked: ${p}`)].join('\n');
}

export function isolatedSettings(config: Config): { always: boolean; setup: string[]; link: string[] } {
  const value = config.run.isolated;
  return value === 'always' ? { always: true, setup: [], link: [] } : value;
}

/** What is judged: its fingerprint, and how to get a commit of it for an isolated checkout. */
export async function judgedTree(repo: Repo, config: Config, range: string | undefined) {
  if (range) {
    const target = await resolveRange(repo.git, range);
    const entries = await (await commitReader(repo.git, target.head)).entries();
    return { fingerprint: treeFingerprint(entries, config.evidence_dir), what: `commit ${target.head.slice(0, 12)}`, commit: async () => target.head };
  }
  const reader = await indexReader(repo.git);
  if (reader.unmerged.length > 0) throw unmergedError(reader.unmerged, describeState(repo.state));
  const entries = await reader.entries();
  return {
    fingerprint: treeFingerprint(entries, config.evidence_dir),
    entries,
    what: 'the staged content',
    commit: () => commitForEntries(repo.git, entries, repo.head, repo.gitDir),
  };
}

/** The verdict cache's key for this command line, when `run` may be answered from it. */
function cachedRunKey() {
  const ask = cacheableAsk(process.argv.slice(2));
  const ctx = ask?.command === 'run' ? verdictContext(ask, process.cwd()) : null;
  const handed = ctx ? handedOverKey(ctx) : undefined;
  const key = ctx ? (handed !== undefined ? handed : verdictKey(ctx)) : null;
  return ask && key ? { ask, key } : null;
}

export async function runCommand(flags: RunFlags): Promise<void> {
  const cwd = process.cwd();
  const cache = cachedRunKey();
  const repo = await openRepo(cwd);
  // The rules check judges by: HEAD's for the staged change, the base's for a range.
  const rulesTarget = flags.range ? await resolveTarget(repo.git, { kind: 'range', spec: flags.range }) : { kind: 'staged' as const };
  const { config } = await loadRules(repo, rulesTarget, flags.config ? resolve(cwd, flags.config) : undefined);
  const s = await styleFor(process.stderr);
  const settings = isolatedSettings(config);
  const isolated = flags.isolated === true || settings.always;
  if (flags.range && !isolated && !flags.list && !flags.verify) {
    throw new UserError('--range runs on a commit, which needs a temporary worktree', `reviewgate run --isolated --range ${flags.range}`);
  }
  if (flags.verify) {
    const { verifyRuns } = await import('./run-verify.js');
    return verifyRuns(repo, config, flags.range, s);
  }
  const judged = await judgedTree(repo, config, flags.range);
  const existing = runRecordsFor((await readEvidence(await indexReader(repo.git), config)).records, judged.fingerprint);

  if (flags.list) {
    const table = formatRunList(existing);
    process.stdout.write(`run records for ${judged.what} (tree ${judged.fingerprint.slice(0, 12)}):\n`);
    process.stdout.write(table.length > 0 ? `${table.join('\n')}\n` : '  none\n');
    const missing = config.run.commands.filter((c) => !existing.some((r) => r.command === c));
    if (missing.length > 0) process.stdout.write(`not run on this content: ${missing.join(', ')}\n`);
    return;
  }
  if (config.run.commands.length === 0) {
    out('reviewgate run: run.commands is empty in the configuration; nothing to run.');
    return;
  }
  await assertEvidenceReadable(repo, config);
  const by = await gitUser(repo.git);
  const releaseLock = await acquireRunLock(repo.gitDir);
  try {
    for (const dir of await removeStaleTrees(repo.git, repo.commonDir)) out(s.dim(`removed ${dir}, left behind by a run that was killed`));
    const todo: string[] = [];
    for (const command of config.run.commands) {
      if (!flags.force && existing.some((r) => r.command === command && isPassing(r))) {
        out(`${s.green('✓')} ${command} ${s.dim('— already passed on this exact content; not run again (--force runs it)')}`);
      } else todo.push(command);
    }
    // The work tree must be the judged content only when something is done on it.
    const clean = async () => {
      if (!isolated) await refuseDirtyWorkTree(repo, config, s.red);
    };
    if (todo.length === 0) {
      const asked = !flags.range && (await (await import('./run-manual.js')).askManualChecks(repo, config, judged.fingerprint, by, s, clean));
      out(`Nothing to run. Next: ${s.bold('reviewgate check')}`);
      if (!flags.range) await (await import('./check.js')).warmVerdict(cwd);
      // Nothing ran and nothing was asked: the same inputs give the same answer (its inputs are
      // the index, HEAD and the environment, which the key covers; the work tree did not matter).
      if (!asked && cache) {
        const again = verdictKey(verdictContext(cache.ask, process.cwd()));
        if (again?.key === cache.key.key) writeVerdict(cache.key, { kind: 'run', stderr: printed.join('') });
      }
      return;
    }
    await clean();
    const guard = await guardEvidence(repo.git, repo.root, config.evidence_dir);
    const ran = await runAll(repo, config, todo, isolated ? { ...settings, commit: judged.commit } : null, s);
    const { interrupted } = ran;
    // Evidence is written by reviewgate's producers only, never by a command run under `run`.
    const written = await guard.restore();
    if (written.length > 0) {
      out(s.red(`reviewgate run: the commands wrote reviewgate evidence (${written.join(', ')}); it was discarded and this run is void: nothing was recorded.`));
      out('  fix: make the commands leave the evidence folder alone (only `reviewgate plan`, `review` and `run` write it), then `reviewgate run` again');
      throw new GateFailure('the commands wrote evidence');
    }
    // A command that edits files and stages them leaves the work tree equal to the index, so the
    // work-tree check sees nothing; but the content it ran on is gone. Say so here, not at check.
    const restaged = !isolated && 'entries' in judged && judged.entries ? await stagedSince(repo, config, judged.entries) : [];
    const outcomes = restaged.length === 0 ? ran.outcomes : ran.outcomes.map((o) => ({ ...o, changed: [...new Set([...o.changed, ...restaged.map((p) => `${p} (staged while it ran)`)])] }));
    if (restaged.length > 0) out(s.red(`✗ the staged content changed while the commands ran (${restaged.slice(0, 5).join(', ')}${restaged.length > 5 ? ', …' : ''}): a command staged its own edits, so the runs are void`));
    const context = { by, tool: VERSION, tree: judged.fingerprint, isolated, node: process.version, platform: `${process.platform}-${process.arch}` };
    const records = await redactOutputs(outcomes.map((o) => toRunRecord(o, context)).filter((r): r is RunRecord => r !== null));
    await record(repo, config, records, s.dim);
    // Commands that finished before Ctrl-C are recorded (their results are real); the ones stopped are not.
    if (interrupted) throw new Interrupted('stopped by Ctrl-C: the running commands were stopped and not recorded');
    const failed = outcomes.filter((o) => outcomeState(o) !== 'passed');
    if (failed.some((o) => outcomeState(o) === 'void')) {
      out('  fix: review and stage what it changed (or make the command not write files), then `reviewgate run` again');
    }
    if (failed.length > 0 || outcomes.length < todo.length) throw new GateFailure('a command failed');
    if (!flags.range) await (await import('./run-manual.js')).askManualChecks(repo, config, judged.fingerprint, by, s);
    out(`Next: ${s.bold('reviewgate check')}`);
    if (!flags.range) await (await import('./check.js')).warmVerdict(cwd);
  } finally {
    await releaseLock();
  }
}

/** Paths (outside the evidence folder) whose staged entry differs from `before`. */
async function stagedSince(repo: Repo, config: Config, before: readonly TreeEntry[]): Promise<string[]> {
  const after = await (await indexReader(repo.git)).entries();
  const key = (e: TreeEntry) => `${e.mode} ${e.oid}`;
  const was = new Map(before.map((e) => [e.path, key(e)]));
  const now = new Map(after.map((e) => [e.path, key(e)]));
  const paths = new Set<string>();
  for (const [p, k] of now) if (was.get(p) !== k) paths.add(p);
  for (const p of was.keys()) if (!now.has(p)) paths.add(p);
  const mode = new Map([...before, ...after].map((e) => [e.path, e.mode]));
  return [...paths].filter((p) => !isEvidenceFile(p, mode.get(p), config.evidence_dir)).sort();
}

async function refuseDirtyWorkTree(repo: Repo, config: Config, red: (t: string) => string): Promise<void> {
  const before = await workTreeDifferences(repo.git, config.evidence_dir);
  if (isClean(before)) return;
  out(red('reviewgate run: the work tree differs from the staged content, so a run here would not prove anything about what will be committed:'));
  out(listDifferences(before));
  out('  fix: stage them (git add <file>) or set them aside (git stash push --keep-index --include-untracked), then run again;');
  out('       or run on exactly the staged content in a temporary worktree: reviewgate run --isolated');
  throw new GateFailure('work tree differs from the index');
}

type Isolation = { setup: string[]; link: string[]; commit: () => Promise<string> } | null;

/** Runs the commands (in a temporary worktree when isolated); always cleans up, also on Ctrl-C. */
export async function runAll(
  repo: Repo,
  config: Config,
  todo: string[],
  isolation: Isolation,
  s: Style,
): Promise<{ outcomes: CommandOutcome[]; interrupted: boolean }> {
  const timeoutMs = parseDuration(config.run.timeout);
  const live = process.stderr.isTTY === true && process.stdout.isTTY === true && process.env.TERM !== 'dumb';
  const view: RunView = live
    ? new LiveView(process.stderr, s, timeoutMs)
    : new PlainView({ out: process.stdout, err: process.stderr, grouped: config.run.jobs > 1 && todo.length > 1, style: s, timeoutMs });
  const controller = new AbortController();
  const dispose = abortOnSignals(controller, (signal) => view.note(s.yellow(`${signal}: stopping the running commands…`)));
  let tree: IsolatedTree | undefined;
  try {
    const base = {
      env: process.env,
      jobs: config.run.jobs,
      timeoutMs,
      abort: controller.signal,
      view,
      envSecrets: secretEnvValues(process.env),
    };
    let cwd = repo.root;
    let changes = async () => {
      const d = await workTreeDifferences(repo.git, config.evidence_dir);
      return [...d.modified, ...d.untracked];
    };
    if (isolation) {
      tree = await createIsolatedTree(repo.git, repo.commonDir, repo.root, await isolation.commit(), isolation.link);
      const t = tree;
      cwd = t.dir;
      // The checkout is its own repository work tree: git's location variables (set inside hooks)
      // would point the commands' git calls back at the main one.
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^GIT_(DIR|WORK_TREE|INDEX_FILE|PREFIX|COMMON_DIR)$/.test(k)));
      Object.assign(base, { env });
      view.note(s.dim(`isolated: running in ${t.dir}`));
      for (const [i, command] of isolation.setup.entries()) {
        if (controller.signal.aborted) break;
        const setup = await executeOne(-1 - i, command, { ...base, cwd, changes: async () => [] });
        if (setup.result.interrupted) break;
        if (outcomeState(setup) !== 'passed') {
          // A setup failure says nothing about the change: it is reported as what it is, and no
          // run is recorded (a missing dependency must never read as a failing test).
          const how = setup.result.exitCode !== null ? `exit ${setup.result.exitCode}` : (setup.result.signal ?? 'stopped');
          out(s.red(`run.isolated.setup failed: \`${command}\` (${how}) in the temporary worktree; the commands did not run and nothing was recorded`));
          out(`  fix: make \`${command}\` work in a fresh checkout (or list the folders it needs in run.isolated.link, e.g. node_modules), then reviewgate run --isolated`);
          throw new GateFailure(`run.isolated.setup failed: ${command}`);
        }
      }
      // What setup and the links created (node_modules, build output) is the baseline; tracked
      // files it changed mean the commands would not run on the judged tree.
      const baseline = await workTreeDifferences(t.git, config.evidence_dir);
      if (baseline.modified.length > 0) {
        throw new UserError(
          `run.isolated.setup changed tracked files (${baseline.modified.join(', ')}), so the commands would not run on the judged tree`,
          'make the setup commands not write tracked files (e.g. npm ci rather than npm install)',
        );
      }
      const known = new Set(baseline.untracked);
      changes = async () => {
        const d = await workTreeDifferences(t.git, config.evidence_dir);
        return [...d.modified, ...d.untracked.filter((p) => !known.has(p))];
      };
    }
    const outcomes = controller.signal.aborted ? [] : await executeCommands(todo, { ...base, cwd, changes });
    return { outcomes: outcomes.filter((o) => !o.result.interrupted), interrupted: controller.signal.aborted };
  } finally {
    view.close();
    await tree?.remove();
    dispose();
  }
}

/**
 * The output tails with secrets removed before they are committed: secretlint's recommended
 * preset over the whole tail (a PEM key spans lines) and this environment's secret-looking values.
 */
async function redactOutputs(records: RunRecord[]): Promise<RunRecord[]> {
  const { redactSecrets } = await import('../secrets/redact.js');
  return Promise.all(
    records.map(async (r) => {
      if (!r.output || r.output.length === 0) return r;
      const { text, found } = await redactSecrets(r.output.join('\n'), { env: process.env });
      if (found.length > 0) out(`${r.command}: masked ${found.join(', ')} in the output kept with the record`);
      return { ...r, output: text.split('\n') };
    }),
  );
}

async function record(repo: Repo, config: Config, records: RunRecord[], dim: (t: string) => string): Promise<void> {
  try {
    const written = await recordEvidence(repo, config, records);
    if (written.length > 0) out(dim(`recorded ${records.length} run${records.length === 1 ? '' : 's'} in ${written[0]} (staged)`));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code || !['ENOSPC', 'EDQUOT', 'EFBIG', 'EROFS', 'EACCES', 'EPERM', 'EIO'].includes(code)) throw error;
    // The store writes a temporary file and renames it: a failed write leaves the evidence file
    // exactly as it was.
    throw new UserError(
      `could not write the run records (${code}: ${(error as Error).message}); nothing was recorded and the evidence file is unchanged`,
      `free disk space or fix the permissions of ${config.evidence_dir}/evidence, then \`reviewgate run\` again`,
      { cause: error },
    );
  }
}
