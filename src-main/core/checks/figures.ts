// Figures that disagree: figures of the same unit, in passages about the same thing, whose values differ by a power of ten or more.
import type { Finding } from '../../../src-shared/api/contract';
import { figureValue, type Annotation } from '../../../src-shared/model/annotation';
import { contentWords, evidenceOf, findingKey, type CheckInput } from './evidence';

/** Values this many times apart (or more) disagree. */
export const FIGURE_RATIO = 10;
/** How many characters of text on each side of a figure say what it counts. */
const CONTEXT_CHARS = 100;
/** Two figures are about the same thing when their contexts share this many content words. */
const SHARED_WORDS = 2;
/** A word around more figures of a unit than this tells none of them apart (it is that corpus's stop word). */
const COMMON_CONTEXT = 50;

interface Figure {
  annotation: Annotation;
  value: number;
  unit: string;
  context: Set<string>;
}

function figuresOf(input: CheckInput): Figure[] {
  const figures: Figure[] = [];
  for (const annotation of input.annotations) {
    if (annotation.kind !== 'figure' || !annotation.target) continue;
    const value = figureValue(annotation.attributes);
    if (value === null || value <= 0 || annotation.attributes.unit === null) continue;
    const text = input.documents.get(annotation.documentId)?.text ?? '';
    const { start, end } = annotation.target;
    const context = `${text.slice(Math.max(0, start - CONTEXT_CHARS), start)} ${text.slice(end, end + CONTEXT_CHARS)}`;
    figures.push({ annotation, value, unit: annotation.attributes.unit, context: new Set(contentWords(context)) });
  }
  return figures;
}

function shared(a: Set<string>, b: Set<string>): string[] {
  return [...a].filter((w) => b.has(w));
}

/** Pairs of figures of one unit sharing context words (none of the unit's commonest) whose values are FIGURE_RATIO or more apart. */
export function disagreeingFigures(input: CheckInput, ratio = FIGURE_RATIO): Finding[] {
  const byUnit = new Map<string, Figure[]>();
  for (const figure of figuresOf(input)) {
    const list = byUnit.get(figure.unit);
    if (list) list.push(figure);
    else byUnit.set(figure.unit, [figure]);
  }
  const findings: Finding[] = [];
  for (const [unit, figures] of byUnit) {
    // Only figures sharing a context word can pair: an index by word keeps this far from every pair of a unit.
    const byWord = new Map<string, number[]>();
    figures.forEach((figure, index) => figure.context.forEach((word) => {
      const list = byWord.get(word);
      if (list) list.push(index);
      else byWord.set(word, [index]);
    }));
    for (const [word, list] of byWord) {
      if (list.length <= COMMON_CONTEXT) continue;
      byWord.delete(word);
      for (const figure of figures) figure.context.delete(word);
    }
    const seen = new Set<string>();
    figures.forEach((figure, i) => {
      const candidates = new Set([...figure.context].flatMap((word) => byWord.get(word) ?? []).filter((j) => j > i));
      for (const j of candidates) {
        const other = figures[j];
        if (!other || seen.has(`${i}:${j}`)) continue;
        seen.add(`${i}:${j}`);
        const words = shared(figure.context, other.context);
        const factor = Math.max(figure.value, other.value) / Math.min(figure.value, other.value);
        if (words.length < SHARED_WORDS || factor < ratio) continue;
        const same = figure.annotation.documentId === other.annotation.documentId;
        findings.push({
          key: findingKey('figures', [figure.annotation.id, other.annotation.id]),
          rule: 'figures',
          summary: `Two figures in ${unit} about the same thing (${words.slice(0, 4).join(', ')}) differ ${Math.round(factor).toLocaleString('en')}-fold${same ? ' in one document' : ''}.`,
          suggestedCategory: same ? 'internal_contradiction' : 'factual_error',
          evidence: [figure, other].map((f) => evidenceOf(input, f.annotation, `${f.value.toLocaleString('en')} ${unit}`)),
          dismissed: false,
        });
      }
    });
  }
  return findings;
}
