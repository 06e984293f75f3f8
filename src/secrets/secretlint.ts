// secretlint's recommended preset, bundled on its own into dist/secretlint.cjs (see
// scripts/build.mjs): it is ES-module-only and large, and only `run` (and the advisor) load it.
import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';

export interface SecretRange {
  /** UTF-16 offsets into the text, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** The rule that found it, e.g. `@secretlint/secretlint-rule-aws`. */
  readonly rule: string;
  /** The rule's message id, e.g. `AWSSecretAccessKey` (never the secret itself). */
  readonly kind: string;
}

/** Where secretlint's preset finds secrets in `text`; `name` (a file name) lets file-specific rules apply. */
export async function secretRanges(text: string, name = 'output.txt'): Promise<SecretRange[]> {
  const dot = name.lastIndexOf('.');
  const ext = dot > name.lastIndexOf('/') ? name.slice(dot) : '';
  const result = await lintSource({
    source: { content: text, filePath: `/${name}`, ext, contentType: 'text' },
    options: { config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] }, noPhysicFilePath: true, maskSecrets: true },
  });
  return result.messages.map((m) => ({ start: m.range[0], end: m.range[1], rule: m.ruleId, kind: m.messageId }));
}
