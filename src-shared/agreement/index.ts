// The agreement report a reviewer reads: κ, α, unitized α and span F1 of analysts' tags on one text, overall and per kind; pure.
import { cohenKappa, cohenKappaFromLabels } from './cohen-kappa';
import { fleissKappaFromLabels } from './fleiss-kappa';
import { krippendorffAlpha, type AlphaValue } from './krippendorff-alpha';
import { exactSpanMatch, kindSetLabels, overlapSpanMatch, tokenCoverage, wordTokens, type Span, type TokenRange } from './spans';
import { unitizedAlpha, type UnitizedUnit } from './unitized-alpha';

export { krippendorffAlpha } from './krippendorff-alpha';
export type { Span } from './spans';
export { unitizedAlpha } from './unitized-alpha';

/** Krippendorff's thresholds (Content Analysis, 2004): rely on α ≥ .800, tentative conclusions only from .667. */
export const RELIABLE_ALPHA = 0.8;
export const TENTATIVE_ALPHA = 0.667;
/** Below these amounts a figure is reported with a warning that it rests on too little data. */
export const MINIMUM_TAGS = 20;
export const MINIMUM_TOKENS = 100;

/** Agreement figures for one kind, or for all kinds together; every figure is null when it is undefined. */
export interface AgreementFigures {
  /** Cohen's κ of A and B over word tokens (label: covered by the kind or not; overall: the set of kinds). */
  readonly cohenKappa: number | null;
  /** Krippendorff's nominal α over word tokens, all raters (A, B and any extra raters). */
  readonly krippendorffAlpha: number | null;
  /** Krippendorff's unitizing α over the text's UTF-16 offsets, all raters. */
  readonly unitizedAlpha: number | null;
  /** Span F1 of B against A, exact matching (same start, end and kind). */
  readonly f1Exact: number | null;
  /** Span F1 of B against A, overlap matching (same kind, overlapping, one-to-one). */
  readonly f1Overlap: number | null;
  readonly precisionExact: number | null;
  readonly recallExact: number | null;
  readonly units: { readonly tokens: number; readonly spansA: number; readonly spansB: number };
  /** Fleiss' κ over word tokens, present only when there are three raters or more. */
  readonly fleissKappa?: number | null;
  /** One or two plain sentences saying what the figures mean and whether there is enough data to trust them. */
  readonly interpretation: string;
}

export interface AgreementReport {
  readonly overall: AgreementFigures;
  readonly byKind: Record<string, AgreementFigures>;
  /** Number of raters compared: 2 plus the extra raters. */
  readonly raters: number;
}

function assertSpansInText(spans: readonly Span[], textLength: number, rater: string): void {
  for (const span of spans) {
    if (!Number.isInteger(span.start) || !Number.isInteger(span.end) || span.start < 0 || span.end < span.start || span.end > textLength) {
      throw new RangeError(`${rater} has a tag of kind "${span.kind}" at [${span.start}, ${span.end}) that does not fit a text of length ${textLength}.`);
    }
  }
}

/** What α says by Krippendorff's standard, as one sentence. */
function verdict(alpha: number | null, subject: string, tokens: number): string {
  if (alpha === null) return `α for ${subject} cannot be computed: every word got the same label from every analyst.`;
  const figure = `α = ${alpha.toFixed(3)} for ${subject} over ${tokens} words`;
  if (alpha >= RELIABLE_ALPHA) return `Reliable: ${figure} is at least 0.800, the level Krippendorff requires before relying on tags.`;
  if (alpha >= TENTATIVE_ALPHA) {
    return `Tentative only: ${figure} is between 0.667 and 0.800, which Krippendorff accepts for tentative conclusions only.`;
  }
  return `Unreliable: ${figure} is below 0.667, too low to rely on these tags.`;
}

/**
 * The interpretation of one set of figures, following Krippendorff's guidance on α (Content Analysis, 2004):
 * at least 0.800 is reliable, 0.667 to 0.800 allows tentative conclusions only, below 0.667 the tags should
 * not be relied on. Adds a warning when fewer than 20 tags or 100 words stand behind the figure.
 */
export function interpretAgreement(alpha: number | null, kind: string | null, tags: number, tokens: number): string {
  const subject = kind === null ? 'all tags' : `${kind.replaceAll('_', ' ')} tags`;
  if (tags === 0) return `Nobody made any ${subject} in this text, so there is no agreement to measure.`;
  const warning =
    tags < MINIMUM_TAGS || tokens < MINIMUM_TOKENS
      ? ` Too few tags to trust this figure: ${tags} tags over ${tokens} words (at least ${MINIMUM_TAGS} tags and ${MINIMUM_TOKENS} words are needed).`
      : '';
  return verdict(alpha, subject, tokens) + warning;
}

/** Cohen's κ of two boolean labellings, from their 2×2 table. */
function binaryKappa(first: readonly boolean[], second: readonly boolean[]): number | null {
  const table = [
    [0, 0],
    [0, 0],
  ];
  first.forEach((label, index) => {
    const row = table[label ? 0 : 1] as number[];
    const column = second[index] ? 0 : 1;
    row[column] = (row[column] as number) + 1;
  });
  return cohenKappa(table).kappa;
}

