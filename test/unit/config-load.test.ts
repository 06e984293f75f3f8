import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigFileError, loadConfig } from '../../src/config/load.js';
import { UserError } from '../../src/errors.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'reviewgate-config-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('loadConfig', () => {
  it('applies the defaults and says so when there is no .reviewgate.yml', async () => {
    const loaded = await loadConfig(root);
    expect(loaded.file).toBeNull();
    expect(loaded.defaulted).toBe(true);
    expect(loaded.config.run.commands).toEqual(['npm test']);
  });

  it('reads .reviewgate.yml at the root', async () => {
    writeFileSync(join(root, '.reviewgate.yml'), 'run:\n  commands: [make check]\n');
    const loaded = await loadConfig(root);
    expect(loaded).toMatchObject({ file: '.reviewgate.yml', defaulted: false });
    expect(loaded.config.run.commands).toEqual(['make check']);
  });

  it('reads an explicit path, relative to the root or absolute', async () => {
    mkdirSync(join(root, 'conf'));
    writeFileSync(join(root, 'conf', 'rg.yml'), 'plan:\n  required: false\n');
    expect((await loadConfig(root, 'conf/rg.yml')).config.plan.required).toBe(false);
    const absolute = await loadConfig(root, join(root, 'conf', 'rg.yml'));
    expect(absolute.file).toBe('conf/rg.yml');
  });

  it('fails with exit-2 semantics when an explicit file is missing', async () => {
    await expect(loadConfig(root, 'nope.yml')).rejects.toThrow(UserError);
    await expect(loadConfig(root, 'nope.yml')).rejects.toThrow('configuration file nope.yml not found');
  });

  it('lists every error, one per line, with a fix', async () => {
    writeFileSync(join(root, '.reviewgate.yml'), 'version: 2\nrun:\n  commands: [1]\n');
    const error = await loadConfig(root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigFileError);
    expect(error).toBeInstanceOf(UserError);
    const e = error as ConfigFileError;
    expect(e.message).toBe(
      '.reviewgate.yml:1:10 version: unsupported version 2; this reviewgate reads version 1\n' +
        '.reviewgate.yml:3:14 run.commands[0]: expected a string, got a number (1)',
    );
    expect(e.errors).toHaveLength(2);
    expect(e.fix).toContain('fix the 2 errors above in .reviewgate.yml');
  });

  it('uses the error’s own fix when there is exactly one', async () => {
    writeFileSync(join(root, '.reviewgate.yml'), 'run:\n  comands: []\n');
    await expect(loadConfig(root)).rejects.toMatchObject({ fix: 'did you mean "commands"?' });
  });

  it('treats an empty file as all defaults, but not as "no file"', async () => {
    writeFileSync(join(root, '.reviewgate.yml'), '');
    const loaded = await loadConfig(root);
    expect(loaded).toMatchObject({ file: '.reviewgate.yml', defaulted: false });
  });

  it('reports an unreadable path (a folder) as a user error', async () => {
    mkdirSync(join(root, '.reviewgate.yml'));
    await expect(loadConfig(root)).rejects.toThrow(/cannot read configuration file \.reviewgate\.yml/);
  });
});
