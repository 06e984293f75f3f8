import { describe, expect, it } from 'vitest';
import { validateConfig, defaultConfig } from '../../src/config/validate.js';
import { formatConfigError } from '../../src/config/format.js';

const F = '.reviewgate.yml';
const errorsOf = (text: string): string[] => validateConfig(text, F).errors.map(formatConfigError);

describe('validateConfig errors', () => {
  // One line per error kind: the YAML, then the exact `file:line:column path: message` lines.
  const cases: [string, string, string[]][] = [
    ['YAML syntax error', 'run:\n  commands: [npm test\nplan: {}\n', [`${F}:3:1: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]`]],
    ['duplicate key', 'version: 1\nversion: 1\n', [`${F}:2:1: YAML syntax: Map keys must be unique`]],
    ['two documents', 'version: 1\n---\nversion: 1\n', [`${F}:2:1: the file holds more than one YAML document (a second \`---\`)`]],
    ['top level is a list', '- npm test\n', [`${F}:1:1: expected a mapping of settings at the top level, got a list`]],
    ['top level is a string', 'hello\n', [`${F}:1:1: expected a mapping of settings at the top level, got a string ("hello")`]],
    ['unknown top-level key', 'version: 1\nevidences: x\n', [`${F}:2:1 evidences: unknown key "evidences"`]],
    ['unknown nested key, at the key', 'run:\n  required: true\n  comands: [a]\n', [`${F}:3:3 run.comands: unknown key "comands"`]],
    ['unknown key in a list item', 'tests:\n  rules:\n    - source: a\n      tests: [b]\n      foo: 1\n', [`${F}:5:7 tests.rules[0].foo: unknown key "foo"`]],
    ['wrong type in a list', 'run:\n  commands:\n    - npm test\n    - 42\n', [`${F}:4:7 run.commands[1]: expected a string, got a number (42)`]],
    ['wrong type for a boolean', 'plan:\n  required: yes\n', [`${F}:2:13 plan.required: expected true or false, got a string ("yes")`]],
    ['list expected', 'review:\n  ignore: "*.lock"\n', [`${F}:2:11 review.ignore: expected a list, got a string ("*.lock")`]],
    ['mapping expected', 'run: npm test\n', [`${F}:1:6 run: expected a mapping, got a string ("npm test")`]],
    ['enum value', 'plan:\n  before_code: maybe\n', [`${F}:2:16 plan.before_code: expected one of "warn", "fail", "off", got a string ("maybe")`]],
    ['version other than 1', 'version: 2\n', [`${F}:1:10 version: unsupported version 2; this reviewgate reads version 1`]],
    ['empty list', 'tests:\n  rules:\n    - source: src/**\n      tests: []\n', [`${F}:4:14 tests.rules[0].tests: must not be an empty list`]],
    ['missing required key', 'tests:\n  rules:\n    - tests: [a]\n', [`${F}:3:7 tests.rules[0].source: is required (a string)`]],
    ['null leaf value', 'run:\n  commands:\n', [`${F}:2:12 run.commands: expected a list, got nothing (null)`]],
    ['empty string', 'evidence_dir: ""\n', [`${F}:1:15 evidence_dir: must not be empty`]],
    ['blank glob', 'review:\n  ignore: ["  "]\n', [`${F}:2:12 review.ignore[0]: must not be empty`]],
    ['evidence_dir with ..', 'evidence_dir: ../evidence\n', [`${F}:1:15 evidence_dir: must stay inside the repository (no \`..\`)`]],
    ['evidence_dir absolute', 'evidence_dir: /tmp/ev\n', [`${F}:1:15 evidence_dir: must be relative to the repository root, not absolute`]],
    ['evidence_dir in .git', 'evidence_dir: ./.git/rg\n', [`${F}:1:15 evidence_dir: must not be inside \`.git\` (evidence is committed)`]],
    ['evidence_dir is the root', 'evidence_dir: ./\n', [`${F}:1:15 evidence_dir: must be a folder below the repository root, not the root itself`]],
    ['unknown placeholder', 'tests:\n  rules:\n    - source: "src/**/*.ts"\n      tests: ["test/{folder}/{name}.test.ts"]\n', [`${F}:4:15 tests.rules[0].tests[0]: unknown placeholder "{folder}"`]],
    [
      'several errors, in file order',
      'zzz: 1\nrun:\n  commands: [1]\nplan:\n  required: 0\n',
      [`${F}:1:1 zzz: unknown key "zzz"`, `${F}:3:14 run.commands[0]: expected a string, got a number (1)`, `${F}:5:13 plan.required: expected true or false, got a number (0)`],
    ],
    [
      'an error reached through an alias points at the place of use',
      'review:\n  ignore: &i [1]\nplan:\n  required: *i\n',
      [`${F}:2:15 review.ignore[0]: expected a string, got a number (1)`, `${F}:4:13 plan.required: expected true or false, got a list`],
    ],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(errorsOf(text)).toEqual(expected);
  });

  it('suggests the closest key for a typo, and lists the keys otherwise', () => {
    const [typo] = validateConfig('run:\n  comands: []\n', F).errors;
    expect(typo?.fix).toBe('did you mean "commands"?');
    const [other] = validateConfig('run:\n  shell: bash\n', F).errors;
    expect(other?.fix).toBe('remove it; the keys here are: required, commands, isolated, jobs, timeout');
  });

  it('gives a fix for an unsupported version', () => {
    expect(validateConfig('version: 3\n', F).errors[0]?.fix).toContain('version: 1');
  });

  it('reports errors with the file name it was given', () => {
    expect(validateConfig('x: 1', 'conf/rg.yml').errors.map(formatConfigError)).toEqual(['conf/rg.yml:1:1 x: unknown key "x"']);
  });
});

