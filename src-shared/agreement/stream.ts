// Agreement of two analysts over many texts read one at a time (pure): the same figures as `agreementReport` over the
// texts joined by blank lines, from counts kept per text — each text's word units computed once, then let go.
import { cohenKappa } from './cohen-kappa';
import { figuresOf, type AgreementFigures, type AgreementReport } from './index';
import { nominalAlphaOfPairs } from './krippendorff-alpha';
import { exactSpanMatch, kindSetLabels, overlapSpanMatch, tokenCoverage, wordTokens, type Span, type TokenRange } from './spans';
import { expectedFromLengths, pairDisagreement, sectionsOf, type UnitizedUnit } from './unitized-alpha';

/** What joins two texts in the continuum `agreementReport` would see ("\n\n"). */
const SEPARATOR = 2;

/** A square table of counts that grows as new labels appear, numbered in order of first appearance. */
class PairTable {
  private readonly index = new Map<string, number>();
  readonly counts: number[][] = [];
  /** The labels by number. */
  get labels(): string[] {
    return [...this.index.keys()];
  }
  indexOf(label: string): number {
    let i = this.index.get(label);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(label, i);
      for (const row of this.counts) row.push(0);
      this.counts.push(new Array<number>(i + 1).fill(0));
    }
    return i;
  }
  add(a: string, b: string, count = 1): void {
    // A's label first, then B's: the order cohenKappaFromLabels numbers them in.
    const i = this.indexOf(a);
    const j = this.indexOf(b);
    (this.counts[i] as number[])[j] = ((this.counts[i] as number[])[j] as number) + count;
  }
  /** Adds another table's counts; its labels new here are numbered in its own order, as reading its units here would. */
  addTable(other: PairTable): void {
    const labels = other.labels;
    const here = labels.map((label) => this.indexOf(label));
    other.counts.forEach((row, i) =>
      row.forEach((count, j) => {
        if (count > 0) (this.counts[here[i]!] as number[])[here[j]!] = ((this.counts[here[i]!] as number[])[here[j]!] as number) + count;
      }),
    );
  }
}

/** What one text contributes: everything the figures need from it, measured once. */
export interface TextCounts {
  readonly length: number;
  readonly tokens: number;
  readonly byKindPairs: readonly (readonly [readonly [number, number], readonly [number, number]])[];
  readonly overallPairs: PairTable;
  readonly matches: readonly { exact: number; overlap: number; a: number; b: number }[];
  /** Per kind: Σ δ² of the two raters' sections on this text, and each rater's units (merged) as [begin, length] in it. */
  readonly unitized: readonly { pairSum: number; units: readonly (readonly (readonly [number, number])[])[] }[];
}

/** One category of the unitized continuum: boundary disagreements summed text by text, unit and gap lengths kept. */
class UnitizedCategory {
  pairSum = 0;
  readonly unitLengths: [number[], number[]] = [[], []];
  readonly gapLengths: number[] = [];
  /** Where each rater's last unit ended, on the whole continuum. */
  readonly position: [number, number] = [0, 0];
}

/**
 * Reads two analysts' spans text by text. `report()` gives exactly what `agreementReport(texts.join('\n\n'), a, b,
 * kinds)` gives with every span shifted to its text's place — the joined text, its word units and per-token labels are
 * never held: κ and α come from agreement tables, span matches from counts, unitized α from per-text boundary sums and
 * the lengths of units and gaps.
 */
export class AgreementStream {
  private readonly kinds: readonly string[];
  private readonly wanted: ReadonlySet<string>;
  private tokens = 0;
  private offset = 0;
  private texts = 0;
  private readonly byKindPairs: [[number, number], [number, number]][];
  private readonly overallPairs = new PairTable();
  private readonly matches: { exact: number; overlap: number; a: number; b: number }[];
  private readonly unitized: UnitizedCategory[];

  constructor(kinds: readonly string[]) {
    this.kinds = [...new Set(kinds)];
    this.wanted = new Set(this.kinds);
    this.byKindPairs = this.kinds.map(() => [
      [0, 0],
      [0, 0],
    ]);
    this.matches = [...this.kinds, null].map(() => ({ exact: 0, overlap: 0, a: 0, b: 0 }));
    this.unitized = this.kinds.map(() => new UnitizedCategory());
  }

  /**
   * Adds one text and A's and B's spans on it (offsets into this text); `tokens` are its word units, when the caller
   * already has them. Throws a RangeError for a span that does not fit.
   */
  add(text: string, spansA: readonly Span[], spansB: readonly Span[], tokens: readonly TokenRange[] = wordTokens(text)): void {
    this.addCounts(this.measure(text, spansA, spansB, tokens));
  }

