// The small toolbar that appears at a text selection and offers the four kinds.
import type { AnnotationKind } from '../../src-shared/model/annotation';
import { KIND_KEYS, KIND_LABELS, KIND_ORDER } from './kinds';

export function SelectionToolbar({ rect, container, onTag }: { rect: DOMRect; container: HTMLElement | null; onTag: (kind: AnnotationKind) => void }) {
  const box = container?.getBoundingClientRect();
  const top = rect.top - (box?.top ?? 0) + (container?.scrollTop ?? 0) - 44;
  const left = Math.max(8, rect.left - (box?.left ?? 0) + rect.width / 2 - 170);
  return (
    <div className="selection-toolbar" role="toolbar" aria-label="Tag the selection" style={{ top: Math.max(0, top), left }} onMouseDown={(e) => e.preventDefault()}>
      {KIND_ORDER.map((kind) => (
        <button key={kind} className={`tag-button tag-${kind}`} onClick={() => onTag(kind)} title={`Tag as ${KIND_LABELS[kind].toLowerCase()} (${KIND_KEYS[kind]})`}>
          <kbd>{KIND_KEYS[kind]}</kbd> {KIND_LABELS[kind]}
        </button>
      ))}
    </div>
  );
}
