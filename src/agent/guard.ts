// Producers that record a person's judgement (a review, a concern's resolution, a plan) ask
// here before anything is read or written: is a person at the keys? Two signs say no — answers
// arriving through a pipe, and the shell of an AI coding agent. Each is refused, warned about,
// or allowed by the configuration; the gate applies the same settings to what gets recorded.
import { UserError } from '../errors.js';
import { detectAgent, type DetectedAgent } from './detect.js';
import type { InputPolicy } from '../gates/pace.js';

export interface GuardInput {
  /** What is being recorded, for the message: "a review", "a plan". */
  readonly what: string;
  /** The command the person should run themselves. */
  readonly command: string;
  /** The setting that governs agents, e.g. `review.agent`, and its value. */
  readonly agentKey: string;
  readonly agentPolicy: InputPolicy;
  /** For commands that read answers: the setting for piped input, its value, and whether stdin is a pipe. */
  readonly piped?: { readonly key: string; readonly policy: InputPolicy; readonly isPipe: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly warn: (line: string) => void;
}

/** Throws when the configuration refuses; returns the agent to note on the records when it lets one through. */
export function guardPerson(input: GuardInput): DetectedAgent | null {
  const agent = detectAgent(input.env);
  if (agent && input.agentPolicy !== 'allow') {
    if (input.agentPolicy === 'refuse') {
      throw new UserError(
        [
          `${input.what} must come from a person, and this shell belongs to ${agent.name} (${agent.variable} is set).`,
          `To the agent: do not try to work around this. Stop and ask the person to run this in their own terminal:`,
          `    ${input.command}`,
          `(${input.agentKey}: refuse in .reviewgate.yml)`,
        ].join('\n'),
        `the person runs \`${input.command}\` in their own terminal`,
      );
    }
    input.warn(`warning: recording ${input.what} from ${agent.name}'s shell (${input.agentKey}: warn); check will show it`);
  }
  const piped = input.piped;
  if (piped?.isPipe && piped.policy !== 'allow') {
    if (piped.policy === 'refuse') {
      throw new UserError(
        `${input.what} reads answers from a pipe, and piped answers do not count (${piped.key}: refuse): \`yes y | ${input.command}\` is how a script says yes`,
        `run \`${input.command}\` in your own terminal`,
      );
    }
    input.warn(`warning: answers from a pipe (${piped.key}: warn); check will show that nobody's reading was measured`);
  }
  return agent;
}
