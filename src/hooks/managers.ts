// Working with the hook managers a project may already use. reviewgate never takes
// core.hooksPath away from them: for husky it adds one line to husky's own hook files; for
// lefthook and the pre-commit framework it prints the configuration to add.
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkArgs, type HookName } from './script.js';

/** The command a manager-run hook uses: `--no-install` so a missing tool fails instead of downloading. */
export function managerCommand(hook: HookName): string {
  return `npx --no-install reviewgate ${checkArgs(hook)}`;
}

/** The YAML to add to lefthook.yml. `{1} {2}` are git's hook arguments; use_stdin passes the ref lines. */
export function lefthookSnippet(hooks: readonly HookName[]): string {
  const parts: string[] = [];
  if (hooks.includes('pre-commit')) {
    parts.push(`pre-commit:
  commands:
    reviewgate:
      run: npx --no-install reviewgate check`);
  }
  if (hooks.includes('pre-push')) {
    parts.push(`pre-push:
  commands:
    reviewgate:
      run: npx --no-install reviewgate check --pre-push {1} {2}
      use_stdin: true`);
  }
  return `${parts.join('\n')}\n`;
}

/**
 * The YAML to add to .pre-commit-config.yaml. A local hook runs the project's own reviewgate (the
 * version in package.json); the repository's .pre-commit-hooks.yaml offers the same two hooks for
 * a `repo:` entry. The framework gives pre-push hooks the range in PRE_COMMIT_FROM_REF/TO_REF.
 */
export function preCommitSnippet(hooks: readonly HookName[]): string {
  const lines = ['repos:', '  - repo: local', '    hooks:'];
  if (hooks.includes('pre-commit')) {
    lines.push(
      '      - id: reviewgate',
      '        name: reviewgate (staged change)',
      '        entry: npx --no-install reviewgate check',
      '        language: system',
      '        pass_filenames: false',
      '        always_run: true',
      '        stages: [pre-commit]',
    );
  }
  if (hooks.includes('pre-push')) {
    lines.push(
      '      - id: reviewgate-pre-push',
      '        name: reviewgate (commits being pushed)',
      `        entry: sh -c 'npx --no-install reviewgate check --range "$PRE_COMMIT_FROM_REF..$PRE_COMMIT_TO_REF"'`,
      '        language: system',
      '        pass_filenames: false',
      '        always_run: true',
      '        stages: [pre-push]',
    );
  }
  return `${lines.join('\n')}\n`;
}

export interface HuskyEdit {
  readonly hook: HookName;
  /** Path relative to the repository root, e.g. `.husky/pre-commit`. */
  readonly file: string;
  readonly line: string;
  /** What happened: the line was added, the file created with it, or it was already there. */
  readonly result: 'appended' | 'created' | 'present';
}

// husky 9 runs `.husky/<hook>` with `sh -e`; husky 4–8 lets git run it directly, so a new file
// gets a shebang and the executable bit to work under both.
const HUSKY_HEADER = '#!/usr/bin/env sh\n';

/** Adds reviewgate's line to `.husky/<hook>` (creating it when absent); idempotent. */
export function addHuskyLine(root: string, hook: HookName): HuskyEdit {
  const file = `.husky/${hook}`;
  const path = join(root, file);
  const line = managerCommand(hook);
  if (!existsSync(path)) {
    writeFileSync(path, `${HUSKY_HEADER}${line}\n`, { mode: 0o755 });
    chmodSync(path, 0o755);
    return { hook, file, line, result: 'created' };
  }
  const text = readFileSync(path, 'utf8');
  if (text.split(/\r?\n/).some((l) => l.trim() === line)) return { hook, file, line, result: 'present' };
  writeFileSync(path, `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${line}\n`);
  return { hook, file, line, result: 'appended' };
}

/** Removes reviewgate's line from `.husky/<hook>`; deletes the file when nothing else is left in it. */
export function removeHuskyLine(root: string, hook: HookName): 'removed' | 'deleted' | 'absent' {
  const path = join(root, '.husky', hook);
  if (!existsSync(path)) return 'absent';
  const line = managerCommand(hook);
  const text = readFileSync(path, 'utf8');
  const kept = text.split('\n').filter((l) => l.replace(/\r$/, '').trim() !== line);
  if (kept.length === text.split('\n').length) return 'absent';
  const rest = kept.join('\n');
  if (rest.trim() === '' || rest === HUSKY_HEADER || rest.trim() === HUSKY_HEADER.trim()) {
    rmSync(path);
    return 'deleted';
  }
  writeFileSync(path, rest);
  return 'removed';
}

/** True when `.husky/<hook>` runs reviewgate. */
export function huskyHasLine(root: string, hook: HookName): boolean {
  const path = join(root, '.husky', hook);
  if (!existsSync(path)) return false;
  const line = managerCommand(hook);
  return readFileSync(path, 'utf8').split(/\r?\n/).some((l) => l.trim() === line);
}
