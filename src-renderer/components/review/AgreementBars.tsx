// Review mode: one kind's agreement figures as a small bar chart — plain bars, each labelled with its number.
import type { AgreementResult } from '../../../src-shared/api/contract';
import { formatFigure } from './review-model';

export type Figures = AgreementResult['overall'];
export type FigureName = 'cohenKappa' | 'krippendorffAlpha' | 'unitizedAlpha' | 'f1Exact' | 'f1Overlap' | 'fleissKappa';
type Measure = { name: FigureName; label: string; short: string };

export const MEASURES: readonly Measure[] = [
  { name: 'cohenKappa', label: 'Cohen’s κ', short: 'κ' },
  { name: 'krippendorffAlpha', label: 'Krippendorff’s α', short: 'α' },
  { name: 'unitizedAlpha', label: 'Unitized α', short: 'uα' },
  { name: 'f1Exact', label: 'F1 exact', short: 'F1 ex.' },
  { name: 'f1Overlap', label: 'F1 overlap', short: 'F1 ov.' },
];

/** Fleiss' κ: present only when more than two analysts tagged the same documents (all of them, not just A and B). */
const FLEISS: Measure = { name: 'fleissKappa', label: 'Fleiss’ κ, all analysts', short: 'Fleiss κ' };

/** The measures to show for these figures: Fleiss' κ too when any of them has it. */
export function measuresFor(...figures: readonly Figures[]): readonly Measure[] {
  return figures.some((f) => f.fleissKappa !== undefined) ? [...MEASURES, FLEISS] : MEASURES;
}

/** Bar width in percent: κ and α run from below 0 up to 1, F1 from 0 to 1; below 0 draws no bar. */
function widthOf(value: number | null): number {
  return value === null || !Number.isFinite(value) ? 0 : Math.round(Math.min(1, Math.max(0, value)) * 100);
}

export function AgreementBars({ title, figures }: { title: string; figures: Figures }) {
  const { units } = figures;
  return (
    <figure className="agreement-kind">
      <figcaption>
        <strong>{title}</strong>{' '}
        <span className="count">
          spans A {units.spansA} · B {units.spansB}
        </span>
      </figcaption>
      <ul className="agreement-bars">
        {measuresFor(figures).map(({ name, label }) => {
          const value = figures[name] ?? null;
          return (
            <li key={name} className={`agreement-bar-row${value !== null && value < 0 ? ' negative' : ''}`}>
              <span className="agreement-bar-label">{label}</span>
              <span className="agreement-bar-track" aria-hidden="true">
                <span className="agreement-bar" style={{ width: `${widthOf(value)}%` }} />
              </span>
              <span className="agreement-bar-value">{formatFigure(value)}</span>
            </li>
          );
        })}
      </ul>
      <p className="agreement-interpretation">{figures.interpretation}</p>
    </figure>
  );
}
