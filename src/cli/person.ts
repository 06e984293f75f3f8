// A person at the keys: the producers that record what a person did (review, plan,
// acknowledgements) refuse to run from an AI coding agent's shell unless review.agent allows it.
import type { Config } from '../config/schema.js';
import { detectAgentShell } from '../env/agent.js';
import { UserError } from '../errors.js';

/**
 * Throws, with a message written for the agent that reads it, when `command` runs from an agent's
 * shell and review.agent is refuse; prints a warning when it is warn.
 */
export function requirePerson(config: Config, command: string, env: NodeJS.ProcessEnv = process.env): void {
  const shell = detectAgentShell(env);
  if (!shell || config.review.agent === 'allow') return;
  const what = `\`${command}\` records what a person did, and this shell belongs to an AI coding agent (${shell.agent}: ${shell.marker})`;
  if (config.review.agent === 'warn') {
    process.stderr.write(`reviewgate: warning: ${what}; review.agent is warn, so it is recorded anyway\n`);
    return;
  }
  throw new UserError(
    `${what}. An agent cannot record this: the person must run this in their own terminal: ${command}`,
    `tell the person to run \`${command}\` in their own terminal (review.agent: refuse)`,
  );
}
