// `npm run contrast`: the WCAG 2.2 contrast of the article's text on each tag kind's fill (over the page) and of
// each kind's underline against the page, read from the style sheets themselves; prints a Markdown table.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

type Rgba = { r: number; g: number; b: number; a: number };

/** `#rrggbb` or `rgba(r, g, b, a)` as channels 0–255 and alpha 0–1. */
export function parseColour(text: string): Rgba {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(text.trim());
  if (hex) return { r: parseInt(hex[1] as string, 16), g: parseInt(hex[2] as string, 16), b: parseInt(hex[3] as string, 16), a: 1 };
  const rgba = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([\d.]+)\s*)?\)$/i.exec(text.trim());
  if (rgba) return { r: Number(rgba[1]), g: Number(rgba[2]), b: Number(rgba[3]), a: rgba[4] === undefined ? 1 : Number(rgba[4]) };
  throw new Error(`Not a colour this check reads: ${text}`);
}

/** A translucent colour painted over an opaque one. */
export function over(top: Rgba, under: Rgba): Rgba {
  const mix = (t: number, u: number) => t * top.a + u * (1 - top.a);
  return { r: mix(top.r, under.r), g: mix(top.g, under.g), b: mix(top.b, under.b), a: 1 };
}

function luminance({ r, g, b }: Rgba): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG 2.2 contrast ratio of two opaque colours, 1–21. */
export function contrast(x: Rgba, y: Rgba): number {
  const [light, dark] = [luminance(x), luminance(y)].sort((p, q) => q - p) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The value of a custom property in a style sheet's text. */
export function customProperty(css: string, name: string): string {
  const match = new RegExp(`${name}\\s*:\\s*([^;]+);`).exec(css);
  if (!match) throw new Error(`${name} is not set in the style sheet.`);
  return (match[1] as string).trim();
}

export interface ContrastRow {
  kind: string;
  /** The text on the kind's fill, over the page: needs 4.5:1. */
  text: number;
  /** The kind's underline against the page: a non-text boundary, needs 3:1. */
  line: number;
}

const KINDS: readonly [string, string][] = [
  ['claim', 'claim'],
  ['actor', 'actor'],
  ['figure', 'figure'],
  ['reliability warning', 'warning'],
  ['search hit', 'search'],
  ['current search hit', 'search-current'],
];

/** The ratios of every kind, from the highlight and app style sheets as given. */
export function highlightContrast(highlightsCss: string, appCss: string): ContrastRow[] {
  const page = parseColour(customProperty(appCss, '--bg'));
  const ink = parseColour(customProperty(highlightsCss, '--hl-ink'));
  return KINDS.map(([kind, key]) => ({
    kind,
    text: contrast(ink, over(parseColour(customProperty(highlightsCss, `--hl-${key}-bg`)), page)),
    line: contrast(parseColour(customProperty(highlightsCss, `--hl-${key}-line`)), page),
  }));
}

export function readStyleSheets(): { highlights: string; app: string } {
  return {
    highlights: readFileSync(join(ROOT, 'src-renderer', 'editor', 'highlights.css'), 'utf8'),
    app: readFileSync(join(ROOT, 'src-renderer', 'styles', 'app.css'), 'utf8'),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { highlights, app } = readStyleSheets();
  console.log('| kind | text on its fill (≥ 4.5:1) | underline on the page (≥ 3:1) |\n| --- | --- | --- |');
  for (const row of highlightContrast(highlights, app)) {
    const mark = (value: number, need: number) => `${value.toFixed(2)}:1 ${value >= need ? '✔' : '✘'}`;
    console.log(`| ${row.kind} | ${mark(row.text, 4.5)} | ${mark(row.line, 3)} |`);
  }
}
