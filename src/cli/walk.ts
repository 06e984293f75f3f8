// On a terminal, `git commit` walks what the change is missing instead of only refusing it: the
// pre-commit hook's check offers, in order, to write the plan (your editor), to review the
// unreviewed hunks (the walker), and to run the commands — each step skippable, each the very
// `reviewgate plan|review|run` a person would type, on the terminal (/dev/tty: git gives the hook
// no terminal on stdin). They inherit git's hook environment (GIT_INDEX_FILE), so the evidence
// they stage goes into the commit being made. Nothing is recorded without a person's keypress:
// with no terminal (GUI clients, agents, CI) the hook fails as before, with the commands to run.
// `reviewgate` with no arguments does the same outside a commit.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { CheckReport } from '../change/evaluate.js';


/** The terminal of the person at the keyboard, or null (no controlling terminal, CI). */
export function openTerminal(env: NodeJS.ProcessEnv = process.env): number | null {
  if (env.CI && env.CI !== 'false' && env.CI !== '0') return null;
  try {
    return openSync('/dev/tty', 'r+');
  } catch {
    return null;
  }
}

/**
 * One answer, read synchronously in the terminal's line mode: no stream is left reading the
 * terminal afterwards, so the next program gets every key.
 */
function ask(fd: number, question: string): boolean {
  writeSync(fd, question);
  const buf = Buffer.alloc(256);
  let n = 0;
  try {
    n = readSync(fd, buf, 0, buf.length, null);
  } catch {
    return false;
  }
  const answer = buf.subarray(0, n).toString('utf8').trim().toLowerCase();
  return answer === '' || answer === 'y' || answer === 'yes';
}

interface WalkStep {
  readonly gate: 'plan' | 'review' | 'run';
  readonly question: string;
  readonly args: readonly string[];
}

/** The steps a failing report calls for, in the order the tool recommends. */
function walkSteps(report: CheckReport): WalkStep[] {
  const failing = new Set(report.gates.filter((g) => !g.ok && g.required).map((g) => g.id));
  const steps: WalkStep[] = [];
  if (failing.has('plan')) steps.push({ gate: 'plan', question: 'No complete plan covers this change. Write it now in your editor?', args: ['plan'] });
  if (failing.has('review')) steps.push({ gate: 'review', question: 'Lines are not reviewed. Review them now?', args: ['review'] });
  if (failing.has('run')) steps.push({ gate: 'run', question: 'The commands have not passed on this content. Run them now?', args: ['run'] });
  return steps;
}

/** Walks the steps on the terminal; true when at least one step ran (the change may now pass). */
export function walk(report: CheckReport, fd: number, bin: string): boolean {
  const steps = walkSteps(report);
  if (steps.length === 0) return false;
  writeSync(fd, `reviewgate: this commit still needs: ${steps.map((s) => s.gate).join(', ')}.\n`);
  let ran = false;
  for (const step of steps) {
    if (!ask(fd, `${step.question} [Y/n] `)) continue;
    // The same command a person would type, on the terminal; its exit code is its own business:
    // the check that follows decides.
    spawnSync(process.execPath, [bin, ...step.args], { stdio: [fd, fd, fd], env: process.env });
    ran = true;
  }
  return ran;
}

export function closeTerminal(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
}

