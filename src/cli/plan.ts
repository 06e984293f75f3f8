// `reviewgate plan`: record the plan for this change (editor, --from <file>, or --from -),
// close or reopen it (--status), or show it with the gates' view of it (--show).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { collectChange, type Change } from '../change/change.js';
import { checklistPlan, planCoverage } from '../change/plan-cover.js';
import { evaluatePlanCoverage } from '../gates/plan-cover.js';
import { collectTitles, evaluateTestsGate } from '../change/tests.js';
import { loadRules } from '../change/rules.js';
import type { Config } from '../config/schema.js';
import { guardPerson } from '../agent/guard.js';
import { UserError } from '../errors.js';
import { isAlive } from '../evidence/lock.js';
import { withLock } from '../evidence/lock.js';
import { writeFileAtomic } from '../evidence/store.js';
import { evaluatePlan, outOfScope } from '../gates/plan.js';
import { stagePaths } from '../git/worktree.js';
import { gitUser, openRepo, type Repo } from '../git/repo.js';
import { recordEvidence } from '../evidence/record.js';
import type { SignatureRecord } from '../evidence/types.js';
import { VERSION } from '../version.js';
import { isUntouched, missingSections, splitDraft } from '../plan/draft.js';
import { parsePlan, sectionKey, type Plan, type PlanFrontMatter } from '../plan/parse.js';
import { renderPlan } from '../plan/render.js';
import { showPlan } from '../plan/show.js';
import { planFileName, planTemplate } from '../plan/template.js';
import { renderText } from '../report/text.js';
import { matchChecklist } from '../testmap/match.js';
import { styleFor } from './output.js';

