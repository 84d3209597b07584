// Centre pane: the document header (title, metadata, document-level warnings) and the ProseMirror article view.
import { useLayoutEffect, useRef, type MutableRefObject, type ReactNode } from 'react';
import type { Annotation } from '../../src-shared/model/annotation';
import type { Document, DocumentMeta } from '../../src-shared/model/document';
import { ArticleView, type DrawnTag } from '../editor/article-view';
import type { InitialSuggestions } from '../editor/suggestion-marks';
import { Legend } from './Legend';
import { SelectionToolbar } from './SelectionToolbar';
import type { AnnotationKind } from '../../src-shared/model/annotation';

export interface TextSelection {
  start: number;
  end: number;
  rect: DOMRect;
}

export function ArticlePane(props: {
  document: Document;
  /** The document's details as they are now (edited since it opened, perhaps); the header shows them. */
  details?: DocumentMeta;
  /** The document's own actions, shown in its header. */
  actions?: ReactNode;
  /** The tags at the moment the document opens; later changes reach the view through `viewRef`. */
  initialAnnotations: readonly DrawnTag[];
  /** The suggestions here as the document opens (drawn in its first frame); later ones reach the view through `viewRef`. */
  initialSuggestions?: InitialSuggestions | null;
  documentWarnings: readonly Annotation[];
  viewRef: MutableRefObject<ArticleView | null>;
  selection: TextSelection | null;
  onSelectionChange: (selection: TextSelection | null) => void;
  onHighlightClick: (id: string) => void;
  /** A tag in a few words, for the text shown when hovering its highlight. */
  describe?: (annotation: Annotation) => string;
  onTag: (kind: AnnotationKind) => void;
  onAddDocumentWarning: () => void;
  onSelectWarning: (id: string) => void;
  /** Shown above the article, outside its scrolling (the search panel). */
  above?: ReactNode;
  /** The article's "new actor?" suggestions are still being read (said in the legend). */
  readingNames?: boolean;
}) {
  const mountRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const callbacks = useRef(props);
  callbacks.current = props;
  const { document: doc, viewRef } = props;
  const details = props.details ?? doc;

  // A layout effect, so the article is in the very first frame painted for this document.
  useLayoutEffect(() => {
    const mount = mountRef.current;
    if (!mount) return;
    const view = new ArticleView(mount, doc, callbacks.current.initialAnnotations, {
      onSelectionChange: (range) => callbacks.current.onSelectionChange(range),
      onHighlightClick: (id) => callbacks.current.onHighlightClick(id),
      onHighlightHover: () => {},
      describe: (annotation) => callbacks.current.describe?.(annotation) ?? '',
    }, callbacks.current.initialSuggestions ? { suggestions: callbacks.current.initialSuggestions } : {});
    viewRef.current = view;
    return () => {
      view.destroy();
      if (viewRef.current === view) viewRef.current = null;
    };
    // The view is created once per document; tag changes are applied to it imperatively.
  }, [doc, viewRef]);

  return (
    <main className="reader" aria-label="Article">
      {props.above}
      <div className="reader-scroll" ref={scrollRef}>
        <header className="document-header">
          <h1>{details.title}</h1>
          <p className="document-byline">
            {[details.publishedAt, details.author, details.outlet].filter(Boolean).join(' · ') || 'No date or byline found'} · {doc.originalName}
          </p>
          {props.actions}
          <div className="document-warnings">
            {props.documentWarnings.map((w) =>
              w.kind === 'reliability_warning' ? (
                <button key={w.id} className={`document-warning severity-${w.attributes.severity}`} onClick={() => props.onSelectWarning(w.id)}>
                  ⚠ Whole-document warning: {w.attributes.category.replace(/_/g, ' ')} ({w.attributes.severity})
                  {w.attributes.correction ? ` — ${w.attributes.correction}` : ''}
                </button>
              ) : null,
            )}
            <button className="add-document-warning" onClick={props.onAddDocumentWarning}>⚠ Add a warning about the whole document</button>
          </div>
          <Legend readingNames={props.readingNames ?? false} />
        </header>
        <div className="article-mount" ref={mountRef} />
        {props.selection && <SelectionToolbar rect={props.selection.rect} container={scrollRef.current} onTag={props.onTag} />}
      </div>
    </main>
  );
}
