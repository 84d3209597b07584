// One passage, one kind, one analyst, one tag: tagging it again selects the tag that exists instead of making another.
import { useCallback } from 'react';
import type { Annotation, AnnotationKind } from '../../src-shared/model/annotation';
import { ApiError, type Client } from '../api/client';

type Range = { start: number; end: number };

/** Whether `tag` is `kind` on exactly `target` by `analystId`. */
export function isSameTag(tag: Annotation, kind: AnnotationKind, target: Range, analystId: string | null | undefined): boolean {
  return tag.kind === kind && tag.analystId === analystId && tag.target?.start === target.start && tag.target.end === target.end;
}

/**
 * `existing(kind, target)`: this analyst's tag of that kind on that passage among the open document's tags.
 * `select(id)`: selects it and says so. `onRefused(error, kind, target)`: when the core refused a duplicate this
 * window did not know of (made in another window or by the command line), reloads the tags and selects it; returns
 * false for any other error.
 */
export function useDuplicateTag(options: {
  client: Client;
  annotations: readonly Annotation[];
  selfId: string | null | undefined;
  reloadTags: () => Promise<Annotation[]>;
  selectTag: (id: string) => void;
  say: (text: string) => void;
}) {
  const { client, annotations, selfId, reloadTags, selectTag, say } = options;
  const existing = useCallback(
    (kind: AnnotationKind, target: Range | null) => (target ? (annotations.find((a) => isSameTag(a, kind, target, selfId)) ?? null) : null),
    [annotations, selfId],
  );
  const select = useCallback(
    (id: string) => {
      selectTag(id);
      say('You have already tagged this passage as this kind: that tag is selected.');
    },
    [selectTag, say],
  );
  const onRefused = useCallback(
    (error: unknown, kind: AnnotationKind, target: Range | null): boolean => {
      if (!(error instanceof ApiError) || (error.code as string) !== 'duplicate_tag' || !target) return false;
      void Promise.all([reloadTags(), client.call('project.info', {})]).then(([list, info]) => {
        const found = list.find((a) => isSameTag(a, kind, target, info.analyst?.id));
        if (found) select(found.id);
      });
      return true;
    },
    [client, reloadTags, select],
  );
  return { existing, select, onRefused };
}
