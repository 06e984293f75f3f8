// `reviewgate hooks install|uninstall|status [--pre-commit] [--pre-push]`.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { openRepo } from '../git/repo.js';
import { hookFileStatus, installHook, uninstallHook, type HookFileStatus } from '../hooks/install.js';
import { detectManager, hookLocation, LEFTHOOK_FILES, type HookLocation, type HookManager } from '../hooks/location.js';
import { addHuskyLine, huskyHasLine, lefthookSnippet, managerCommand, preCommitSnippet, removeHuskyLine } from '../hooks/managers.js';
import { HOOK_NAMES, type HookName } from '../hooks/script.js';
import type { Style } from '../report/style.js';
import { styleFor } from './output.js';

export interface HooksFlags {
  preCommit?: boolean;
  prePush?: boolean;
}

export type HooksAction = 'install' | 'uninstall' | 'status';

export function selectedHooks(flags: HooksFlags): HookName[] {
  const picked = HOOK_NAMES.filter((h) => (h === 'pre-commit' ? flags.preCommit : flags.prePush));
  return picked.length > 0 ? picked : [...HOOK_NAMES];
}

interface Context {
  readonly root: string;
  readonly location: HookLocation;
  readonly manager: HookManager | null;
  readonly hooks: HookName[];
  readonly s: Style;
  readonly out: (line?: string) => void;
  readonly shown: (path: string) => string;
}

/**
 * Run as the package's `prepare` script (npm, pnpm and yarn set npm_lifecycle_event), installing
 * the hooks is a courtesy to teammates: in CI, or where there is no git repository (an installed
 * tarball, a Docker build), there is nothing to install and that is no error — as with husky.
 */
async function skipInPrepare(env: NodeJS.ProcessEnv): Promise<string | null> {
  if (env.npm_lifecycle_event !== 'prepare') return null;
  if (env.CI && env.CI !== 'false' && env.CI !== '0') return 'CI';
  try {
    await openRepo(process.cwd());
    return null;
  } catch {
    return 'not a git repository';
  }
}

export async function hooksCommand(action: HooksAction, flags: HooksFlags): Promise<void> {
  const skip = action === 'install' ? await skipInPrepare(process.env) : null;
  if (skip) {
    process.stdout.write(`reviewgate: hooks not installed (${skip})\n`);
    return;
  }
  const repo = await openRepo(process.cwd());
  const location = await hookLocation(repo.git, repo.root, repo.commonDir);
  const ctx: Context = {
    root: repo.root,
    location,
    manager: detectManager(repo.root, location.hooksPath),
    hooks: selectedHooks(flags),
    s: await styleFor(process.stdout),
    out: (line = '') => process.stdout.write(`${line}\n`),
    shown: (path) => {
      const rel = relative(repo.root, path);
      return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : path;
    },
  };
  if (action === 'install') install(ctx);
  else if (action === 'uninstall') uninstall(ctx);
  else status(ctx);
}

function managerFile(ctx: Context): string {
  if (ctx.manager === 'lefthook') return LEFTHOOK_FILES.find((f) => existsSync(join(ctx.root, f))) ?? 'lefthook.yml';
  return '.pre-commit-config.yaml';
}

function install(ctx: Context): void {
  const { out, s } = ctx;
  if (ctx.manager === 'husky') {
    if (!existsSync(join(ctx.root, '.husky'))) {
      out(`This repository uses husky (core.hooksPath=${ctx.location.hooksPath}), but there is no .husky folder here.`);
      out('Add these lines to the husky hooks; reviewgate leaves core.hooksPath to husky:');
      for (const hook of ctx.hooks) out(`  .husky/${hook}:  ${managerCommand(hook)}`);
      return;
    }
    out('This repository uses husky: reviewgate adds its line to husky\'s hooks and leaves core.hooksPath to husky.');
    for (const hook of ctx.hooks) {
      const edit = addHuskyLine(ctx.root, hook);
      const what = edit.result === 'present' ? 'already runs' : edit.result === 'created' ? 'created with' : 'appended';
      out(`  ${edit.file}: ${what} ${s.bold(edit.line)}`);
    }
    if (ctx.hooks.includes('pre-push')) out(s.dim('  (in .husky/pre-push, nothing before this line may read standard input: it carries the refs being pushed)'));
    out(`Commit the changed files: git add .husky && git commit`);
    return;
  }
  if (ctx.manager === 'lefthook' || ctx.manager === 'pre-commit') {
    const file = managerFile(ctx);
    const snippet = ctx.manager === 'lefthook' ? lefthookSnippet(ctx.hooks) : preCommitSnippet(ctx.hooks);
    out(`This repository uses ${ctx.manager === 'lefthook' ? 'lefthook' : 'the pre-commit framework'} (${file}); reviewgate leaves its hooks to it.`);
    out(`Add this to ${file}:`);
    out();
    out(snippet.replace(/\n$/, '').split('\n').map((l) => `  ${l}`).join('\n'));
    out();
    if (ctx.manager === 'lefthook') out('Then run: npx lefthook install');
    else {
      out('(A `repo:` entry can use the hooks `reviewgate` and `reviewgate-pre-push` from reviewgate\'s .pre-commit-hooks.yaml instead.)');
      out(`Then run: pre-commit install ${ctx.hooks.map((h) => `--hook-type ${h}`).join(' ')}`);
    }
    return;
  }
  out(`Hooks directory: ${ctx.shown(ctx.location.dir)}${describeDir(ctx)}`);
  for (const hook of ctx.hooks) {
    const result = installHook(ctx.location.dir, hook);
    const message = {
      installed: 'installed',
      chained: `installed; the hook that was there runs first (kept as ${hook}.reviewgate-chained)`,
      unchanged: 'already installed, unchanged',
      updated: 'updated to this version of reviewgate',
    }[result];
    out(`  ${hook}: ${s.green(message)}`);
  }
}

