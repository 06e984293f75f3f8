// The text `reviewgate init` writes and prints: `.reviewgate.yml`, the evidence folder's
// .gitattributes, and CI snippets. Pure, so the written file can be checked against the schema.
import { DEFAULT_TEST_FILES, type TestRule } from '../config/schema.js';
import type { DetectedCommand, PackageManager, RunnerTests } from './detect.js';
import type { Unmapped } from './unmapped.js';

export const SCHEMA_LINE = '# yaml-language-server: $schema=./node_modules/reviewgate/schema.json';
export const EVIDENCE_DIR = '.reviewgate';

/** Inside the evidence folder, so the project's own .gitattributes is never touched. */

export interface InitValues {
  readonly commands: readonly DetectedCommand[];
  readonly reviewIgnore: readonly string[];
  readonly rules: readonly TestRule[];
  /** What the layout detection recognised; empty when the rules are a guess. */
  readonly layouts: readonly string[];
  /** A Node project: `--isolated` links its installed dependencies. */
  readonly node?: boolean;
  /** Sources the rules leave without a test while tests map to nothing (see init/unmapped.ts). */
  readonly unmapped?: Unmapped;
  /** Test files a runner runs that the default `tests.files` does not see (mocha's test/*.js). */
  readonly runner?: RunnerTests;
  /** Why no per-file rule was written for the runner's tests. */
  readonly unnamed?: string;
}

// JSON strings are valid YAML double-quoted scalars: no quoting rules to get wrong.
const q = (s: string): string => JSON.stringify(s);
const list = (items: readonly string[]): string => `[${items.map(q).join(', ')}]`;

export function renderConfig(values: InitValues): string {
  const lines = [
    SCHEMA_LINE,
    '# reviewgate configuration, written by `reviewgate init`. Every key has a default; the schema',
    '# above documents them. Commit this file and the evidence folder.',
    'version: 1',
    `evidence_dir: ${EVIDENCE_DIR}   # plans/ and evidence/ live here and are committed`,
    '',
    'plan:',
    '  required: true',
    `  sections: ${list(['Goal', 'Approach', 'Risks', 'Test checklist'])}`,
    '',
    'review:',
    '  required: true',
    '  # Left out of line review (still listed in the report, never silently).',
    `  ignore: ${list(values.reviewIgnore)}`,
    '',
    'run:',
    '  required: true',
  ];
  if (values.commands.length === 0) {
    lines.push('  # No test command was detected: list the commands that must pass before a change lands.', '  commands: []');
  } else {
    lines.push(`  # Detected from: ${values.commands.map((c) => c.because).join('; ')}.`, '  # Each runs with the shell, in the repository root.', '  commands:');
    for (const c of values.commands) lines.push(`    - ${q(c.command)}`);
  }
  if (values.node) {
    lines.push(
      '  # `reviewgate run --isolated` runs in a temporary worktree of exactly the staged tree; it uses',
      '  # the dependencies installed here (or list install commands under isolated.setup instead).',
      '  isolated:',
      `    link: ${list(['node_modules'])}`,
    );
  }
  lines.push('', 'tests:', '  required: true');
  lines.push(values.layouts.length > 0 ? `  # Matches the layout found: ${values.layouts.join(', ')}.` : '  # No tests found yet: these are the usual places; adjust them to your layout.');
  lines.push('  # {dir} is the folder below the start of `source`, {name} the file name, {ext} its extension.');
  if (values.unnamed) {
    lines.push(`  # No per-file rule: ${values.unnamed}.`, "  # The plan's test checklist is matched against the titles of the tests in `files`.");
  }
  if (values.rules.length === 0) lines.push('  rules: []');
  else {
    lines.push('  rules:');
    for (const rule of values.rules) {
      lines.push(`    - source: ${q(rule.source)}`);
      if (rule.exclude.length > 0) lines.push(`      exclude: ${list(rule.exclude)}`);
      lines.push(`      tests: ${list(rule.tests)}`);
    }
  }
  if (values.runner) {
    lines.push(`  # Where test titles are read from: what ${values.runner.because} runs, then the usual names.`);
    lines.push(`  files: ${list([...values.runner.globs, ...DEFAULT_TEST_FILES])}`);
  }
  const u = values.unmapped;
  if (u && u.orphanTests.length > 0 && u.sources.length > 0) {
    // A guess is never the silent default: what the rules miss is listed, and the pairs init
    // thinks likely are left commented out for a person to check.
    const few = (l: readonly string[]) => l.slice(0, 5).join(', ') + (l.length > 5 ? ` and ${l.length - 5} more` : '');
    lines.push(`  # These rules map no source to ${few(u.orphanTests)},`, `  # and find no test for ${few(u.sources)}.`);
    if (u.suggestions.length > 0) {
      lines.push('  # Likely pairs (check them, then uncomment; or set `when: changed`/`exclude` as fits):');
      for (const { source, test } of u.suggestions) lines.push(`  #  - source: ${q(source)}`, `  #    tests: ${list([test])}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

// How CI installs the project's dependencies (reviewgate among them). Without a package.json
// (a Go or Python project) there is nothing to install and npx fetches reviewgate itself.
const INSTALL: Record<PackageManager, string> = {
  npm: 'npm ci',
  pnpm: 'corepack enable && pnpm install --frozen-lockfile',
  yarn: 'corepack enable && yarn install',
  bun: 'npm install -g bun && bun install',
};

// `npx --no-install`: CI runs the reviewgate the project installed, never one fetched by name.
function steps(pm: PackageManager | null, args: string, indent: string): string {
  const install = pm ? `${indent}${INSTALL[pm]}\n` : '';
  return `${install}${indent}npx ${pm ? '--no-install' : '--yes'} reviewgate check ${args}\n`;
}

/** A GitHub Actions workflow: full history (reviewgate reads the pull request's commits). */
export function githubSnippet(pm: PackageManager | null): string {
  return `# .github/workflows/reviewgate.yml
name: reviewgate
on: pull_request
jobs:
  reviewgate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-node@v4
        with:
          node-version: 20
${steps(pm, '--ci --format github', '      - run: ')}`;
}

/** A GitLab CI job for merge request pipelines. */
export function gitlabSnippet(pm: PackageManager | null): string {
  return `# .gitlab-ci.yml
reviewgate:
  image: node:20
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
  variables:
    GIT_DEPTH: 0
  script:
${steps(pm, '--ci --format gitlab --output gl-code-quality.json', '    - ')}  artifacts:
    when: always
    reports:
      codequality: gl-code-quality.json
`;
}
