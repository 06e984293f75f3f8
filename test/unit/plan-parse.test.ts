import { describe, expect, it } from 'vitest';
import { parsePlan, sectionKey } from '../../src/plan/parse.js';
import { UserError } from '../../src/errors.js';

const FILE = '.reviewgate/plans/feature--price.md';

const FRONT = `---
title: Price rounding fix
branch: feature/price
recorded_at: 2026-11-26T14:00:00.000Z
status: active
change_at_record: { files: 2, lines: 37 }
---
`;

const EXAMPLE = `${FRONT}## Goal
Prices round half up.
## Approach
Change round().
## Risks
<!-- What could break? -->
## Test checklist
- [ ] rounds half up for negative prices
- [x] keeps currency when total is zero
- [~] handles 10k line carts — covered by load test elsewhere
## Open questions
- [ ] does the API accept 0?
- [x] is rounding per line?
`;

async function userError(text: string): Promise<UserError> {
  try {
    await parsePlan(text, FILE);
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

describe('parsePlan front matter', () => {
  it('reads the fields the tool writes', async () => {
    const plan = await parsePlan(EXAMPLE, FILE);
    expect(plan.file).toBe(FILE);
    expect(plan.frontMatter).toEqual({
      title: 'Price rounding fix',
      branch: 'feature/price',
      recorded_at: '2026-11-26T14:00:00.000Z',
      status: 'active',
      change_at_record: { files: 2, lines: 37 },
    });
  });

  it('defaults a missing status to active and a missing branch to null', async () => {
    const plan = await parsePlan('---\ntitle: t\nrecorded_at: 2026-01-01T00:00:00Z\nchange_at_record: {files: 0, lines: 0}\n---\n', FILE);
    expect(plan.frontMatter.status).toBe('active');
    expect(plan.frontMatter.branch).toBeNull();
  });

  it('accepts CRLF line endings and a byte order mark', async () => {
    const plan = await parsePlan(`\uFEFF${EXAMPLE.replace(/\n/g, '\r\n')}`, FILE);
    expect(plan.frontMatter.title).toBe('Price rounding fix');
    expect(plan.checklist).toHaveLength(3);
  });

  it.each([
    ['no front matter', '## Goal\nx\n', `${FILE}:1:`, 'reviewgate plan --from'],
    ['an unterminated front matter', '---\ntitle: x\n## Goal\n', `${FILE}:1:`, 'add a line "---"'],
    ['invalid YAML', '---\ntitle: x\nbranch: [unclosed\n---\n', `${FILE}:`, 'fix the YAML'],
    ['a list instead of a mapping', '---\n- a\n---\n', `${FILE}:2:`, 'reviewgate plan'],
    ['a status that is not active or done', FRONT.replace('status: active', 'status: finished'), `${FILE}:5:`, 'status: done'],
    ['a title that is not a string', FRONT.replace('title: Price rounding fix', 'title: [a]'), `${FILE}:2:`, 'title:'],
    ['a count that is not a whole number', FRONT.replace('lines: 37', 'lines: -1'), `${FILE}:6:`, 'lines:'],
    ['missing change_at_record', FRONT.replace('change_at_record: { files: 2, lines: 37 }\n', ''), `${FILE}:`, 'change_at_record'],
    ['a recorded_at that is not a time', FRONT.replace('2026-11-26T14:00:00.000Z', 'yesterday'), `${FILE}:4:`, 'recorded_at'],
  ])('rejects %s with file:line and a fix', async (_case, text, where, fix) => {
    const err = await userError(text);
    expect(err.message.startsWith(where)).toBe(true);
    expect(err.fix).toContain(fix);
  });
});

describe('parsePlan sections', () => {
  it('lists level-2 headings with their line and whether they hold content', async () => {
    const plan = await parsePlan(EXAMPLE, FILE);
    expect(plan.sections.map((s) => [s.name, s.line, s.hasContent])).toEqual([
      ['Goal', 8, true],
      ['Approach', 10, true],
      ['Risks', 12, false],
      ['Test checklist', 14, true],
      ['Open questions', 18, true],
    ]);
  });

  it.each([
    ['only whitespace', '\n   \n\t\n'],
    ['only a hint comment', '<!-- What should be true? -->\n'],
    ['a hint spanning lines', '<!--\nWhat should\nbe true?\n-->\n'],
    ['an empty checklist item', '- [ ]\n'],
    ['only a sub-heading', '### Details\n'],
  ])('does not count %s as content', async (_case, body) => {
    const plan = await parsePlan(`${FRONT}## Goal\n${body}## Approach\nx\n`, FILE);
    expect(plan.sections[0]?.hasContent).toBe(false);
  });

  it.each([
    ['text after a hint', '<!-- hint -->\nReal text\n'],
    ['text on the hint line', '<!-- hint --> Real text\n'],
    ['a sub-heading with text', '### Details\nmore\n'],
    ['a fenced code block', '```\ncode\n```\n'],
  ])('counts %s as content', async (_case, body) => {
    const plan = await parsePlan(`${FRONT}## Goal\n${body}## Approach\nx\n`, FILE);
    expect(plan.sections[0]?.hasContent).toBe(true);
  });

  it('keeps deeper headings inside their section and ignores headings in code fences', async () => {
    const plan = await parsePlan(`${FRONT}## Goal\n### Sub\ntext\n\`\`\`md\n## Not a heading\n\`\`\`\n## Risks\nr\n`, FILE);
    expect(plan.sections.map((s) => s.name)).toEqual(['Goal', 'Risks']);
    expect(plan.sections[0]?.body).toContain('## Not a heading');
  });

  it('ends a level-2 section at a level-1 heading and accepts level-1 sections', async () => {
    const plan = await parsePlan(`${FRONT}## Goal\n\n# Risks\nrisky\n`, FILE);
    expect(plan.sections.map((s) => [s.name, s.level, s.hasContent])).toEqual([
      ['Goal', 2, false],
      ['Risks', 1, true],
    ]);
  });

  it('keeps duplicated sections instead of failing', async () => {
    const plan = await parsePlan(`${FRONT}## Goal\na\n## goal\nb\n`, FILE);
    expect(plan.sections.map((s) => s.key)).toEqual(['goal', 'goal']);
  });

  it('reads a closing-hash heading and a trailing colon', async () => {
    const plan = await parsePlan(`${FRONT}## Test Checklist: ##\n- [ ] a\n`, FILE);
    expect(plan.sections[0]?.key).toBe('test checklist');
    expect(plan.checklist.map((c) => c.text)).toEqual(['a']);
  });
});

describe('parsePlan checklist and questions', () => {
  it('reads items with their state, reason and line', async () => {
    const plan = await parsePlan(EXAMPLE, FILE);
    expect(plan.checklist).toEqual([
      { file: FILE, line: 15, text: 'rounds half up for negative prices', state: 'open', reason: null },
      { file: FILE, line: 16, text: 'keeps currency when total is zero', state: 'done', reason: null },
      { file: FILE, line: 17, text: 'handles 10k line carts', state: 'waived', reason: 'covered by load test elsewhere' },
    ]);
    expect(plan.openQuestions).toEqual([
      { file: FILE, line: 19, text: 'does the API accept 0?', answered: false },
      { file: FILE, line: 20, text: 'is rounding per line?', answered: true },
    ]);
  });

  it.each([
    ['- [~] big carts — load test', 'big carts', 'load test'],
    ['- [~] big carts – load test', 'big carts', 'load test'],
    ['- [~] big carts -- load test', 'big carts', 'load test'],
    ['- [~] big carts - load test', 'big carts', 'load test'],
    ['- [~] half-up carts - load test', 'half-up carts', 'load test'],
    ['* [~] big carts—load test', 'big carts', 'load test'],
    ['- [~] big carts', 'big carts', null],
    ['- [~] big carts —', 'big carts', null],
  ])('splits the waiver %j', async (line, text, reason) => {
    const plan = await parsePlan(`${FRONT}## Test checklist\n${line}\n`, FILE);
    expect(plan.checklist[0]).toMatchObject({ state: 'waived', text, reason });
  });

  it.each([
    ['- [X] upper-case check', 'done'],
    ['  * [ ] nested bullet', 'open'],
    ['+ [x] plus bullet', 'done'],
  ])('reads %j', async (line, state) => {
    const plan = await parsePlan(`${FRONT}## Test checklist\n${line}\n`, FILE);
    expect(plan.checklist[0]?.state).toBe(state);
  });

  it('ignores items inside comments and code fences, and outside the checklist', async () => {
    const text = `${FRONT}## Goal\n- [ ] not a test\n## Test checklist\n<!-- - [ ] example -->\n\`\`\`\n- [ ] fenced\n\`\`\`\n### Edge cases\n- [ ] real one\n`;
    const plan = await parsePlan(text, FILE);
    expect(plan.checklist.map((c) => [c.text, c.line])).toEqual([['real one', 16]]);
  });

  it('gathers items from a duplicated checklist section', async () => {
    const plan = await parsePlan(`${FRONT}## Test checklist\n- [ ] a\n## Test checklist\n- [ ] b\n`, FILE);
    expect(plan.checklist.map((c) => c.text)).toEqual(['a', 'b']);
  });
});

describe('sectionKey', () => {
  it.each([
    ['Goal', 'goal'],
    ['  Test   Checklist: ', 'test checklist'],
    ['OPEN QUESTIONS', 'open questions'],
  ])('%j → %j', (name, key) => expect(sectionKey(name)).toBe(key));
});