describe('validateConfig defaults', () => {
  it.each([
    ['no file', null, true],
    ['an empty file', '', false],
    ['a blank file', '  \n\n', false],
    ['a comments-only file', '# yaml-language-server: $schema=./node_modules/reviewgate/schema.json\n', false],
    ['an explicit null document', '~\n', false],
  ])('uses every default for %s', (_name, text, defaulted) => {
    const result = validateConfig(text, F);
    expect(result.errors).toEqual([]);
    expect(result.defaulted).toBe(defaulted);
    expect(result.config).toEqual(defaultConfig());
  });

  it('has the documented defaults', () => {
    const config = defaultConfig();
    expect(config.version).toBe(1);
    expect(config.evidence_dir).toBe('.reviewgate');
    expect(config.plan).toEqual({ required: true, sections: ['Goal', 'Approach', 'Risks', 'Test checklist'], before_code: 'warn', scope: 'warn', agent: 'refuse', manual_checks: 'Manual checks' });
    expect(config.review).toEqual({ required: true, ignore: [], lockfile: {}, pace: 'warn', max_lines_per_hour: 1500, max_lines_per_hour_fail: 6000, require_interactive: false, piped: 'refuse', agent: 'refuse', rules: [] });
    expect(config.run).toEqual({ required: true, commands: ['npm test'], isolated: { always: false, setup: [], link: [] }, jobs: 1, timeout: null });
    expect(config.tests.waivers).toBe('allow');
    expect(config.tests.preset).toBeUndefined();
    expect(config.tests.coverage).toBeUndefined();
    expect(config.tests.required).toBe(true);
    expect(config.tests.rules[0]?.source).toBe('src/**/*.ts');
  });

  it('treats a section with every key commented out as that section’s defaults', () => {
    const result = validateConfig('plan:\n  # required: false\nrun:\n', F);
    expect(result.errors).toEqual([]);
    expect(result.config.plan.required).toBe(true);
    expect(result.config.run.commands).toEqual(['npm test']);
  });

  it('fills in defaults for keys left out of a section', () => {
    const { config, errors } = validateConfig('run:\n  required: false\n', F);
    expect(errors).toEqual([]);
    expect(config.run).toMatchObject({ required: false, commands: ['npm test'], jobs: 1, timeout: null });
  });
});

