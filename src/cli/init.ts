// `reviewgate init [--yes] [--force]`: write .reviewgate.yml from what the project looks like,
// create the evidence folder, offer the hooks, and print CI snippets. It stages and commits
// nothing: the person decides what lands.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { CONFIG_FILE, loadConfig } from '../config/load.js';
import { configSchema } from '../config/schema.js';
import { UserError } from '../errors.js';
import { openRepo } from '../git/repo.js';
import { listUnignoredFiles } from '../git/worktree.js';
import { detectPackageManager, detectTestCommands, detectTestLayout, generatedFiles, unsuffixedTests, type ProjectFiles } from '../init/detect.js';
import { EVIDENCE_GITATTRIBUTES, writeFileAtomic } from '../evidence/store.js';
import { findUnmapped } from '../init/unmapped.js';
import { withClaudeHooks } from '../agent/claude.js';
import { EVIDENCE_DIR, githubSnippet, gitlabSnippet, renderConfig } from '../init/config.js';
import { styleFor } from './output.js';

export interface InitFlags {
  yes?: boolean;
  force?: boolean;
  agent?: 'claude';
}

/** Asks a y/N question on the terminal; anything but y/yes is no. */
async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

export async function initCommand(flags: InitFlags): Promise<void> {
  const repo = await openRepo(process.cwd());
  const s = await styleFor(process.stdout);
  const out = (line = ''): void => void process.stdout.write(`${line}\n`);
  // Questions only when a person can answer them; --yes is the script's "yes to everything asked".
  const terminal = process.stdin.isTTY === true && !flags.yes;
  const configPath = join(repo.root, CONFIG_FILE);

  let writeConfig = true;
  if (existsSync(configPath) && !flags.force) {
    if (!terminal && !flags.agent) {
      throw new UserError(`${CONFIG_FILE} already exists; init does not overwrite it without asking`, 'reviewgate init --force   (to replace it with a freshly detected one)');
    }
    // Adding the agent's hooks to a project that already uses reviewgate keeps its configuration.
    writeConfig = terminal ? await confirm(`${CONFIG_FILE} already exists. Replace it?`) : false;
    if (!writeConfig) out(`Kept the existing ${CONFIG_FILE}.`);
  }

  // Files git would consider (tracked, plus untracked that are not ignored): node_modules and
  // build output stay out of the layout detection the way the project itself keeps them out.
  const listed = await listUnignoredFiles(repo.git);
  const project: ProjectFiles = {
    files: [...new Set(listed)],
    read: (path) => {
      try {
        return readFileSync(join(repo.root, path), 'utf8');
      } catch {
        return null;
      }
    },
  };
  const pm = detectPackageManager(project);
  const commands = detectTestCommands(project);
  const layout = detectTestLayout(project);

  let evidenceDir = EVIDENCE_DIR;
  if (writeConfig) {
    // Nothing to learn from (a new repository): the built-in TypeScript rule, flagged as a guess.
    // (A runner whose tests are not named after the sources gets no per-file rule at all.)
    const rules = layout.rules.length > 0 || layout.runner ? layout.rules : configSchema.parse({}).tests.rules;
    const unmapped = findUnmapped(project.files, rules, project.read);
    const node = project.files.includes('package.json');
    const text = renderConfig({ commands, reviewIgnore: generatedFiles(project), rules, layouts: layout.found, node, unmapped, runner: layout.runner, unnamed: layout.unnamed });
    await writeFileAtomic(configPath, text);
    out(`Wrote ${s.bold(CONFIG_FILE)}:`);
    out(`  package manager: ${pm ? `${pm.pm}${pm.lockfile ? ` (${pm.lockfile})` : ''}` : 'none (no package.json)'}`);
    out(`  run.commands:    ${commands.length > 0 ? commands.map((c) => `${c.command}  (${c.because})`).join(', ') : s.yellow('none detected — add the commands that must pass')}`);
    out(`  tests.rules:     ${layout.found.length > 0 ? layout.found.join(', ') : 'no tests found; the usual places are configured'}`);
    if (layout.unnamed) out(`                   no per-file rule: ${layout.unnamed}; the plan's test checklist is matched against their titles`);
    if (layout.runner) out(`  tests.files:     ${layout.runner.globs.join(', ')} (${layout.runner.because}), and the usual test names`);
    const plain = layout.found.length > 0 ? [] : unsuffixedTests(project);
    if (plain.length > 0) {
      // ava, tap and node:test suites often name tests test/<name>.ts: the usual places would be a wrong guess.
      const dir = plain[0]?.split('/')[0] ?? 'test';
      out(s.yellow(`  ! ${dir}/ holds ${plain.length} script file${plain.length === 1 ? '' : 's'} not named *.test.* or *.spec.* (${plain.slice(0, 4).join(', ')}${plain.length > 4 ? ', …' : ''})`));
      out(`    if they are your tests, set tests.files to "${dir}/*.{ts,js}" and rules such as { source: "<src>/**/*.ts", tests: ["${dir}/{name}.{ext}"] } in ${CONFIG_FILE}`);
    }
    if (node) out('  run.isolated:    link node_modules (so `reviewgate run --isolated` finds the installed dependencies)');
    if (unmapped.orphanTests.length > 0 && unmapped.sources.length > 0) {
      const few = (l: readonly string[]) => l.slice(0, 8).join(', ') + (l.length > 8 ? ` and ${l.length - 8} more` : '');
      out(s.yellow(`  ! the rules map no source to ${unmapped.orphanTests.length} test file${unmapped.orphanTests.length === 1 ? '' : 's'}: ${few(unmapped.orphanTests)}`));
      out(s.yellow(`    and find no test for ${unmapped.sources.length} source${unmapped.sources.length === 1 ? '' : 's'}: ${few(unmapped.sources)}`));
      for (const { source, test } of unmapped.suggestions) out(`    likely pair: ${source} → ${test}`);
      out(`    fix: add rules for them in ${CONFIG_FILE} (the likely pairs are there, commented out), or \`exclude\` them`);
    }
  } else {
    evidenceDir = (await loadConfig(repo.root)).config.evidence_dir;
  }

  const evidence = join(repo.root, evidenceDir);
  mkdirSync(join(evidence, 'evidence'), { recursive: true });
  const attributes = join(evidence, '.gitattributes');
  const current = existsSync(attributes) ? readFileSync(attributes, 'utf8') : null;
  if (current === null) await writeFileAtomic(attributes, `${EVIDENCE_GITATTRIBUTES}\n`);
  else if (!current.split(/\r?\n/).includes(EVIDENCE_GITATTRIBUTES.trim())) {
    await writeFileAtomic(attributes, `${current}${current === '' || current.endsWith('\n') ? '' : '\n'}${EVIDENCE_GITATTRIBUTES}\n`);
  }
  out(`Created ${evidenceDir}/evidence/ and ${evidenceDir}/.gitattributes (evidence files merge without conflicts).`);
  out();

  const install = flags.yes === true || (terminal && (await confirm('Install the git hooks (pre-commit and pre-push) now?')));
  const prepared = await offerPrepare(repo.root, flags.yes === true, terminal, out);
  if (install) {
    out('Installing the hooks:');
    await (await import('./hooks.js')).hooksCommand('install', {});
  } else {
    out(`Hooks not installed. To install them: ${s.bold('reviewgate hooks install')}`);
  }
  out();

  const pmName = pm?.pm ?? null;
  out(s.bold('GitHub Actions:'));
  out(githubSnippet(pmName));
  out(s.bold('GitLab CI:'));
  out(gitlabSnippet(pmName));

  const agentFile = flags.agent === 'claude' ? await writeClaudeSettings(repo.root) : null;
  if (agentFile) {
    out(`Wrote the Claude Code hooks in ${s.bold(agentFile)}: an approved plan (ExitPlanMode) is recorded with reviewgate plan;`);
    out('  git commit/push with --no-verify (or core.hooksPath, HUSKY=0) is blocked. Every hook failure blocks (exit 2).');
    out();
  }
  const adds = [CONFIG_FILE, evidenceDir, ...(agentFile ? [agentFile] : [])];
  if (install && existsSync(join(repo.root, '.husky'))) adds.push('.husky');
  // The adoption commit carries the dependency too, so a teammate's install brings reviewgate.
  for (const f of ['package.json', pm?.lockfile ?? '']) if (f && existsSync(join(repo.root, f))) adds.push(f);
  if (prepared) out(`Added ${s.bold('"prepare": "reviewgate hooks install"')} to package.json: teammates get the hooks on install.`);
  out('Next:');
  out(`  ${s.bold(`git add ${adds.join(' ')} && git commit -m "Add reviewgate"`)}`);
  out(`  then for each change: ${s.bold('reviewgate plan')}, write the code, ${s.bold('reviewgate review')}, ${s.bold('reviewgate run')}, commit.`);
}

