// "Tag all results as …": the kind and its attributes (an actor from the registry), a preview count, then one undoable step.
import { useState } from 'react';
import type { ResponseOf } from '../../../src-shared/api/contract';
import type { Actor, ActorKind } from '../../../src-shared/model/actor';
import {
  ClaimStatusSchema,
  WARNING_CATEGORY_LABELS,
  WarningCategorySchema,
  WarningSeveritySchema,
  type AnnotationKind,
  type ClaimStatus,
  type WarningCategory,
  type WarningSeverity,
} from '../../../src-shared/model/annotation';
import type { TagAllAttributes } from '../../hooks/use-search';
import { ActorPicker } from '../ActorPicker';
import { KIND_LABELS, KIND_ORDER } from '../kinds';

type Counts = ResponseOf<'search.tagAll'>;

interface Choice {
  kind: AnnotationKind;
  actorId: string | null;
  status: ClaimStatus;
  severity: WarningSeverity;
  category: WarningCategory;
}

/** The attributes the new tags get for the chosen kind; a figure's are read from each hit's own text. */
export function attributesOf(choice: Choice): TagAllAttributes {
  switch (choice.kind) {
    case 'actor':
      return choice.actorId ? { actorId: choice.actorId } : undefined;
    case 'claim':
      return { status: choice.status };
    case 'reliability_warning':
      return { severity: choice.severity, category: choice.category };
    case 'figure':
      return undefined;
  }
}

/** "actor Kyrylo Budanov", "claim (disputed)", "reliability warning (high, Factual error)", "figure". */
export function taggingDescription(choice: Choice, actors: readonly Actor[]): string {
  const kind = KIND_LABELS[choice.kind].toLowerCase();
  if (choice.kind === 'actor') {
    const actor = actors.find((a) => a.id === choice.actorId);
    return actor ? `${kind} ${actor.name}` : `${kind} (no actor linked)`;
  }
  if (choice.kind === 'claim') return `${kind} (${choice.status})`;
  if (choice.kind === 'reliability_warning') return `${kind} (${choice.severity}, ${WARNING_CATEGORY_LABELS[choice.category]})`;
  return kind;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** The preview question, e.g. "Tag 12 hits in 4 documents as actor Kyrylo Budanov? 3 already tagged so are skipped." */
export function previewSentence(counts: Counts, what: string): string {
  const skipped = counts.skipped > 0 ? ` ${plural(counts.skipped, 'hit is', 'hits are')} already tagged so and ${counts.skipped === 1 ? 'is' : 'are'} skipped.` : '';
  if (counts.tagged === 0) return `Nothing to tag as ${what}:${skipped || ' no hits.'}`;
  return `Tag ${plural(counts.tagged, 'hit', 'hits')} in ${plural(counts.documentCount, 'document', 'documents')} as ${what}?${skipped}`;
}

/** What is said once the tags are written. */
export function doneSentence(counts: Counts, what: string): string {
  const skipped = counts.skipped > 0 ? `; ${plural(counts.skipped, 'hit', 'hits')} already tagged so ${counts.skipped === 1 ? 'was' : 'were'} skipped` : '';
  return `Tagged ${plural(counts.tagged, 'hit', 'hits')} in ${plural(counts.documentCount, 'document', 'documents')} as ${what}${skipped}. Undo takes them all back.`;
}

export function TagAllForm(props: {
  actors: readonly Actor[];
  onCreateActor: (name: string, kind: ActorKind) => Promise<Actor>;
  preview: (kind: AnnotationKind, attributes: TagAllAttributes) => Promise<Counts>;
  tagAll: (kind: AnnotationKind, attributes: TagAllAttributes) => Promise<Counts>;
  onDone: (sentence: string) => void;
  onError: (error: unknown) => void;
  onCancel: () => void;
}) {
  const [choice, setChoice] = useState<Choice>({ kind: 'actor', actorId: null, status: 'unverified', severity: 'medium', category: 'factual_error' });
  const [counts, setCounts] = useState<Counts | null>(null);
  const [busy, setBusy] = useState(false);
  const what = taggingDescription(choice, props.actors);
  const change = (patch: Partial<Choice>) => {
    setChoice((c) => ({ ...c, ...patch }));
    setCounts(null);
  };
  const work = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      props.onError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="tag-all"
      aria-label="Tag all results"
      onSubmit={(event) => {
        event.preventDefault();
        if (counts === null) void work(async () => setCounts(await props.preview(choice.kind, attributesOf(choice))));
        else if (counts.tagged > 0) void work(async () => props.onDone(doneSentence(await props.tagAll(choice.kind, attributesOf(choice)), what)));
      }}
    >
      <label>
        Tag all results as
        <select value={choice.kind} onChange={(e) => change({ kind: e.target.value as AnnotationKind })}>
          {KIND_ORDER.map((kind) => (
            <option key={kind} value={kind}>{KIND_LABELS[kind]}</option>
          ))}
        </select>
      </label>
      {choice.kind === 'actor' && (
        <ActorPicker
          label="Actor"
          actors={props.actors}
          value={choice.actorId}
          onPick={(actorId) => change({ actorId })}
          onCreate={async (name, kind) => change({ actorId: (await props.onCreateActor(name, kind)).id })}
        />
      )}
      {choice.kind === 'claim' && (
        <label>
          Status
          <select value={choice.status} onChange={(e) => change({ status: ClaimStatusSchema.parse(e.target.value) })}>
            {ClaimStatusSchema.options.map((s) => (
              <option key={s} value={s}>{s}</option>
            ))}
          </select>
        </label>
      )}
      {choice.kind === 'reliability_warning' && (
        <>
          <label>
            Severity
            <select value={choice.severity} onChange={(e) => change({ severity: WarningSeveritySchema.parse(e.target.value) })}>
              {WarningSeveritySchema.options.map((s) => (
                <option key={s} value={s}>{s}</option>
              ))}
            </select>
          </label>
          <label>
            Category
            <select value={choice.category} onChange={(e) => change({ category: WarningCategorySchema.parse(e.target.value) })}>
              {WarningCategorySchema.options.map((c) => (
                <option key={c} value={c}>{WARNING_CATEGORY_LABELS[c]}</option>
              ))}
            </select>
          </label>
        </>
      )}
      {choice.kind === 'figure' && <p className="hint">Each figure's amount, scale and unit are read from its own text.</p>}
      {counts && (
        <p className="tag-all-preview" role="status">
          {previewSentence(counts, what)}
        </p>
      )}
      <div className="tag-all-actions">
        {counts === null ? (
          <button type="submit" disabled={busy}>Count hits…</button>
        ) : (
          counts.tagged > 0 && <button type="submit" className="primary" disabled={busy}>Tag {plural(counts.tagged, 'hit', 'hits')}</button>
        )}
        <button type="button" onClick={props.onCancel}>Cancel</button>
      </div>
    </form>
  );
}
