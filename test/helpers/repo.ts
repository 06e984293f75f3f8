// Throwaway git repositories for integration and end-to-end tests: real git, no mocks.
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync, chmodSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
// A suite started from an AI coding agent's shell must behave like one started by a person.
import { AGENT_VARIABLES } from '../../src/agent/detect.js';

/**
 * An environment free of the developer's own git configuration, of hook variables, and of the
 * markers of an AI agent's shell (so the suite passes when an agent runs it).
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('GIT_') || k === 'NODE_EXTRA_CA_CERTS' || k === 'FORCE_COLOR' || AGENT_VARIABLES.includes(k)) continue;
    env[k] = v;
  }
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Test Author',
    GIT_AUTHOR_EMAIL: 'author@example.com',
    GIT_COMMITTER_NAME: 'Test Author',
    GIT_COMMITTER_EMAIL: 'author@example.com',
    NO_COLOR: '1',
    ...extra,
  };
}

export interface TestRepo {
  readonly dir: string;
  /** Runs git in the repository and returns trimmed stdout; throws on failure. */
  git(...args: string[]): string;
  /** Runs git and returns the whole result (for expected failures). */
  gitResult(args: string[], options?: { input?: string; env?: Record<string, string> }): SpawnSyncReturns<string>;
  write(path: string, content: string | Buffer): void;
  read(path: string): string;
  chmod(path: string, mode: number): void;
  symlink(target: string, path: string): void;
  /** `git add -A` and commit; returns the new commit id. */
  commitAll(message: string): string;
  remove(): void;
}

export function makeRepo(options: { objectFormat?: 'sha1' | 'sha256'; bare?: boolean } = {}): TestRepo {
  const dir = mkdtempSync(join(tmpdir(), 'reviewgate-test-'));
  const env = cleanEnv();
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: dir, env, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }).replace(/\n$/, '');
  const init = ['init', '-q', '-b', 'main'];
  if (options.objectFormat) init.push(`--object-format=${options.objectFormat}`);
  if (options.bare) init.push('--bare');
  git(...init);
  git('config', 'user.name', 'Test Author');
  git('config', 'user.email', 'author@example.com');
  git('config', 'commit.gpgSign', 'false');
  git('config', 'gc.auto', '0');
  return {
    dir,
    git,
    gitResult(args, opts = {}) {
      return spawnSync('git', args, { cwd: dir, env: { ...env, ...opts.env }, encoding: 'utf8', input: opts.input });
    },
    write(path, content) {
      const full = join(dir, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    },
    read(path) {
      return readFileSync(join(dir, path), 'utf8');
    },
    chmod(path, mode) {
      chmodSync(join(dir, path), mode);
    },
    symlink(target, path) {
      const full = join(dir, path);
      mkdirSync(dirname(full), { recursive: true });
      symlinkSync(target, full);
    },
    commitAll(message) {
      git('add', '-A');
      git('commit', '-q', '--no-verify', '-m', message);
      return git('rev-parse', 'HEAD');
    },
    remove() {
      // Retried: a reviewgate a test has just stopped (a closed terminal) may still be writing its
      // caches as it exits, and a directory filled behind rmSync's back fails with ENOTEMPTY.
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}
