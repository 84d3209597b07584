// Checks the chunked writers: pretty JSON with streamed arrays equals JSON.stringify, and files are filled whole or not at all.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../test-support/project-fixture';
import { folderTarget, StreamedArray, writeFileInChunks, writePrettyJson, type ChunkSink } from './chunks';

let dir: ReturnType<typeof temporaryDirectory>;
beforeEach(() => (dir = temporaryDirectory()));
afterEach(() => dir.remove());

function collected(write: (sink: ChunkSink) => void): string {
  const parts: string[] = [];
  write({ write: (chunk) => void parts.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')) });
  return parts.join('');
}

/** Replaces the arrays found at `streamed` keys by StreamedArrays of the same items. */
function streamedCopy(value: Record<string, unknown>, streamed: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).map(([key, member]) => [key, streamed.includes(key) && Array.isArray(member) ? new StreamedArray(member) : member]),
  );
}

describe('writePrettyJson', () => {
  it('writes what JSON.stringify(value, null, 2) writes, whichever arrays are streamed, at any depth', () => {
    const item = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 5 }), item, { maxKeys: 4 }),
        fc.array(item, { maxLength: 6 }),
        fc.array(fc.option(item), { maxLength: 4 }),
        (rest, items, others) => {
          const value = { ...rest, items, nested: { label: 'x', undefinedMember: undefined, others } };
          const streamed = { ...streamedCopy(value, ['items']), nested: streamedCopy(value.nested, ['others']) };
          expect(collected((sink) => writePrettyJson(sink, streamed))).toBe(JSON.stringify(value, null, 2));
        },
      ),
    );
  });

  it('produces the items only as they are written', () => {
    let produced = 0;
    const items = function* () {
      for (let i = 0; i < 3; i++) yield { i, produced: ++produced };
    };
    const text = collected((sink) => writePrettyJson(sink, { list: new StreamedArray(items()) }));
    expect(JSON.parse(text)).toEqual({ list: [{ i: 0, produced: 1 }, { i: 1, produced: 2 }, { i: 2, produced: 3 }] });
  });
});

describe('writeFileInChunks', () => {
  it('writes small and large chunks, text and bytes, in order and as UTF-8', () => {
    const path = join(dir.path, 'out.txt');
    const large = '𝕏é'.repeat(50_000);
    const size = writeFileInChunks(path, (sink) => {
      sink.write('start ');
      sink.write(large);
      sink.write(new TextEncoder().encode(' bytes'));
      for (let i = 0; i < 10_000; i++) sink.write(`${i},`);
    });
    const expected = `start ${large} bytes${Array.from({ length: 10_000 }, (_, i) => `${i},`).join('')}`;
    expect(readFileSync(path, 'utf8')).toBe(expected);
    expect(size).toBe(Buffer.byteLength(expected));
  });

  it('leaves no file when filling it fails', () => {
    const path = join(dir.path, 'broken.txt');
    expect(() =>
      writeFileInChunks(path, (sink) => {
        sink.write('x'.repeat(100_000));
        throw new Error('the source failed');
      }),
    ).toThrow('the source failed');
    expect(existsSync(path)).toBe(false);
  });

  it('refuses, in a folder target, a path outside the folder', () => {
    const target = folderTarget(dir.path);
    target.file('brat/a.txt', 'text/plain', (sink) => sink.write('a'));
    expect(() => target.file('../escape.txt', 'text/plain', (sink) => sink.write('b'))).toThrow('outside');
    expect(target.written).toEqual([{ path: 'brat/a.txt', mediaType: 'text/plain', bytes: 1 }]);
  });
});
