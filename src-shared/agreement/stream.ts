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
  private indexOf(label: string): number {
    let i = this.index.get(label);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(label, i);
      for (const row of this.counts) row.push(0);
      this.counts.push(new Array<number>(i + 1).fill(0));
    }
    return i;
  }
  add(a: string, b: string): void {
    // A's label first, then B's: the order cohenKappaFromLabels numbers them in.
    const i = this.indexOf(a);
    const j = this.indexOf(b);
    (this.counts[i] as number[])[j] = ((this.counts[i] as number[])[j] as number) + 1;
  }
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
    const raters = [spansA, spansB].map((spans, index) => {
      for (const span of spans) {
        if (!Number.isInteger(span.start) || !Number.isInteger(span.end) || span.start < 0 || span.end < span.start || span.end > text.length) {
          throw new RangeError(`${index === 0 ? 'Analyst A' : 'Analyst B'} has a tag of kind "${span.kind}" at [${span.start}, ${span.end}) that does not fit a text of length ${text.length}.`);
        }
      }
      return spans.filter((span) => this.wanted.has(span.kind));
    }) as [Span[], Span[]];
    if (this.texts > 0) this.offset += SEPARATOR;
    this.texts++;

    this.tokens += tokens.length;
    const coverage = raters.map((spans) => this.kinds.map((kind) => tokenCoverage(tokens, spans, kind)));
    this.kinds.forEach((_, k) => {
      const table = this.byKindPairs[k]!;
      const a = coverage[0]![k]!;
      const b = coverage[1]![k]!;
      for (let t = 0; t < a.length; t++) table[a[t] ? 0 : 1][b[t] ? 0 : 1]++;
    });
    const [setsA, setsB] = coverage.map((byKind) => kindSetLabels(byKind, this.kinds));
    for (let t = 0; t < tokens.length; t++) this.overallPairs.add(setsA![t]!, setsB![t]!);

    [...this.kinds, null].forEach((kind, k) => {
      const [a, b] = kind === null ? raters : raters.map((spans) => spans.filter((span) => span.kind === kind));
      const counts = this.matches[k]!;
      counts.exact += exactSpanMatch(a!, b!).matched;
      counts.overlap += overlapSpanMatch(a!, b!).matched;
      counts.a += a!.length;
      counts.b += b!.length;
    });

    this.kinds.forEach((kind, k) => {
      const category = this.unitized[k]!;
      const units = raters.map((spans, rater) =>
        spans.filter((span) => span.kind === kind).map((span): UnitizedUnit => ({ start: span.start, length: span.end - span.start, rater, category: kind })),
      );
      const sections = units.map((list) => sectionsOf(list, 0, text.length));
      category.pairSum += pairDisagreement(sections[0]!, sections[1]!);
      sections.forEach((list, rater) => {
        for (const section of list) {
          if (!section.isUnit) continue;
          const begin = this.offset + section.begin;
          if (begin > category.position[rater]!) category.gapLengths.push(begin - category.position[rater]!);
          category.unitLengths[rater as 0 | 1].push(section.length);
          category.position[rater] = begin + section.length;
        }
      });
    });
    this.offset += text.length;
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
