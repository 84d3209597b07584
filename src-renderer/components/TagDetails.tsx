// Right pane, bottom: the selected tag's attributes by kind, its note, and delete; every change is saved at once.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Actor, ActorKind } from '../../src-shared/model/actor';
import { figureValue, type Annotation, type AttributesPatch } from '../../src-shared/model/annotation';
import { ActorPicker } from './ActorPicker';
import { ClaimStatusSelect, WarningCategorySelect, WarningSeveritySelect } from './attribute-selects';
import { KIND_LABELS } from './kinds';

export interface TagDetailsProps {
  annotation: Annotation;
  actors: readonly Actor[];
  analystName: string;
  /** The page of the original file (PDF) the tagged passage starts on; null when the article has no pages. */
  page?: number | null;
  autoFocus: boolean;
  onUpdate: (change: { attributes?: AttributesPatch; note?: string }) => Promise<void>;
  onDelete: () => void;
  onCreateActor: (name: string, kind: ActorKind) => Promise<Actor>;
  onUpdateActorAliases: (actorId: string, aliases: string[]) => Promise<void>;
  onDone: () => void;
}

const SCALES: readonly [number, string][] = [[1, '—'], [1e3, 'thousand'], [1e6, 'million'], [1e9, 'billion'], [1e12, 'trillion']];

/**
 * A text field that saves shortly after typing stops, on blur, on Enter (which also confirms), when the details
 * close, and when the page is left or reloaded — so nothing typed is lost.
 */
function useDeferredText(value: string, save: (text: string) => void): [string, (t: string) => void, () => void] {
  const [text, setText] = useState(value);
  const saved = useRef(value);
  const latest = useRef(value);
  latest.current = text;
  const saveRef = useRef(save);
  saveRef.current = save;
  const flushRef = useRef(() => {
    if (latest.current !== saved.current) {
      saved.current = latest.current;
      saveRef.current(latest.current);
    }
  });
  useEffect(() => {
    setText(value);
    saved.current = value;
    latest.current = value;
  }, [value]);
  useEffect(() => {
    if (text === saved.current) return;
    const timer = setTimeout(flushRef.current, 500);
    return () => clearTimeout(timer);
  }, [text]);
  useEffect(() => {
    const flush = flushRef.current;
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, []);
  return [text, setText, flushRef.current];
}

export function TagDetails(props: TagDetailsProps) {
  const a = props.annotation;
  const [note, setNote, flushNote] = useDeferredText(a.note, (text) => void props.onUpdate({ note: text }));
  const confirmOnEnter = (flush: () => void) => (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      flush();
      props.onDone();
    }
  };
  // Enter on a choice and Esc anywhere confirm and return to the article (fields save on blur as focus leaves).
  const returnOnKey = (event: KeyboardEvent<HTMLElement>) => {
    if (event.defaultPrevented) return;
    const target = event.target as HTMLElement;
    const confirmsChoice = event.key === 'Enter' && (target.tagName === 'SELECT' || target.tagName === 'INPUT');
    if (event.key === 'Escape' || confirmsChoice) {
      event.preventDefault();
      event.stopPropagation(); // the workbench's own Esc would deselect the tag
      props.onDone();
    }
  };
  return (
    <section className={`tag-details details-${a.kind}`} aria-label="Tag details" onKeyDown={returnOnKey}>
      <header>
        <h2>{KIND_LABELS[a.kind]}</h2>
        <p className="details-quote" title={a.target?.exact}>{a.target ? `“${a.target.exact}”` : 'Applies to the whole document'}</p>
        <p className="details-meta">by {props.analystName} · {new Date(a.updatedAt).toLocaleString()}</p>
        {props.page != null && <p className="details-page">Page {props.page} of the original file</p>}
      </header>
      <div className="fields">
        {a.kind === 'claim' && <ClaimFields {...props} annotation={a} />}
        {a.kind === 'actor' && <ActorFields {...props} annotation={a} />}
        {a.kind === 'figure' && <FigureFields {...props} annotation={a} confirm={confirmOnEnter} />}
        {a.kind === 'reliability_warning' && <WarningFields {...props} annotation={a} confirm={confirmOnEnter} />}
        <label>
          Note
          <textarea value={note} rows={2} onChange={(e) => setNote(e.target.value)} onBlur={flushNote} onKeyDown={confirmOnEnter(flushNote)} />
        </label>
      </div>
      <div className="details-actions">
        <button type="button" className="danger" onClick={props.onDelete}>Delete tag</button>
        <button type="button" onClick={props.onDone}>Done</button>
      </div>
    </section>
  );
}

type Of<K extends Annotation['kind']> = Omit<TagDetailsProps, 'annotation'> & { annotation: Extract<Annotation, { kind: K }> };
type Confirm = (flush: () => void) => (event: KeyboardEvent<HTMLElement>) => void;

