import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { detectManager } from '../../src/hooks/location.js';
import { addHuskyLine, huskyHasLine, lefthookSnippet, managerCommand, preCommitSnippet, removeHuskyLine } from '../../src/hooks/managers.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'reviewgate-managers-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('detectManager', () => {
  it.each([
    [[], null, null],
    [['.husky/'], null, 'husky'],
    [[], '.husky/_', 'husky'],
    [[], '.husky', 'husky'],
    [[], '/abs/project/.husky/_/', 'husky'],
    [[], '.githooks', null],
    [['lefthook.yml'], null, 'lefthook'],
    [['.lefthook.yml'], null, 'lefthook'],
    [['.pre-commit-config.yaml'], null, 'pre-commit'],
  ] as const)('files %j, core.hooksPath %j → %s', (files, hooksPath, expected) => {
    for (const f of files) {
      if (f.endsWith('/')) mkdirSync(join(root, f), { recursive: true });
      else writeFileSync(join(root, f), '');
    }
    expect(detectManager(root, hooksPath)).toBe(expected);
  });
});

describe('husky lines', () => {
  beforeEach(() => mkdirSync(join(root, '.husky')));

  it('creates an executable hook file with the line, and does not add it twice', () => {
    expect(addHuskyLine(root, 'pre-commit').result).toBe('created');
    expect(addHuskyLine(root, 'pre-commit').result).toBe('present');
    const text = readFileSync(join(root, '.husky/pre-commit'), 'utf8');
    expect(text.split('\n').filter((l) => l === 'npx --no-install reviewgate check')).toHaveLength(1);
    expect(statSync(join(root, '.husky/pre-commit')).mode & 0o111).not.toBe(0);
  });

  it('appends to an existing hook (adding a missing final newline) and removes only its line', () => {
    writeFileSync(join(root, '.husky/pre-push'), 'npm test');
    expect(addHuskyLine(root, 'pre-push').result).toBe('appended');
    expect(readFileSync(join(root, '.husky/pre-push'), 'utf8')).toBe('npm test\nnpx --no-install reviewgate check --pre-push "$1" "$2"\n');
    expect(huskyHasLine(root, 'pre-push')).toBe(true);
    expect(removeHuskyLine(root, 'pre-push')).toBe('removed');
    expect(readFileSync(join(root, '.husky/pre-push'), 'utf8')).toBe('npm test\n');
  });

  it('deletes a hook file it created when its line goes', () => {
    addHuskyLine(root, 'pre-commit');
    expect(removeHuskyLine(root, 'pre-commit')).toBe('deleted');
    expect(existsSync(join(root, '.husky/pre-commit'))).toBe(false);
    expect(removeHuskyLine(root, 'pre-commit')).toBe('absent');
  });
});

describe('snippets', () => {
  it('gives lefthook both hooks, the pre-push one with git\'s arguments and stdin', () => {
    const yaml = parse(lefthookSnippet(['pre-commit', 'pre-push']));
    expect(yaml['pre-commit'].commands.reviewgate.run).toBe('npx --no-install reviewgate check');
    expect(yaml['pre-push'].commands.reviewgate).toEqual({ run: 'npx --no-install reviewgate check --pre-push {1} {2}', use_stdin: true });
    expect(parse(lefthookSnippet(['pre-push']))['pre-commit']).toBeUndefined();
  });

  it('gives the pre-commit framework local hooks that never pass file names', () => {
    const yaml = parse(preCommitSnippet(['pre-commit', 'pre-push']));
    const hooks = yaml.repos[0].hooks;
    expect(hooks.map((h: { id: string }) => h.id)).toEqual(['reviewgate', 'reviewgate-pre-push']);
    for (const h of hooks) expect(h).toMatchObject({ pass_filenames: false, always_run: true });
    expect(hooks[1].entry).toContain('--range "$PRE_COMMIT_FROM_REF..$PRE_COMMIT_TO_REF"');
  });

  it.each([
    ['pre-commit', 'npx --no-install reviewgate check'],
    ['pre-push', 'npx --no-install reviewgate check --pre-push "$1" "$2"'],
  ] as const)('%s command for managers: %s', (hook, command) => expect(managerCommand(hook)).toBe(command));
});

describe('.pre-commit-hooks.yaml', () => {
  it('ships the two hooks for the pre-commit framework', () => {
    const text = readFileSync(new URL('../../.pre-commit-hooks.yaml', import.meta.url), 'utf8');
    const hooks = parse(text) as Array<Record<string, unknown>>;
    expect(hooks.map((h) => [h.id, h.stages])).toEqual([
      ['reviewgate', ['pre-commit']],
      ['reviewgate-pre-push', ['pre-push']],
    ]);
    for (const h of hooks) expect(h).toMatchObject({ language: 'node', pass_filenames: false, always_run: true });
    expect(hooks[0]?.entry).toBe('reviewgate check');
    expect(String(hooks[1]?.entry)).toMatch(/^sh -c '.*reviewgate check --range "\$PRE_COMMIT_FROM_REF\.\.\$PRE_COMMIT_TO_REF"'$/s);
  });
});
