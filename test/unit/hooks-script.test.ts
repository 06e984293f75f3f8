import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkArgs, HOOK_MARKER, hookScript, isReviewgateHook } from '../../src/hooks/script.js';

describe('hookScript', () => {
  it.each(['pre-commit', 'pre-push'] as const)('%s is a POSIX sh script with the marker line', (hook) => {
    const text = hookScript(hook);
    expect(text.startsWith('#!/bin/sh\n')).toBe(true);
    expect(text.split('\n')[1]).toBe(`${HOOK_MARKER} ${hook}`);
    const syntax = spawnSync('sh', ['-n'], { input: text, encoding: 'utf8' });
    expect(syntax.status, syntax.stderr).toBe(0);
  });

  it('is byte-stable, so installing twice writes the same bytes', () => {
    expect(hookScript('pre-commit')).toBe(hookScript('pre-commit'));
    expect(hookScript('pre-push')).toBe(hookScript('pre-push'));
  });

  it('looks in the project node_modules/.bin first, then PATH, and fails closed with the install command', () => {
    const text = hookScript('pre-commit');
    const local = text.indexOf('"$root/node_modules/.bin/reviewgate"');
    const path = text.indexOf('command -v reviewgate');
    expect(local).toBeGreaterThan(0);
    expect(path).toBeGreaterThan(local);
    expect(text).toContain('npm install --save-dev reviewgate');
    expect(text).toContain('git commit --no-verify');
    expect(text).toMatch(/exit 1\nfi/);
    expect(hookScript('pre-push')).toContain('git push --no-verify');
  });

  it('never lets reviewgate wait on the terminal in pre-commit', () => {
    expect(hookScript('pre-commit')).toContain('exec "$rg" check </dev/null\n');
  });

  it('passes git\'s arguments and ref lines to the pre-push check, and a copy to a chained hook', () => {
    const text = hookScript('pre-push');
    expect(text).toContain('exec "$rg" check --pre-push "$1" "$2"\n');
    expect(text).toContain('cat >"$lines"');
    expect(text).toContain('"$chained" "$@" <"$lines" || exit $?');
    expect(text).toContain('"$rg" check --pre-push "$1" "$2" <"$lines"');
  });

  it('runs a chained hook first and stops when it fails', () => {
    const text = hookScript('pre-commit');
    expect(text.indexOf('"$chained" "$@" || exit $?')).toBeLessThan(text.indexOf('exec "$rg"'));
  });
});

describe('checkArgs', () => {
  it.each([
    ['pre-commit', 'check'],
    ['pre-push', 'check --pre-push "$1" "$2"'],
  ] as const)('%s → %s', (hook, args) => expect(checkArgs(hook)).toBe(args));
});

describe('isReviewgateHook', () => {
  it.each([
    [hookScript('pre-commit'), true],
    ['#!/bin/sh\n# reviewgate-hook v2 pre-push\n', true],
    ['#!/bin/sh\nnpx reviewgate check\n', false],
    ['#!/bin/sh\n. "$(dirname "$0")/_/husky.sh"\n', false],
    ['', false],
  ])('%j → %s', (text, expected) => expect(isReviewgateHook(text)).toBe(expected));
});