function ClaimFields({ annotation, actors, autoFocus, onUpdate, onCreateActor }: Of<'claim'>) {
  return (
    <>
      <ClaimStatusSelect autoFocus={autoFocus} value={annotation.attributes.status} onChange={(status) => void onUpdate({ attributes: { status } })} />
      <ActorPicker
        label="Claimant"
        actors={actors}
        value={annotation.attributes.claimantId}
        onPick={(id) => void onUpdate({ attributes: { claimantId: id } as AttributesPatch })}
        onCreate={async (name, kind) => {
          const actor = await onCreateActor(name, kind);
          await onUpdate({ attributes: { claimantId: actor.id } as AttributesPatch });
        }}
      />
    </>
  );
}

function ActorFields({ annotation, actors, autoFocus, onUpdate, onCreateActor, onUpdateActorAliases }: Of<'actor'>) {
  const linked = actors.find((x) => x.id === annotation.attributes.actorId) ?? null;
  const [aliases, setAliases, flushAliases] = useDeferredText(linked?.aliases.join(', ') ?? '', (text) => {
    if (linked) void onUpdateActorAliases(linked.id, text.split(',').map((s) => s.trim()).filter(Boolean));
  });
  return (
    <>
      <ActorPicker
        label="Refers to"
        autoFocus={autoFocus}
        actors={actors}
        value={annotation.attributes.actorId}
        onPick={(id) => void onUpdate({ attributes: { actorId: id } as AttributesPatch })}
        onCreate={async (name, kind) => {
          const actor = await onCreateActor(name, kind);
          await onUpdate({ attributes: { actorId: actor.id } as AttributesPatch });
        }}
      />
      {linked && (
        <label>
          Other spellings of {linked.name} (comma-separated)
          <input value={aliases} onChange={(e) => setAliases(e.target.value)} onBlur={flushAliases} />
        </label>
      )}
    </>
  );
}

function FigureFields({ annotation, autoFocus, onUpdate, confirm }: Of<'figure'> & { confirm: Confirm }) {
  const attrs = annotation.attributes;
  const [amount, setAmount, flushAmount] = useDeferredText(attrs.amount === null ? '' : String(attrs.amount), (text) => {
    const n = text.trim() === '' ? null : Number(text.replace(/,/g, ''));
    if (n === null || Number.isFinite(n)) void onUpdate({ attributes: { amount: n } });
  });
  const [unit, setUnit, flushUnit] = useDeferredText(attrs.unit ?? '', (text) => void onUpdate({ attributes: { unit: text.trim() === '' ? null : text.trim() } }));
  const value = figureValue(attrs);
  const amountInvalid = amount.trim() !== '' && !Number.isFinite(Number(amount.replace(/,/g, '')));
  return (
    <>
      <div className="field-row">
        <label>
          Amount
          <input autoFocus={autoFocus} inputMode="decimal" value={amount} aria-invalid={amountInvalid} onChange={(e) => setAmount(e.target.value)} onBlur={flushAmount} onKeyDown={confirm(flushAmount)} />
        </label>
        <label>
          Scale
          <select value={attrs.scale} onChange={(e) => void onUpdate({ attributes: { scale: Number(e.target.value) } })}>
            {SCALES.map(([n, label]) => (
              <option key={n} value={n}>{label}</option>
            ))}
          </select>
        </label>
        <label>
          Unit
          <input value={unit} onChange={(e) => setUnit(e.target.value)} onBlur={flushUnit} onKeyDown={confirm(flushUnit)} placeholder="USD, %, troops" />
        </label>
      </div>
      {amountInvalid && <p className="form-error" role="alert">The amount must be a number.</p>}
      <p className="figure-value">Value: <output>{value === null ? '—' : `${value.toLocaleString('en-US')}${attrs.unit ? ` ${attrs.unit}` : ''}`}</output></p>
    </>
  );
}

function WarningFields({ annotation, autoFocus, onUpdate, confirm }: Of<'reliability_warning'> & { confirm: Confirm }) {
  const attrs = annotation.attributes;
  const [correction, setCorrection, flush] = useDeferredText(attrs.correction, (text) => void onUpdate({ attributes: { correction: text } }));
  return (
    <>
      <div className="field-row">
        <WarningSeveritySelect autoFocus={autoFocus} value={attrs.severity} onChange={(severity) => void onUpdate({ attributes: { severity } })} />
        <WarningCategorySelect value={attrs.category} onChange={(category) => void onUpdate({ attributes: { category } })} />
      </div>
      <label>
        Correction or evidence
        <textarea rows={3} value={correction} onChange={(e) => setCorrection(e.target.value)} onBlur={flush} onKeyDown={confirm(flush)} />
      </label>
    </>
  );
}

export type { ActorKind };
