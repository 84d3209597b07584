// Fleiss' κ of three or more analysts over many texts read one at a time (pure): the κ `agreementReport` gives over the
// texts joined by blank lines, per kind and over all kinds, from sums kept per word — no text's labels are held.
import { wordBoundaries } from '../text/segment';
import { fleissFromSums } from './fleiss-kappa';
import { tokenKindMasks, type Span } from './spans';

/** A word's kinds are a bit mask in a 32-bit integer: at most this many kinds. */
const MAX_KINDS = 31;

/** What Fleiss' κ of one labelling rests on: Σ over words of the share of agreeing pairs, and raters per category. */
class FleissSums {
  agreementSum = 0;
  /** Per category (a kind's: [covered, not]; all kinds': per set of kinds, by mask), raters who chose it. */
  readonly totals = new Map<number, number>();
}

/**
 * Reads the spans of `raters` analysts (A, B and the others, in that order) text by text. `fleissKappa()` gives exactly
 * the `fleissKappa` figures of `agreementReport(texts.join('\n\n'), A, B, kinds, others)` with every span shifted to its
 * text's place.
 */
export class FleissStream {
  private readonly kinds: readonly string[];
  private readonly kindIndex: ReadonlyMap<string, number>;
  private readonly raters: number;
  private words = 0;
  private readonly byKind: FleissSums[];
  private readonly overall = new FleissSums();
  /** Per rater, the sets of kinds (masks) in the order that rater first gave them: the order categories are numbered in. */
  private readonly firstSeen: Set<number>[];

  constructor(kinds: readonly string[], raters: number) {
    this.kinds = [...new Set(kinds)];
    if (this.kinds.length > MAX_KINDS) throw new RangeError(`Fleiss' κ is streamed over at most ${MAX_KINDS} kinds, not ${this.kinds.length}.`);
    if (!Number.isInteger(raters) || raters < 2) throw new RangeError(`Fleiss' κ needs at least two raters, not ${raters}.`);
    this.kindIndex = new Map(this.kinds.map((kind, k) => [kind, k]));
    this.raters = raters;
    this.byKind = this.kinds.map(() => new FleissSums());
    this.firstSeen = Array.from({ length: raters }, () => new Set<number>());
  }

  /** Adds one text and each rater's spans on it (offsets into this text). Throws a RangeError for a span that does not fit. */
  add(text: string, spansByRater: readonly (readonly Span[])[]): void {
    if (spansByRater.length !== this.raters) throw new RangeError(`Expected the spans of ${this.raters} raters, not ${spansByRater.length}.`);
    spansByRater.forEach((spans, index) => {
      for (const span of spans) {
        if (!Number.isInteger(span.start) || !Number.isInteger(span.end) || span.start < 0 || span.end < span.start || span.end > text.length) {
          const rater = index === 0 ? 'Analyst A' : index === 1 ? 'Analyst B' : `Rater ${index + 1}`;
          throw new RangeError(`${rater} has a tag of kind "${span.kind}" at [${span.start}, ${span.end}) that does not fit a text of length ${text.length}.`);
        }
      }
    });
    const bounds = wordBoundaries(text);
    const words = bounds.length >> 1;
    const masks = spansByRater.map((spans) => tokenKindMasks(bounds, spans, (kind) => this.kindIndex.get(kind)));
    const n = this.raters;
    const pairs = n * (n - 1);
    const kinds = this.kinds.length;
    // The share of agreeing pairs of the current word, overall (last) and per kind: words in a run with the same sets
    // of kinds as the word before (most words: untagged) reuse them, and add to the raters per category once per run.
    const shares = new Float64Array(kinds + 1);
    const covered = new Int32Array(kinds);
    let run = 0;
    const flush = (t: number): void => {
      if (run === 0) return;
      for (let r = 0; r < n; r++) {
        const mask = masks[r]![t]!;
        this.overall.totals.set(mask, (this.overall.totals.get(mask) ?? 0) + run);
      }
      this.byKind.forEach((sums, k) => {
        const c = covered[k]!;
        if (c > 0) sums.totals.set(1, (sums.totals.get(1) ?? 0) + c * run);
        if (c < n) sums.totals.set(0, (sums.totals.get(0) ?? 0) + (n - c) * run);
      });
      run = 0;
    };
    for (let t = 0; t < words; t++) {
      let same = t > 0;
      for (let r = 0; same && r < n; r++) same = masks[r]![t] === masks[r]![t - 1];
      if (!same) {
        flush(t - 1);
        // Each rater's set of kinds; Σ_j n_tj² over sets is the number of ordered pairs of raters (with themselves) that agree.
        let squares = 0;
        for (let r = 0; r < n; r++) {
          const mask = masks[r]![t]!;
          this.firstSeen[r]!.add(mask);
          for (let s = 0; s < n; s++) if (masks[s]![t] === mask) squares++;
        }
        shares[kinds] = (squares - n) / pairs;
        for (let k = 0; k < kinds; k++) {
          let c = 0;
          for (let r = 0; r < n; r++) c += (masks[r]![t]! >> k) & 1;
          covered[k] = c;
          // Category 1: covered, 0: not; in a kind's labelling, true and false.
          shares[k] = (c * c + (n - c) * (n - c) - n) / pairs;
        }
      }
      run++;
      // Added word by word, in order, as the sum over all words is made.
      this.overall.agreementSum += shares[kinds]!;
      for (let k = 0; k < kinds; k++) this.byKind[k]!.agreementSum += shares[k]!;
    }
    flush(words - 1);
    this.words += words;
  }

  /** Fleiss' κ over every text added so far, overall and per kind (null where it is undefined). */
  fleissKappa(): { overall: number | null; byKind: Record<string, number | null> } {
    // Categories numbered as agreementReport numbers them: in order of first appearance, rater by rater.
    const order = new Set<number>();
    for (const seen of this.firstSeen) for (const mask of seen) order.add(mask);
    const kappa = (sums: FleissSums, categories: Iterable<number>): number | null =>
      this.words === 0 ? null : fleissFromSums(sums.agreementSum, [...categories].map((c) => sums.totals.get(c) ?? 0), this.words, this.raters).kappa;
    return {
      overall: kappa(this.overall, order),
      byKind: Object.fromEntries(this.kinds.map((kind, k) => [kind, kappa(this.byKind[k]!, this.firstKindOrder(k))])),
    };
  }

  /** A kind's two categories in order of first appearance, rater by rater (covered = 1, not = 0). */
  private firstKindOrder(k: number): number[] {
    const order: number[] = [];
    for (const seen of this.firstSeen) {
      for (const mask of seen) {
        const category = (mask >> k) & 1;
        if (!order.includes(category)) order.push(category);
      }
    }
    return order;
  }
}
