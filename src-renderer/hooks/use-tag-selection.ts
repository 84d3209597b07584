// What is picked in the open article: the selected tag, whether its details take the focus, and the selected text.
import { useCallback, useState, type RefObject } from 'react';
import type { TextSelection } from '../components/ArticlePane';
import type { ArticleView } from '../editor/article-view';

export function useTagSelection(viewRef: RefObject<ArticleView | null>) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [focusDetails, setFocusDetails] = useState(false);
  const [selection, setSelection] = useState<TextSelection | null>(null);

  /** Selects a tag (or none) in the list and the article, scrolling the article to it unless `scroll` is false. */
  const selectTag = useCallback(
    (id: string | null, scroll = true) => {
      setSelectedId(id);
      setFocusDetails(false);
      viewRef.current?.select(id);
      if (id && scroll) viewRef.current?.scrollToAnnotation(id, true);
    },
    [viewRef],
  );

  /** A tag just made: selected, with its details taking the focus unless `focus` is false. */
  const selectCreated = useCallback((id: string, focus = true) => {
    setSelectedId(id);
    setFocusDetails(focus);
  }, []);

  /** Nothing picked, as when another document opens. */
  const reset = useCallback(() => {
    setSelection(null);
    setSelectedId(null);
  }, []);

  /** Keeps the selected tag only while it still exists (after the tags were reloaded). */
  const keepIfAmong = useCallback((ids: ReadonlySet<string>) => setSelectedId((id) => (id && ids.has(id) ? id : null)), []);

  /** No tag selected (the view was told already, as when the tag was deleted). */
  const forgetSelectedTag = useCallback(() => setSelectedId(null), []);

  /** Clears the text selection in the article and here. */
  const clearSelection = useCallback(() => {
    viewRef.current?.clearSelection();
    setSelection(null);
  }, [viewRef]);

  /** The range to tag: the article's live selection, else the last one reported. */
  const currentRange = useCallback(() => viewRef.current?.currentRange() ?? selection, [viewRef, selection]);

  return { selectedId, focusDetails, setFocusDetails, selection, setSelection, selectTag, selectCreated, reset, keepIfAmong, clearSelection, currentRange, forgetSelectedTag };
}
