// Jumping to a tag anywhere in the project: opens its document (unless it is open) and selects the tag there.
import { useCallback, useEffect, useRef } from 'react';

/**
 * `jumpToTag(documentId, annotationId)`. When the document must be opened first, the tag is selected once the
 * new document is shown (`openDocumentId` changes), by which time its article view exists — ArticlePane makes it
 * in a layout effect, before this hook's effect runs.
 */
export function useTagJump(openDocumentId: string | null, openDocument: (id: string) => Promise<void>, selectTag: (id: string) => void) {
  const pending = useRef<string | null>(null);
  useEffect(() => {
    const id = pending.current;
    pending.current = null;
    if (id && openDocumentId) selectTag(id);
  }, [openDocumentId, selectTag]);
  return useCallback(
    async (documentId: string, annotationId: string) => {
      if (openDocumentId === documentId) return selectTag(annotationId);
      pending.current = annotationId;
      await openDocument(documentId);
    },
    [openDocumentId, openDocument, selectTag],
  );
}
