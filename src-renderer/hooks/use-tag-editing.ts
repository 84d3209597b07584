// Making, changing and deleting tags in the open document: the core first, then the list and the article view.
import { useCallback, type Dispatch, type RefObject, type SetStateAction } from 'react';
import type { Annotation, AnnotationKind, AttributesPatch } from '../../src-shared/model/annotation';
import type { Document } from '../../src-shared/model/document';
import type { Client } from '../api/client';
import { KIND_LABELS } from '../components/kinds';
import type { ArticleView } from '../editor/article-view';
import { afterNextPaint } from './after-next-paint';
import { useDuplicateTag } from './use-duplicate-tag';
import type { useTagSelection } from './use-tag-selection';

/**
 * How long a tag being saved shows nothing but the hidden toolbar: a local save answers well within it, and a
 * highlight within it still looks immediate (under the 100 ms at which a response is felt to lag).
 */
const PENDING_DELAY_MS = 50;

export interface TagEditingOptions {
  client: Client;
  doc: Document | null;
  annotations: readonly Annotation[];
  setAnnotations: Dispatch<SetStateAction<Annotation[]>>;
  viewRef: RefObject<ArticleView | null>;
  picked: ReturnType<typeof useTagSelection>;
  /** This window's analyst. */
  selfId: string | null | undefined;
  /** Widens the tag filter so a new tag of `kind` is shown. */
  reveal: (kind: AnnotationKind) => void;
  reloadTags: () => Promise<Annotation[]>;
  /** Reloads the counts (documents, registry, analysts) after a change. */
  refreshProject: () => Promise<unknown>;
  say: (text: string) => void;
  report: (error: unknown) => void;
}

export function useTagEditing(options: TagEditingOptions) {
  const { client, doc, annotations, setAnnotations, viewRef, picked, selfId, reveal, reloadTags, refreshProject, say, report } = options;
  const { selectTag, selectCreated, clearSelection, setSelection, currentRange, forgetSelectedTag } = picked;
  const duplicate = useDuplicateTag({ client, annotations, selfId, reloadTags, selectTag, say });

  /**
   * After every change: the document counts, the registry's and the analysts' figures, asked for once the change is
   * painted (the highlight and the list first; these requests and the renders they cause come after).
   */
  const refreshCounts = useCallback(() => afterNextPaint(() => void refreshProject().catch(report)), [refreshProject, report]);

  const createTag = useCallback(
    async (kind: AnnotationKind, target: { start: number; end: number } | null) => {
      if (!doc) return;
      // The passage is drawn at once, marked as pending; it becomes a tag only when the project file has it.
      const existing = duplicate.existing(kind, target);
      if (existing) {
        clearSelection();
        return duplicate.select(existing.id);
      }
      // Asked first: the core writes the project file while the page goes on.
      const saving = client.call('annotation.create', { documentId: doc.id, kind, target });
      reveal(kind);
      setSelection(null);
      // A key pressed or the mouse pressed while the project file is written (Esc, the next passage's keys or its
      // selection by mouse) means the analyst went on reading: the new tag's details then do not take the focus or
      // the selection from the article.
      let wentOn = false;
      const onInput = () => {
        wentOn = true;
      };
      const inputs = ['keydown', 'pointerdown'] as const;
      for (const type of inputs) window.addEventListener(type, onInput, { capture: true });
      // A save answered within PENDING_DELAY_MS (the usual case) draws the tag at once, in the frame after the key;
      // a slower one draws the passage as pending meanwhile, so that the key is seen to have done something.
      let pending: string | null = null;
      const pendingTimer = window.setTimeout(() => {
        if (target) pending = viewRef.current?.drawPending(kind, target, { collapseSelection: !wentOn }) ?? null;
      }, PENDING_DELAY_MS);
      try {
        const created = await saving.finally(() => {
          window.clearTimeout(pendingTimer);
          inputs.forEach((type) => window.removeEventListener(type, onInput, { capture: true }));
        });
        // Having gone on, the analyst may have selected the next passage already: it is kept, not replaced.
        if (created.target) viewRef.current?.addAnnotation(created, { select: !wentOn, clearSelection: !wentOn, ...(pending !== null ? { replacing: pending } : {}) });
        else if (!wentOn) viewRef.current?.select(created.id);
        // The article shows the saved tag in the next frame; the list and the details (a render of the whole
        // workbench) follow in the frame after, instead of holding that frame back.
        afterNextPaint(() => {
          setAnnotations((list) => [...list, created]);
          selectCreated(created.id, !wentOn);
          refreshCounts();
        });
      } catch (error) {
        if (pending !== null) viewRef.current?.removeAnnotation(pending);
        // Refused before a pending highlight was drawn: the passage is let go, as drawing it would have done.
        else if (!wentOn) clearSelection();
        if (!duplicate.onRefused(error, kind, target)) report(error);
      }
    },
    [client, doc, duplicate, reveal, viewRef, setAnnotations, clearSelection, setSelection, selectCreated, report, refreshCounts],
  );

  /** Tags the selected text as `kind`. */
  const tagSelection = useCallback(
    (kind: AnnotationKind) => {
      const range = currentRange();
      if (range) void createTag(kind, { start: range.start, end: range.end });
    },
    [createTag, currentRange],
  );

  const updateTag = useCallback(
    async (id: string, change: { attributes?: AttributesPatch; note?: string }) => {
      try {
        const updated = await client.call('annotation.update', { id, ...change });
        setAnnotations((list) => list.map((a) => (a.id === id ? updated : a)));
        if (updated.target) viewRef.current?.updateAnnotation(updated);
        if (change.attributes) refreshCounts(); // a linked actor or claimant changes the registry's mentions
      } catch (error) {
        report(error);
      }
    },
    [client, setAnnotations, viewRef, refreshCounts, report],
  );

  const deleteTag = useCallback(
    async (id: string) => {
      try {
        const deleted = await client.call('annotation.delete', { id });
        setAnnotations((list) => list.filter((a) => a.id !== id));
        viewRef.current?.removeAnnotation(id);
        forgetSelectedTag();
        refreshCounts();
        say(`${KIND_LABELS[deleted.kind]} tag deleted. Undo brings it back.`);
      } catch (error) {
        report(error);
      }
    },
    [client, setAnnotations, viewRef, forgetSelectedTag, refreshCounts, say, report],
  );

  return { createTag, tagSelection, updateTag, deleteTag };
}
