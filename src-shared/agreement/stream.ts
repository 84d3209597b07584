// Agreement of two analysts over many texts read one at a time (pure): the same figures as `agreementReport` over the
// texts joined by blank lines, from counts kept per text — each text's word units computed once, then let go.
import { cohenKappa } from './cohen-kappa';
import { figuresOf, type AgreementFigures, type AgreementReport } from './index';
import { nominalAlphaOfPairs } from './krippendorff-alpha';
import { wordBoundaries } from '../text/segment';
import { exactSpanMatch, overlapSpanMatch, tokenKindMasks, type Span } from './spans';
import { expectedFromLengths, pairDisagreement, sectionsOf, type UnitizedUnit } from './unitized-alpha';

/** What joins two texts in the continuum `agreementReport` would see ("\n\n"). */
const SEPARATOR = 2;

/** A word's kinds are a bit mask in a 32-bit integer: at most this many kinds. */
const MAX_KINDS = 31;

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
  private readonly kindIndex: ReadonlyMap<string, number>;
  private readonly maskNames = new Map<number, string>();
  private tokens = 0;
  private offset = 0;
  private texts = 0;
  private readonly byKindPairs: [[number, number], [number, number]][];
  private readonly overallPairs = new PairTable();
  private readonly matches: { exact: number; overlap: number; a: number; b: number }[];
  private readonly unitized: UnitizedCategory[];

  constructor(kinds: readonly string[]) {
    this.kinds = [...new Set(kinds)];
    if (this.kinds.length > MAX_KINDS) throw new RangeError(`Agreement is streamed over at most ${MAX_KINDS} kinds, not ${this.kinds.length}.`);
    this.wanted = new Set(this.kinds);
    this.kindIndex = new Map(this.kinds.map((kind, k) => [kind, k]));
    this.byKindPairs = this.kinds.map(() => [
      [0, 0],
      [0, 0],
    ]);
    this.matches = [...this.kinds, null].map(() => ({ exact: 0, overlap: 0, a: 0, b: 0 }));
    this.unitized = this.kinds.map(() => new UnitizedCategory());
  }

  /** Adds one text and A's and B's spans on it (offsets into this text). Throws a RangeError for a span that does not fit. */
  add(text: string, spansA: readonly Span[], spansB: readonly Span[]): void {
    this.addCounts(this.measure(text, spansA, spansB));
  }

  /**
   * What `text` and the spans on it contribute, without adding it (to add it here and elsewhere: `addCounts`). The
   * text's words are found once; each word's kinds are a bit mask per analyst, and the tables are counted over runs
   * of words with the same masks (most words of a text are in long untagged runs).
   */
  measure(text: string, spansA: readonly Span[], spansB: readonly Span[]): TextCounts {
    const raters = [spansA, spansB].map((spans, index) => {
      for (const span of spans) {
        if (!Number.isInteger(span.start) || !Number.isInteger(span.end) || span.start < 0 || span.end < span.start || span.end > text.length) {
          throw new RangeError(`${index === 0 ? 'Analyst A' : 'Analyst B'} has a tag of kind "${span.kind}" at [${span.start}, ${span.end}) that does not fit a text of length ${text.length}.`);
        }
      }
      return spans.filter((span) => this.wanted.has(span.kind));
    }) as [Span[], Span[]];
    const bounds = wordBoundaries(text);
    const tokens = bounds.length >> 1;
    const kindIndex = (kind: string): number | undefined => this.kindIndex.get(kind);
    const [masksA, masksB] = raters.map((spans) => tokenKindMasks(bounds, spans, kindIndex)) as [Int32Array, Int32Array];
    const byKindPairs = this.kinds.map((): [[number, number], [number, number]] => [
      [0, 0],
      [0, 0],
    ]);
    const overallPairs = new PairTable();
    for (let t = 0; t < tokens; ) {
      const a = masksA[t] as number;
      const b = masksB[t] as number;
      let end = t + 1;
      while (end < tokens && masksA[end] === a && masksB[end] === b) end++;
      const run = end - t;
      overallPairs.add(this.kindSetLabel(a), this.kindSetLabel(b), run);
      byKindPairs.forEach((table, k) => {
        table[(a >> k) & 1 ? 0 : 1][(b >> k) & 1 ? 0 : 1] += run;
      });
      t = end;
    }
    // Spans match only spans of their own kind: one matching over all kinds gives each kind's matches and their sum.
    const matches = [...this.kinds, null].map(() => ({ exact: 0, overlap: 0, a: 0, b: 0 }));
    const all = matches[this.kinds.length]!;
    const count = (field: 'exact' | 'overlap', pairs: readonly (readonly [number, number])[]): void => {
      for (const [indexA] of pairs) matches[this.kindIndex.get(raters[0][indexA]!.kind)!]![field]++;
      all[field] += pairs.length;
    };
    count('exact', exactSpanMatch(raters[0], raters[1]).pairs);
    count('overlap', overlapSpanMatch(raters[0], raters[1]).pairs);
    const [byKindA, byKindB] = raters.map((spans, rater) => {
      const byKind = this.kinds.map((): Span[] => []);
      for (const span of spans) byKind[this.kindIndex.get(span.kind)!]!.push(span);
      byKind.forEach((list, k) => {
        matches[k]![rater === 0 ? 'a' : 'b'] = list.length;
        all[rater === 0 ? 'a' : 'b'] += list.length;
      });
      return byKind;
    }) as [Span[][], Span[][]];
    const unitized = this.kinds.map((kind, k) => {
      const sections = [byKindA[k]!, byKindB[k]!].map((spans, rater) =>
        sectionsOf(
          spans.map((span): UnitizedUnit => ({ start: span.start, length: span.end - span.start, rater, category: kind })),
          0,
          text.length,
        ),
      );
      return {
        pairSum: pairDisagreement(sections[0]!, sections[1]!),
        units: sections.map((list) => list.filter((section) => section.isUnit).map((section) => [section.begin, section.length] as const)),
      };
    });
    return { length: text.length, tokens, byKindPairs, overallPairs, matches, unitized };
  }

  /** The label `kindSetLabels` gives a word covered by the kinds of bit mask `mask`, named once per mask. */
  private kindSetLabel(mask: number): string {
    let name = this.maskNames.get(mask);
    if (name === undefined) {
      name = this.kinds.filter((_, k) => (mask >> k) & 1).join('+');
      this.maskNames.set(mask, name);
    }
    return name;
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
    const unitized = this.unitizedAlphas();
    const byKind = this.kinds.map((kind, k): [string, AgreementFigures] => {
      const table = this.byKindPairs[k]!;
      return [kind, this.figures(k, cohenKappa(table).kappa, nominalAlphaOfPairs(table).alpha, unitized.byCategory[k] ?? null, kind)];
    });
    return { overall: this.overallFigures(unitized.overall), byKind: Object.fromEntries(byKind), raters: 2 };
  }

  /** `report().overall` alone, without the figures per kind. */
  overall(): AgreementFigures {
    return this.overallFigures(this.unitizedAlphas().overall);
  }

  /** Unitized α per kind (by index) and over all kinds, from the boundary sums and the lengths of units and gaps. */
  private unitizedAlphas(): { byCategory: (number | null)[]; overall: number | null } {
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
    return { byCategory, overall: expectedSum > 0 ? 1 - observedSum / expectedSum : null };
  }

  private overallFigures(unitized: number | null): AgreementFigures {
    const table = this.overallPairs.counts;
    return this.figures(this.kinds.length, cohenKappa(table).kappa, nominalAlphaOfPairs(table).alpha, unitized, null);
  }

  /** The figures of matches row `k` (a kind's, or the last: all kinds') with the coefficients given. */
  private figures(k: number, cohen: number | null, alpha: number | null, unitized: number | null, kind: string | null): AgreementFigures {
    return figuresOf({ kind, cohen, alpha, unitized, tokens: this.tokens, ...this.matches[k]! });
  }
}