interface FigureInputs {
  readonly kind: string | null;
  readonly spansByRater: readonly (readonly Span[])[];
  readonly labelsByRater: readonly (readonly AlphaValue[])[];
  readonly cohen: number | null;
  readonly unitized: number | null;
  readonly tokens: number;
}

function figures({ kind, spansByRater, labelsByRater, cohen, unitized, tokens }: FigureInputs): AgreementFigures {
  const a = spansByRater[0] ?? [];
  const b = spansByRater[1] ?? [];
  return {
    ...figuresOf({
      kind,
      cohen,
      alpha: krippendorffAlpha(labelsByRater).alpha,
      unitized,
      tokens,
      exact: exactSpanMatch(a, b).matched,
      overlap: overlapSpanMatch(a, b).matched,
      a: a.length,
      b: b.length,
      tags: spansByRater.reduce((sum, spans) => sum + spans.length, 0),
    }),
    ...(spansByRater.length >= 3 ? { fleissKappa: fleissKappaFromLabels(labelsByRater).kappa } : {}),
  };
}

/** The figures from what they rest on: κ, α and unitized α, and the span matches as counts (exact and overlap, of A's and B's spans). */
export function figuresOf(inputs: {
  kind: string | null;
  cohen: number | null;
  alpha: number | null;
  unitized: number | null;
  tokens: number;
  exact: number;
  overlap: number;
  a: number;
  b: number;
  /** Tags of every rater (A's and B's when left out). */
  tags?: number;
}): AgreementFigures {
  const { kind, cohen, alpha, unitized, tokens, exact, overlap, a, b } = inputs;
  const f1 = (matched: number): number | null => (a + b > 0 ? (2 * matched) / (a + b) : null);
  return {
    cohenKappa: cohen,
    krippendorffAlpha: alpha,
    unitizedAlpha: unitized,
    f1Exact: f1(exact),
    f1Overlap: f1(overlap),
    precisionExact: b > 0 ? exact / b : null,
    recallExact: a > 0 ? exact / a : null,
    units: { tokens, spansA: a, spansB: b },
    interpretation: interpretAgreement(alpha, kind, inputs.tags ?? a + b, tokens),
  };
}

/**
 * Agreement between analyst A's and analyst B's tags (and any extra raters') on `text`, overall and for each of
 * `kinds`; spans of other kinds are ignored. Word tokens are the units for κ and α, UTF-16 offsets the
 * continuum for unitized α; span precision, recall and F1 compare B against A only. Throws a RangeError when a
 * span does not fit the text.
 */
export function agreementReport(
  text: string,
  a: readonly Span[],
  b: readonly Span[],
  kinds: readonly string[],
  extraRaters: readonly (readonly Span[])[] = [],
): AgreementReport {
  const wanted = new Set(kinds);
  const kindList = [...wanted];
  const raters = [a, b, ...extraRaters].map((spans, index) => {
    assertSpansInText(spans, text.length, index === 0 ? 'Analyst A' : index === 1 ? 'Analyst B' : `Rater ${index + 1}`);
    return spans.filter((span) => wanted.has(span.kind));
  });
  const tokens: TokenRange[] = wordTokens(text);

  const units: UnitizedUnit[] = raters.flatMap((spans, rater) =>
    spans.map((span) => ({ start: span.start, length: span.end - span.start, rater, category: span.kind })),
  );
  const unitized = unitizedAlpha({ continuumStart: 0, continuumLength: text.length, raters: raters.length, units, categories: kindList });

  // coverageByRater[r][k][token]: whether rater r tagged that token with kindList[k]; computed once, used twice.
  const coverageByRater = raters.map((spans) => kindList.map((kind) => tokenCoverage(tokens, spans, kind)));
  const byKind = kindList.map((kind, k): [string, AgreementFigures] => {
    const coverage = coverageByRater.map((byKindCoverage) => byKindCoverage[k] as boolean[]);
    const kindFigures = figures({
      kind,
      spansByRater: raters.map((spans) => spans.filter((span) => span.kind === kind)),
      labelsByRater: coverage,
      cohen: binaryKappa(coverage[0] as boolean[], coverage[1] as boolean[]),
      unitized: unitized.byCategory[kind] ?? null,
      tokens: tokens.length,
    });
    return [kind, kindFigures];
  });

  const kindSets = coverageByRater.map((byKindCoverage) => kindSetLabels(byKindCoverage, kindList));
  const overall = figures({
    kind: null,
    spansByRater: raters,
    labelsByRater: kindSets,
    cohen: cohenKappaFromLabels(kindSets[0] as string[], kindSets[1] as string[]).kappa,
    unitized: unitized.overall,
    tokens: tokens.length,
  });
  return { overall, byKind: Object.fromEntries(byKind), raters: raters.length };
}
