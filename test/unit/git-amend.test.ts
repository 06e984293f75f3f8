import { describe, expect, it } from 'vitest';
import { argvAmends, inAmendHook } from '../../src/git/amend.js';

const _ = (argv: string, expected: boolean) => () => expect(argvAmends(argv.split(' '))).toBe(expected);

describe('reading an amend from the git command line', () => {
  it('--amend', _('git commit --amend --no-edit', true));
  it('a unique prefix', _('git commit --am -m x', true));
  it('after other options', _('/usr/bin/git -c core.editor=true commit -q --amend', true));
  it('the last of --amend and --no-amend wins', _('git commit --amend --no-amend', false));
  it('a plain commit', _('git commit -m amend', false));
  it('a path named --amend after --', _('git commit -- --amend', false));
  it('not a commit', _('git merge --continue', false));
  it('--a is ambiguous, not an amend', _('git commit --a', false));
});

describe('the hook environment', () => {
  it('is not looked for outside a hook (no GIT_INDEX_FILE)', () => {
    expect(inAmendHook({}, process.pid)).toBe(false);
  });
});
