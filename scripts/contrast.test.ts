// The tag colours against WCAG 2.2 AA, read from the real style sheets: text on every fill at least 4.5:1, every
// underline at least 3:1 against the page; and the contrast arithmetic against known values.
import { describe, expect, it } from 'vitest';
import { contrast, customProperty, highlightContrast, over, parseColour, readStyleSheets } from './contrast';

describe('contrast arithmetic', () => {
  it('gives the known ratios: black on white 21:1, a colour on itself 1:1, #777 on white about 4.48:1', () => {
    expect(contrast(parseColour('#000000'), parseColour('#ffffff'))).toBeCloseTo(21, 5);
    expect(contrast(parseColour('#3a7bd5'), parseColour('#3a7bd5'))).toBeCloseTo(1, 5);
    expect(contrast(parseColour('#777777'), parseColour('#ffffff'))).toBeCloseTo(4.48, 2);
  });

  it('composites a translucent fill over the page', () => {
    expect(over(parseColour('rgba(0, 0, 0, 0.5)'), parseColour('#ffffff'))).toEqual({ r: 127.5, g: 127.5, b: 127.5, a: 1 });
  });
});

describe('the tag colours of the style sheets', () => {
  const { highlights, app } = readStyleSheets();
  const rows = highlightContrast(highlights, app);

  it.each(rows.map((row) => [row.kind, row] as const))('%s: text on its fill ≥ 4.5:1 and underline ≥ 3:1', (_kind, row) => {
    expect(row.text).toBeGreaterThanOrEqual(4.5);
    expect(row.line).toBeGreaterThanOrEqual(3);
  });

  it('the selected tag’s ring ≥ 3:1 against the page', () => {
    const ring = parseColour(customProperty(highlights, '--hl-selected-ring'));
    expect(contrast(ring, parseColour(customProperty(app, '--bg')))).toBeGreaterThanOrEqual(3);
  });
});
