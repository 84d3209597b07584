// Review mode: the article twice, side by side — analyst A's tags left, B's right — scrolling together.
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { Analyst } from '../../../src-shared/api/contract';
import type { Annotation } from '../../../src-shared/model/annotation';
import type { Document } from '../../../src-shared/model/document';
import { ArticleView } from '../../editor/article-view';
import { differenceMarkStyles, type Difference } from './review-model';
import { useStyleSheet } from './use-style-sheet';
import { useSyncedScroll } from './use-synced-scroll';

/** How long both panes run their own scroll to a difference before following each other again. */
const OWN_SCROLL_MS = 900;

export interface FocusRequest {
  key: string;
  /** A new number for every request, so that asking for the same difference again scrolls to it again. */
  seq: number;
}

function PaneHeader({ letter, analyst, tags }: { letter: 'A' | 'B'; analyst: Analyst; tags: readonly Annotation[] }) {
  const wholeDocument = tags.filter((t) => t.target === null).length;
  return (
    <header className="review-pane-header">
      <span className="review-pane-letter" aria-hidden="true">{letter}</span>
      <span className="review-pane-name">{analyst.name}</span>
      <span className="count">
        {tags.length} {tags.length === 1 ? 'tag' : 'tags'}
        {wholeDocument > 0 ? `, ${wholeDocument} about the whole document` : ''}
      </span>
    </header>
  );
}

export function ReviewPanes(props: {
  document: Document;
  analystA: Analyst;
  analystB: Analyst;
  annotations: readonly Annotation[];
  differences: readonly Difference[];
  current: Difference | null;
  focus: FocusRequest | null;
  onHighlightClick: (annotationId: string) => void;
}) {
  const { document: doc, analystA, analystB, annotations, current, focus } = props;
  const mountA = useRef<HTMLDivElement>(null);
  const mountB = useRef<HTMLDivElement>(null);
  const scrollA = useRef<HTMLDivElement>(null);
  const scrollB = useRef<HTMLDivElement>(null);
  const views = useRef<{ a: ArticleView; b: ArticleView } | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const { pause, followAfter } = useSyncedScroll(scrollA, scrollB);

  const tagsA = useMemo(() => annotations.filter((t) => t.analystId === analystA.id), [annotations, analystA.id]);
  const tagsB = useMemo(() => annotations.filter((t) => t.analystId === analystB.id), [annotations, analystB.id]);
  const viewsKey = `${doc.id}|${analystA.id}|${analystB.id}`;

  // One read-only view per pane, created with the document and analysts and destroyed with them.
  useLayoutEffect(() => {
    if (!mountA.current || !mountB.current) return;
    const callbacks = {
      onSelectionChange: () => {},
      onHighlightClick: (id: string) => latest.current.onHighlightClick(id),
      onHighlightHover: () => {},
    };
    const { annotations: all } = latest.current;
    const a = new ArticleView(mountA.current, doc, all.filter((t) => t.analystId === analystA.id), callbacks);
    const b = new ArticleView(mountB.current, doc, all.filter((t) => t.analystId === analystB.id), callbacks);
    views.current = { a, b };
    scrollA.current?.scrollTo({ top: 0 });
    scrollB.current?.scrollTo({ top: 0 });
    return () => {
      a.destroy();
      b.destroy();
      views.current = null;
    };
  }, [doc, analystA.id, analystB.id]);

  useEffect(() => {
    views.current?.a.setAnnotations(tagsA);
    views.current?.b.setAnnotations(tagsB);
  }, [tagsA, tagsB, viewsKey]);

  // The current difference's tags are outlined in both panes.
  const currentA = current?.a[0] ?? null;
  const currentB = current?.b[0] ?? null;
  useEffect(() => {
    views.current?.a.select(currentA);
    views.current?.b.select(currentB);
  }, [currentA, currentB, tagsA, tagsB, viewsKey]);

  // Scroll to a difference when asked: both panes when both have a tag there, otherwise the one that has, and
  // the other is brought to the same place once it is there.
  useEffect(() => {
    const difference = focus ? latest.current.differences.find((d) => d.key === focus.key) : undefined;
    const pair = views.current;
    if (!difference || !pair) return;
    const [idA, idB] = [difference.a[0], difference.b[0]];
    if (idA && idB) pause(OWN_SCROLL_MS);
    else if (idA || idB) followAfter(idA ? 'first' : 'second', OWN_SCROLL_MS);
    if (idA) pair.a.scrollToAnnotation(idA, true);
    if (idB) pair.b.scrollToAnnotation(idB, true);
  }, [focus, pause, followAfter]);

  useStyleSheet(useMemo(() => differenceMarkStyles(props.differences, '.review-panes .article'), [props.differences]));

  return (
    <div className="review-panes">
      <section className="review-pane review-pane-a" aria-label={`Analyst A: ${analystA.name}`}>
        <PaneHeader letter="A" analyst={analystA} tags={tagsA} />
        <div className="review-pane-scroll" ref={scrollA}>
          <div className="review-article-mount" ref={mountA} />
        </div>
      </section>
      <section className="review-pane review-pane-b" aria-label={`Analyst B: ${analystB.name}`}>
        <PaneHeader letter="B" analyst={analystB} tags={tagsB} />
        <div className="review-pane-scroll" ref={scrollB}>
          <div className="review-article-mount" ref={mountB} />
        </div>
      </section>
    </div>
  );
}
