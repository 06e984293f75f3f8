// Judging what came back from the editor (or --from) before it is recorded: the front matter a
// person may have pasted (the tool writes its own, but keeps their `scope:`), and whether the
// draft is still the untouched template or lacks sections. Pure.
import { parse as parseYaml } from 'yaml';
import { UserError } from '../errors.js';
import { sectionKey, type PlanSection } from './parse.js';
import { planTemplate } from './template.js';

export interface Draft {
  readonly body: string;
  /** `scope:` from pasted front matter; undefined when none was given. */
  readonly scope?: string[];
}

const FRONT = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n/;

/** Separates pasted front matter from the body, keeping only the person's `scope:`. */
export function splitDraft(text: string): Draft {
  const match = FRONT.exec(text);
  if (!match) return { body: text };
  let raw: unknown;
  try {
    raw = parseYaml(match[1] ?? '');
  } catch (error) {
    throw new UserError(`the pasted front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`, 'fix it, or remove the lines between the two "---" (the tool writes its own)', { cause: error });
  }
  const body = text.slice(match[0].length);
  const scope = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).scope : undefined;
  if (scope === undefined || scope === null) return { body };
  const list = typeof scope === 'string' ? [scope] : scope;
  if (!Array.isArray(list) || list.some((g) => typeof g !== 'string' || g.trim() === '')) {
    throw new UserError('front matter "scope" must be a list of globs', 'write `scope: ["src/cart/**", "test/cart/**"]`');
  }
  return { body, scope: list.map((g: string) => g.trim()) };
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** True when the body is the template as written, or nothing at all. */
export function isUntouched(body: string, sections: readonly string[]): boolean {
  const b = squash(body);
  return b === '' || b === squash(planTemplate(sections));
}

/** Configured sections with no content in the draft (missing or empty), in configured order. */
export function missingSections(found: readonly PlanSection[], configured: readonly string[]): string[] {
  return configured.filter((name) => !found.some((s) => s.key === sectionKey(name) && s.hasContent));
}
