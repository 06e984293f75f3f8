import { describe, expect, it } from 'vitest';
import { bypassReason, guardBash } from '../../src/agent/bash-guard.js';

const blocked = (cmd: string) => () => expect(bypassReason(cmd)).not.toBeNull();
const allowed = (cmd: string) => () => expect(bypassReason(cmd)).toBeNull();

describe('the Bash guard: commands that skip the git hooks', () => {
  it('git commit --no-verify', blocked('git commit --no-verify -m "x"'));
  it('git commit -n', blocked('git commit -n -m x'));
  it('a short cluster with n', blocked('git commit -anm "wip"'));
  it('git push --no-verify', blocked('git push --no-verify origin main'));
  it('an abbreviation', blocked('git push --no-ver'));
  it('after &&', blocked('npm test && git commit --no-verify -m x'));
  it('with global options', blocked('git -C sub -c user.name=x commit --no-verify'));
  it('core.hooksPath overridden', blocked('git -c core.hooksPath=/dev/null commit -m x'));
  it('HUSKY=0', blocked('HUSKY=0 git commit -m x'));
  it('quoted flag', blocked('git commit "--no-verify" -m x'));
  it('a plain commit', allowed('git commit -m "add --no-verify to the docs"'));
  it('-n inside a message', allowed('git commit -m -n'));
  it('-m then n in the message', allowed('git commit -am nope'));
  it('git push -n is a dry run', allowed('git push -n origin main'));
  it('not git', allowed('echo git commit --no-verify'));
  it('git log', allowed('git log --no-verify'));
});

describe('the hook input', () => {
  const input = (command: unknown, tool = 'Bash') => JSON.stringify({ session_id: 's', hook_event_name: 'PreToolUse', tool_name: tool, tool_input: { command, description: 'd' } });
  it('allows an ordinary command', () => expect(guardBash(input('git commit -m x')).code).toBe(0));
  it('blocks with exit 2 and says why', () => {
    const v = guardBash(input('git commit --no-verify -m x'));
    expect(v.code).toBe(2);
    expect(v.message).toContain('git commit --no-verify skips the git hooks');
  });
  it('fails closed on input it cannot read', () => {
    expect(guardBash('not json').code).toBe(2);
    expect(guardBash('null').code).toBe(2);
    expect(guardBash(input(42)).code).toBe(2);
  });
  it('lets other tools through', () => expect(guardBash(input(undefined, 'Edit')).code).toBe(0));
});
