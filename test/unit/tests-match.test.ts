import { describe, expect, it } from 'vitest';
import { itemId, itemWords, matchChecklist, matchesTitle, titleHasId } from '../../src/testmap/match.js';
import { WILDCARD, type TestTitle } from '../../src/testmap/titles.js';
import type { ChecklistItem } from '../../src/plan/parse.js';

const W = WILDCARD;

describe('matchesTitle', () => {
  it.each([
    // [item, title, matches]
    ['rounds half up for negative prices', 'price > rounds half up for negative prices (#3)', true],
    ['rounds half up for negative prices', 'rounds half up for negative prices', true],
    ['Rounds half-up, for negative prices!', 'price > rounds half up for negative prices', true],
    ['half up', 'price > rounds half up for negative prices', true],
    ['price rounds half up', 'price > rounds half up', true],
    ['rounds up half', 'rounds half up', false],
    ['rounds half up for positive prices', 'rounds half up for negative prices', false],
    ['rounds up', 'rounds half up', false],
    ['round half up', 'rounds half up', false],
    ['handles 10k line carts', 'cart > handles 10k line carts', true],
    // symbols count as punctuation
    ['keeps €', 'keeps £', true],
    ['prix arrondi à l’euro', 'prix > prix arrondi à l\'euro près', true],
    ['', 'anything', false],
    ['---', 'anything', false],
    // placeholders
    ['rounds half up for negative prices', `rounds ${W} for negative prices`, true],
    ['rounds for negative prices', `rounds ${W} for negative prices`, true],
    ['rounds half up', `rounds ${W} for negative prices`, false],
    ['half up for negative prices', `rounds ${W} for negative prices`, false],
    ['half up for negative prices', `${W} for negative prices`, true],
    ['price rounds half up', `price > ${W}`, true],
    ['cart rounds half up', `price > ${W}`, false],
    ['rounds half up for negative prices', `rounds ${W} for positive prices`, false],
    ['adds 1 + 2', `adds ${W} + ${W}`, true],
    ['anything at all', W, false],
    ['anything at all', `${W} > ${W}`, false],
    ['works for row 3', `row ${W} > works`, false],
    ['row 3 works', `row ${W} > works`, true],
    ['version v2 0', `version v${W}.0`, true],
    ['version x2 0', `version v${W}.0`, false],
    // identifiers from Go and Python
    ['rounds half up', 'TestRoundsHalfUp', true],
    ['rounds half up', 'TestRoundsHalfUp > negative prices', true],
    ['rounds half up', 'test_rounds_half_up', true],
    ['parses JSON input', 'TestParsesJSONInput', true],
    ['iphone support', 'iPhone support', true],
  ])('%j in %j → %s', (item, title, expected) => {
    expect(matchesTitle(item, title)).toBe(expected);
  });
});

describe('itemWords', () => {
  it.each([
    ['Rounds half-up (#3)', ['rounds', 'half', 'up']],
    ['totals (#cart-3) in euros', ['totals', 'in', 'euros']],
    ['# 3 is a word, not an id', ['3', 'is', 'a', 'word', 'not', 'an', 'id']],
    ['  ', []],
  ])('%j → %j', (text, words) => expect(itemWords(text)).toEqual(words));
});

describe('matchChecklist', () => {
  const item = (text: string, line = 1): ChecklistItem => ({ file: 'p.md', line, text, state: 'open', reason: null });
  const t = (title: string, skipped = false, line = 1): TestTitle => ({ file: 'a.test.ts', line, title, parts: title.split(' > '), skipped, hasWildcard: title.includes(W) });

  it('prefers a running test over a skipped one, and reports a skipped-only match', () => {
    const titles = [t('a > rounds half up', true, 1), t('b > rounds half up', false, 2), t('keeps currency', true, 3)];
    const result = matchChecklist([item('rounds half up'), item('keeps currency'), item('never written')], titles);
    expect(result.map((r) => [r.item.text, r.test?.line ?? null, r.skippedTest?.line ?? null])).toEqual([
      ['rounds half up', 2, null],
      ['keeps currency', null, 3],
      ['never written', null, null],
    ]);
  });

  it('returns one result per item, in order, even with no titles', () => {
    expect(matchChecklist([item('a'), item('b')], []).map((r) => r.test)).toEqual([null, null]);
  });
});

describe('checklist ids', () => {
  it.each([
    // [item text, expected id]
    ['totals in euros (#cart-3)', 'cart-3'],
    ['(#CART.3) totals', 'cart.3'],
    ['totals #cart-3', null],
    ['totals (cart-3)', null],
  ])('%j carries %j', (text, id) => expect(itemId(text)).toBe(id));

  it.each([
    // [title, id, contains]
    ['cart > totals #cart-3', 'cart-3', true],
    ['cart > [cart-3] totals', 'cart-3', true],
    ['TestCart/cart-3', 'cart-3', true],
    ['cart > totals #cart-30', 'cart-3', false],
    ['cart > totals #xcart-3', 'cart-3', false],
  ])('%j contains %j: %s', (title, id, expected) => expect(titleHasId(title, id)).toBe(expected));

  it('matches an item by its id when its words are not in the title, and says so', () => {
    const t = (title: string, skipped = false): TestTitle => ({ file: 't.test.ts', line: 1, title, parts: [title], skipped, hasWildcard: false });
    const item = (text: string): ChecklistItem => ({ file: 'plan.md', line: 1, text, state: 'open', reason: null });
    const [byId, byWords, skipped] = matchChecklist([item('sums a cart in euros (#cart-3)'), item('rounds half up (#cart-9)'), item('later (#cart-4)')], [t('cart > #cart-3 total'), t('price > rounds half up'), t('cart-4 pending', true)]);
    expect([byId?.test?.title, byId?.by]).toEqual(['cart > #cart-3 total', 'id']);
    expect([byWords?.test?.title, byWords?.by]).toEqual(['price > rounds half up', 'words']);
    expect([skipped?.test, skipped?.skippedTest?.title, skipped?.by]).toEqual([null, 'cart-4 pending', 'id']);
  });
});
