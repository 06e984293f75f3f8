import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/load.js';
import { configSchema } from '../../src/config/schema.js';
import { githubSnippet, gitlabSnippet, renderConfig, SCHEMA_LINE, type InitValues } from '../../src/init/config.js';

async function load(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'reviewgate-init-'));
  try {
    writeFileSync(join(dir, '.reviewgate.yml'), text);
    return await loadConfig(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const DETECTED: InitValues = {
  commands: [
    { command: 'pnpm test', because: 'package.json scripts.test' },
    { command: 'go test ./...', because: 'go.mod' },
  ],
  reviewIgnore: ['pnpm-lock.yaml', 'go.sum'],
  rules: [
    { source: 'src/**/*.{ts,tsx}', exclude: ['src/**/*.d.ts'], tests: ['src/{dir}/{name}.test.{ext}'] },
    { source: '**/*.go', exclude: ['**/*_test.go'], tests: ['{dir}/{name}_test.go'] },
  ],
  layouts: ['sibling *.test.ts', 'Go *_test.go'],
};

describe('renderConfig', () => {
  it('starts with the schema line and loads with no errors, keeping the detected values', async () => {
    const text = renderConfig(DETECTED);
    expect(text.split('\n')[0]).toBe(SCHEMA_LINE);
    const { config, defaulted } = await load(text);
    expect(defaulted).toBe(false);
    expect(config.version).toBe(1);
    expect(config.evidence_dir).toBe('.reviewgate');
    expect(config.run.commands).toEqual(['pnpm test', 'go test ./...']);
    expect(config.review.ignore).toEqual(['pnpm-lock.yaml', 'go.sum']);
    expect(config.tests.rules).toEqual(DETECTED.rules);
  });

  it('is valid when nothing was detected', async () => {
    const { config } = await load(renderConfig({ commands: [], reviewIgnore: [], rules: configSchema.parse({}).tests.rules, layouts: [] }));
    expect(config.run.commands).toEqual([]);
    expect(config.tests.rules).toEqual(configSchema.parse({}).tests.rules);
  });

  it('quotes values YAML would otherwise misread', async () => {
    const { config } = await load(renderConfig({ ...DETECTED, commands: [{ command: 'make test: all # "x"', because: 'x' }] }));
    expect(config.run.commands).toEqual(['make test: all # "x"']);
  });
});

describe('CI snippets', () => {
  it('GitHub: full history, setup-node, check --ci --format github', () => {
    const yaml = parse(githubSnippet('npm'));
    const steps = yaml.jobs.reviewgate.steps;
    expect(steps[0]).toEqual({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    expect(steps[1].uses).toBe('actions/setup-node@v4');
    expect(steps.map((s: { run?: string }) => s.run).filter(Boolean)).toEqual(['npm ci', 'npx --no-install reviewgate check --ci --format github']);
  });

  it('GitLab: a merge request job with GIT_DEPTH 0', () => {
    const job = parse(gitlabSnippet('pnpm')).reviewgate;
    expect(job.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }]);
    expect(job.variables).toEqual({ GIT_DEPTH: 0 });
    expect(job.script).toEqual(['corepack enable && pnpm install --frozen-lockfile', 'npx --no-install reviewgate check --ci --format gitlab --output gl-code-quality.json']);
  });

  it('fetches reviewgate itself where there is no package.json', () => {
    expect(parse(gitlabSnippet(null)).reviewgate.script).toEqual(['npx --yes reviewgate check --ci --format gitlab --output gl-code-quality.json']);
  });
});

describe('the README', () => {
  it('shows exactly the CI jobs init prints', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`\`\`\`yaml\n${githubSnippet('npm')}\`\`\``);
    expect(readme).toContain(`\`\`\`yaml\n${gitlabSnippet('npm')}\`\`\``);
  });
});

describe('renderConfig with a test runner init recognised', () => {
  it("writes the runner's files before the usual names, and says why there is no per-file rule", async () => {
    const text = renderConfig({
      ...DETECTED,
      rules: [],
      layouts: ['mocha test/*.{js,cjs,mjs} (70 files)'],
      runner: { globs: ['test/*.{js,cjs,mjs}'], files: ['test/app.js'], because: 'mocha in package.json scripts.test', templates: ['test/{name}.{ext}'] },
      unnamed: '1 of the 6 source files under lib/**/*.js has a test file of the same name',
    });
    expect(text).toContain('  # No per-file rule: 1 of the 6 source files under lib/**/*.js has a test file of the same name.\n');
    const { config, defaulted } = await load(text);
    expect(defaulted).toBe(false);
    expect(config.tests.rules).toEqual([]);
    expect(config.tests.files).toEqual(['test/*.{js,cjs,mjs}', ...configSchema.parse({}).tests.files]);
  });
});
