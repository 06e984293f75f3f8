// `reviewgate init` through the built bin, in throwaway repositories.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { assertBuilt } from '../helpers/cli.js';
import { cleanEnv, makeRepo, type TestRepo } from '../helpers/repo.js';

const BIN = fileURLToPath(new URL('../../bin/reviewgate.js', import.meta.url));

beforeAll(() => {
  // Never build here: other workers are running the bin (npm test builds it first).
  assertBuilt();
});

const repos: TestRepo[] = [];
afterEach(() => {
  while (repos.length > 0) repos.pop()?.remove();
});

function repoWith(files: Record<string, string>): TestRepo {
  const repo = makeRepo();
  repos.push(repo);
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  return repo;
}

// spawnSync gives the child a pipe, not a terminal: init must never ask.
const init = (repo: TestRepo, ...flags: string[]) =>
  spawnSync(process.execPath, [BIN, 'init', ...flags], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });

const TS_PROJECT = {
  'package.json': JSON.stringify({ name: 'shop', scripts: { test: 'vitest run' } }),
  'package-lock.json': '{}',
  '.gitignore': 'node_modules/\n',
  'src/cart/price.ts': 'export const price = 1;\n',
  'src/cart/price.test.ts': "import './price.js';\n",
  'node_modules/ignored/x.test.js': '',
};