describe('validateConfig with a full example', () => {
  const full = `# yaml-language-server: $schema=./node_modules/reviewgate/schema.json
version: 1
evidence_dir: ./review/evidence/
plan:
  required: true
  sections: [Goal, Approach, Risks, Test checklist]
  before_code: fail
review:
  required: true
  ignore: ["package-lock.json", "**/*.snap"]
run:
  required: false
  commands: ["npm test", "npm run lint"]
tests:
  required: true
  files: ["**/*.test.ts"]
  rules:
    - source: "src/**/*.ts"
      exclude: ["src/**/*.d.ts"]
      tests: ["test/{dir}/{name}.test.ts", "src/{dir}/{name}.{test,spec}.{ext}"]
ai:
  enabled: true
  model: claude-opus-5-5
  review: on
  acknowledge: required
  exclude: [".env*", "infra/**"]
  max_input_tokens: 50000
  timeout: 90s
`;

  it('parses every key and normalises evidence_dir', () => {
    const { config, errors, defaulted } = validateConfig(full, F);
    expect(errors).toEqual([]);
    expect(defaulted).toBe(false);
    expect(config).toEqual({
      version: 1,
      evidence_dir: 'review/evidence',
      plan: { required: true, sections: ['Goal', 'Approach', 'Risks', 'Test checklist'], before_code: 'fail', scope: 'warn', agent: 'refuse', manual_checks: 'Manual checks' },
      review: { required: true, ignore: ['package-lock.json', '**/*.snap'], lockfile: {}, pace: 'warn', max_lines_per_hour: 1500, max_lines_per_hour_fail: 6000, require_interactive: false, piped: 'refuse', agent: 'refuse', rules: [] },
      evidence: { sign: 'off', require_signatures: false, allowed_signers: '.reviewgate/allowed_signers' },
      run: { required: false, commands: ['npm test', 'npm run lint'], isolated: { always: false, setup: [], link: [] }, jobs: 1, timeout: null },
      tests: {
        required: true,
        waivers: 'allow',
        files: ['**/*.test.ts'],
        rules: [
          {
            source: 'src/**/*.ts',
            exclude: ['src/**/*.d.ts'],
            tests: ['test/{dir}/{name}.test.ts', 'src/{dir}/{name}.{test,spec}.{ext}'],
          },
        ],
      },
      ai: { enabled: true, model: 'claude-opus-5-5', review: 'on', acknowledge: 'required', exclude: ['.env*', 'infra/**'], max_input_tokens: 50000, timeout: '90s' },
    });
  });

  it('accepts a $schema key and YAML anchors', () => {
    const text = '$schema: ./schema.json\nreview:\n  ignore: &lock ["*.lock"]\ntests:\n  rules:\n    - source: "lib/*.js"\n      exclude: *lock\n      tests: ["test/{name}.test.js"]\n';
    const { config, errors } = validateConfig(text, F);
    expect(errors).toEqual([]);
    expect(config.tests.rules[0]?.exclude).toEqual(['*.lock']);
  });
});

describe('validateConfig fixes for values close to the allowed ones', () => {
  const fixOf = (text: string) => validateConfig(text, F).errors.map((e) => [e.message, e.fix]);
  it('names the accepted forms of run.timeout and the nearest one', () => {
    expect(fixOf('run:\n  timeout: 5 minutes\n')).toEqual([
      ['expected seconds or a duration such as "90s", "15m", "1h", "500ms", got "5 minutes"', 'write `timeout: 5m`'],
    ]);
  });
  it('offers "did you mean" for an enum value', () => {
    expect(fixOf('plan:\n  before_code: warning\n')[0]?.[1]).toBe('did you mean "warn"?');
    expect(fixOf('tests:\n  waivers: forbidd\n')[0]?.[1]).toBe('did you mean "forbid"?');
    expect(fixOf('plan:\n  before_code: maybe\n')[0]?.[1]).toBeUndefined();
  });
});
