import { describe, expect, it } from 'vitest';
import { lockfileProblems, packageChanges, parseNpmLockfile, type LockedPackage } from '../../src/diff/lockfile.js';
import { npmrcRegistries } from '../../src/change/lockfiles.js';

const pkg = (version: string, resolved: string | null, integrity: string | null = `sha512-${version}`): LockedPackage => ({ name: 'a', version, resolved, integrity, link: false });
const NPM = 'https://registry.npmjs.org/a/-/a.tgz';

describe('parseNpmLockfile', () => {
  it('reads v2/v3 `packages`, leaving out the project itself', () => {
    const text = JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'p' }, 'node_modules/a': { version: '1.0.0', resolved: NPM, integrity: 'sha512-x' }, 'node_modules/a/node_modules/b': { version: '2.0.0' }, 'packages/w': { name: 'w', link: true } } });
    const map = parseNpmLockfile(text);
    expect([...(map?.keys() ?? [])]).toEqual(['node_modules/a', 'node_modules/a/node_modules/b', 'packages/w']);
    expect(map?.get('node_modules/a/node_modules/b')?.name).toBe('b');
    expect(map?.get('packages/w')?.link).toBe(true);
  });

  it('reads v1 nested `dependencies`', () => {
    const text = JSON.stringify({ lockfileVersion: 1, dependencies: { a: { version: '1.0.0', resolved: NPM, dependencies: { b: { version: '2.0.0' } } } } });
    expect([...(parseNpmLockfile(text)?.keys() ?? [])]).toEqual(['node_modules/a', 'node_modules/a/node_modules/b']);
  });

  it.each([['not JSON', '{'], ['an array', '[]'], ['packages not an object', '{"packages": 1}']])('is null for %s (the lines are reviewed instead)', (_n, text) => {
    expect(parseNpmLockfile(text)).toBeNull();
  });
});

describe('lockfileProblems', () => {
  const problems = (before: LockedPackage | null, after: LockedPackage | null, registries = ['registry.npmjs.org']) =>
    lockfileProblems('package-lock.json', packageChanges(new Map(before ? [['node_modules/a', before]] : []), new Map(after ? [['node_modules/a', after]] : [])), registries).map((p) => p.code);
  it.each([
    ['a version bump on the registry', pkg('1.0.0', NPM), pkg('1.0.1', NPM), []],
    ['a package added from the registry', null, pkg('1.0.0', NPM), []],
    ['a package removed', pkg('1.0.0', NPM), null, []],
    ['a resolved host swapped', pkg('1.0.0', NPM), pkg('1.0.0', 'https://evil.example/a.tgz'), ['review.lockfile_registry']],
    ['a package added from elsewhere', null, pkg('1.0.0', 'https://evil.example/a.tgz'), ['review.lockfile_registry']],
    ['plain http', null, pkg('1.0.0', 'http://registry.npmjs.org/a.tgz'), ['review.lockfile_insecure']],
    ['a git dependency', null, pkg('1.0.0', 'git+ssh://git@github.com/x/a.git#abc'), ['review.lockfile_insecure']],
    ['other bytes at the same version', pkg('1.0.0', NPM, 'sha512-a'), pkg('1.0.0', NPM, 'sha512-b'), ['review.lockfile_integrity']],
    ['no resolved URL (bundled)', null, pkg('1.0.0', null), []],
  ])('%s → %j', (_n, before, after, expected) => {
    expect(problems(before, after)).toEqual(expected);
  });

  it('allows the registries given', () => {
    expect(problems(null, pkg('1.0.0', 'https://npm.internal.example/a.tgz'), ['npm.internal.example'])).toEqual([]);
  });
});

describe('npmrcRegistries', () => {
  it('reads registry= and @scope:registry= lines', () => {
    expect(npmrcRegistries('registry=https://npm.internal.example/\n@acme:registry = https://npm.acme.example/x/\n; comment\nalways-auth=true\n')).toEqual(['npm.internal.example', 'npm.acme.example']);
  });
});
