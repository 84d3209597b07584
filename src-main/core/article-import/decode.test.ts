// Tests for decode.ts: refusals (empty, too large, binary, undecodable) and encoding detection.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binarySignature, decodeArticleBytes, decodingWarnings, sniffHtmlCharset } from './decode';
import { ImportRefusal, MAX_IMPORT_BYTES } from './refusal';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)));

function refusal(fn: () => unknown): ImportRefusal {
  try {
    fn();
  } catch (e) {
    if (e instanceof ImportRefusal) return e;
    throw e;
  }
  throw new Error('expected an ImportRefusal');
}

/** The windows-1252 byte of a character (Latin-1, plus the few punctuation marks used here). */
function cp1252(c: string): number {
  const special: Record<string, number> = { '€': 0x80, '“': 0x93, '”': 0x94, '–': 0x96, '’': 0x92 };
  return special[c] ?? c.charCodeAt(0);
}

/** Deterministic pseudo-random bytes. */
function noise(length: number, seed: number, min = 0, max = 255): Uint8Array {
  let x = seed;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = min + ((x >>> 16) % (max - min + 1));
  }
  return out;
}

describe('decodeArticleBytes: UTF-8 and BOMs', () => {
  it('decodes plain UTF-8 and reports utf-8', () => {
    expect(decodeArticleBytes('a.txt', utf8('Grüße aus Köln — “ok”'))).toEqual({ text: 'Grüße aus Köln — “ok”', encoding: 'utf-8', replaced: 0 });
  });

  it('strips a UTF-8 BOM', () => {
    const r = decodeArticleBytes('a.txt', bytes([0xef, 0xbb, 0xbf], 'Hello'));
    expect(r.text).toBe('Hello');
    expect(r.encoding).toBe('utf-8');
  });

  it('decodes UTF-16 LE and BE with a BOM', () => {
    const text = 'Zürich – ünïcode ✓';
    const le = [0xff, 0xfe];
    const be = [0xfe, 0xff];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      le.push(c & 0xff, c >> 8);
      be.push(c >> 8, c & 0xff);
    }
    expect(decodeArticleBytes('le.txt', Uint8Array.from(le))).toEqual({ text, encoding: 'utf-16le', replaced: 0 });
    expect(decodeArticleBytes('be.txt', Uint8Array.from(be))).toEqual({ text, encoding: 'utf-16be', replaced: 0 });
  });

  it('refuses UTF-16 with a broken surrogate pair', () => {
    const r = refusal(() => decodeArticleBytes('bad16.txt', bytes([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8, 0x41, 0x00])));
    expect(r.code).toBe('import_encoding');
    expect(r.message).toContain('"bad16.txt"');
  });

  it('keeps a U+FFFD that is literally in valid UTF-8', () => {
    expect(decodeArticleBytes('a.txt', utf8('odd \uFFFD char')).text).toBe('odd \uFFFD char');
  });
});

describe('decodeArticleBytes: legacy encodings', () => {
  it('decodes windows-1252 including the 0x80–0x9F punctuation', () => {
    const r = decodeArticleBytes('w.txt', bytes('caf', [0xe9], ' ', [0x93], 'quoted', [0x94], ' ', [0x80], ' 5'));
    expect(r.text).toBe('café “quoted” € 5');
    expect(r.encoding).toBe('windows-1252');
  });

  it('decodes Latin-1 prose without U+FFFD', () => {
    const source = 'Le café était très animé à Noël; déjà plein de crème brûlée et de garçons pressés.';
    const r = decodeArticleBytes('fr.txt', Uint8Array.from(source, (c) => c.charCodeAt(0)));
    expect(r.text).toBe(source);
    expect(r.text).not.toContain('\uFFFD');
    expect(r.encoding).toBe('windows-1252');
  });

  it('decodes a short Latin-1 word with a lone accented byte', () => {
    const r = decodeArticleBytes('x.txt', bytes('na', [0xef], 've'));
    expect(r.text).toBe('naïve');
    expect(r.text).not.toContain('\uFFFD');
  });

  it('refuses bytes that are not text in any encoding it trusts (windows-1252 undefined bytes)', () => {
    const garbage = bytes([0x81, 0x8d, 0x8f, 0x90, 0x9d, 0x81, 0x8d, 0x8f, 0x90, 0x9d, 0x81, 0x8d, 0x8f, 0x90, 0x9d, 0x81]);
    const r = refusal(() => decodeArticleBytes('garbage.txt', garbage));
    expect(['import_encoding', 'import_binary']).toContain(r.code);
    expect(r.message).toContain('"garbage.txt"');
  });

  it('refuses high-byte noise with no NUL or control bytes', () => {
    const r = refusal(() => decodeArticleBytes('noise.txt', noise(4000, 7, 0x80, 0xff)));
    expect(['import_encoding', 'import_binary']).toContain(r.code);
  });

  it('still detects Latin-1 text dense with accented letters', () => {
    const source = 'Ça sépare, déçà delà: élève, mère, frère, Noël, île, où, naïf, œuvre? Non: « déjà vu » à Orléans.'.replace('œ', 'oe');
    const r = decodeArticleBytes('dense.txt', Uint8Array.from(source, (c) => c.charCodeAt(0)));
    expect(r.text).toBe(source);
    expect(r.replaced).toBe(0);
    expect(r.encoding).not.toBe('utf-8');
  });
});

