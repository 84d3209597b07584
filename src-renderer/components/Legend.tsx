// The legend of highlight colours and underline styles, with the key that tags each kind, and how suggestions look
// with the keys that walk, accept and reject them.
import { NEXT_KEY, PREVIOUS_KEY, REJECT_SUGGESTION_KEY } from '../keymap';
import { KIND_KEYS, KIND_LABELS, KIND_ORDER } from './kinds';

/** `readingNames`: the article's "new actor?" suggestions are still being read, and will join those drawn. */
export function Legend({ readingNames = false }: { readingNames?: boolean }) {
  return (
    <ul className="legend" aria-label="Tag kinds">
      {KIND_ORDER.map((kind) => (
        <li key={kind}>
          <span className={`hl hl-${kind} legend-swatch`}>{KIND_LABELS[kind]}</span> <kbd>{KIND_KEYS[kind]}</kbd>
        </li>
      ))}
      <li
        className={`legend-suggestions${readingNames ? ' is-reading' : ''}`}
        title={`Suggestions are proposed tags, not tags, until you accept them${readingNames ? '; the article’s new names are still being read' : ''}`}
      >
        <span className="sg sg-actor legend-swatch">Suggestion</span> <kbd>Shift+{NEXT_KEY.toUpperCase()}</kbd>/<kbd>Shift+{PREVIOUS_KEY.toUpperCase()}</kbd> next/previous,{' '}
        <kbd>Enter</kbd> accept, <kbd>{REJECT_SUGGESTION_KEY.toUpperCase()}</kbd> reject
        {/* Said to screen readers; seen as a fainter swatch, so that nothing below moves when it comes and goes. */}
        <span className="visually-hidden" role="status">
          {readingNames ? 'Reading the article’s new names for suggestions…' : ''}
        </span>
      </li>
    </ul>
  );
}
