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

/** The first of 0…n − 1 where `holds` is true, or n; `holds` is false and then true along the range. */
function firstWhere(n: number, holds: (k: number) => boolean): number {
  let [low, high] = [0, n];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (holds(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
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
    const common = new Set([...byWord].filter(([, list]) => list.length > COMMON_CONTEXT).map(([word]) => word));
    for (const word of common) byWord.delete(word);
    for (const figure of figures) for (const word of figure.context) if (common.has(word)) figure.context.delete(word);
    // Each word is around at most COMMON_CONTEXT figures; its list, in order of value, holds the figures far enough
    // from a value at its two ends, found by bisection, so only pairs that disagree are ever visited.
    const sharedCount = new Int32Array(figures.length);
    const values = Float64Array.from(figures, (figure) => figure.value);
    for (const list of byWord.values()) list.sort((x, y) => (values[x] ?? 0) - (values[y] ?? 0));
    figures.forEach((figure, i) => {
      const candidates: number[] = [];
      const value = figure.value;
      const count = (j: number) => {
        if (j <= i) return;
        if (sharedCount[j] === 0) candidates.push(j);
        sharedCount[j] = (sharedCount[j] ?? 0) + 1;
      };
      for (const word of figure.context) {
        const list = byWord.get(word) ?? [];
        const smallEnd = firstWhere(list.length, (k) => value / (values[list[k] ?? 0] ?? value) < ratio);
        const largeStart = firstWhere(list.length, (k) => (values[list[k] ?? 0] ?? value) / value >= ratio);
        for (let k = 0; k < smallEnd; k += 1) count(list[k] ?? 0);
        for (let k = Math.max(largeStart, smallEnd); k < list.length; k += 1) count(list[k] ?? 0);
      }
      for (const j of candidates.sort((x, y) => x - y)) {
        const other = figures[j];
        const count = sharedCount[j] ?? 0;
        sharedCount[j] = 0;
        if (!other || count < SHARED_WORDS) continue;
        const words = shared(figure.context, other.context);
        const factor = Math.max(figure.value, other.value) / Math.min(figure.value, other.value);
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
