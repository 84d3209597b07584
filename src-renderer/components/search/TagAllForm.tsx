// "Tag all results as …": the kind and its attributes (an actor from the registry), a preview count, then one undoable step.
import { useState } from 'react';
import type { Actor, ActorKind } from '../../../src-shared/model/actor';
import type { AnnotationKind } from '../../../src-shared/model/annotation';
import type { TagAllAttributes } from '../../hooks/use-search';
import { ActorPicker } from '../ActorPicker';
import { ClaimStatusSelect, WarningCategorySelect, WarningSeveritySelect } from '../attribute-selects';
import { KIND_LABELS, KIND_ORDER } from '../kinds';
import { attributesOf, doneSentence, plural, previewSentence, taggingDescription, type Choice, type Counts } from './search-model';

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
      {choice.kind === 'claim' && <ClaimStatusSelect value={choice.status} onChange={(status) => change({ status })} />}
      {choice.kind === 'reliability_warning' && (
        <>
          <WarningSeveritySelect value={choice.severity} onChange={(severity) => change({ severity })} />
          <WarningCategorySelect value={choice.category} onChange={(category) => change({ category })} />
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
