// `reviewgate agent claude-bash|claude-plan`: the commands the Claude Code hooks run (see
// agent/claude.ts). Input is the JSON Claude Code writes on stdin. Every failure is a UserError
// (exit 2, the message on stderr, which Claude Code shows the agent): never exit 1, which would
// let the tool call run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { guardBash } from '../agent/bash-guard.js';
import { UserError } from '../errors.js';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function agentCommand(hook: string): Promise<void> {
  const input = await readStdin();
  if (hook === 'claude-bash') {
    const verdict = guardBash(input);
    if (verdict.code !== 0) throw new UserError(verdict.message.replace(/^reviewgate: /, ''));
    return;
  }
  if (hook !== 'claude-plan') throw new UserError(`unknown agent hook "${hook}" (claude-bash or claude-plan)`);
  let plan: unknown;
  try {
    plan = (JSON.parse(input) as { tool_input?: { plan?: unknown } }).tool_input?.plan;
  } catch {
    throw new UserError('cannot read the hook input (not JSON); the plan was not recorded');
  }
  if (typeof plan !== 'string' || plan.trim() === '') throw new UserError('the ExitPlanMode input has no tool_input.plan; the plan was not recorded');
  const dir = mkdtempSync(join(tmpdir(), 'reviewgate-agent-plan-'));
  try {
    const file = join(dir, 'PLAN.md');
    writeFileSync(file, plan);
    const { planCommand } = await import('./plan.js');
    // No exemption from plan.agent: any shell can run this command with JSON of its own making,
    // so it cannot prove a person approved the plan. A team that wants the hook to record in an
    // agent's shell sets plan.agent: warn or allow.
    await planCommand({ from: file });
  } catch (error) {
    const fix = (error as { fix?: string }).fix;
    throw new UserError(`the approved plan was not recorded: ${(error as Error).message}`, fix, { cause: error });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
