/**
 * The part of Node's Buffer the mock's code calls in a page, on a Uint8Array: bytes from text
 * (UTF-8, Latin-1, ASCII), concat, alloc, and the little-endian integers a WAV header holds. The
 * `buffer` package stood in before, the whole of Node's API: 8.7 kB gzipped of a page that uses a
 * tenth of it. What is not here throws on use (a TypeError, `not a function`) rather than doing
 * something else; page-buffer.test.ts holds each call equal to Node's Buffer.
 */

type Encoding = 'utf8' | 'utf-8' | 'latin1' | 'binary' | 'ascii';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** One byte per character, as Node writes `latin1` and `ascii` (the low eight bits of each). */
function oneBytePerChar(text: string): number[] {
  const out = new Array<number>(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

function checked(encoding: string): 'utf8' | 'latin1' | 'ascii' {
  const name = encoding.toLowerCase() as Encoding;
  if (name === 'utf8' || name === 'utf-8') return 'utf8';
  if (name === 'latin1' || name === 'binary') return 'latin1';
  if (name === 'ascii') return 'ascii';
  throw new TypeError(`the page's Buffer knows utf8, latin1 and ascii, not ${encoding}`);
}

/** Bytes of a text, a copy of bytes, or a view of an ArrayBuffer, as Buffer.from. */
function from(
  value: string | ArrayLike<number> | ArrayBuffer,
  encodingOrOffset?: string | number,
  length?: number,
): PageBytes {
  if (typeof value === 'string') {
    const encoding = checked(typeof encodingOrOffset === 'string' ? encodingOrOffset : 'utf8');
    const bytes = encoding === 'utf8' ? encoder.encode(value) : oneBytePerChar(value);
    const out = new PageBytes(bytes.length);
    out.set(bytes);
    return out;
  }
  if (value instanceof ArrayBuffer) {
    const offset = typeof encodingOrOffset === 'number' ? encodingOrOffset : 0;
    return new PageBytes(value, offset, length ?? value.byteLength - offset);
  }
  const out = new PageBytes(value.length);
  out.set(value);
  return out;
}

class PageBytes extends Uint8Array {
  /** `size` zero bytes. */
  static alloc(size: number): PageBytes {
    return new PageBytes(size);
  }

  /** The bytes of each, one after the other. */
  static concat(list: readonly Uint8Array[], totalLength?: number): PageBytes {
    const out = new PageBytes(totalLength ?? list.reduce((n, part) => n + part.length, 0));
    let at = 0;
    for (const part of list) {
      if (at >= out.length) break;
      out.set(part.subarray(0, out.length - at), at);
      at += part.length;
    }
    return out;
  }

  static isBuffer(value: unknown): value is PageBytes {
    return value instanceof PageBytes;
  }

  /** The bytes from `start` to `end` as text. */
  override toString(encoding = 'utf8', start = 0, end = this.length): string {
    const bytes = this.subarray(start, end);
    const name = checked(encoding);
    if (name === 'utf8') return decoder.decode(bytes);
    let out = '';
    // In slices: String.fromCharCode takes its arguments on the stack.
    for (let i = 0; i < bytes.length; i += 8192) {
      const slice = Array.from(bytes.subarray(i, i + 8192));
      out += String.fromCharCode(...(name === 'ascii' ? slice.map((b) => b & 0x7f) : slice));
    }
    return out;
  }

  /** Writes a text's bytes from `offset`, as many as fit; answers how many were written. */
  write(text: string, offset = 0, encoding = 'utf8'): number {
    const target = this.subarray(offset);
    if (checked(encoding) === 'utf8') return encoder.encodeInto(text, target).written;
    const bytes = oneBytePerChar(text).slice(0, target.length);
    target.set(bytes);
    return bytes.length;
  }

  private view(): DataView {
    return new DataView(this.buffer, this.byteOffset, this.byteLength);
  }

  writeUInt32LE(value: number, offset = 0): number {
    this.view().setUint32(offset, value, true);
    return offset + 4;
  }

  writeUInt16LE(value: number, offset = 0): number {
    this.view().setUint16(offset, value, true);
    return offset + 2;
  }

  readUInt32LE(offset = 0): number {
    return this.view().getUint32(offset, true);
  }

  readUInt16LE(offset = 0): number {
    return this.view().getUint16(offset, true);
  }
}

/** Node's Buffer as the page has it: Uint8Array's own `from` is taken by Buffer's. */
export const PageBuffer = Object.assign(PageBytes, { from });
