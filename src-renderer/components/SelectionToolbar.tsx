// The small toolbar that appears at a text selection and offers the four kinds.
import type { AnnotationKind } from '../../src-shared/model/annotation';
import { KIND_KEYS, KIND_LABELS, KIND_ORDER } from './kinds';

/** The toolbar's height and its distance from the selection, in CSS pixels. */
const TOOLBAR_HEIGHT = 36;
const GAP = 8;

export function SelectionToolbar({ rect, container, onTag }: { rect: DOMRect; container: HTMLElement | null; onTag: (kind: AnnotationKind) => void }) {
  const box = container?.getBoundingClientRect();
  const scrollTop = container?.scrollTop ?? 0;
  const above = rect.top - (box?.top ?? 0) - TOOLBAR_HEIGHT - GAP;
  // Above the selection when it fits in the pane, else below it, so the toolbar is never clipped.
  const top = scrollTop + (above >= 0 ? above : rect.bottom - (box?.top ?? 0) + GAP);
  const left = Math.max(8, rect.left - (box?.left ?? 0) + rect.width / 2 - 200);
  return (
    <div className="selection-toolbar" role="toolbar" aria-label="Tag the selection" style={{ top, left }} onMouseDown={(e) => e.preventDefault()}>
      {KIND_ORDER.map((kind) => (
        <button key={kind} className={`tag-button tag-${kind}`} onClick={() => onTag(kind)} title={`Tag as ${KIND_LABELS[kind].toLowerCase()} (${KIND_KEYS[kind]})`}>
          <kbd>{KIND_KEYS[kind]}</kbd> {KIND_LABELS[kind]}
        </button>
      ))}
      <span className="selection-hint" title="Selections snap to whole words; hold Alt while selecting to keep exactly what you select">
        <kbd>Alt</kbd> exact
      </span>
    </div>
  );
}
