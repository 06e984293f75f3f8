import { describe, expect, it } from 'vitest';
import { defaultExclusion, parseDefaultRefs } from '../../src/git/default-branch.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('the default branch', () => {
  it('follows origin/HEAD when it names a branch', () => {
    const info = parseDefaultRefs(`refs/remotes/origin/HEAD ${A} refs/remotes/origin/develop\nrefs/heads/main ${B} `);
    expect(info.names).toEqual(['develop']);
    expect(info.publishedTip).toBe(A);
    expect(info.localTips.size).toBe(0);
  });
  it('is main or master without origin/HEAD, published when fetched', () => {
    const info = parseDefaultRefs(`refs/remotes/origin/main ${A} \nrefs/heads/main ${B} `);
    expect(info.names).toEqual(['main', 'master']);
    expect(info.publishedTip).toBe(A);
    expect(defaultExclusion(info, 'feat')).toBe(A);
  });
  it('falls back to the local default branch, never the branch being judged', () => {
    const info = parseDefaultRefs(`refs/heads/main ${B} `);
    expect(info.publishedTip).toBeNull();
    expect(defaultExclusion(info, 'feat')).toBe(B);
    expect(defaultExclusion(info, 'main')).toBeNull();
  });
});
