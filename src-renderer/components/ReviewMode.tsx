// Review mode (renderer): two analysts' tags on one article side by side, their differences decided one by one, and agreement figures.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Analyst } from '../../src-shared/api/contract';
import type { Annotation } from '../../src-shared/model/annotation';
import type { Document } from '../../src-shared/model/document';
import type { Actor } from '../../src-shared/model/actor';
import { ApiError, type Client } from '../api/client';
import { undoOrRedo } from '../hooks/use-undo-redo';
import { isTypingTarget, menuUndoRedo, NEXT_KEY, PREVIOUS_KEY, undoCommandOf } from '../keymap';
import { AgreementPanel } from './review/AgreementPanel';
import { DecisionPanel } from './review/DecisionPanel';
import { DifferenceList } from './review/DifferenceList';
import { ReviewLegend } from './review/ReviewLegend';
import { ReviewPanes, type FocusRequest } from './review/ReviewPanes';
import { ReviewToolbar } from './review/ReviewToolbar';
import { DECISION_LABELS, isUndecided, nextUndecided, stepKey, type Decision } from './review/review-model';
import { useReviewData, type Comparison } from './review/use-review-data';
import { useReviewSelection } from './review/use-review-selection';
import { useTeammateFile } from './review/use-teammate-file';
import '../styles/review.css';
import type { LongRequests } from '../hooks/use-long-request';

type Message = { kind: 'info' | 'error'; text: string } | null;
type Tab = 'differences' | 'agreement';

