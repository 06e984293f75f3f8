import { chmodSync, existsSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { hookFileStatus, installHook, uninstallHook } from '../../src/hooks/install.js';
import { hookScript } from '../../src/hooks/script.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'reviewgate-hooks-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const mode = (path: string) => statSync(path).mode & 0o777;
const FOREIGN = '#!/bin/sh\necho foreign\n';

describe('installHook', () => {
  it('writes an executable hook, creating the directory', () => {
    const hooks = join(dir, 'nested', 'hooks');
    expect(installHook(hooks, 'pre-commit')).toBe('installed');
    expect(readFileSync(join(hooks, 'pre-commit'), 'utf8')).toBe(hookScript('pre-commit'));
    expect(mode(join(hooks, 'pre-commit'))).toBe(0o755);
  });

  it('changes nothing the second time', () => {
    installHook(dir, 'pre-push');
    const before = statSync(join(dir, 'pre-push'));
    expect(installHook(dir, 'pre-push')).toBe('unchanged');
    expect(statSync(join(dir, 'pre-push')).ino).toBe(before.ino);
  });

  it('rewrites an older version of its own hook', () => {
    writeFileSync(join(dir, 'pre-commit'), '#!/bin/sh\n# reviewgate-hook v0 pre-commit\n', { mode: 0o755 });
    expect(installHook(dir, 'pre-commit')).toBe('updated');
    expect(readFileSync(join(dir, 'pre-commit'), 'utf8')).toBe(hookScript('pre-commit'));
  });

  it('keeps a foreign hook as <hook>.reviewgate-chained with its mode', () => {
    writeFileSync(join(dir, 'pre-commit'), FOREIGN);
    chmodSync(join(dir, 'pre-commit'), 0o750);
    expect(installHook(dir, 'pre-commit')).toBe('chained');
    expect(readFileSync(join(dir, 'pre-commit.reviewgate-chained'), 'utf8')).toBe(FOREIGN);
    expect(mode(join(dir, 'pre-commit.reviewgate-chained'))).toBe(0o750);
    expect(installHook(dir, 'pre-commit')).toBe('unchanged');
  });

  it('refuses rather than overwrite an earlier chained hook', () => {
    writeFileSync(join(dir, 'pre-commit'), FOREIGN);
    writeFileSync(join(dir, 'pre-commit.reviewgate-chained'), '#!/bin/sh\necho older\n');
    expect(() => installHook(dir, 'pre-commit')).toThrow(UserError);
    expect(readFileSync(join(dir, 'pre-commit'), 'utf8')).toBe(FOREIGN);
  });
});

describe('uninstallHook', () => {
  it('removes its hook and leaves nothing behind', () => {
    installHook(dir, 'pre-commit');
    expect(uninstallHook(dir, 'pre-commit')).toBe('removed');
    expect(existsSync(join(dir, 'pre-commit'))).toBe(false);
  });

  it('puts the chained hook back with its bytes and mode', () => {
    writeFileSync(join(dir, 'pre-push'), FOREIGN);
    chmodSync(join(dir, 'pre-push'), 0o700);
    installHook(dir, 'pre-push');
    expect(uninstallHook(dir, 'pre-push')).toBe('restored');
    expect(readFileSync(join(dir, 'pre-push'), 'utf8')).toBe(FOREIGN);
    expect(mode(join(dir, 'pre-push'))).toBe(0o700);
    expect(existsSync(join(dir, 'pre-push.reviewgate-chained'))).toBe(false);
  });

  it('puts a chained symlink back as the same symlink', () => {
    writeFileSync(join(dir, 'real-hook'), FOREIGN, { mode: 0o755 });
    symlinkSync('real-hook', join(dir, 'pre-commit'));
    installHook(dir, 'pre-commit');
    uninstallHook(dir, 'pre-commit');
    expect(readlinkSync(join(dir, 'pre-commit'))).toBe('real-hook');
  });

  it('leaves a foreign hook alone', () => {
    writeFileSync(join(dir, 'pre-commit'), FOREIGN);
    expect(uninstallHook(dir, 'pre-commit')).toBe('foreign');
    expect(readFileSync(join(dir, 'pre-commit'), 'utf8')).toBe(FOREIGN);
    expect(uninstallHook(dir, 'pre-push')).toBe('absent');
  });
});

describe('hookFileStatus', () => {
  it('reports installed, chained and executable', () => {
    writeFileSync(join(dir, 'pre-commit'), FOREIGN, { mode: 0o644 });
    installHook(dir, 'pre-commit');
    expect(hookFileStatus(dir, 'pre-commit')).toMatchObject({ installed: true, current: true, executable: true, chainedExecutable: false });
    expect(hookFileStatus(dir, 'pre-commit').chained).toBe(join(dir, 'pre-commit.reviewgate-chained'));
    chmodSync(join(dir, 'pre-commit'), 0o644);
    expect(hookFileStatus(dir, 'pre-commit').executable).toBe(false);
    expect(hookFileStatus(dir, 'pre-push')).toMatchObject({ exists: false, installed: false, chained: null });
  });
});
