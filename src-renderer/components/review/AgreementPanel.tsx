// Review mode: how well the two analysts agree — on this document and the whole project, overall, per kind, per document.
import { useState } from 'react';
import type { AgreementResult } from '../../../src-shared/api/contract';
import type { AnnotationKind } from '../../../src-shared/model/annotation';
import { KIND_LABELS, KIND_ORDER } from '../kinds';
import { AgreementBars, measuresFor, type Figures } from './AgreementBars';
import { formatFigure } from './review-model';

export interface Agreement {
  document: AgreementResult;
  project: AgreementResult;
}

type Scope = 'document' | 'project';
const SCOPE_LABELS: Readonly<Record<Scope, string>> = { document: 'This document', project: 'Whole project' };

function kindTitle(kind: string): string {
  return (KIND_ORDER as readonly string[]).includes(kind) ? KIND_LABELS[kind as AnnotationKind] : kind;
}

function OverallTable({ agreement }: { agreement: Agreement }) {
  const columns: [Scope, Figures][] = [
    ['document', agreement.document.overall],
    ['project', agreement.project.overall],
  ];
  const counts: [string, (f: Figures) => number][] = [
    ['Word tokens', (f) => f.units.tokens],
    ['Spans of A', (f) => f.units.spansA],
    ['Spans of B', (f) => f.units.spansB],
  ];
  return (
    <table className="agreement-table agreement-overall">
      <caption>Overall, all kinds together</caption>
      <thead>
        <tr>
          <th scope="col">Measure</th>
          {columns.map(([scope]) => <th key={scope} scope="col">{SCOPE_LABELS[scope]}</th>)}
        </tr>
      </thead>
      <tbody>
        {measuresFor(...columns.map(([, figures]) => figures)).map(({ name, label }) => (
          <tr key={name}>
            <th scope="row">{label}</th>
            {columns.map(([scope, figures]) => <td key={scope} data-measure={name}>{formatFigure(figures[name])}</td>)}
          </tr>
        ))}
        {counts.map(([label, count]) => (
          <tr key={label} className="agreement-count">
            <th scope="row">{label}</th>
            {columns.map(([scope, figures]) => <td key={scope}>{count(figures).toLocaleString('en-US')}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DocumentTable({ documents }: { documents: AgreementResult['documents'] }) {
  if (documents.length === 0) return <p className="empty">Neither analyst has tagged any document yet.</p>;
  const measures = measuresFor(...documents.map((d) => d.overall));
  return (
    <table className="agreement-table agreement-documents">
      <caption>Per document</caption>
      <thead>
        <tr>
          <th scope="col">Document</th>
          {measures.map(({ name, label, short }) => (
            <th key={name} scope="col"><abbr title={label}>{short}</abbr></th>
          ))}
          <th scope="col"><abbr title="Spans of A / spans of B">A/B</abbr></th>
        </tr>
      </thead>
      <tbody>
        {documents.map((d) => (
          <tr key={d.id}>
            <th scope="row" className="agreement-document-title" title={d.title}>{d.title}</th>
            {measures.map(({ name }) => <td key={name}>{formatFigure(d.overall[name])}</td>)}
            <td>{d.overall.units.spansA}/{d.overall.units.spansB}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AgreementPanel({ agreement, nameA, nameB }: { agreement: Agreement | null; nameA: string; nameB: string }) {
  const [scope, setScope] = useState<Scope>('document');
  if (!agreement) return <p className="empty">Computing agreement…</p>;
  const byKind = agreement[scope].byKind;
  const kinds = [...KIND_ORDER.filter((k) => byKind[k]), ...Object.keys(byKind).filter((k) => !(KIND_ORDER as readonly string[]).includes(k))];
  return (
    <div className="agreement-panel">
      <p className="agreement-pair">
        A: <strong>{nameA}</strong> · B: <strong>{nameB}</strong>
      </p>
      <OverallTable agreement={agreement} />
      <dl className="agreement-verdicts">
        <dt>{SCOPE_LABELS.document}</dt>
        <dd>{agreement.document.overall.interpretation}</dd>
        <dt>{SCOPE_LABELS.project}</dt>
        <dd>{agreement.project.overall.interpretation}</dd>
      </dl>
      <fieldset className="agreement-scope">
        <legend>Per kind</legend>
        {(['document', 'project'] as const).map((s) => (
          <label key={s}>
            <input type="radio" name="agreement-scope" checked={scope === s} onChange={() => setScope(s)} /> {SCOPE_LABELS[s]}
          </label>
        ))}
      </fieldset>
      <div className="agreement-kinds">
        {kinds.map((kind) => {
          const figures = byKind[kind];
          return figures ? <AgreementBars key={kind} title={kindTitle(kind)} figures={figures} /> : null;
        })}
      </div>
      <DocumentTable documents={agreement.project.documents} />
    </div>
  );
}
