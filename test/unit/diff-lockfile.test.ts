import { describe, expect, it } from 'vitest';
import { lockfileProblems, packageChanges, packageItems, parseNpmLockfile, parseYarnLockfile, pnpmPackages, type LockedPackage } from '../../src/diff/lockfile.js';
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

describe('parseYarnLockfile (yarn 1)', () => {
  const YARN = `# yarn lockfile v1


"@babel/code-frame@^7.0.0", "@babel/code-frame@^7.10.4":
  version "7.12.13"
  resolved "https://registry.yarnpkg.com/@babel/code-frame/-/code-frame-7.12.13.tgz#dcfc"
  integrity sha512-abc==
  dependencies:
    "@babel/highlight" "^7.12.13"

lodash@^4.17.20:
  version "4.17.21"
  resolved "https://registry.yarnpkg.com/lodash/-/lodash-4.17.21.tgz"
  integrity sha512-lod==
`;
  it('reads one package per block, keyed by its selectors', () => {
    const map = parseYarnLockfile(YARN);
    expect([...(map?.values() ?? [])]).toEqual([
      { name: '@babel/code-frame', version: '7.12.13', resolved: 'https://registry.yarnpkg.com/@babel/code-frame/-/code-frame-7.12.13.tgz#dcfc', integrity: 'sha512-abc==', link: false },
      { name: 'lodash', version: '4.17.21', resolved: 'https://registry.yarnpkg.com/lodash/-/lodash-4.17.21.tgz', integrity: 'sha512-lod==', link: false },
    ]);
  });
  it('leaves yarn 2+ files to line review', () => {
    expect(parseYarnLockfile('__metadata:\n  version: 6\n')).toBeNull();
  });
  it('a host swapped in yarn.lock is one package change with a problem', () => {
    const before = parseYarnLockfile(YARN) as Map<string, LockedPackage>;
    const after = parseYarnLockfile(YARN.replace('https://registry.yarnpkg.com/lodash', 'https://evil.example/lodash')) as Map<string, LockedPackage>;
    const changes = packageChanges(before, after);
    expect(changes.map((c) => c.after?.name)).toEqual(['lodash']);
    expect(lockfileProblems('yarn.lock', changes, ['registry.npmjs.org', 'registry.yarnpkg.com']).map((p) => p.code)).toEqual(['review.lockfile_registry']);
  });
});

describe('pnpmPackages', () => {
  it.each([
    ['v6', '/lodash@4.17.21', 'lodash', '4.17.21'],
    ['v9', 'lodash@4.17.21', 'lodash', '4.17.21'],
    ['v5', '/lodash/4.17.21', 'lodash', '4.17.21'],
    ['a scoped package with peers', '/@babel/core@7.1.0(supports-color@8.1.1)', '@babel/core', '7.1.0'],
  ])('reads %s keys', (_n, key, name, version) => {
    const map = pnpmPackages({ packages: { [key]: { resolution: { integrity: 'sha512-x' } } } });
    expect(map?.get(key)).toEqual({ name, version, resolved: null, integrity: 'sha512-x', link: false });
  });
  it('checks a tarball URL like a resolved one', () => {
    const after = pnpmPackages({ packages: { '/a@1.0.0': { resolution: { tarball: 'http://evil.example/a.tgz', integrity: 'sha512-x' } } } }) as Map<string, LockedPackage>;
    expect(lockfileProblems('pnpm-lock.yaml', packageChanges(new Map(), after), ['registry.npmjs.org']).map((p) => p.code)).toEqual(['review.lockfile_insecure']);
  });
});

describe('packageItems', () => {
  const file = { status: 'modified', oldPath: 'package-lock.json', newPath: 'package-lock.json', path: 'package-lock.json', oldMode: '100644', newMode: '100644', oldOid: 'a', newOid: 'b', similarity: null, binary: false, hunks: [] } as const;
  const key = (after: LockedPackage) => packageItems(file, [{ at: 'node_modules/a', before: pkg('1.0.0', NPM), after }])[0]?.keys[0];
  it('binds the review to both sides: any later edit of the package makes it unreviewed', () => {
    const k = key(pkg('1.0.1', NPM));
    expect(key(pkg('1.0.1', NPM))).toBe(k);
    expect(key(pkg('1.0.1', NPM, 'sha512-other'))).not.toBe(k);
    expect(key(pkg('1.0.1', 'https://registry.npmjs.org/a/-/a-other.tgz'))).not.toBe(k);
    expect(key(pkg('1.0.2', NPM))).not.toBe(k);
  });
});
