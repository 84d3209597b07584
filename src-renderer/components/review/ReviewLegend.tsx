// Review mode: the legend of the marks drawn in the two panes — difference symbols and the four kinds' highlights.
import { DIFFERENCE_ORDER, DIFFERENCE_SYMBOLS, SHORT_DIFFERENCE_LABELS } from './review-model';
import { KIND_LABELS, KIND_ORDER } from '../kinds';

export function ReviewLegend() {
  return (
    <div className="review-legend" role="group" aria-label="Legend">
      <ul className="review-legend-marks" aria-label="Difference marks">
        {DIFFERENCE_ORDER.map((type) => (
          <li key={type}>
            <span className={`review-mark mark-${type}`} aria-hidden="true">{DIFFERENCE_SYMBOLS[type]}</span> {SHORT_DIFFERENCE_LABELS[type]}
          </li>
        ))}
      </ul>
      <ul className="review-legend-kinds" aria-label="Tag kinds">
        {KIND_ORDER.map((kind) => (
          <li key={kind}>
            <span className={`hl hl-${kind} legend-swatch`}>{KIND_LABELS[kind]}</span>
          </li>
        ))}
        <li className="review-legend-current">
          <span className="hl hl-claim hl-selected legend-swatch">Outlined</span> = the current difference
        </li>
      </ul>
    </div>
  );
}
