import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { PageBuffer } from './page-buffer.ts';

// Each call the mock makes of Buffer in a page, made of Node's Buffer and of the page's stand-in:
// the same bytes and the same text.
interface Bytes extends Uint8Array {
  toString(encoding?: string, start?: number, end?: number): string;
  write(text: string, offset?: number, encoding?: string): number;
  writeUInt32LE(value: number, offset: number): number;
  writeUInt16LE(value: number, offset: number): number;
  readUInt32LE(offset: number): number;
  readUInt16LE(offset: number): number;
  subarray(start?: number, end?: number): Bytes;
}
interface Maker {
  from(value: string | ArrayLike<number>, encoding?: string): Bytes;
  alloc(size: number): Bytes;
  concat(list: readonly Uint8Array[], totalLength?: number): Bytes;
  isBuffer(value: unknown): boolean;
}
const node = Buffer as unknown as Maker;
const page = PageBuffer as unknown as Maker;
const calls: [string, (B: Maker) => unknown][] = [
  ['from a text, UTF-8', (B) => [...B.from('{"name":"Oʻtkir — ✓"}')]],
  ['from a text, Latin-1', (B) => [...B.from('0000-00-00T00:00:00Z', 'latin1')]],
  ['from a text, Latin-1, past 255', (B) => [...B.from('ǅ€é', 'latin1')]],
  ['from bytes, a copy', (B) => [...B.from(new Uint8Array([1, 2, 255]))]],
  ['alloc', (B) => [...B.alloc(5)]],
  ['concat', (B) => [...B.concat([B.from('{"items":['), B.from('1'), B.from(']}')])]],
  ['concat, cut to a length', (B) => [...B.concat([B.from('abc'), B.from('def')], 4)]],
  ['toString, UTF-8', (B) => B.from('Oʻzbekcha ✓').toString()],
  ['toString, Latin-1', (B) => B.from([48, 49, 233, 255]).toString('latin1')],
  ['toString, ASCII of a range', (B) => B.from('xxRIFFyy').toString('ascii', 2, 6)],
  ['toString, ASCII past 127', (B) => B.from([200, 65]).toString('ascii')],
  [
    'write, Latin-1, at an offset',
    (B) => {
      const b = B.from('0000-00-00T00:00:00Z', 'latin1');
      return [b.write('2026-12-07', 0, 'latin1'), b.toString('latin1')];
    },
  ],
  [
    'write, past the end',
    (B) => {
      const b = B.alloc(4);
      return [b.write('RIFFWAVE', 2, 'ascii'), [...b]];
    },
  ],
  ['write, UTF-8', (B) => [B.alloc(5).write('é✓x'), [...B.from('é✓x')]]],
  [
    'little-endian integers',
    (B) => {
      const b = B.alloc(8);
      return [
        b.writeUInt32LE(0x12345678, 0),
        b.writeUInt16LE(0xbeef, 4),
        b.readUInt32LE(0),
        b.readUInt16LE(4),
        [...b],
      ];
    },
  ],
  ['a view of bytes keeps the methods', (B) => B.from('abcdef').subarray(1, 4).toString('latin1')],
  ['isBuffer', (B) => [B.isBuffer(B.alloc(1)), B.isBuffer(new Uint8Array(1))]],
];

describe("the page's Buffer", () => {
  it.each(calls)('%s, as Node does', (_name, call) => {
    expect(call(page)).toEqual(call(node));
  });

  it('refuses an encoding it does not know, by name', () => {
    expect(() => PageBuffer.from('aGk=', 'base64')).toThrow(/not base64/);
  });

  it('writes many bytes to text in slices', () => {
    const big = PageBuffer.alloc(100_000).fill(97);
    expect(big.toString('latin1')).toBe('a'.repeat(100_000));
  });
});
