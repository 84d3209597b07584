// The legend of highlight colours and underline styles, with the key that tags each kind.
import { KIND_KEYS, KIND_LABELS, KIND_ORDER } from './kinds';

export function Legend() {
  return (
    <ul className="legend" aria-label="Tag kinds">
      {KIND_ORDER.map((kind) => (
        <li key={kind}>
          <span className={`hl hl-${kind} legend-swatch`}>{KIND_LABELS[kind]}</span> <kbd>{KIND_KEYS[kind]}</kbd>
        </li>
      ))}
    </ul>
  );
}
