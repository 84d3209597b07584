// Tests for plain-text.ts: canonical line endings, and text that looks binary.
import { describe, expect, it } from 'vitest';
import { normaliseNewlines, textLooksBinary } from './plain-text';

describe('normaliseNewlines', () => {
  it('turns CRLF and lone CR into LF, strips a BOM, and changes nothing else', () => {
    expect(normaliseNewlines('\uFEFFa\r\nb\rc\n  d  \r\n\r\n')).toBe('a\nb\nc\n  d  \n\n');
    expect(normaliseNewlines('  é\u00A0x\t')).toBe('  é\u00A0x\t');
  });
});

describe('textLooksBinary', () => {
  it('takes NUL, or more than 2% control characters, for binary; tabs, newlines and escapes are text', () => {
    expect(textLooksBinary('a\u0000b')).toBe(true);
    expect(textLooksBinary(`${'x'.repeat(96)}\u0001\u0002\u0003`)).toBe(true);
    expect(textLooksBinary(`${'x'.repeat(200)}\u0001\u0002`)).toBe(false);
    expect(textLooksBinary('a\tb\nc\r\nd\u000ce\u001bf')).toBe(false);
  });
});
