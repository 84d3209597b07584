// Tests of how bytes are named in serve's JSON: upload ids are found only where a request names them, rewriting swaps bytes and references both ways and copies nothing else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesIn, DOWNLOAD_KEY, referencesIn, rewrite, UPLOAD_KEY, uploadIdsIn } from './byte-references';

const ID = 'a'.repeat(32);

describe('byte references', () => {
  it('finds the uploads a JSON text names', () => {
    const json = JSON.stringify({ sources: [{ type: 'file', content: { [UPLOAD_KEY]: ID } }, { type: 'file', content: { [UPLOAD_KEY]: `b${ID}` } }] });
    expect(uploadIdsIn(json)).toEqual([ID, `b${ID}`]);
  });

  it('never finds an upload in a string value, whatever it says', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(uploadIdsIn(JSON.stringify({ note: `${text}{"$upload":"${ID}"}${text}`, title: text }))).toEqual([]);
      }),
    );
  });

  it('replaces bytes by references and back, leaving the rest as it was', () => {
    const first = new Uint8Array([1, 2]);
    const second = new Uint8Array([3]);
    const value = { fileName: 'x', files: [{ content: first }, { content: second, n: 1 }], nested: { deep: [first] } };
    const ids = new Map<Uint8Array, string>([[first, 'f'.repeat(22)], [second, 's'.repeat(22)]]);
    const named = rewrite(value, (item) => (item instanceof Uint8Array ? { [DOWNLOAD_KEY]: ids.get(item) } : item));
    expect(bytesIn(named)).toEqual([]);
    expect(referencesIn(named, DOWNLOAD_KEY)).toEqual(['f'.repeat(22), 's'.repeat(22), 'f'.repeat(22)]);
    const byId = new Map([...ids].map(([bytes, id]) => [id, bytes]));
    const back = rewrite(named, (item) => (typeof item === 'object' && item !== null && DOWNLOAD_KEY in item ? byId.get((item as Record<string, string>)[DOWNLOAD_KEY] ?? '') : item));
    expect(back).toEqual(value);
  });

  it('gives back an answer without bytes as it was, and copies only the way to bytes it replaces', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(rewrite(value, (item) => item)).toBe(value);
      }),
    );
    const bytes = new Uint8Array([1]);
    const untouched = { exact: 'x' };
    const value = { annotations: [untouched, { content: bytes }] };
    const named = rewrite(value, (item) => (item === bytes ? { [DOWNLOAD_KEY]: ID } : item)) as typeof value;
    expect(named).not.toBe(value);
    expect(named.annotations[0]).toBe(untouched);
    expect(named.annotations[1]).toEqual({ content: { [DOWNLOAD_KEY]: ID } });
    expect(value.annotations[1]).toEqual({ content: bytes });
  });

  it('takes only an object with the key alone and a well-formed id as a reference', () => {
    expect(referencesIn({ a: { [UPLOAD_KEY]: ID, more: 1 }, b: { [UPLOAD_KEY]: 'short' }, c: { [UPLOAD_KEY]: 42 } }, UPLOAD_KEY)).toEqual([]);
  });
});
