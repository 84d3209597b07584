// The open document and its tags: what the article view was opened with, what it shows now, and reloading them.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { Annotation } from '../../src-shared/model/annotation';
import type { Document } from '../../src-shared/model/document';
import type { Client } from '../api/client';
import type { ArticleView } from '../editor/article-view';

export interface OpenDocumentOptions {
  viewRef: RefObject<ArticleView | null>;
  /** Which tags the article shows (the tag filter); the list shows the same. */
  shown: (annotation: Annotation) => boolean;
  /** Reloads the document list's counts and the project's summaries. */
  refreshProject: () => Promise<unknown>;
  /** Called when another document opens (nothing is picked in it yet). */
  onOpened: () => void;
  /** Called with the ids of the tags after they were reloaded. */
  onReloaded: (ids: ReadonlySet<string>) => void;
}

/**
 * `openDocument(id)` loads a document with its tags and remembers it as the last one opened; `reloadTags()` (after
 * undo, redo or a change made elsewhere) fetches the open document's tags and the counts again and hands them to the
 * view. `setAnnotations` keeps the list in step with a change this window made (the view is told separately).
 */
export function useOpenDocument(client: Client, options: OpenDocumentOptions) {
  const { viewRef, shown, refreshProject, onOpened, onReloaded } = options;
  const [doc, setDoc] = useState<Document | null>(null);
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const [initialAnnotations, setInitialAnnotations] = useState<Annotation[]>([]);
  const shownNow = useRef(shown);
  shownNow.current = shown;

  const openDocument = useCallback(
    async (id: string) => {
      const [document, list] = await Promise.all([client.call('document.get', { id }), client.call('annotation.listForDocument', { documentId: id })]);
      onOpened();
      setInitialAnnotations(list.annotations);
      setAnnotations(list.annotations);
      setDoc(document);
      void client.call('workbench.rememberDocument', { documentId: id }).catch(() => {});
    },
    [client, onOpened],
  );

  const closeDocument = useCallback(() => setDoc(null), []);

  const reloadTags = useCallback(async (): Promise<Annotation[]> => {
    await refreshProject();
    if (!doc) return [];
    const list = await client.call('annotation.listForDocument', { documentId: doc.id });
    setAnnotations(list.annotations);
    viewRef.current?.setAnnotations(list.annotations.filter(shownNow.current));
    onReloaded(new Set(list.annotations.map((a) => a.id)));
    return list.annotations;
  }, [client, doc, refreshProject, viewRef, onReloaded]);

  // The filters decide what the article shows, as well as the list.
  const annotationsNow = useRef(annotations);
  annotationsNow.current = annotations;
  useEffect(() => {
    viewRef.current?.setAnnotations(annotationsNow.current.filter(shown));
  }, [shown, viewRef]);

  return { doc, annotations, setAnnotations, initialAnnotations, openDocument, closeDocument, reloadTags };
}
