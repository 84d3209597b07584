// Turning an imported file's bytes into text: refusing empty/oversized/binary files and detecting the character encoding.
import chardet from 'chardet';
import { isSuspectControl, MAX_CONTROL_RATIO, textLooksBinary } from './plain-text';
import { ImportRefusal, MAX_IMPORT_BYTES, tooLarge } from './refusal';

export interface DecodedText {
  /** The decoded text, BOM removed; line endings untouched (see `normaliseNewlines`). */
  text: string;
  /** WHATWG encoding name, e.g. 'utf-8', 'windows-1252', 'utf-16le'. */
  encoding: string;
  /** Invalid UTF-8 sequences replaced with U+FFFD (UTF-8 text with a few bad bytes); 0 otherwise. */
  replaced: number;
}

export interface DecodeOptions {
  /** HTML: a `<meta charset>` in the first 1024 bytes is honoured when the bytes are not valid UTF-8. */
  html?: boolean;
}

/** Below this chardet confidence (0–100) a guess is not trusted; windows-1252 is tried instead. */
const MIN_DETECTION_CONFIDENCE = 20;
/** How many bytes chardet looks at. */
const DETECTION_SAMPLE_BYTES = 64 * 1024;
/** UTF-8 with this many places of bad bytes passes as UTF-8 if it holds at least as many valid multi-byte characters… */
const FEW_BAD_PLACES = 3;
/** …and with more, if it holds this many valid multi-byte characters per place. */
const VALID_PER_BAD_PLACE = 8;

interface Signature {
  bytes: readonly number[];
  offset?: number;
  kind: string;
}

const SIGNATURES: readonly Signature[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], kind: 'a PDF document' }, // %PDF-
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: 'a ZIP archive or office document' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], kind: 'a ZIP archive' },
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], kind: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38, 0x37, 0x61], kind: 'a GIF image' }, // GIF87a
  { bytes: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61], kind: 'a GIF image' }, // GIF89a
  { bytes: [0x57, 0x45, 0x42, 0x50], offset: 8, kind: 'a WebP image' }, // RIFF....WEBP
  { bytes: [0x1f, 0x8b], kind: 'a gzip archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], kind: 'a 7-Zip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], kind: 'a RAR archive' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], kind: 'an old Microsoft Office document' },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], kind: 'an RTF document' }, // {\rtf
  { bytes: [0x7f, 0x45, 0x4c, 0x46], kind: 'a program' }, // ELF
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74], kind: 'an SQLite database' },
];

function matchesSignature(bytes: Uint8Array, sig: Signature): boolean {
  const offset = sig.offset ?? 0;
  if (bytes.length < offset + sig.bytes.length) return false;
  for (let i = 0; i < sig.bytes.length; i++) if (bytes[offset + i] !== sig.bytes[i]) return false;
  return true;
}

/** What kind of binary file the bytes start like, or null when they carry no known signature. */
export function binarySignature(bytes: Uint8Array): string | null {
  for (const sig of SIGNATURES) if (matchesSignature(bytes, sig)) return sig.kind;
  return null;
}

/** True when the bytes (an ASCII-compatible encoding) contain NUL or too many control characters. */
function bytesLookBinary(bytes: Uint8Array): boolean {
  let controls = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 0) return true;
    if (isSuspectControl(b)) controls++;
  }
  return controls > 1 && controls > bytes.length * MAX_CONTROL_RATIO;
}

function binaryRefusal(name: string, kind: string | null): ImportRefusal {
  const detail = kind ? ` It appears to be ${kind}.` : '';
  return new ImportRefusal('import_binary', `"${name}" looks like a binary file, not text.${detail}`);
}

function encodingRefusal(name: string, why: string): ImportRefusal {
  return new ImportRefusal(
    'import_encoding',
    `"${name}" could not be read as text: ${why} Save it as UTF-8 and import it again.`,
  );
}

/** Decodes strictly; null when the bytes are invalid in that encoding or the label is unknown. */
function tryDecode(bytes: Uint8Array, label: string): DecodedText | null {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    return null; // label unknown to TextDecoder
  }
  try {
    return { text: decoder.decode(bytes), encoding: decoder.encoding, replaced: 0 };
  } catch {
    return null;
  }
}

/** Bytes EF BF BD: a U+FFFD that is really in the file, as opposed to one the decoder puts for a bad sequence. */
function literalReplacementCharacters(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0xef); i >= 0 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) {
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) n++;
  }
  return n;
}

/**
 * UTF-8 with a few bad bytes (a truncated copy, one stray 0xFF, encoded surrogates): decoded as UTF-8 with each
 * invalid sequence replaced by U+FFFD, when the file also holds valid multi-byte sequences — at least as many as
 * the places where bad bytes occur, and beyond a few such places, many more. Legacy 8-bit text almost never forms
 * valid multi-byte UTF-8 (each accented letter is a bad place of its own) and random bytes form about as many
 * valid sequences as bad places, so both are left to detection. Null when the bytes do not look like UTF-8.
 */
