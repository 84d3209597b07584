// The suggestions of the open project in the workbench: the open document's spans (drawn and walked in the article)
// and, while the panel shows them, the whole project's suggestions, fetched again after every change; the focused
// one, its keys, accept and reject.
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { Actor } from '../../src-shared/model/actor';
import { spanAt, type SuggestionSpans } from '../../src-shared/suggest/spans';
import type { Suggestion, SuggestionKind } from '../../src-shared/suggest/types';
import type { Client } from '../api/client';
import { KIND_KEYS, KIND_LABELS } from '../components/kinds';
import type { ArticleView } from '../editor/article-view';
import type { InitialSuggestions } from '../editor/suggestion-marks';
import { isPlainKey, NEXT_KEY, PREVIOUS_KEY, REJECT_SUGGESTION_KEY } from '../keymap';

export interface SuggestionsOptions {
  client: Client;
  /** The open document (a new object whenever it is opened again: its view is then a new one). */
  document: { id: string; text: string } | null;
  viewRef: RefObject<ArticleView | null>;
  /** Grows with every change to the project (tags, actors, undo …): the suggestions are fetched again. */
  revision: number;
  /** The registry: a rename or a new alias changes what is suggested. */
  actors: readonly Actor[];
  /** False while something else owns the keyboard (a dialog, the review mode). */
  keysEnabled: boolean;
  /** The selected tag: selecting one leaves the focused suggestion. */
  selectedTagId: string | null;
  /** Focusing a suggestion deselects the tag, so that the keys act on the suggestion. */
  onFocus: () => void;
  /** After an accept: the open document's tags and the counts are loaded again. */
  onAccepted: () => Promise<unknown>;
  openDocument: (id: string) => Promise<void>;
  say: (text: string) => void;
  onError: (error: unknown) => void;
}

/** What "accept all" takes: one registered actor's, one new name's, or one kind's suggestions; here or everywhere. */
export interface AcceptAllScope {
  kind: SuggestionKind;
  actorId?: string;
  /** A new actor's name ("new actor?" suggestions have no actor id). */
  newActor?: string;
  documentId?: string;
}

/** What accepting or rejecting a suggestion needs of it: its key, where it is and its text (for the message). */
export type ChosenSuggestion = Pick<Suggestion, 'key' | 'documentId' | 'end' | 'quote'>;

const NO_SPANS: SuggestionSpans = { keys: [], kinds: [], starts: [], ends: [], actors: [], reasons: [], strings: [] };

/** The hover text of the i-th suggestion of the article `text`. */
const titleIn = (text: string, spans: SuggestionSpans) => (i: number): string => {
  const s = spanAt(spans, i);
  const quote = text.slice(s.start, s.end);
  const what = s.kind === 'figure' ? quote : (s.actor ?? quote);
  const key = KIND_KEYS[s.kind];
  return `Suggested ${KIND_LABELS[s.kind].toLowerCase()}: ${what} (${s.reason}). Enter or ${key} accepts, X rejects.`;
};

function matchesScope(s: Suggestion, scope: AcceptAllScope): boolean {
  if (s.kind !== scope.kind || (scope.documentId !== undefined && s.documentId !== scope.documentId)) return false;
  if (scope.actorId !== undefined) return s.actorId === scope.actorId && s.source === 'actor-name';
  if (scope.newActor !== undefined) return s.source === 'new-actor' && s.actor === scope.newActor;
  return true;
}

