// What decoded text must be (core, any process): canonical line endings, and not binary. Kept apart from the
// encoding detector (decode.ts), so that reading pasted text loads no detector.

/** Share of control characters (other than tab, newline, carriage return, form feed, escape) that marks a file binary. */
export const MAX_CONTROL_RATIO = 0.02;

export function isSuspectControl(code: number): boolean {
  // C0 controls and DEL, except tab, newline, form feed, carriage return and ESC (ISO-2022 text uses it).
  return (code < 0x20 && code !== 9 && code !== 10 && code !== 12 && code !== 13 && code !== 27) || code === 0x7f;
}

/** True when decoded text contains NUL or too many control characters. */
export function textLooksBinary(text: string): boolean {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if (isSuspectControl(c)) controls++;
  }
  return controls > 1 && controls > text.length * MAX_CONTROL_RATIO;
}

/** Canonical line endings: a leading BOM removed, CRLF and lone CR turned into LF. Nothing else changes. */
export function normaliseNewlines(text: string): string {
  const noBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return noBom.indexOf('\r') === -1 ? noBom : noBom.replace(/\r\n?/g, '\n');
}