function decodeUtf8Like(bytes: Uint8Array): DecodedText | null {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  let nonAscii = 0;
  let fffd = 0;
  let badPlaces = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0xdc00 && c <= 0xdfff)) continue; // ASCII, or the second half of a surrogate pair
    nonAscii++;
    if (c === 0xfffd) {
      fffd++;
      if (text.charCodeAt(i - 1) !== 0xfffd) badPlaces++;
    }
  }
  const replaced = fffd - literalReplacementCharacters(bytes);
  const validMultiByte = nonAscii - fffd;
  if (replaced <= 0 || validMultiByte < badPlaces) return null;
  if (badPlaces > FEW_BAD_PLACES && validMultiByte < badPlaces * VALID_PER_BAD_PLACE) return null;
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: 'utf-8', replaced };
}

/**
 * Text decoded from a legacy encoding is believable when it holds no U+FFFD, no C1 control characters
 * (0x80–0x9F: windows-1252 leaves its five undefined bytes there) and not too many other controls.
 */
function looksSane(text: string): boolean {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c >= 0x80 && c <= 0x9f) || c === 0) return false;
    if (isSuspectControl(c)) controls++;
  }
  return !(controls > 1 && controls > text.length * MAX_CONTROL_RATIO);
}

/**
 * For the windows-1252 fallback: real Western text is mostly ASCII with some accented letters. When most
 * non-space characters land above 0x7F, the bytes were something else and decoding them would be gibberish.
 */
function mostlyAscii(text: string): boolean {
  let high = 0;
  let visible = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20) continue;
    visible++;
    if (c > 0x7e) high++;
  }
  return visible > 0 && high <= visible * 0.3;
}

/** The charset an HTML document declares in its first 1024 bytes (`<meta charset>`, http-equiv, XML declaration). */
export function sniffHtmlCharset(bytes: Uint8Array): string | null {
  const head = bytes.subarray(0, 1024);
  let ascii = '';
  for (let i = 0; i < head.length; i++) ascii += String.fromCharCode(head[i] as number);
  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(ascii);
  if (meta?.[1]) return meta[1];
  const xml = /^<\?xml\b[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/i.exec(ascii);
  return xml?.[1] ?? null;
}

/**
 * Decodes an imported file. Throws ImportRefusal for empty, oversized, binary or undecodable input.
 * Every U+FFFD in the text was either literally in the file or is counted in `replaced`.
 */
export function decodeArticleBytes(name: string, bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  if (bytes.length > MAX_IMPORT_BYTES) throw tooLarge(`"${name}"`, bytes.length);
  if (bytes.length === 0) throw new ImportRefusal('import_empty', `"${name}" is empty.`);

  const kind = binarySignature(bytes);
  if (kind) throw binaryRefusal(name, kind);

  const decoded = decodeText(name, bytes, options);
  if (decoded.text.trim() === '') throw new ImportRefusal('import_empty', `"${name}" is empty.`);
  return decoded;
}

function decodeText(name: string, bytes: Uint8Array, options: DecodeOptions): DecodedText {
  // UTF-16 with a byte order mark: NUL bytes are expected, so check the decoded text instead.
  const utf16 =
    bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le'
    : bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be'
    : null;
  if (utf16) {
    const result = tryDecode(bytes, utf16); // TextDecoder strips the BOM
    if (!result) throw encodingRefusal(name, `it is marked as ${utf16.toUpperCase()} but contains invalid character sequences.`);
    if (textLooksBinary(result.text)) throw binaryRefusal(name, null);
    return result;
  }

  if (bytesLookBinary(bytes)) throw binaryRefusal(name, null);

  const hasUtf8Bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const utf8 = tryDecode(bytes, 'utf-8') ?? decodeUtf8Like(bytes); // strips a BOM
  if (utf8) return utf8;
  if (hasUtf8Bom) throw encodingRefusal(name, 'it is marked as UTF-8 but contains invalid byte sequences.');

  if (options.html) {
    const declared = sniffHtmlCharset(bytes);
    if (declared) {
      const result = tryDecode(bytes, declared);
      if (result && !result.encoding.startsWith('utf-') && looksSane(result.text)) return result;
    }
  }

  const matches = chardet.analyse(bytes.subarray(0, DETECTION_SAMPLE_BYTES));
  for (const match of matches) {
    if (match.confidence < MIN_DETECTION_CONFIDENCE) break; // sorted by confidence, best first
    if (/^(utf|ascii|mbcs|sbcs)/i.test(match.name)) continue;
    const result = tryDecode(bytes, match.name);
    if (result && looksSane(result.text)) return result;
  }

  const fallback = tryDecode(bytes, 'windows-1252');
  if (fallback && looksSane(fallback.text) && mostlyAscii(fallback.text)) return fallback;

  throw encodingRefusal(name, 'it is not UTF-8 and its character encoding could not be recognised.');
}

/** What an import says about a decoded file: the invalid UTF-8 sequences it replaced, if any. */
export function decodingWarnings(name: string, decoded: DecodedText): string[] {
  const n = decoded.replaced;
  if (n === 0) return [];
  const what = n === 1 ? '1 invalid UTF-8 byte sequence' : `${n.toLocaleString('en')} invalid UTF-8 byte sequences`;
  return [`"${name}" had ${what}, imported as \uFFFD (the replacement character).`];
}