export function useSuggestions(options: SuggestionsOptions) {
  const { client, document: doc, viewRef, revision, actors, keysEnabled, selectedTagId } = options;
  const latest = useRef(options);
  latest.current = options;
  /**
   * The open document's suggestions (their spans) in text order, with the document they were fetched for; not
   * `complete` while they are still without the "new actor?" names.
   */
  const [fetched, setFetched] = useState<{ documentId: string | null; spans: SuggestionSpans; complete: boolean }>({ documentId: null, spans: NO_SPANS, complete: true });
  /** The document whose complete suggestions were fetched last. */
  const completeFor = useRef<string | null>(null);
  /** While the panel shows them: the open document's full suggestions (fetched before the project's, so fresher). */
  const [full, setFull] = useState<{ documentId: string | null; list: Suggestion[] }>({ documentId: null, list: [] });
  const [inProject, setInProject] = useState<Suggestion[]>([]);
  const [focusedKey, setFocusedKey] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  /** How many views show the project's suggestions (the Suggestions tab): only then is the whole project fetched. */
  const [watchers, setWatchers] = useState(0);
  const watching = watchers > 0;
  /** What to focus once the open document's suggestions arrive: a key, or the first one from an offset on. */
  const pendingFocus = useRef<{ key?: string; from?: number } | null>(null);
  const request = useRef(0);
  const documentId = doc?.id ?? null;

  // The open document's spans first (they are drawn), then the whole project (the panel's lists and counts). A
  // document just opened shows at once the suggestions that are ready, and the new names once the core has read
  // them (seconds, for a large article read for the first time).
  useEffect(() => {
    const id = ++request.current;
    const current = () => id === request.current;
    void (async () => {
      if (documentId !== null) {
        let spans = completeFor.current === documentId ? null : await client.call('suggestion.spans', { documentId, newActors: false });
        if (!current()) return;
        if (spans && !spans.complete) {
          setFetched({ documentId, spans, complete: false });
          spans = null;
        }
        spans ??= await client.call('suggestion.spans', { documentId });
        if (!current()) return;
        completeFor.current = documentId;
        setFetched({ documentId, spans, complete: true });
      } else setFetched({ documentId: null, spans: NO_SPANS, complete: true });
      if (!watching) return;
      if (documentId !== null) {
        const listed = await client.call('suggestion.list', { documentId });
        if (!current()) return;
        setFull({ documentId, list: listed.suggestions });
      }
      const everywhere = await client.call('suggestion.list', {});
      if (current()) setInProject(everywhere.suggestions);
    })().catch((error: unknown) => current() && latest.current.onError(error));
  }, [client, documentId, revision, actors, reloads, watching]);

  /** Called by a view of the project's suggestions while it is shown; returns the call that ends it. */
  const watchProject = useCallback(() => {
    setWatchers((n) => n + 1);
    return () => setWatchers((n) => n - 1);
  }, []);

  const focus = useCallback(
    (key: string | null) => {
      setFocusedKey(key);
      viewRef.current?.focusSuggestion(key);
      if (key !== null) latest.current.onFocus();
    },
    [viewRef],
  );

  /** The open document's suggestions as drawn: what the keys walk and act on. */
  const spans = fetched.documentId === documentId ? fetched.spans : NO_SPANS;
  /** The open document's "new actor?" names are still being read: more suggestions may come between those drawn. */
  const readingNames = documentId !== null && (fetched.documentId !== documentId || !fetched.complete);
  /** What the article view draws, and opens with when it is made again for the same document (ArticlePane). */
  const drawn = useMemo<InitialSuggestions | null>(() => (doc && fetched.documentId === doc.id ? { spans: fetched.spans, titleOf: titleIn(doc.text, fetched.spans) } : null), [doc, fetched]);
  const inDocument = useMemo(() => (full.documentId === documentId ? full.list : []), [full, documentId]);

  // Drawn in the article whenever they or the article's view change; then a focus asked for before they came.
  useEffect(() => {
    const view = viewRef.current;
    if (!view || !drawn) return;
    const { spans } = drawn;
    view.setSuggestions(spans, drawn.titleOf);
    const wanted = pendingFocus.current;
    const next = !wanted ? -1 : wanted.key !== undefined ? spans.keys.indexOf(wanted.key) : spans.starts.findIndex((start) => start >= (wanted.from ?? 0));
    // A suggestion asked for by its key may be a new name: it comes with the complete suggestions.
    if (wanted && (next >= 0 || fetched.complete)) {
      pendingFocus.current = null;
      focus(spans.keys[next] ?? null);
      if (wanted.key !== undefined) view.focus();
    } else setFocusedKey((key) => (key !== null && spans.keys.includes(key) ? key : null));
  }, [drawn, fetched.complete, viewRef, focus]);

  // Selecting a tag (a click on its highlight, N/P, the list) leaves the focused suggestion.
  useEffect(() => {
    if (selectedTagId !== null) focus(null);
  }, [selectedTagId, focus]);

  const focused = useMemo(() => {
    const at = focusedKey === null ? -1 : spans.keys.indexOf(focusedKey);
    if (at < 0 || !doc) return null;
    const span = spanAt(spans, at);
    return { ...span, documentId: doc.id, quote: doc.text.slice(span.start, span.end) };
  }, [spans, focusedKey, doc]);

  const step = useCallback(
    (direction: 1 | -1) => {
      const { keys } = spans;
      if (keys.length === 0) return;
      const at = focusedKey === null ? -1 : keys.indexOf(focusedKey);
      const index = at === -1 ? (direction > 0 ? 0 : keys.length - 1) : (at + direction + keys.length) % keys.length;
      focus(keys[index] ?? null);
    },
    [spans, focusedKey, focus],
  );

  /** Accepts suggestions by key (one undo step); the focus goes on to the next suggestion in the text. */
  const accept = useCallback(
    async (chosen: readonly ChosenSuggestion[]) => {
      if (chosen.length === 0) return;
      const { say, onAccepted, onError } = latest.current;
      try {
        const here = chosen.filter((s) => s.documentId === documentId);
        if (here.length > 0 && here.some((s) => s.key === focusedKey)) pendingFocus.current = { from: Math.max(...here.map((s) => s.end)) };
        const result = await client.call('suggestion.accept', { keys: chosen.map((s) => s.key) });
        say(acceptedText(chosen.length === 1 && chosen[0] ? `“${chosen[0].quote}”` : `${result.created} suggestions`, result));
        await onAccepted();
      } catch (error) {
        onError(error);
      }
    },
    [client, documentId, focusedKey],
  );

  const reject = useCallback(
    async (chosen: readonly ChosenSuggestion[]) => {
      if (chosen.length === 0) return;
      const { say, onError } = latest.current;
      try {
        if (chosen.some((s) => s.key === focusedKey)) pendingFocus.current = { from: Math.max(...chosen.map((s) => s.end)) };
        const { rejected } = await client.call('suggestion.reject', { keys: chosen.map((s) => s.key) });
        say(rejected === 1 ? `Rejected “${chosen[0]?.quote ?? ''}”: it will not be suggested again.` : `Rejected ${rejected} suggestions: they will not be suggested again.`);
        setReloads((n) => n + 1);
      } catch (error) {
        onError(error);
      }
    },
    [client, focusedKey],
  );

  /** How many suggestions "accept all" would take now, as the core counts them (new names: as listed). */
  const previewAll = useCallback(
    async (scope: AcceptAllScope): Promise<number> => {
      if (scope.newActor !== undefined) return inProject.filter((s) => matchesScope(s, scope)).length;
      const { count } = await client.call('suggestion.acceptAll', { kind: scope.kind, ...idFilters(scope), dryRun: true });
      return count;
    },
    [client, inProject],
  );

  /** Accepts every suggestion of the scope as one undo step. */
  const acceptAll = useCallback(
    async (scope: AcceptAllScope, label: string) => {
      const { say, onAccepted, onError } = latest.current;
      try {
        const result =
          scope.newActor !== undefined
            ? await client.call('suggestion.accept', { keys: inProject.filter((s) => matchesScope(s, scope)).map((s) => s.key) })
            : await client.call('suggestion.acceptAll', { kind: scope.kind, ...idFilters(scope) });
        say(`${acceptedText(`${result.created} suggestions for ${label}`, result)} Undo takes them back in one step.`);
        await onAccepted();
      } catch (error) {
        onError(error);
      }
    },
    [client, inProject],
  );

  const open = useCallback(
    (s: Suggestion) => {
      if (s.documentId === documentId) {
        focus(s.key);
        viewRef.current?.focus();
        return;
      }
      pendingFocus.current = { key: s.key };
      latest.current.openDocument(s.documentId).catch(latest.current.onError);
    },
    [documentId, focus, viewRef],
  );

  // A click on a suggestion in the article focuses it (after the click has selected any tag under it).
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const element = event.target instanceof Element ? event.target.closest('.article [data-suggestion-key]') : null;
      const key = element?.getAttribute('data-suggestion-key');
      if (key) focus(key);
    };
    window.addEventListener('click', onClick);
    return () => window.removeEventListener('click', onClick);
  }, [focus]);

  // Keys: Shift+N / Shift+P walk the suggestions; on the focused one Enter or its kind's key accepts, X or
  // Backspace rejects, Esc leaves it. Caught before the workbench's own keys (which would tag or delete).
  useEffect(() => {
    if (!keysEnabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isPlainKey(event)) return;
      const key = event.key.toLowerCase();
      const handled = (): void => {
        event.preventDefault();
        event.stopPropagation();
      };
      if (event.shiftKey && (key === NEXT_KEY || key === PREVIOUS_KEY)) {
        if (spans.keys.length === 0) return;
        handled();
        step(key === NEXT_KEY ? 1 : -1);
        return;
      }
      if (!focused) return;
      // On a button or a tab, Enter presses it; with text selected, the number keys tag the selection.
      if (event.target instanceof Element && event.target.closest('button, a, select, summary, [role="tab"]')) return;
      if (viewRef.current?.currentRange()) return;
      if (event.key === 'Enter' || event.key === KIND_KEYS[focused.kind]) {
        handled();
        void accept([focused]);
      } else if (key === REJECT_SUGGESTION_KEY || event.key === 'Backspace') {
        handled();
        void reject([focused]);
      } else if (event.key === 'Escape') {
        handled();
        focus(null);
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [keysEnabled, spans, focused, step, accept, reject, focus, viewRef]);

  return { drawn, inDocument, inProject, focusedKey, readingNames, focus, step, open, accept, reject, previewAll, acceptAll, watchProject };
}

export type SuggestionsModel = ReturnType<typeof useSuggestions>;

function idFilters(scope: AcceptAllScope): { actorId?: string; documentId?: string } {
  return { ...(scope.actorId !== undefined ? { actorId: scope.actorId } : {}), ...(scope.documentId !== undefined ? { documentId: scope.documentId } : {}) };
}

function acceptedText(what: string, result: { created: number; actorsCreated: number; aliasesAdded: number }): string {
  const extras = [
    result.actorsCreated > 0 ? `${result.actorsCreated} actor${result.actorsCreated === 1 ? '' : 's'} registered` : '',
    result.aliasesAdded > 0 ? `${result.aliasesAdded} spelling${result.aliasesAdded === 1 ? '' : 's'} added as alias${result.aliasesAdded === 1 ? '' : 'es'}` : '',
  ].filter(Boolean);
  return `Accepted ${what}: ${result.created} tag${result.created === 1 ? '' : 's'} created${extras.length > 0 ? `; ${extras.join(', ')}` : ''}.`;
}