describe('decodeArticleBytes: UTF-8 with a few bad bytes', () => {
  it('keeps "Le café" as UTF-8 when one 0xFF byte is in the file, and counts it', () => {
    const r = decodeArticleBytes('cafe.txt', new Uint8Array([...utf8('Le café '), 0xff, ...utf8(' noir')]));
    expect(r.text).toBe('Le caf\u00e9 \uFFFD noir');
    expect(r.encoding).toBe('utf-8');
    expect(r.replaced).toBe(1);
  });

  it('keeps UTF-8 with an encoded surrogate pair (CESU-8 style) as UTF-8, counting each bad byte', () => {
    const surrogates = [0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]; // U+1F600 as two encoded surrogates
    const r = decodeArticleBytes('s.txt', new Uint8Array([...utf8('Le café '), ...surrogates, ...utf8(' à midi')]));
    expect(r.text).toBe(`Le café ${'\uFFFD'.repeat(6)} à midi`);
    expect(r.encoding).toBe('utf-8');
    expect(r.replaced).toBe(6);
  });

  it('keeps a file with a UTF-8 BOM and one bad byte as UTF-8', () => {
    const r = decodeArticleBytes('bom.txt', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Cafe '), 0xff]));
    expect(r.text).toBe('Cafe \uFFFD');
    expect(r.replaced).toBe(1);
  });

  it('does not count a U+FFFD that was literally in the file', () => {
    const r = decodeArticleBytes('l.txt', new Uint8Array([...utf8('été \uFFFD '), 0xff]));
    expect(r.text).toBe('été \uFFFD \uFFFD');
    expect(r.replaced).toBe(1);
  });

  it('still reads real windows-1252 text (smart quotes, accents) as windows-1252', () => {
    const source = 'Le café “noir” coûte 2 € ; la crème brûlée coûte plus cher – c’est la vie, déjà à Noël.';
    const r = decodeArticleBytes('w.txt', Uint8Array.from(source, cp1252));
    expect(r.text).toBe(source);
    expect(r.encoding).toBe('windows-1252');
    expect(r.replaced).toBe(0);
  });

  it('says how many sequences were replaced, in one sentence naming the file', () => {
    const one = decodeArticleBytes('cafe.txt', new Uint8Array([...utf8('Le café '), 0xff]));
    expect(decodingWarnings('cafe.txt', one)).toEqual(['"cafe.txt" had 1 invalid UTF-8 byte sequence, imported as \uFFFD (the replacement character).']);
    expect(decodingWarnings('ok.txt', decodeArticleBytes('ok.txt', utf8('Le café')))).toEqual([]);
  });

  it('accounts for every U+FFFD: literally in the file or counted as replaced (property)', () => {
    // High bytes leave out 0xEF, so the only EF BF BD in the input is the literal U+FFFD piece.
    const piece = fc.oneof(
      fc.constantFrom('a', ' ', 'é', '€', '\uFFFD', '😀'),
      fc.integer({ min: 0x80, max: 0xff }).filter((b) => b !== 0xef),
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 40 }), (pieces) => {
        const input = new Uint8Array([...utf8('words '), ...pieces.flatMap((p) => (typeof p === 'string' ? [...utf8(p)] : [p]))]);
        let r;
        try {
          r = decodeArticleBytes('p.txt', input);
        } catch (e) {
          expect(e).toBeInstanceOf(ImportRefusal);
          return;
        }
        const fffd = [...r.text].filter((c) => c === '\uFFFD').length;
        const literal = pieces.filter((p) => p === '\uFFFD').length;
        expect(r.replaced).toBeGreaterThanOrEqual(0);
        if (r.encoding !== 'utf-8') expect(fffd).toBe(0);
        else expect(fffd).toBe(r.replaced + literal);
      }),
    );
  });
});