export interface PlanFlags {
  from?: string;
  title?: string;
  show?: boolean;
  status?: 'active' | 'done';
  critique?: boolean;
  dryRun?: boolean;
  countTokens?: boolean;
  add?: string;
  config?: string;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const PLAN_TEMP = 'reviewgate-plan-';

/** Temporary plan folders of plan commands that were killed (the pid is in the name). */
function removeDeadPlanTemps(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = new RegExp(`^${PLAN_TEMP}(\\d+)-`).exec(name)?.[1];
    if (pid !== undefined && !isAlive(Number(pid))) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

/**
 * The plan as edited in $VISUAL/$EDITOR. The temporary folder is removed whatever happens; a
 * draft the editor failed on is kept in the git directory, where the fix names it.
 */
function editInEditor(initial: string, keepDir: string): string {
  removeDeadPlanTemps();
  const dir = mkdtempSync(join(tmpdir(), `${PLAN_TEMP}${process.pid}-`));
  try {
    return editIn(dir, initial, keepDir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function editIn(dir: string, initial: string, keepDir: string): string {
  const editor = process.env.VISUAL || process.env.EDITOR;
  if (!editor) {
    throw new UserError('no editor: $VISUAL and $EDITOR are both unset', 'export EDITOR=vim (or nano, "code --wait"), or write the plan in a file and use: reviewgate plan --from plan.md');
  }
  const file = join(dir, 'PLAN.md');
  writeFileSync(file, initial);
  // The editor string may carry arguments ("code --wait"): run it through the shell, like git does.
  const result = spawnSync(`${editor} "$REVIEWGATE_PLAN_FILE"`, { shell: true, stdio: 'inherit', env: { ...process.env, REVIEWGATE_PLAN_FILE: file } });
  if (result.status !== 0) {
    const kept = join(keepDir, 'plan-draft.md');
    mkdirSync(keepDir, { recursive: true });
    writeFileSync(kept, readFileSync(file));
    throw new UserError(`the editor (${editor}) exited with ${result.status ?? result.signal}; the plan was not recorded`, `your draft is kept in ${kept}: reviewgate plan --from ${kept}`);
  }
  return readFileSync(file, 'utf8');
}

/** The plan file in the work tree (what the person edits), parsed; null when there is none. */
async function currentPlan(repo: Repo, relPath: string): Promise<{ text: string; plan: Plan } | null> {
  const absolute = join(repo.root, relPath);
  if (!existsSync(absolute)) return null;
  const text = readFileSync(absolute, 'utf8');
  return { text, plan: await parsePlan(text, relPath) };
}

const bodyOf = (text: string) => splitDraft(text).body;

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(question)).trim().toLowerCase();
  } finally {
    rl.close();
  }
}

export async function planCommand(flags: PlanFlags): Promise<void> {
  const cwd = process.cwd();
  const repo = await openRepo(cwd);
  const { config } = await loadRules(repo, { kind: 'staged' }, flags.config ? resolve(cwd, flags.config) : undefined);
  const change = await collectChange(repo, config, { kind: 'staged' });
  const relPath = `${config.evidence_dir}/${planFileName(repo.branch)}`;
  if (flags.show) return show(repo, config, change, relPath);
  guardPerson({ what: 'a plan', command: 'reviewgate plan', agentKey: 'plan.agent', agentPolicy: config.plan.agent, env: process.env, warn: (l) => process.stderr.write(`${l}\n`) });
  if ((flags.dryRun || flags.add !== undefined) && !flags.critique) throw new UserError('--dry-run and --add go with --critique', 'reviewgate plan --critique --dry-run');
  if (flags.countTokens && !flags.dryRun) throw new UserError('--count-tokens goes with --dry-run', 'reviewgate plan --critique --dry-run --count-tokens');
  if (flags.critique) return (await import('./critique.js')).critiquePlan(repo, config, change, relPath, { dryRun: flags.dryRun, countTokens: flags.countTokens, add: flags.add });
  const existing = await currentPlan(repo, relPath);
  if (flags.status) {
    if (!existing) throw new UserError(`no plan to mark ${flags.status}: ${relPath} does not exist`, 'reviewgate plan');
    const text = renderPlan({ ...existing.plan.frontMatter, status: flags.status }, bodyOf(existing.text));
    const signature = await planSignature(repo, config, relPath, text);
    await writePlanFile(repo, relPath, text);
    if (signature) await recordEvidence(repo, config, [signature]);
    process.stdout.write(flags.status === 'done' ? `Closed the plan in ${relPath} (staged). The next \`reviewgate plan\` starts a new one.\n` : `Reopened the plan in ${relPath} (staged).\n`);
    return;
  }

  const active = existing?.plan.frontMatter.status === 'active';
  let text: string;
  let continuing = false;
  if (flags.from !== undefined) {
    if (flags.from === '-') text = await readStdin();
    else {
      const path = resolve(cwd, flags.from);
      if (!existsSync(path)) throw new UserError(`no such file: ${flags.from}`, 'reviewgate plan --from <file>');
      text = await readFile(path, 'utf8');
    }
    if (active) process.stdout.write(`Replacing the active plan in ${relPath}.\n`);
  } else if (process.stdin.isTTY) {
    if (existing && active) {
      const answer = await ask(`A plan exists for this branch (${existing.plan.frontMatter.title}). [r]eplace it or [c]ontinue it? [c] `);
      if (answer !== '' && answer !== 'c' && answer !== 'r') throw new UserError(`"${answer}" is neither r nor c; nothing was recorded`, 'reviewgate plan, then r or c');
      continuing = answer !== 'r';
    }
    text = editInEditor(continuing && existing ? bodyOf(existing.text) : planTemplate(config.plan.sections), join(repo.gitDir, 'reviewgate'));
  } else {
    throw new UserError('no terminal to open an editor on', 'reviewgate plan --from <file>   (or --from - to read standard input)');
  }
  const draft = splitDraft(text);
  const scope = draft.scope ?? (continuing ? existing?.plan.frontMatter.scope : undefined);
  try {
    await record(repo, config, change, relPath, flags, draft.body, scope);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (typeof e.code !== 'string' || !e.syscall) throw error;
    // A full or read-only disk: the plan just written must not be lost with the error.
    const kept = join(repo.gitDir, 'reviewgate', 'plan-draft.md');
    let saved = false;
    try {
      mkdirSync(dirname(kept), { recursive: true });
      writeFileSync(kept, draft.body);
      saved = true;
    } catch {
      process.stderr.write(`The plan, as written:\n${draft.body}\n`);
    }
    throw new UserError(
      `cannot ${e.syscall} ${e.path ?? relPath} (${e.code}): the plan was not recorded${saved ? `; it is kept in ${kept}` : ' and is printed above'}`,
      saved ? `free disk space or fix the permissions, then: reviewgate plan --from ${kept}` : 'free disk space or fix the permissions, then record the plan above with reviewgate plan --from -',
      { cause: error },
    );
  }
}

/** With evidence.sign: ssh, the signature of the plan's exact text, made before anything is written. */
async function planSignature(repo: Repo, config: Config, relPath: string, text: string): Promise<SignatureRecord | null> {
  if (config.evidence.sign !== 'ssh') return null;
  const { signPlan } = await import('../sign/sign.js');
  return signPlan(repo, await gitUser(repo.git), VERSION, relPath, text);
}

async function record(repo: Repo, config: Config, change: Change, relPath: string, flags: PlanFlags, body: string, scope: readonly string[] | undefined): Promise<void> {
  const s = await styleFor(process.stdout);
  const front = (title: string): PlanFrontMatter => ({
    title,
    branch: repo.branch,
    recorded_at: new Date().toISOString(),
    status: 'active',
    change_at_record: { files: change.files.length, lines: change.changedLines },
    ...(scope && scope.length > 0 ? { scope: [...scope] } : {}),
  });
  const draft = await parsePlan(renderPlan(front('draft'), body), relPath);
  const missing = missingSections(draft.sections, config.plan.sections);
  // An untouched template or an empty plan is not a plan: refuse, and say what it still needs.
  if (isUntouched(body, config.plan.sections) || !draft.sections.some((sec) => sec.hasContent)) {
    throw new UserError(`the plan is ${body.trim() === '' ? 'empty' : 'still the unchanged template'}; these sections need content: ${missing.join(', ')}`, 'write under each heading, then run reviewgate plan again');
  }
  const goal = draft.sections.find((sec) => sectionKey(sec.name) === 'goal' && sec.hasContent);
  const title = flags.title ?? goal?.body.split('\n').map((l) => l.trim()).find(Boolean) ?? repo.branch ?? 'plan';
  const text = renderPlan(front(title.slice(0, 120)), body);
  const signature = await planSignature(repo, config, relPath, text);
  await writePlanFile(repo, relPath, text);
  if (signature) await recordEvidence(repo, config, [signature]);
  const plan = await parsePlan(text, relPath);
  const result = evaluatePlan({ plan, planPath: relPath, config, changedLines: change.changedLines, changedFiles: change.files.length, changedPaths: change.files.map((f) => f.path) });
  process.stdout.write(`Recorded the plan in ${relPath} (staged).\n`);
  if (missing.length > 0) process.stdout.write(s.yellow(`Still missing: ${missing.join(', ')} — the plan gate fails until they have content.\n`));
  for (const f of result.findings) {
    if (f.code === 'plan.section_missing' || f.code === 'plan.section_empty') continue;
    process.stdout.write(`  ${f.severity === 'error' ? s.red('error') : s.yellow('warn ')} ${f.message}\n`);
  }
  if (config.ai.enabled && process.stdout.isTTY) process.stdout.write(`The AI advisor can question this plan: ${s.bold('reviewgate plan --critique')} (advice only).\n`);
  process.stdout.write(`Next: ${s.bold(missing.length > 0 ? 'reviewgate plan (continue it)' : change.items.length > 0 ? 'reviewgate review' : 'write the code, then reviewgate review')}\n`);
}

async function show(repo: Repo, config: Config, change: Change, relPath: string): Promise<void> {
  const s = await styleFor(process.stdout);
  const coverage = await planCoverage(repo, config, change);
  const found = checklistPlan(coverage);
  const changedPaths = change.files.map((f) => f.path);
  const result = evaluatePlanCoverage({ coverage, config, range: false, planPath: relPath });
  const gates = [result];
  if (found) {
    const wanted = found.plan.checklist.filter((i) => i.state !== 'waived');
    const titles = wanted.length > 0 ? await collectTitles(change, config, wanted, repo.cacheDir) : [];
    const tests = new Map(matchChecklist(wanted, titles).map((m) => [m.item.line, m.test ? `${m.test.file}:${m.test.line} "${m.test.title}"` : null]));
    const lines = showPlan({ plan: found.plan, path: found.path, sections: config.plan.sections, tests, outOfScope: outOfScope(found.plan, changedPaths), changedLines: change.changedLines }, s);
    process.stdout.write(`${lines.join('\n')}\n\n`);
    gates.push(await evaluateTestsGate(config, change, found, repo.cacheDir));
  }
  process.stdout.write(renderText({ ok: gates.every((g) => g.ok), target: { kind: 'staged', base: change.base, head: null }, gates, notes: [], skipped: null }, s));
}

/**
 * Writes and stages a plan under the same lock as evidence writes: two producers at once (a
 * review recording while a plan is written) never interleave their `git add`s.
 */
async function writePlanFile(repo: Repo, relPath: string, text: string): Promise<void> {
  await withLock(join(repo.commonDir, 'reviewgate', 'evidence.lock'), async () => {
    await writeFileAtomic(join(repo.root, relPath), text);
    await stagePaths(repo.git, [relPath]);
  });
}
