import iconv from 'iconv-lite';
import type { Transform } from 'node:stream';
import type { DetectedEncoding, EncodingChoice } from '../domain/import.ts';

/**
 * Which encoding a text file is in. Excel on a Chinese Windows saves "CSV" in GBK (code page
 * 936), "CSV UTF-8" with a byte-order mark, and "Unicode text" in UTF-16 with tabs. Without a
 * mark, text that decodes as UTF-8 is UTF-8 (GBK text almost never does); anything else is read
 * as GB18030, which includes GBK.
 */
export function detectEncoding(sample: Uint8Array): DetectedEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf16be';
  try {
    // stream: true lets the sample end in the middle of a character
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

export function resolveEncoding(choice: EncodingChoice, sample: Uint8Array): DetectedEncoding {
  if (choice === 'utf8') return 'utf8';
  if (choice === 'gbk') return 'gb18030';
  return detectEncoding(sample);
}

/**
 * Whether a sample looks like binary data rather than text in `encoding`: NUL bytes or many
 * control characters (tabs, line breaks and form feeds are text).
 */
export function looksBinary(sample: Uint8Array, encoding: DetectedEncoding): boolean {
  if (encoding === 'utf16le' || encoding === 'utf16be') return false;
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control > sample.length / 100;
}

/** A stream turning bytes in `encoding` into text (without the byte-order mark). */
export function decoderStream(encoding: DetectedEncoding): Transform {
  return iconv.decodeStream(encoding) as unknown as Transform;
}

export function decodeText(bytes: Uint8Array, encoding: DetectedEncoding): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

/** The name the interface shows. */
export const ENCODING_LABELS: Record<DetectedEncoding, string> = { utf8: 'UTF-8', gb18030: 'GBK / GB18030', utf16le: 'UTF-16', utf16be: 'UTF-16 BE' };