describe('decodeArticleBytes: refusals', () => {
  it('refuses an empty file', () => {
    const r = refusal(() => decodeArticleBytes('x.txt', new Uint8Array()));
    expect(r.code).toBe('import_empty');
    expect(r.message).toBe('"x.txt" is empty.');
  });

  it('refuses whitespace-only and BOM-only files as empty', () => {
    expect(refusal(() => decodeArticleBytes('w.txt', utf8(' \n\t\r\n  '))).code).toBe('import_empty');
    expect(refusal(() => decodeArticleBytes('b.txt', bytes([0xef, 0xbb, 0xbf], '\n'))).code).toBe('import_empty');
    expect(refusal(() => decodeArticleBytes('b16.txt', bytes([0xff, 0xfe, 0x20, 0x00]))).code).toBe('import_empty');
  });

  it('refuses a file over 10 MiB, naming it and its size', () => {
    const r = refusal(() => decodeArticleBytes('big.txt', new Uint8Array(Math.round(12.3 * 1024 * 1024))));
    expect(r.code).toBe('import_too_large');
    expect(r.message).toBe('"big.txt" is 12.3 MB; the largest article Marginalia imports is 10 MB.');
  });

  it('accepts exactly 10 MiB and refuses one byte more', () => {
    const ok = new Uint8Array(MAX_IMPORT_BYTES).fill(0x61);
    expect(decodeArticleBytes('ok.txt', ok).text.length).toBe(MAX_IMPORT_BYTES);
    const r = refusal(() => decodeArticleBytes('over.txt', new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61)));
    expect(r.code).toBe('import_too_large');
    expect(r.message).toContain('just over 10 MB');
  });

  it('refuses files with NUL bytes as binary', () => {
    const r = refusal(() => decodeArticleBytes('x.txt', bytes('hello', [0], 'world')));
    expect(r.code).toBe('import_binary');
    expect(r.message).toBe('"x.txt" looks like a binary file, not text.');
  });

  it('refuses files dense with control characters as binary', () => {
    const r = refusal(() => decodeArticleBytes('ctl.txt', bytes('abc', [1, 2, 3, 4, 5, 6], 'defghij', [0x7f, 0x1f])));
    expect(r.code).toBe('import_binary');
  });

  it('tolerates a stray control character in long text', () => {
    const text = `${'word '.repeat(200)}\x1a`;
    expect(decodeArticleBytes('dos.txt', utf8(text)).text).toBe(text);
  });

  it.each([
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'a PNG image'],
    ['PDF', Array.from('%PDF-1.7\n%abc\n', (c) => c.charCodeAt(0)), 'a PDF document'],
    ['ZIP', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], 'a ZIP archive or office document'],
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'a JPEG image'],
    ['GIF', Array.from('GIF89a....', (c) => c.charCodeAt(0)), 'a GIF image'],
  ])('recognises %s by its magic number', (_label, header, kind) => {
    const r = refusal(() => decodeArticleBytes('disguised.txt', Uint8Array.from(header)));
    expect(r.code).toBe('import_binary');
    expect(r.message).toBe(`"disguised.txt" looks like a binary file, not text. It appears to be ${kind}.`);
    expect(binarySignature(Uint8Array.from(header))).toBe(kind);
  });

  it('refuses noise with NULs and control bytes as binary', () => {
    expect(refusal(() => decodeArticleBytes('r.txt', noise(2048, 42))).code).toBe('import_binary');
  });
});

describe('HTML charset declarations', () => {
  it('sniffs <meta charset>, http-equiv and XML declarations', () => {
    expect(sniffHtmlCharset(utf8('<html><head><meta charset="windows-1252">'))).toBe('windows-1252');
    expect(sniffHtmlCharset(utf8("<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-2'>"))).toBe('ISO-8859-2');
    expect(sniffHtmlCharset(utf8('<?xml version="1.0" encoding="koi8-r"?><html>'))).toBe('koi8-r');
    expect(sniffHtmlCharset(utf8(`${' '.repeat(1100)}<meta charset="latin2">`))).toBeNull();
  });

  it('uses the declared charset when the bytes are not UTF-8', () => {
    // "Zażółć gęślą jaźń" in ISO-8859-2: chardet alone may guess another single-byte code page.
    const polish = [0x5a, 0x61, 0xbf, 0xf3, 0xb3, 0xe6, 0x20, 0x67, 0xea, 0xb6, 0x6c, 0xb1, 0x20, 0x6a, 0x61, 0xbc, 0xf1];
    const html = bytes('<meta charset="iso-8859-2"><p>', polish, '</p>');
    const r = decodeArticleBytes('pl.html', html, { html: true });
    expect(r.text).toBe('<meta charset="iso-8859-2"><p>Zażółć gęślą jaźń</p>');
    expect(r.encoding).toBe('iso-8859-2');
  });

  it('ignores the declaration when the bytes are valid UTF-8', () => {
    const r = decodeArticleBytes('u.html', utf8('<meta charset="windows-1252"><p>café</p>'), { html: true });
    expect(r.text).toContain('café');
    expect(r.encoding).toBe('utf-8');
  });
});
