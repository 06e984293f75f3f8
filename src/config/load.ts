// Reading `.reviewgate.yml`. Without a file the defaults apply and nothing heavy is loaded: the
// YAML parser (and the validator built on it) is imported only when there is a file to parse,
// because `check` runs on every commit and start-up time is part of the product.
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { cacheKey, readCache, writeCache } from '../cache.js';
import { UserError } from '../errors.js';
import { decodePath, hasRawBytes } from '../git/paths.js';
import type { Config } from './schema.js';
import { formatConfigError, type ConfigError } from './format.js';
import { CONFIG_FILE } from './file.js';

export { CONFIG_FILE };

export interface LoadedConfig {
  readonly config: Config;
  /** The file read, relative to the repository root when inside it; null when defaults applied. */
  readonly file: string | null;
  /** True when there was no configuration file. */
  readonly defaulted: boolean;
}

/** Thrown when the configuration file has errors (exit 2); `errors` has every one of them. */
export class ConfigFileError extends UserError {
  override name = 'ConfigFileError';
  constructor(
    readonly errors: readonly ConfigError[],
    fix: string,
  ) {
    super(errors.map(formatConfigError).join('\n'), fix);
  }
}

/**
 * Loads `<root>/.reviewgate.yml`, or `configPath` (absolute, or relative to `root`). A missing
 * default file means the defaults; a missing explicit file is an error, since the user asked for it.
 */
export async function loadConfig(root: string, configPath?: string, cacheDir?: string): Promise<LoadedConfig> {
  const absolute = configPath === undefined ? resolve(root, CONFIG_FILE) : resolve(root, configPath);
  const inside = relative(root, absolute);
  const shown = inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside.split(sep).join('/') : absolute;

  let text: string;
  try {
    text = utf8OrThrow(await readFile(absolute), shown);
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && configPath === undefined) return { config: await defaults(cacheDir), file: null, defaulted: true };
    if (code === 'ENOENT') {
      throw new UserError(`configuration file ${shown} not found`, 'check the --config path', { cause: error });
    }
    throw new UserError(`cannot read configuration file ${shown}: ${(error as Error).message}`, 'check that it is a readable file', {
      cause: error,
    });
  }

  return parseConfigText(text, shown, cacheDir);
}

/** Validates the text of a configuration file (`shown` names it in errors); exit 2 on errors. */
export async function parseConfigText(text: string, shown: string, cacheDir?: string): Promise<LoadedConfig> {
  // A configuration validated before (same text, same build) is read back without loading the
  // YAML parser: `check` runs on every commit.
  const cacheName = `config-${cacheKey(shown, text)}.json`;
  const cached = readCache<Config>(cacheDir, cacheName);
  if (cached && typeof cached === 'object' && cached.version === 1) return { config: cached, file: shown, defaulted: false };

  const { validateConfig } = await import('./validate.js');
  const { config, errors } = validateConfig(text, shown);
  if (errors.length > 0) {
    const first = errors[0]?.fix;
    const fix =
      errors.length === 1 && first
        ? first
        : `fix the ${errors.length === 1 ? 'error' : `${errors.length} errors`} above in ${shown} (editors validate it against node_modules/reviewgate/schema.json)`;
    throw new ConfigFileError(errors, fix);
  }
  writeCache(cacheDir, cacheName, config);
  return { config, file: shown, defaulted: false };
}

/** The configuration every key's default gives (no file). */
export async function defaultRules(cacheDir?: string): Promise<LoadedConfig> {
  return { config: await defaults(cacheDir), file: null, defaulted: true };
}

/**
 * The file's text; bytes that are not UTF-8 are an error at their line and column (decoding
 * them as U+FFFD would silently change a glob or a command).
 */
export function utf8OrThrow(bytes: Buffer, shown: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const good = firstInvalidByte(bytes);
    const before = bytes.subarray(0, good).toString('utf8');
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    throw new UserError(
      `${shown}:${line}:${column}: the configuration is not valid UTF-8 (byte 0x${(bytes[good] ?? 0).toString(16).padStart(2, '0')} at offset ${good})`,
      `save ${shown} as UTF-8`,
    );
  }
}

/** Offset of the first byte that does not decode as UTF-8. */
function firstInvalidByte(bytes: Buffer): number {
  let offset = 0;
  for (const ch of decodePath(bytes)) {
    if (hasRawBytes(ch)) return offset;
    offset += Buffer.byteLength(ch, 'utf8');
  }
  return offset;
}

/** The defaults, cached like a validated file: zod itself need not load on every commit. */
async function defaults(cacheDir: string | undefined): Promise<Config> {
  const cached = readCache<Config>(cacheDir, 'config-defaults.json');
  if (cached && typeof cached === 'object' && cached.version === 1) return cached;
  const { configSchema } = await import('./schema.js');
  const config = configSchema.parse({});
  writeCache(cacheDir, 'config-defaults.json', config);
  return config;
}
