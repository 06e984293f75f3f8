import { describe, expect, it } from 'vitest';
import { ciRangeFromEnv, fetchFix } from '../../src/change/ci.js';

const PR = { pull_request: { base: { sha: 'base1' }, head: { sha: 'head1' } } };
const GH = { GITHUB_ACTIONS: 'true', GITHUB_SHA: 'merge1' };
const GL = { GITLAB_CI: 'true', CI_MERGE_REQUEST_DIFF_BASE_SHA: 'glbase', CI_COMMIT_SHA: 'glhead' };

describe('the CI range from the environment', () => {
  it.each([
    ['GitHub pull request: its base and head, never GITHUB_SHA', GH, PR, undefined, { base: 'base1', head: 'head1' }],
    ['GitHub with --base: the flag wins, the PR head stays', GH, PR, 'v1', { base: 'v1', head: 'head1' }],
    ['GitHub push event (no pull_request): none', GH, {}, undefined, null],
    ['not GitHub, even with an event', {}, PR, undefined, null],
    ['GitLab merge request', GL, null, undefined, { base: 'glbase', head: 'glhead' }],
    ['GitLab branch pipeline: none', { GITLAB_CI: 'true', CI_COMMIT_SHA: 'x' }, null, undefined, null],
    ['--base alone: HEAD', {}, null, 'origin/main', { base: 'origin/main', head: 'HEAD' }],
  ] as const)('%s', (_name, env, event, base, expected) => {
    const got = ciRangeFromEnv(env, event, base);
    expect(got && { base: got.base, head: got.head }).toEqual(expected);
  });
});

describe('the fetch that brings a missing commit', () => {
  it.each([
    ['abc', true, 'git fetch --no-tags --unshallow origin abc'],
    ['abc', false, 'git fetch --no-tags origin abc'],
    ['origin/main', false, 'git fetch --no-tags origin main'],
  ])('%s (shallow %s)', (rev, shallow, fix) => expect(fetchFix(rev, shallow)).toBe(fix));
});