/**
 * The `prepare` script that installs the hooks for everyone who runs the package manager's install
 * (a no-op in CI and outside a git repository; see hooks.ts). An existing prepare script is kept
 * and reviewgate's runs after it.
 */
async function offerPrepare(root: string, yes: boolean, terminal: boolean, out: (line?: string) => void): Promise<boolean> {
  const file = join(root, 'package.json');
  if (!existsSync(file)) return false;
  const text = readFileSync(file, 'utf8');
  let pkg: { scripts?: Record<string, string> };
  try {
    pkg = JSON.parse(text) as typeof pkg;
  } catch {
    out('package.json is not valid JSON: no prepare script added.');
    return false;
  }
  const current = pkg.scripts?.prepare ?? '';
  if (current.includes('reviewgate hooks install')) return false;
  if (!yes && !(terminal && (await confirm('Add a "prepare" script to package.json so teammates get the hooks when they install?')))) return false;
  const indent = /^(\s+)"/m.exec(text)?.[1] ?? '  ';
  const scripts = { ...(pkg.scripts ?? {}), prepare: current ? `${current} && reviewgate hooks install` : 'reviewgate hooks install' };
  await writeFileAtomic(file, `${JSON.stringify({ ...pkg, scripts }, null, indent)}\n`);
  return true;
}

/** Adds reviewgate's hooks to .claude/settings.json, keeping everything else in it. */
async function writeClaudeSettings(root: string): Promise<string> {
  const rel = '.claude/settings.json';
  const file = join(root, rel);
  let current: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      current = parsed as Record<string, unknown>;
    } catch (error) {
      throw new UserError(`${rel} is not a JSON object; the agent hooks were not written`, `fix ${rel}, then reviewgate init --agent claude --force`, { cause: error });
    }
  }
  mkdirSync(join(root, '.claude'), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(withClaudeHooks(current as Parameters<typeof withClaudeHooks>[0]), null, 2)}\n`);
  return rel;
}
