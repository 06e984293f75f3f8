// Paths are bytes to git, and need not be valid UTF-8. Decoding them with replacement characters
// would give `a\xfe` and `a\xff` the same name, so the same review keys and run fingerprint. They
// are decoded losslessly instead, as Python's "surrogateescape" does: each byte that is not part
// of valid UTF-8 becomes the lone surrogate U+DC80..U+DCFF, which valid UTF-8 can never produce,
// and `pathBytes` turns those back into the exact bytes. A valid path decodes as before. Pure.

// ignoreBOM: a path may begin with U+FEFF, and it is part of the name (by default a decoder drops
// a leading byte-order mark, which would make `\uFEFFa` and `a` one path).
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
// With the `u` flag a character class matches code points: a surrogate pair is never matched.
const ESCAPED = /[\udc80-\udcff]/u;

function sequenceLength(buf: Uint8Array, i: number): number {
  const b0 = buf[i] as number;
  const cont = (j: number, lo = 0x80, hi = 0xbf) => i + j < buf.length && (buf[i + j] as number) >= lo && (buf[i + j] as number) <= hi;
  if (b0 < 0x80) return 1;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const [lo, hi] = b0 === 0xe0 ? [0xa0, 0xbf] : b0 === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const [lo, hi] = b0 === 0xf0 ? [0x90, 0xbf] : b0 === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** The path's bytes as a string: UTF-8, with each invalid byte kept as U+DC80 + byte. */
export function decodePath(buf: Buffer, start = 0, end = buf.length): string {
  const bytes = buf.subarray(start, end);
  try {
    return strict.decode(bytes);
  } catch {
    let out = '';
    for (let i = 0; i < bytes.length; ) {
      const n = sequenceLength(bytes, i);
      if (n === 0) {
        out += String.fromCharCode(0xdc00 + (bytes[i] as number));
        i += 1;
      } else {
        out += bytes.toString('utf8', i, i + n);
        i += n;
      }
    }
    return out;
  }
}

/** The exact bytes of a path decoded by decodePath. */
export function pathBytes(path: string): Buffer {
  if (!ESCAPED.test(path)) return Buffer.from(path, 'utf8');
  const parts: Buffer[] = [];
  for (const ch of path) {
    const code = ch.charCodeAt(0);
    parts.push(ch.length === 1 && code >= 0xdc80 && code <= 0xdcff ? Buffer.from([code - 0xdc00]) : Buffer.from(ch, 'utf8'));
  }
  return Buffer.concat(parts);
}

/** True when the path holds bytes that are not UTF-8 (it cannot be passed to git as an argument). */
export function hasRawBytes(path: string): boolean {
  return ESCAPED.test(path);
}

/**
 * Splits NUL-terminated output (`-z`) into decoded paths; a trailing empty field is dropped.
 * A NUL byte is never part of a UTF-8 sequence, so when the whole output is valid UTF-8 every
 * field is, and one decode of the whole (an index of 100,000 paths is 8 MB) stands for one per
 * field; otherwise each field is decoded on its own, keeping its invalid bytes.
 */
export function splitZPaths(output: Buffer): string[] {
  if (output.length === 0) return [];
  let whole: string | undefined;
  try {
    whole = strict.decode(output);
  } catch {
    whole = undefined;
  }
  if (whole !== undefined) {
    const out = whole.split('\0');
    if (output[output.length - 1] === 0) out.pop();
    return out;
  }
  const out: string[] = [];
  let pos = 0;
  while (pos < output.length) {
    let nul = output.indexOf(0, pos);
    if (nul === -1) nul = output.length;
    out.push(decodePath(output, pos, nul));
    pos = nul + 1;
  }
  return out;
}
