// The open document and its tags: what the article view was opened with, what it shows now, and reloading them.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { Annotation } from '../../src-shared/model/annotation';
import type { Document } from '../../src-shared/model/document';
import type { Client } from '../api/client';
import type { ArticleView, DrawnTag } from '../editor/article-view';
import { afterNextPaint } from './after-next-paint';

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
  const [initialAnnotations, setInitialAnnotations] = useState<DrawnTag[]>([]);
  /** The document whose full tags have arrived (the article opens with their spans, the full list follows). */
  const [fullFor, setFullFor] = useState<string | null>(null);
  const openedId = useRef<string | null>(null);
  const openRequests = useRef(0);
  const shownNow = useRef(shown);
  shownNow.current = shown;

  const openDocument = useCallback(
    async (id: string) => {
      // The last document asked for wins: a large one still loading never replaces one opened after it.
      const asked = ++openRequests.current;
      // The article is drawn from the tags' spans; the list, the details and the hover texts wait for the full tags.
      const [document, drawn] = await Promise.all([client.call('document.get', { id }), client.call('annotation.spans', { documentId: id })]);
      if (asked !== openRequests.current) return;
      onOpened();
      openedId.current = id;
      setInitialAnnotations(drawn.spans);
      setAnnotations([]);
      setFullFor(null);
      setDoc(document);
      // The rest waits until the article is painted: these requests, and reading a large article's full tags,
      // never hold back its first frame.
      await new Promise<void>((resolve) => afterNextPaint(resolve));
      if (openedId.current !== id) return;
      void client.call('workbench.rememberDocument', { documentId: id }).catch(() => {});
      const list = await client.call('annotation.listForDocument', { documentId: id });
      if (openedId.current !== id) return;
      // A tag made meanwhile is kept if the list does not have it yet.
      const listed = new Set(list.annotations.map((a) => a.id));
      setAnnotations((made) => [...list.annotations, ...made.filter((a) => !listed.has(a.id))]);
      setFullFor(id);
    },
    [client, onOpened],
  );

  const closeDocument = useCallback(() => {
    openRequests.current++;
    openedId.current = null;
    setDoc(null);
  }, []);

  const reloadTags = useCallback(async (): Promise<Annotation[]> => {
    await refreshProject();
    if (!doc) return [];
    const list = await client.call('annotation.listForDocument', { documentId: doc.id });
    setAnnotations(list.annotations);
    viewRef.current?.setAnnotations(list.annotations.filter(shownNow.current));
    onReloaded(new Set(list.annotations.map((a) => a.id)));
    return list.annotations;
  }, [client, doc, refreshProject, viewRef, onReloaded]);

  const annotationsNow = useRef(annotations);
  annotationsNow.current = annotations;
  // The filters decide what the article shows, as well as the list; the full tags replace the spans once they arrive.
  useEffect(() => {
    if (fullFor === null) return; // until then the article shows the spans it opened with
    viewRef.current?.setAnnotations(annotationsNow.current.filter(shown));
  }, [shown, viewRef, fullFor]);

  return { doc, annotations, setAnnotations, initialAnnotations, openDocument, closeDocument, reloadTags };
}
