// Review mode: the article twice, side by side — analyst A's tags left, B's right — scrolling together.
import { analystLabel } from '../analyst-label';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { Analyst } from '../../../src-shared/api/contract';
import type { Annotation } from '../../../src-shared/model/annotation';
import type { Document } from '../../../src-shared/model/document';
import { ArticleView } from '../../editor/article-view';
import { differenceMarks, type Difference } from './review-model';
import { useSyncedScroll } from './use-synced-scroll';

/** The article's blocks: what the panes keep level with each other when one is scrolled. */
const BLOCKS = '.ProseMirror .pm-section > *';

/** How long both panes run their own scroll to a difference before following each other again. */
const OWN_SCROLL_MS = 900;

export interface FocusRequest {
  key: string;
  /** A new number for every request, so that asking for the same difference again scrolls to it again. */
  seq: number;
}

function PaneHeader({ letter, name, tags, source }: { letter: 'A' | 'B'; name: string; tags: readonly Annotation[]; source?: string | undefined }) {
  const wholeDocument = tags.filter((t) => t.target === null).length;
  return (
    <header className="review-pane-header">
      <span className="review-pane-letter" aria-hidden="true">{letter}</span>
      <span className="review-pane-name">{name}</span>
      {source && <span className="review-pane-source" title="Read from a teammate’s file, not merged">in “{source}”</span>}
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
  /** The teammate's file B's tags are read from, when they are not in this project. */
  sourceB?: string | undefined;
  /** Both analysts' tags; null while they are being compared (the panes are drawn once, with their marks). */
  annotations: readonly Annotation[] | null;
  differences: readonly Difference[];
  current: Difference | null;
  focus: FocusRequest | null;
  onHighlightClick: (annotationId: string) => void;
}) {
  const { document: doc, analystA, analystB, current, focus } = props;
  const ready = props.annotations !== null;
  const annotations = useMemo(() => props.annotations ?? [], [props.annotations]);
  const mountA = useRef<HTMLDivElement>(null);
  const mountB = useRef<HTMLDivElement>(null);
  const scrollA = useRef<HTMLDivElement>(null);
  const scrollB = useRef<HTMLDivElement>(null);
  const views = useRef<{ a: ArticleView; b: ArticleView } | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const latestDrawing = useRef<{ a: readonly Annotation[]; b: readonly Annotation[]; marks: ReadonlyMap<string, string> }>({ a: [], b: [], marks: new Map() });
  const { pause, followAfter } = useSyncedScroll(scrollA, scrollB, BLOCKS);

  const tagsA = useMemo(() => annotations.filter((t) => t.analystId === analystA.id), [annotations, analystA.id]);
  const tagsB = useMemo(() => annotations.filter((t) => t.analystId === analystB.id), [annotations, analystB.id]);
  const viewsKey = `${doc.id}|${analystA.id}|${analystB.id}`;
  const marks = useMemo(() => differenceMarks(props.differences), [props.differences]);
  latestDrawing.current = { a: tagsA, b: tagsB, marks };
  /** What the views draw now, so that a render with the same tags and marks does not redraw 10,000 highlights. */
  const drawn = useRef<{ a: readonly Annotation[]; b: readonly Annotation[]; marks: ReadonlyMap<string, string> } | null>(null);

  // One read-only view per pane, created with the document, analysts and their compared tags — drawing 5,000
  // highlights into a new view is much cheaper than adding them to a drawn one — and destroyed with them.
  useLayoutEffect(() => {
    if (!ready || !mountA.current || !mountB.current) return;
    const callbacks = {
      onSelectionChange: () => {},
      onHighlightClick: (id: string) => latest.current.onHighlightClick(id),
      onHighlightHover: () => {},
    };
    const { a: tagsA, b: tagsB, marks } = latestDrawing.current;
    const a = new ArticleView(mountA.current, doc, tagsA, callbacks, { marks });
    const b = new ArticleView(mountB.current, doc, tagsB, callbacks, { marks });
    views.current = { a, b };
    drawn.current = latestDrawing.current;
    scrollA.current?.scrollTo({ top: 0 });
    scrollB.current?.scrollTo({ top: 0 });
    return () => {
      a.destroy();
      b.destroy();
      views.current = null;
      drawn.current = null;
    };
  }, [doc, analystA.id, analystB.id, ready]);

  useEffect(() => {
    const pair = views.current;
    const now = drawn.current;
    if (!pair || (now && now.a === tagsA && now.b === tagsB && now.marks === marks)) return;
    if (!now || now.a !== tagsA || now.marks !== marks) pair.a.setAnnotations(tagsA, marks);
    if (!now || now.b !== tagsB || now.marks !== marks) pair.b.setAnnotations(tagsB, marks);
    drawn.current = { a: tagsA, b: tagsB, marks };
  }, [tagsA, tagsB, marks, viewsKey]);

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

  // Two analysts of the same name (one person under two identities, or two people) are told apart by id.
  const [nameA, nameB] = [analystLabel(analystA, [analystA, analystB]), analystLabel(analystB, [analystA, analystB])];
  return (
    <div className="review-panes">
      <section className="review-pane review-pane-a" aria-label={`Analyst A: ${nameA}`}>
        <PaneHeader letter="A" name={nameA} tags={tagsA} />
        {/* Focusable so that keyboard users can scroll the pane. */}
        <div className="review-pane-scroll" ref={scrollA} tabIndex={0} aria-label={`Article with the tags of ${nameA}`}>
          {!ready && <p className="empty">Comparing the two analysts’ tags…</p>}
          <div className="review-article-mount" ref={mountA} />
        </div>
      </section>
      <section className="review-pane review-pane-b" aria-label={`Analyst B: ${nameB}${props.sourceB ? ` (in ${props.sourceB})` : ''}`}>
        <PaneHeader letter="B" name={nameB} tags={tagsB} source={props.sourceB} />
        <div className="review-pane-scroll" ref={scrollB} tabIndex={0} aria-label={`Article with the tags of ${nameB}`}>
          {!ready && <p className="empty">Comparing the two analysts’ tags…</p>}
          <div className="review-article-mount" ref={mountB} />
        </div>
      </section>
    </div>
  );
}