export function ReviewMode(props: {
  client: Client;
  /** Runs the agreement over the project as a long request: its progress bar and Cancel. */
  runLong: LongRequests['run'];
  /** The document open in the workbench, reviewed first, and its tags as the workbench has them. */
  document: Document | null;
  documentAnnotations: readonly Annotation[];
  analysts: readonly Analyst[];
  /** Ctrl/Cmd+Z and Shift+Z undo and redo here (the browser mode; the desktop menu sends them as events). */
  undoKeys?: boolean;
  onClose: () => void;
  /** Called after every change this mode makes (decisions, undo, redo), so the workbench can reload. */
  onChanged: () => void;
}) {
  const { client, analysts, onChanged } = props;
  const [message, setMessage] = useState<Message>(null);
  const report = useCallback((error: unknown) => {
    setMessage({ kind: 'error', text: error instanceof ApiError ? error.message : `Something went wrong: ${(error as Error).message}` });
  }, []);
  const [initial] = useState(() => (props.document ? { document: props.document, annotations: props.documentAnnotations } : null));
  const selection = useReviewSelection(client, initial, analysts, report);
  const { doc, pair } = selection;
  const teammate = useTeammateFile(client);
  const readOnly = pair?.teammateFileId !== undefined;
  const target = useMemo(() => (doc && pair ? { documentId: doc.id, ...pair } : null), [doc, pair]);
  const [tab, setTab] = useState<Tab>('differences');
  const { comparison, agreement, reloadComparison, reloadAll } = useReviewData(client, target, report, tab === 'agreement', props.runLong);
  const [actors, setActors] = useState<ReadonlyMap<string, Actor>>(new Map());
  const [currentKey, setCurrentKey] = useState<string | null>(null);
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const [hideAgreed, setHideAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  const focusSeq = useRef(0);

  useEffect(() => {
    client.call('actor.list', { includeDeleted: true }).then((r) => setActors(new Map(r.actors.map((a) => [a.id, a])))).catch(report);
  }, [client, report]);

  const byId = useMemo(() => new Map<string, Annotation>((comparison?.annotations ?? []).map((t) => [t.id, t])), [comparison]);
  const all = useMemo(() => comparison?.differences ?? [], [comparison]);
  const visible = useMemo(() => (hideAgreed ? all.filter((d) => d.type !== 'agreed') : all), [all, hideAgreed]);
  const current = visible.find((d) => d.key === currentKey) ?? null;
  const agreedPending = all.filter((d) => d.type === 'agreed' && isUndecided(d, byId)).length;
  const everyone = useMemo(() => [...analysts, ...(teammate.file?.analysts ?? [])], [analysts, teammate.file]);
  const names = useMemo(() => new Map<string, string>(everyone.map((a) => [a.id, a.name])), [everyone]);
  const analystOf = (id: string | undefined): Analyst | null => everyone.find((a) => a.id === id) ?? null;
  const analystA = analystOf(pair?.analystA);
  const analystB = analystOf(pair?.analystB);

  const goTo = useCallback((key: string | null) => {
    setCurrentKey(key);
    if (key) setFocus({ key, seq: ++focusSeq.current });
  }, []);

  // A new comparison without the current difference in view: start at the first undecided one.
  useEffect(() => {
    if (!comparison || visible.some((d) => d.key === currentKey)) return;
    goTo(visible.find((d) => isUndecided(d, byId))?.key ?? visible[0]?.key ?? null);
  }, [comparison, visible, currentKey, byId, goTo]);

  const step = useCallback((delta: 1 | -1) => goTo(stepKey(visible, currentKey, delta)), [goTo, visible, currentKey]);

  const run = useCallback(
    async <T,>(action: () => Promise<T>): Promise<T | null> => {
      setBusy(true);
      try {
        return await action();
      } catch (error) {
        report(error);
        return null;
      } finally {
        setBusy(false);
      }
    },
    [report],
  );

  /** Moves to the next undecided difference after `from` in a fresh comparison; returns its key, or null when none is left. */
  const advance = (fresh: Comparison, from: string | null): string | null => {
    const freshById = new Map(fresh.annotations.map((t) => [t.id, t]));
    const next = nextUndecided(hideAgreed ? fresh.differences.filter((d) => d.type !== 'agreed') : fresh.differences, from, freshById);
    if (next) goTo(next);
    return next;
  };

  const decide = async (decision: Decision, comment: string): Promise<boolean> => {
    if (!target || !current || readOnly) return false;
    const from = current.key;
    const done = await run(async () => {
      await client.call('review.decide', { ...target, key: from, decision, ...(comment ? { comment } : {}) });
      const fresh = await reloadComparison();
      if (fresh) {
        const next = advance(fresh, from);
        setMessage({ kind: 'info', text: `${DECISION_LABELS[decision]}: decided.${next ? '' : ' Every difference is decided.'}` });
      }
      onChanged();
      return true;
    });
    return done === true;
  };

  const acceptAgreed = () =>
    void run(async () => {
      if (!target) return;
      const { accepted } = await client.call('review.acceptAgreed', target);
      const fresh = await reloadComparison();
      // When the current difference was one of them, go on to the next one still to decide.
      const stillCurrent = fresh?.differences.find((d) => d.key === currentKey);
      if (fresh && stillCurrent && !isUndecided(stillCurrent, new Map(fresh.annotations.map((t) => [t.id, t])))) advance(fresh, stillCurrent.key);
      setMessage({ kind: 'info', text: accepted ? `Accepted ${accepted} ${accepted === 1 ? 'agreement' : 'agreements'} (both analysts' tags).` : 'Every agreement was accepted already.' });
      onChanged();
    });

  const undoRedo = useCallback(
    (which: 'undo' | 'redo') =>
      void run(async () => {
        setMessage({ kind: 'info', text: await undoOrRedo(client, which) });
        await reloadAll();
        onChanged();
      }),
    [client, onChanged, reloadAll, run],
  );

  // Keys: N / P walk the differences; Ctrl/Cmd+Z undoes (browser mode). Never while typing in a field.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTypingTarget(event.target) || event.altKey) return;
      const key = event.key.toLowerCase();
      const history = undoCommandOf(event);
      if (history && props.undoKeys) {
        event.preventDefault();
        undoRedo(history);
      } else if (!event.ctrlKey && !event.metaKey && (key === NEXT_KEY || key === PREVIOUS_KEY)) {
        event.preventDefault();
        step(key === NEXT_KEY ? 1 : -1);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [props.undoKeys, step, undoRedo]);

  // The desktop menu's Undo and Redo.
  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type === 'undo' || event.type === 'redo') menuUndoRedo(event.type, undoRedo);
      }),
    [client, undoRedo],
  );

  /** B chosen in the toolbar: one of this project's analysts, or one of the teammate's file. */
  const chooseAnalysts = (analystA: string, analystB: string) => {
    const fromFile = teammate.file?.analysts.some((a) => a.id === analystB) ? teammate.file.teammateFileId : undefined;
    selection.chooseAnalysts(analystA, analystB, fromFile);
  };

  const openTeammateFile = (file: File) =>
    void run(async () => {
      const opened = await teammate.open(file);
      const [first] = opened.documents;
      const analystB = opened.analysts[0];
      if (!first || !analystB) {
        setMessage({ kind: 'error', text: `“${opened.fileName}” holds none of this project’s articles (or no analyst), so there is nothing to compare.` });
        return;
      }
      const analystA = pair?.analystA ?? analysts[0]?.id;
      if (!analystA) return;
      if (!opened.documents.some((d) => d.documentId === selection.documentId)) selection.chooseDocument(first.documentId);
      selection.chooseAnalysts(analystA, analystB.id, opened.teammateFileId);
      const others = opened.otherDocuments > 0 ? ` (and ${opened.otherDocuments} ${opened.otherDocuments === 1 ? 'article' : 'articles'} this project does not have)` : '';
      setMessage({
        kind: 'info',
        text: `Comparing with “${opened.fileName}” (project “${opened.projectName}”): ${opened.documents.length} of this project’s articles ${opened.documents.length === 1 ? 'is' : 'are'} in it${others}. It is read-only here; merge it to decide on its tags.`,
      });
    });

  const closeTeammateFile = () => {
    teammate.close();
    if (!readOnly) return;
    const [first, second] = analysts;
    selection.resetPair(first && second ? { analystA: first.id, analystB: second.id } : null);
  };

  const onHighlightClick = (id: string) => {
    const found = visible.find((d) => d.a.includes(id) || d.b.includes(id));
    if (found) goTo(found.key);
  };

  return (
    <main className="review" aria-label="Review">
      <ReviewToolbar
        documents={selection.documents}
        documentId={selection.documentId ?? ''}
        analysts={analysts}
        analystA={pair?.analystA ?? ''}
        analystB={pair?.analystB ?? ''}
        onDocument={selection.chooseDocument}
        onAnalysts={chooseAnalysts}
        teammate={teammate.file}
        readOnly={readOnly}
        onOpenTeammateFile={openTeammateFile}
        onCloseTeammateFile={closeTeammateFile}
        busy={busy || (!!target && !comparison)}
        agreedPending={agreedPending}
        onAcceptAgreed={acceptAgreed}
        onUndoRedo={undoRedo}
        onClose={props.onClose}
      />
      <div className="review-subbar">
        <ReviewLegend />
        {message && (
          <p className={`review-message message-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
            {message.text}
            <button className="link" aria-label="Dismiss message" onClick={() => setMessage(null)}>✕</button>
          </p>
        )}
      </div>
      <div className="review-main">
        {doc && analystA && analystB ? (
          <ReviewPanes
            document={doc}
            analystA={analystA}
            analystB={analystB}
            sourceB={readOnly ? teammate.file?.fileName : undefined}
            annotations={comparison?.annotations ?? null}
            differences={all}
            current={current}
            focus={focus}
            onHighlightClick={onHighlightClick}
          />
        ) : (
          <p className="empty review-panes">
            {!doc
              ? 'Loading…'
              : analysts.length < 2
                ? 'This project holds one analyst’s tags. Compare them with a teammate’s project file (Teammate’s file…), or merge one first.'
                : 'Choose two analysts to compare.'}
          </p>
        )}
        <aside className="review-side">
          <div className="review-tabs" role="tablist" aria-label="Review panels">
            {(['differences', 'agreement'] as const).map((t) => (
              <button key={t} role="tab" id={`review-tab-${t}`} aria-selected={tab === t} aria-controls={`review-panel-${t}`} className={tab === t ? 'active' : ''} onClick={() => setTab(t)}>
                {t === 'differences' ? `Differences (${all.filter((d) => d.type !== 'agreed').length})` : 'Agreement'}
              </button>
            ))}
          </div>
          {tab === 'differences' ? (
            <div className="review-tab-panel review-differences" role="tabpanel" id="review-panel-differences" aria-labelledby="review-tab-differences">
              <div className="difference-summary">
                <span>
                  {all.length} compared · {all.filter((d) => d.type === 'agreed').length} agreed · {all.filter((d) => isUndecided(d, byId)).length} undecided
                </span>
                <label>
                  <input type="checkbox" checked={hideAgreed} onChange={(e) => setHideAgreed(e.target.checked)} /> Hide agreed
                </label>
              </div>
              <DifferenceList differences={visible} byId={byId} actors={actors} currentKey={currentKey} onSelect={goTo} />
              <DecisionPanel
                key={current?.key ?? 'none'}
                difference={current}
                position={current ? visible.indexOf(current) + 1 : 0}
                total={visible.length}
                byId={byId}
                reviewerName={(id) => names.get(id) ?? 'a reviewer'}
                busy={busy}
                readOnly={readOnly ? `${analystB?.name ?? 'B'}’s tags are in “${teammate.file?.fileName ?? 'a teammate’s file'}”, opened read-only: merge the file (Merge…) to decide on them.` : null}
                onDecide={decide}
                onStep={step}
              />
            </div>
          ) : (
            <div className="review-tab-panel review-agreement" role="tabpanel" id="review-panel-agreement" aria-labelledby="review-tab-agreement">
              <AgreementPanel agreement={agreement} nameA={analystA?.name ?? 'A'} nameB={analystB?.name ?? 'B'} />
            </div>
          )}
        </aside>
      </div>
    </main>
  );
}
