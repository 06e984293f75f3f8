import { describe, expect, it } from 'vitest';
import { loosenings } from '../../src/config/loosen.js';
import { configSchema } from '../../src/config/schema.js';
import { isEvidenceFile, treeFingerprint } from '../../src/diff/tree.js';

const config = (raw: unknown) => configSchema.parse(raw);
const BASE = config({ plan: { before_code: 'fail' }, tests: { waivers: 'forbid', coverage: { lcov: 'c.info', min: 80 } } });

describe('loosenings: what a new configuration would let through', () => {
  it.each([
    ['a gate switched off', { review: { required: false } }, ['review.required off']],
    ['globs added to review.ignore', { review: { ignore: ['package-lock.json', 'src/**'] } }, ['review.ignore adds "package-lock.json", "src/**"']],
    ['pace switched off', { review: { pace: 'off' } }, ['review.pace warn → off']],
    ['a faster pace allowed', { review: { max_lines_per_hour: 9000 } }, ['review.max_lines_per_hour 1500 → 9000']],
    ['waivers allowed', { tests: { waivers: 'allow', coverage: { lcov: 'c.info', min: 80 } } }, ['tests.waivers allowed']],
    ['coverage switched off', { tests: { waivers: 'forbid' } }, ['tests.coverage off']],
    ['a command removed', { run: { commands: [] } }, ['run.commands drops "npm test"']],
    ['the evidence folder moved', { evidence_dir: 'lib' }, ['evidence_dir .reviewgate → lib']],
    ['a plan section dropped', { plan: { sections: ['Goal'] } }, ['plan.sections drops "Approach", "Risks", "Test checklist"']],
    ['a test rule removed', { tests: { rules: [] } }, ['tests.rules drops or changes the rule for "src/**/*.ts"']],
    // More test files need no tests of their own (init writes tests.files for mocha's flat test/).
    ['globs added to tests.files', { tests: { waivers: 'forbid', coverage: { lcov: 'c.info', min: 80 }, files: ['src/*.js'] } }, ['tests.files adds "src/*.js"']],
    ['before_code relaxed', { plan: { before_code: 'warn' } }, ['plan.before_code fail → warn']],
  ])('%s', (_name, change, expected) => {
    const merged = config({ ...{ plan: { before_code: 'fail' }, tests: { waivers: 'forbid', coverage: { lcov: 'c.info', min: 80 } } }, ...(change as object) });
    expect(loosenings(BASE, merged)).toEqual(expect.arrayContaining(expected));
  });

  it('reports nothing for a tightening', () => {
    expect(loosenings(BASE, config({ plan: { before_code: 'fail' }, review: { pace: 'fail' }, tests: { waivers: 'forbid', coverage: { lcov: 'c.info', min: 90 } } }))).toEqual([]);
  });

  it('reports any other boolean switched off (keys added later are covered)', () => {
    const strict = config({ review: { require_interactive: true } });
    expect(loosenings(strict, config({}))).toEqual(['review.require_interactive off']);
  });
});

describe('isEvidenceFile: only reviewgate’s own files are exempt', () => {
  it.each([
    ['.reviewgate/plans/main.md', '100644', true],
    ['.reviewgate/evidence/main.jsonl', '100644', true],
    ['.reviewgate/.gitattributes', '100644', true],
    ['.reviewgate/helper.js', '100644', false],
    ['.reviewgate/evidence/sub/x.jsonl', '100644', false],
    ['.reviewgate/evidence/main.jsonl', '120000', false],
    ['.reviewgate/plans/main.md', '160000', false],
    ['.reviewgate', '100644', false],
    ['src/.reviewgate/evidence/x.jsonl', '100644', false],
  ])('%s (%s) → %s', (path, mode, expected) => {
    expect(isEvidenceFile(path, mode, '.reviewgate')).toBe(expected);
  });

  it('fingerprints a file smuggled into the evidence folder', () => {
    const entries = [{ path: 'src/a.ts', mode: '100644', oid: 'a1' }];
    const fp = treeFingerprint(entries, '.reviewgate');
    expect(treeFingerprint([...entries, { path: '.reviewgate/evidence/main.jsonl', mode: '100644', oid: 'e1' }], '.reviewgate')).toBe(fp);
    expect(treeFingerprint([...entries, { path: '.reviewgate/helper.js', mode: '100644', oid: 'h1' }], '.reviewgate')).not.toBe(fp);
  });
});
