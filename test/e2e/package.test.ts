// The package as a user gets it: `npm pack`, `npm install` into a fresh project, and the README's
// quick start through `npx reviewgate` — including the pre-commit hook that `init --yes` installs.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv } from '../helpers/repo.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let work: string;
let project: string;
const env = cleanEnv({ npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' });

function sh(cmd: string, args: string[], input = '') {
  return spawnSync(cmd, args, { cwd: project, env, input, encoding: 'utf8', timeout: 120_000 });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'reviewgate-pack-'));
  // The bundles `npm test` built and every other file tests: `prepack` would build them again in
  // place while tests in other workers run the bin (and give it a new build id, voiding their
  // cached verdicts).
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, env, stdio: 'pipe' });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz')) as string;
  project = join(work, 'shop');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'shop', version: '1.0.0', private: true, scripts: { test: 'node -e 0' } }));
  for (const args of [['init', '-q', '-b', 'main'], ['config', 'user.name', 'Ann'], ['config', 'user.email', 'ann@example.com'], ['config', 'commit.gpgSign', 'false']]) {
    execFileSync('git', args, { cwd: project, env });
  }
  writeFileSync(join(project, '.gitignore'), 'node_modules/\n');
  const install = sh('npm', ['install', '--save-dev', '--prefer-offline', join(work, tarball)]);
  if (install.status !== 0) throw new Error(`npm install failed:\n${install.stdout}\n${install.stderr}`);
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the installed package', () => {
  it('holds the bundle without its source map', () => {
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz')) as string;
    const files = execFileSync('tar', ['tzf', join(work, tarball)], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(files).toContain('package/dist/cli.cjs');
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
  });

  it('runs the quick start word for word', () => {
    expect(sh('npx', ['reviewgate', '--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const init = sh('npx', ['reviewgate', 'init', '--yes']);
    expect(init.status).toBe(0);
    expect(sh('git', ['add', '.reviewgate.yml', '.reviewgate', '.gitignore', 'package.json', 'package-lock.json']).status).toBe(0);
    const adopt = sh('git', ['commit', '-m', 'Add reviewgate']);
    expect(adopt.stderr + adopt.stdout).not.toContain('gate failed');
    expect(adopt.status).toBe(0);

    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(join(project, 'src', 'price.js'), 'export const price = (x) => Math.round(x);\n');
    expect(sh('git', ['add', 'src/price.js']).status).toBe(0);

    const failing = sh('npx', ['reviewgate', 'check']);
    expect(failing.status).toBe(1);
    const blocked = sh('git', ['commit', '-m', 'price']);
    expect(blocked.status).not.toBe(0);

    const plan = '## Goal\nRound prices.\n## Approach\nMath.round.\n## Risks\nNegative prices.\n## Test checklist\n- [~] rounding — covered by the pricing service tests\n';
    expect(sh('npx', ['reviewgate', 'plan', '--from', '-'], plan).status).toBe(0);
    // review wants a person at a terminal (piped answers are refused by default): give it one.
    const review = sh('script', ['-qec', 'npx reviewgate review', '/dev/null'], 'y');
    expect(review.stdout).toContain('reviewed 1 item');
    expect(sh('npx', ['reviewgate', 'review'], 'y\n').status).toBe(2);
    const ranIt = sh('npx', ['reviewgate', 'run']);
    expect(ranIt.status, ranIt.stderr + ranIt.stdout).toBe(0);
    const passing = sh('npx', ['reviewgate', 'check']);
    expect(passing.stdout).toContain('All four gates hold');
    expect(passing.status).toBe(0);
    const commit = sh('git', ['commit', '-m', 'Round prices']);
    expect(commit.status).toBe(0);
  }, 180_000);
});