describe('reviewgate init', () => {
  it('writes a valid .reviewgate.yml from what it detects', async () => {
    const repo = repoWith(TS_PROJECT);
    const result = init(repo, '--yes');
    expect(result.status, result.stderr).toBe(0);
    const text = repo.read('.reviewgate.yml');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./node_modules/reviewgate/schema.json');
    expect(text).toMatch(/^version: 1$/m);
    const { config, defaulted } = await loadConfig(repo.dir);
    expect(defaulted).toBe(false);
    expect(config.run.commands).toEqual(['npm test']);
    expect(config.review.ignore).toEqual([]);
    expect(config.tests.rules).toEqual([
      { source: 'src/**/*.ts', exclude: ['src/**/*.d.ts', 'src/**/*.test.*', 'src/**/*.spec.*', 'src/**/__tests__/**'], tests: ['src/{dir}/{name}.test.{ext}'] },
    ]);
    expect(result.stdout).toContain('package manager: npm (package-lock.json)');
    expect(result.stdout).toContain('tests.rules:     sibling *.test.ts');
  });

  it('creates the evidence folder with its own .gitattributes, never the project\'s', () => {
    const repo = repoWith(TS_PROJECT);
    expect(init(repo, '--yes').status).toBe(0);
    expect(existsSync(join(repo.dir, '.reviewgate/evidence'))).toBe(true);
    expect(repo.read('.reviewgate/.gitattributes')).toBe('evidence/*.jsonl merge=union\n');
    expect(existsSync(join(repo.dir, '.gitattributes'))).toBe(false);
    expect(repo.git('check-attr', 'merge', '--', '.reviewgate/evidence/main.jsonl')).toBe('.reviewgate/evidence/main.jsonl: merge: union');
  });

  it('with --yes installs the hooks, prints both CI snippets and the next commands, and stages nothing', () => {
    const repo = repoWith(TS_PROJECT);
    const { stdout } = init(repo, '--yes');
    expect(readFileSync(join(repo.dir, '.git/hooks/pre-commit'), 'utf8')).toContain('# reviewgate-hook v1');
    expect(existsSync(join(repo.dir, '.git/hooks/pre-push'))).toBe(true);
    expect(stdout).toContain('fetch-depth: 0');
    expect(stdout).toContain('uses: actions/setup-node@v4');
    expect(stdout).toContain('npx --no-install reviewgate check --ci --format github');
    expect(stdout).toContain('$CI_PIPELINE_SOURCE == "merge_request_event"');
    expect(stdout).toContain('GIT_DEPTH: 0');
    expect(stdout).toContain('- npx --no-install reviewgate check --ci --format gitlab --output gl-code-quality.json\n  artifacts:');
    expect(stdout).toContain('git add .reviewgate.yml .reviewgate package.json package-lock.json && git commit');
    expect(JSON.parse(repo.read('package.json')).scripts).toEqual({ test: 'vitest run', prepare: 'reviewgate hooks install' });
    expect(repo.read('.reviewgate.yml')).toContain('  isolated:\n    link: ["node_modules"]');
    expect(repo.git('diff', '--cached', '--name-only')).toBe('');
    expect(repo.gitResult(['rev-parse', '-q', '--verify', 'HEAD']).status).not.toBe(0);
  });

  it('without a terminal and without --yes does not install the hooks, and says how', () => {
    const repo = repoWith(TS_PROJECT);
    const result = init(repo);
    expect(result.status).toBe(0);
    expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(false);
    expect(result.stdout).toContain('To install them: reviewgate hooks install');
  });

  it('refuses to overwrite an existing .reviewgate.yml without a terminal; --force overwrites', async () => {
    const repo = repoWith({ ...TS_PROJECT, '.reviewgate.yml': 'version: 1\n' });
    for (const flags of [[], ['--yes']]) {
      const refused = init(repo, ...flags);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('.reviewgate.yml already exists');
      expect(refused.stderr).toContain('--force');
      expect(repo.read('.reviewgate.yml')).toBe('version: 1\n');
    }
    expect(existsSync(join(repo.dir, '.reviewgate'))).toBe(false);
    const forced = init(repo, '--force');
    expect(forced.status, forced.stderr).toBe(0);
    expect((await loadConfig(repo.dir)).config.run.commands).toEqual(['npm test']);
  });

  // util-linux `script` gives init a real terminal, so the questions are asked and answered.
  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!hasScript)('on a terminal asks before overwriting and before installing the hooks', async () => {
    const repo = repoWith({ ...TS_PROJECT, '.reviewgate.yml': 'version: 1\n' });
    const answers: Array<[string, string]> = [
      ['Replace it? [y/N]', 'n'],
      ['Install the git hooks (pre-commit and pre-push) now? [y/N]', 'y'],
      ['so teammates get the hooks when they install? [y/N]', 'n'],
    ];
    const child = spawn('script', ['-qec', `'${process.execPath}' '${BIN}' init`, '/dev/null'], { cwd: repo.dir, env: cleanEnv() });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const next = answers[0];
      if (next && output.includes(next[0])) {
        answers.shift();
        child.stdin.write(`${next[1]}\n`);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, output).toBe(0);
    expect(answers).toEqual([]);
    expect(output).toContain('Kept the existing .reviewgate.yml.');
    expect(repo.read('.reviewgate.yml')).toBe('version: 1\n');
    expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(true);
  });

  it.each([
    [{ 'go.mod': 'module x\n', 'cart/price.go': 'package cart\n', 'cart/price_test.go': 'package cart\n' }, ['go test ./...'], '**/*.go'],
    [{ 'pyproject.toml': '[tool.pytest.ini_options]\n', 'shop/cart.py': '', 'tests/test_cart.py': '' }, ['pytest'], '**/*.py'],
    [{ 'package.json': '{"scripts":{"test":"jest"}}', 'pnpm-lock.yaml': '', 'lib/a.js': '', 'lib/__tests__/a.test.js': '' }, ['pnpm test'], 'lib/**/*.js'],
    [{}, [], 'src/**/*.ts'],
  ])('detects %j → run %j, rule over %s, and the file loads', async (files, commands, source) => {
    const repo = repoWith(files);
    const result = init(repo, '--yes');
    expect(result.status, result.stderr).toBe(0);
    const { config } = await loadConfig(repo.dir);
    expect(config.run.commands).toEqual(commands);
    expect(config.tests.rules[0]?.source).toBe(source);
  });

  it('lists the sources its rules leave unmapped, with the likely pairs commented out, never a silent guess', () => {
    const repo = repoWith({
      'package.json': JSON.stringify({ name: 'lib', scripts: { test: 'vitest run' } }),
      'src/utils.ts': 'export const u = 1;\n',
      'src/cart.ts': 'export const c = 1;\n',
      'test/cart.test.ts': "import '../src/cart.js';\n",
      'test/utilities.test.ts': "import '../src/utils.js';\n",
    });
    const result = init(repo, '--yes');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('! the rules map no source to 1 test file: test/utilities.test.ts');
    expect(result.stdout).toContain('and find no test for 1 source: src/utils.ts');
    expect(result.stdout).toContain('likely pair: src/utils.ts → test/utilities.test.ts');
    const text = repo.read('.reviewgate.yml');
    expect(text).toContain('  #  - source: "src/utils.ts"\n  #    tests: ["test/utilities.test.ts"]');
  });

  it("reads a mocha project's flat test/ as its tests: their titles answer the plan's checklist", async () => {
    // express's layout: mocha runs test/*.js, named after the API they test, not after lib/'s files.
    const repo = repoWith({
      'package.json': JSON.stringify({ name: 'web', scripts: { test: 'mocha --require test/support/env --check-leaks test/ test/acceptance/' } }),
      'lib/request.js': 'module.exports = {};\n',
      'lib/router.js': 'module.exports = {};\n',
      'test/req.query.js': "describe('req', function () { describe('.query', function () { it('should default to {}', function () {}) }) })\n",
      'test/support/env.js': 'process.env.NODE_ENV = "test";\n',
      'test/acceptance/auth.js': "describe('auth', function () { it('should redirect to /login', function () {}) })\n",
    });
    const result = init(repo, '--yes');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('tests.rules:     mocha test/*.{js,cjs,mjs}, test/acceptance/*.{js,cjs,mjs} (2 files)');
    expect(result.stdout).toContain('no per-file rule: 0 of the 2 source files under lib/**/*.js have a test file of the same name');
    // Not the generic advice for unsuffixed files: init knows these are mocha's.
    expect(result.stdout).not.toContain('script files not named');
    const { config } = await loadConfig(repo.dir);
    expect(config.tests.rules).toEqual([]);
    expect(config.tests.files.slice(0, 2)).toEqual(['test/*.{js,cjs,mjs}', 'test/acceptance/*.{js,cjs,mjs}']);
    expect(config.tests.files).toContain('**/*_test.go');

    repo.git('add', '-A');
    repo.git('commit', '-q', '--no-verify', '-m', 'adopt reviewgate');
    repo.write('lib/request.js', 'module.exports = { query: {} };\n');
    repo.git('add', 'lib/request.js');
    const plan = '## Goal\nq\n## Approach\na\n## Risks\nr\n## Test checklist\n- [ ] req .query should default to {}\n- [ ] rejects a megabyte query string\n';
    const recorded = spawnSync(process.execPath, [BIN, 'plan', '--from', '-'], { cwd: repo.dir, env: cleanEnv(), input: plan, encoding: 'utf8' });
    expect(recorded.status, recorded.stderr).toBe(0);
    const tests = spawnSync(process.execPath, [BIN, 'tests'], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
    expect(tests.stdout).toContain('✓ req .query should default to {} → test/req.query.js:1 req > .query > should default to {}');
    expect(tests.stdout).toContain('✗ rejects a megabyte query string: no test title contains these words in order');
    expect(tests.status).toBe(1);
  });

  it('the prepare script installs nothing in CI or outside a git repository', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reviewgate-noprepare-'));
    try {
      const env: NodeJS.ProcessEnv = { ...cleanEnv(), npm_lifecycle_event: 'prepare' };
      delete env.CI;
      const outside = spawnSync(process.execPath, [BIN, 'hooks', 'install'], { cwd: dir, env, encoding: 'utf8' });
      expect(outside.status).toBe(0);
      expect(outside.stdout).toBe('reviewgate: hooks not installed (not a git repository)\n');
      const repo = repoWith({});
      const ci = spawnSync(process.execPath, [BIN, 'hooks', 'install'], { cwd: repo.dir, env: { ...env, CI: 'true' }, encoding: 'utf8' });
      expect(ci.stdout).toBe('reviewgate: hooks not installed (CI)\n');
      expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(false);
      const local = spawnSync(process.execPath, [BIN, 'hooks', 'install'], { cwd: repo.dir, env, encoding: 'utf8' });
      expect(local.status).toBe(0);
      expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('outside a git repository is a usage error with a fix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reviewgate-nogit-'));
    const result = spawnSync(process.execPath, [BIN, 'init', '--yes'], { cwd: dir, env: cleanEnv({ GIT_CEILING_DIRECTORIES: tmpdir() }), encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('not a git repository');
  });
});