  /** What `text` and the spans on it contribute, without adding it (to add it here and elsewhere: `addCounts`). */
  measure(text: string, spansA: readonly Span[], spansB: readonly Span[], tokens: readonly TokenRange[] = wordTokens(text)): TextCounts {
    const raters = [spansA, spansB].map((spans, index) => {
      for (const span of spans) {
        if (!Number.isInteger(span.start) || !Number.isInteger(span.end) || span.start < 0 || span.end < span.start || span.end > text.length) {
          throw new RangeError(`${index === 0 ? 'Analyst A' : 'Analyst B'} has a tag of kind "${span.kind}" at [${span.start}, ${span.end}) that does not fit a text of length ${text.length}.`);
        }
      }
      return spans.filter((span) => this.wanted.has(span.kind));
    }) as [Span[], Span[]];
    const coverage = raters.map((spans) => this.kinds.map((kind) => tokenCoverage(tokens, spans, kind)));
    const byKindPairs = this.kinds.map((_, k) => {
      const table: [[number, number], [number, number]] = [
        [0, 0],
        [0, 0],
      ];
      const a = coverage[0]![k]!;
      const b = coverage[1]![k]!;
      for (let t = 0; t < a.length; t++) table[a[t] ? 0 : 1][b[t] ? 0 : 1]++;
      return table;
    });
    const overallPairs = new PairTable();
    const [setsA, setsB] = coverage.map((byKind) => kindSetLabels(byKind, this.kinds));
    for (let t = 0; t < tokens.length; t++) overallPairs.add(setsA![t]!, setsB![t]!);
    const matches = [...this.kinds, null].map((kind) => {
      const [a, b] = kind === null ? raters : raters.map((spans) => spans.filter((span) => span.kind === kind));
      return { exact: exactSpanMatch(a!, b!).matched, overlap: overlapSpanMatch(a!, b!).matched, a: a!.length, b: b!.length };
    });
    const unitized = this.kinds.map((kind) => {
      const sections = raters.map((spans, rater) =>
        sectionsOf(
          spans.filter((span) => span.kind === kind).map((span): UnitizedUnit => ({ start: span.start, length: span.end - span.start, rater, category: kind })),
          0,
          text.length,
        ),
      );
      return {
        pairSum: pairDisagreement(sections[0]!, sections[1]!),
        units: sections.map((list) => list.filter((section) => section.isUnit).map((section) => [section.begin, section.length] as const)),
      };
    });
    return { length: text.length, tokens: tokens.length, byKindPairs, overallPairs, matches, unitized };
  }

  /** Adds a text `measure` measured (by this stream or another of the same kinds) after the texts added so far. */
  addCounts(counts: TextCounts): void {
    if (this.texts > 0) this.offset += SEPARATOR;
    this.texts++;
    this.tokens += counts.tokens;
    counts.byKindPairs.forEach((table, k) => {
      const into = this.byKindPairs[k]!;
      for (const i of [0, 1] as const) for (const j of [0, 1] as const) into[i][j] += table[i][j];
    });
    this.overallPairs.addTable(counts.overallPairs);
    counts.matches.forEach((m, k) => {
      const into = this.matches[k]!;
      into.exact += m.exact;
      into.overlap += m.overlap;
      into.a += m.a;
      into.b += m.b;
    });
    counts.unitized.forEach(({ pairSum, units }, k) => {
      const category = this.unitized[k]!;
      category.pairSum += pairSum;
      units.forEach((list, rater) => {
        for (const [localBegin, length] of list) {
          const begin = this.offset + localBegin;
          if (begin > category.position[rater]!) category.gapLengths.push(begin - category.position[rater]!);
          category.unitLengths[rater as 0 | 1].push(length);
          category.position[rater] = begin + length;
        }
      });
    });
    this.offset += counts.length;
  }

  /** The figures over every text added so far, overall and per kind, as `agreementReport` states them. */
  report(): AgreementReport {
    const length = this.offset;
    const byCategory: (number | null)[] = [];
    let observedSum = 0;
    let expectedSum = 0;
    this.unitized.forEach((category) => {
      const gaps = [...category.gapLengths];
      for (const end of category.position) if (length > end) gaps.push(length - end);
      const units = [...category.unitLengths[0], ...category.unitLengths[1]];
      const expected = length > 0 && units.length > 0 ? expectedFromLengths(units, gaps, 2, length) : null;
      if (expected === null || expected <= 0) {
        byCategory.push(null);
        return;
      }
      const observed = (2 * category.pairSum) / (2 * 1 * length ** 2);
      byCategory.push(1 - observed / expected);
      observedSum += observed;
      expectedSum += expected;
    });
    const figures = (k: number, cohen: number | null, alpha: number | null, unitized: number | null, kind: string | null): AgreementFigures => {
      const counts = this.matches[k]!;
      return figuresOf({ kind, cohen, alpha, unitized, tokens: this.tokens, ...counts });
    };
    const byKind = this.kinds.map((kind, k): [string, AgreementFigures] => {
      const table = this.byKindPairs[k]!;
      return [kind, figures(k, cohenKappa(table).kappa, nominalAlphaOfPairs(table).alpha, byCategory[k] ?? null, kind)];
    });
    const overall = figures(
      this.kinds.length,
      cohenKappa(this.overallPairs.counts).kappa,
      nominalAlphaOfPairs(this.overallPairs.counts).alpha,
      expectedSum > 0 ? 1 - observedSum / expectedSum : null,
      null,
    );
    return { overall, byKind: Object.fromEntries(byKind), raters: 2 };
  }
}