function uninstall(ctx: Context): void {
  const { out } = ctx;
  if (ctx.manager === 'husky' && existsSync(join(ctx.root, '.husky'))) {
    for (const hook of ctx.hooks) {
      const result = removeHuskyLine(ctx.root, hook);
      out(`  .husky/${hook}: ${result === 'absent' ? 'does not run reviewgate' : result === 'deleted' ? 'removed (it only ran reviewgate)' : 'reviewgate line removed'}`);
    }
  } else if (ctx.manager === 'lefthook' || ctx.manager === 'pre-commit') {
    out(`Remove the reviewgate entries from ${managerFile(ctx)} yourself; reviewgate does not edit it.`);
  }
  // A hook installed before core.hooksPath was set still sits in git's own folder: remove it too.
  const stranded = ctx.location.dir !== ctx.location.defaultDir ? ctx.hooks.filter((h) => hookFileStatus(ctx.location.defaultDir, h).installed) : [];
  for (const hook of stranded) {
    const result = uninstallHook(ctx.location.defaultDir, hook);
    out(`  ${hook}: ${result === 'restored' ? 'removed; the earlier hook is back in place' : 'removed'} (${ctx.shown(join(ctx.location.defaultDir, hook))})`);
  }
  for (const hook of ctx.hooks) {
    const result = uninstallHook(ctx.location.dir, hook);
    // With a manager, its own files sit in the hooks directory: not ours, nothing to say.
    if ((ctx.manager || stranded.includes(hook)) && result !== 'removed' && result !== 'restored') continue;
    const message = {
      removed: 'removed',
      restored: 'removed; the earlier hook is back in place',
      absent: 'not installed',
      foreign: 'not reviewgate\'s hook; left alone',
    }[result];
    out(`  ${hook}: ${message} (${ctx.shown(join(ctx.location.dir, hook))})`);
  }
}

function describeDir(ctx: Context): string {
  const { hooksPath } = ctx.location;
  return hooksPath === null ? ' (git\'s default)' : ` (core.hooksPath=${hooksPath})`;
}

function status(ctx: Context): void {
  const { out, s } = ctx;
  out(`Hooks directory git uses: ${ctx.shown(ctx.location.dir)}${describeDir(ctx)}`);
  if (ctx.location.hooksPath !== null) {
    out(s.yellow(`  core.hooksPath is set: git ignores ${ctx.shown(ctx.location.defaultDir)}`));
  }
  if (ctx.manager) out(`Hook manager: ${ctx.manager}${ctx.manager === 'husky' ? '' : ` (${managerFile(ctx)})`}`);
  for (const hook of ctx.hooks) {
    const st = hookFileStatus(ctx.location.dir, hook);
    out(`${hook}: ${describeHook(ctx, st)}`);
    if (ctx.location.dir !== ctx.location.defaultDir && hookFileStatus(ctx.location.defaultDir, hook).installed) {
      out(s.yellow(`  a reviewgate hook sits in ${ctx.shown(ctx.location.defaultDir)}, which git does not use while core.hooksPath is set`));
    }
    if (ctx.manager === 'husky') out(`  .husky/${hook}: ${huskyHasLine(ctx.root, hook) ? 'runs reviewgate' : 'does not run reviewgate'}`);
    else if (ctx.manager === 'lefthook' || ctx.manager === 'pre-commit') {
      const file = join(ctx.root, managerFile(ctx));
      const mentions = existsSync(file) && readFileSync(file, 'utf8').includes('reviewgate');
      out(`  ${managerFile(ctx)}: ${mentions ? 'mentions reviewgate' : 'does not mention reviewgate'}`);
    }
  }
}

function describeHook(ctx: Context, st: HookFileStatus): string {
  const { s } = ctx;
  const parts: string[] = [];
  if (!st.exists) return s.red('not installed') + ` (fix: reviewgate hooks install --${st.hook})`;
  if (!st.installed) parts.push(s.yellow('not installed') + ' (another hook is there)');
  else parts.push(s.green('installed') + (st.current ? '' : ' (from another reviewgate version; reinstall to update)'));
  if (st.chained) {
    parts.push(`chained: ${ctx.shown(st.chained)} runs first${st.chainedExecutable ? '' : ' — but it is not executable, so it is skipped, as git would'}`);
  } else if (st.installed) parts.push('no chained hook');
  parts.push(st.executable ? 'git runs it' : s.red(`git does NOT run it: not executable (fix: chmod +x ${ctx.shown(st.path)})`));
  return parts.join('; ');
}
