// The HTML report (main process, pure): one self-contained, printable page per project — no script, no external resource.
import { actorNameKey } from '../../../src-shared/model/actor';
import { pageAtOffset } from '../../../src-shared/text/pages';
import {
  figureValue,
  WARNING_CATEGORY_LABELS,
  type Annotation,
  type AttributesByKind,
  type FigureAttributes,
  type WarningSeverity,
} from '../../../src-shared/model/annotation';
import type { Document } from '../../../src-shared/model/document';
import { APP_VERSION } from '../version';
import type { ExportTarget } from './chunks';
import type { ExportSource } from './source';
import { annotationsInExportOrder, indexSnapshot, namesOf, reviewStatusOf, type SnapshotIndex } from './snapshot-index';
import type { ExportedFile, ExportSnapshot } from './types';

export const HTML_REPORT_PATH = 'report.html';
export const HTML_REPORT_MEDIA_TYPE = 'text/html;charset=utf-8';
/**
 * Nothing may load or run: no script, image, font, frame or connection; only the inline <style>. A base URL
 * and form targets are not covered by default-src, so they are closed too.
 */
export const HTML_REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

// Everything but TAB/LF/CR and printable characters goes: C0 controls and DEL carry nothing readable, and a lone
// surrogate (matched on its own under the u flag) cannot be written as UTF-8.
const UNPRINTABLE = /[^\t\n\r\x20-\x7E\u0080-\uD7FF\uE000-\u{10FFFF}]/gu;

/** Text for HTML element content or a quoted attribute: every markup character becomes a reference. */
export function escapeHtml(value: string): string {
  return value
    .replace(UNPRINTABLE, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

type Kind<K extends Annotation['kind']> = Extract<Annotation, { kind: K }>;

const SEVERITY_RANK: Readonly<Record<WarningSeverity, number>> = { high: 0, medium: 1, low: 2 };
const SCALE_WORDS = new Map([
  [1e3, 'thousand'],
  [1e6, 'million'],
  [1e9, 'billion'],
  [1e12, 'trillion'],
]);

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const counted = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A number in scientific notation with at least one decimal: 8e11 → "8.0e11", 1.25e9 → "1.25e9". */
function scientific(value: number): string {
  const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}e${exponent.replace('+', '')}`;
}

/**
 * A figure's normalised value for a reader: "8.0e11 USD (800 billion)" for $800 billion, "-14 °C" for a small
 * number, "not set" when the parser found no amount. The words repeat the amount as written.
 */
export function figureDisplay(attributes: FigureAttributes): string {
  const value = figureValue(attributes);
  if (value === null || attributes.amount === null) return 'not set';
  const unit = attributes.unit === null ? '' : ` ${attributes.unit}`;
  const word = SCALE_WORDS.get(attributes.scale);
  const amount = attributes.amount.toLocaleString('en-GB', { maximumFractionDigits: 6 });
  if (Math.abs(value) < 1e4 && attributes.scale === 1) return `${amount}${unit}`;
  const words = word !== undefined ? `${amount} ${word}` : attributes.scale === 1 ? amount : `${amount} × ${scientific(attributes.scale)}`;
  return `${scientific(value)}${unit} (${words})`;
}

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const DATE_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

const dateText = (isoDate: string): string => DATE.format(new Date(`${isoDate}T00:00:00Z`));

function quoteBlock(annotation: Annotation): string {
  return annotation.target === null ? '' : `<blockquote class="quote">${escapeHtml(annotation.target.exact)}</blockquote>`;
}

function noteBlock(annotation: Annotation): string {
  return annotation.note.trim() === '' ? '' : `<p class="note"><span class="label">Note:</span> ${escapeHtml(annotation.note)}</p>`;
}

const DECISION_LABELS = { accepted: 'Accepted', rejected: 'Rejected', undecided: 'Not reviewed' } as const;

/** Who made a tag and what the review decided: every tag of the report says both. */
function provenance(annotation: Annotation, index: SnapshotIndex): string {
  const decision = reviewStatusOf(annotation);
  const reviewer = annotation.review ? index.analystName(annotation.review.reviewerId) : null;
  return [
    `<p class="provenance"><span class="label">Tagged by</span> ${escapeHtml(analystOf(annotation, index))} · `,
    pageLabel(annotation, index),
    `<span class="decision decision-${decision}">${DECISION_LABELS[decision]}</span>`,
    decision !== 'undecided' && reviewer !== null ? ` by ${escapeHtml(reviewer)}` : '',
    '</p>',
  ].join('');
}

/** The page of the original PDF the passage starts on; null for articles without pages. */
function pageOf(annotation: Annotation, index: SnapshotIndex): number | null {
  return annotation.target ? pageAtOffset(index.documentOf(annotation).blocks, annotation.target.start) : null;
}

function pageLabel(annotation: Annotation, index: SnapshotIndex): string {
  const page = pageOf(annotation, index);
  return page === null ? '' : `<span class="page">page ${page}</span> · `;
}

function analystOf(annotation: Annotation, index: SnapshotIndex): string {
  return index.analystName(annotation.analystId) ?? 'an analyst missing from the project';
}

function warningItem(warning: Kind<'reliability_warning'>, index: SnapshotIndex): string {
  const { severity, category, correction } = warning.attributes;
  return [
    `<li class="warning severity-${severity} decision-${reviewStatusOf(warning)}">`,
    `<p class="badges"><span class="badge severity">${capitalised(severity)} severity</span> `,
    `<span class="badge category">${escapeHtml(WARNING_CATEGORY_LABELS[category])}</span></p>`,
    quoteBlock(warning),
    correction.trim() === '' ? '' : `<p class="correction"><span class="label">Correction:</span> ${escapeHtml(correction)}</p>`,
    noteBlock(warning),
    provenance(warning, index),
    '</li>',
  ].join('');
}

function warningList(warnings: readonly Kind<'reliability_warning'>[], index: SnapshotIndex): string {
  const sorted = warnings.toSorted((a, b) => SEVERITY_RANK[a.attributes.severity] - SEVERITY_RANK[b.attributes.severity]);
  return `<ol class="warnings">${sorted.map((w) => warningItem(w, index)).join('')}</ol>`;
}

function claimItem(claim: Kind<'claim'>, index: SnapshotIndex): string {
  const { status, claimantId } = claim.attributes;
  const claimant = claimantId === null ? 'not named' : (index.actorName(claimantId) ?? 'an actor missing from the registry');
  return [
    `<li class="claim status-${status} decision-${reviewStatusOf(claim)}">`,
    `<p class="badges"><span class="badge status">${capitalised(status)}</span> `,
    `<span class="claimant"><span class="label">Claimant:</span> ${escapeHtml(claimant)}</span></p>`,
    quoteBlock(claim),
    noteBlock(claim),
    provenance(claim, index),
    '</li>',
  ].join('');
}

function figureRow(figure: Kind<'figure'>, index: SnapshotIndex): string {
  const decision = reviewStatusOf(figure);
  return [
    `<tr class="decision-${decision}">`,
    `<td class="quote-cell">${escapeHtml(figure.target?.exact ?? '')}${pageOf(figure, index) === null ? '' : ` <span class="page">(page ${pageOf(figure, index)})</span>`}</td>`,
    `<td class="value">${escapeHtml(figureDisplay(figure.attributes))}</td>`,
    `<td>${escapeHtml(figure.note)}</td>`,
    `<td>${escapeHtml(analystOf(figure, index))}</td>`,
    `<td><span class="decision decision-${decision}">${DECISION_LABELS[decision]}</span></td>`,
    '</tr>',
  ].join('');
}

/** Actor mentions grouped by registry actor (or, when unlinked, by spelling), most mentioned first. */
function actorRows(mentions: readonly Kind<'actor'>[], index: SnapshotIndex): string {
  const groups = new Map<string, { name: string; linked: boolean; count: number; spellings: Set<string>; analysts: Set<string>; decisions: Map<string, number> }>();
  for (const mention of mentions) {
    const actorId = mention.attributes.actorId;
    const quote = mention.target?.exact ?? '';
    const registryName = index.actorName(actorId);
    const key = registryName !== null ? `id:${actorId}` : `text:${actorNameKey(quote)}`;
    const group = groups.get(key) ?? { name: registryName ?? quote, linked: registryName !== null, count: 0, spellings: new Set<string>(), analysts: new Set<string>(), decisions: new Map<string, number>() };
    group.count += 1;
    group.spellings.add(quote.replace(/\s+/g, ' ').trim());
    group.analysts.add(analystOf(mention, index));
    const decision = DECISION_LABELS[reviewStatusOf(mention)];
    group.decisions.set(decision, (group.decisions.get(decision) ?? 0) + 1);
    groups.set(key, group);
  }
  return [...groups.values()]
    .toSorted((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .map((g) =>
      [
        '<tr>',
        `<td>${escapeHtml(g.name)}${g.linked ? '' : ' <span class="muted">(not linked to the registry)</span>'}</td>`,
        `<td class="count">${g.count}</td>`,
        `<td>${[...g.spellings].map((s) => escapeHtml(s)).join('; ')}</td>`,
        `<td>${[...g.analysts].map((a) => escapeHtml(a)).join('; ')}</td>`,
        `<td>${[...g.decisions].map(([label, n]) => `${n} ${label.toLowerCase()}`).join(', ')}</td>`,
        '</tr>',
      ].join(''),
    )
    .join('');
}

function section(className: string, title: string, count: number, body: string): string {
  return `<section class="${className}"><h3>${title} <span class="count">(${count})</span></h3>${body}</section>`;
}

function table(headers: readonly string[], rows: string): string {
  return `<table><thead><tr>${headers.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`;
}

function documentMeta(document: Document): string {
  const items = [
    ['Published', document.publishedAt === null ? null : dateText(document.publishedAt)],
    ['Outlet', document.outlet],
    ['Author', document.author],
    ['File', document.originalName],
  ] as const;
  return `<dl class="meta">${items
    .filter(([, value]) => value !== null && value !== '')
    .map(([label, value]) => `<div><dt>${label}</dt><dd>${escapeHtml(value!)}</dd></div>`)
    .join('')}</dl>`;
}

function documentArticle(document: Document, position: number, tags: readonly Annotation[], index: SnapshotIndex): string {
  const of = <K extends Annotation['kind']>(kind: K) => tags.filter((t): t is Kind<K> => t.kind === kind);
  const warnings = of('reliability_warning');
  const whole = warnings.filter((w) => w.target === null);
  const spans = warnings.filter((w) => w.target !== null);
  const claims = of('claim');
  const figures = of('figure');
  const actors = of('actor');
  const parts = [
    `<article class="document" id="doc-${position}">`,
    `<header><p class="doc-number">Document ${position}</p><h2>${escapeHtml(document.title)}</h2>${documentMeta(document)}</header>`,
    whole.length > 0 ? section('document-warnings', 'Warnings about the whole document', whole.length, warningList(whole, index)) : '',
    spans.length > 0 ? section('reliability-warnings', 'Reliability warnings', spans.length, warningList(spans, index)) : '',
    claims.length > 0 ? section('claims', 'Claims', claims.length, `<ol class="claims">${claims.map((c) => claimItem(c, index)).join('')}</ol>`) : '',
    figures.length > 0 ? section('figures', 'Figures', figures.length, table(['As written', 'Value', 'Note', 'Tagged by', 'Review'], figures.map((f) => figureRow(f, index)).join(''))) : '',
    actors.length > 0 ? section('actors', 'Actors', actors.length, table(['Actor', 'Mentions', 'As written', 'Tagged by', 'Review'], actorRows(actors, index))) : '',
    tags.length === 0 ? '<p class="muted">No tags in this document.</p>' : '',
    '</article>',
  ];
  return parts.filter((p) => p !== '').join('\n');
}

const STYLE = `
:root { color-scheme: light; --ink: #1d1f23; --muted: #5b6069; --line: #dcd9d2; --high: #a4262c; --medium: #c0390b; --low: #8a6500; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 52rem; padding: 2rem 1.5rem; color: var(--ink); background: #fff;
  font: 11pt/1.5 Georgia, 'Times New Roman', serif; }
h1, h2, h3, .badge, th, dt, .doc-number, nav { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: .1rem 0 .4rem; }
h3 { font-size: 1rem; margin: 1.4rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
.count, .muted, .doc-number, .summary { color: var(--muted); }
.doc-number { margin: 0; font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; }
nav ol { padding-left: 1.4rem; }
.document { border-top: 3px solid var(--ink); margin-top: 2.5rem; padding-top: 1rem; }
.meta { display: flex; flex-wrap: wrap; gap: .2rem 1.5rem; margin: 0; font-size: .9rem; }
.meta div { display: flex; gap: .4rem; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; }
ol.warnings, ol.claims { list-style: none; padding: 0; margin: 0; }
ol.warnings > li, ol.claims > li { border-left: 4px solid var(--line); padding: .3rem 0 .3rem .8rem; margin: 0 0 .8rem; }
.severity-high { border-left-color: var(--high) !important; }
.severity-medium { border-left-color: var(--medium) !important; }
.severity-low { border-left-color: var(--low) !important; }
.document-warnings { background: #fbeee8; padding: .2rem .8rem .4rem; border: 1px solid #e8c3b4; }
.badges { margin: 0 0 .3rem; }
.badge { display: inline-block; font-size: .78rem; font-weight: 600; padding: .05rem .45rem; border: 1px solid currentColor; border-radius: .3rem; }
.severity-high .severity { color: var(--high); }
.severity-medium .severity { color: var(--medium); }
.severity-low .severity { color: var(--low); }
.status-false .status { color: var(--high); }
.status-disputed .status { color: var(--medium); }
.status-supported .status { color: #1c7440; }
.status-unverified .status { color: var(--muted); }
.claimant { margin-left: .5rem; font-size: .9rem; }
.label { font-weight: 600; }
blockquote.quote { margin: .2rem 0 .4rem; padding: .1rem .7rem; border-left: 2px solid var(--line); font-style: italic; white-space: pre-wrap; }
.note, .correction { margin: .2rem 0; white-space: pre-wrap; }
table { width: 100%; border-collapse: collapse; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid var(--line); }
th { font-size: .8rem; color: var(--muted); }
td.quote-cell { font-style: italic; white-space: pre-wrap; }
td.value, td.count { white-space: nowrap; font-variant-numeric: tabular-nums; }
.provenance { margin: .2rem 0 0; font-size: .85rem; color: var(--muted); }
.decision { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; font-size: .8rem; font-weight: 600; }
.decision-accepted .decision, .decision.decision-accepted { color: #1c7440; }
.decision.decision-rejected { color: var(--high); }
li.decision-rejected blockquote, tr.decision-rejected td.quote-cell { text-decoration: line-through; color: var(--muted); }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  @page { margin: 16mm 14mm; }
  .document { border-top: none; margin-top: 0; break-before: page; }
  h2, h3 { break-after: avoid; }
  li, tr, blockquote, .meta { break-inside: avoid; }
  .badge, .document-warnings, ol.warnings > li { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;

/**
 * The `html` report: `report.html`, one page to read or print (each document starts a new printed page).
 * Per document: title, publication date, outlet; warnings about the whole document first, then the other
 * reliability warnings (most severe first), claims with claimant and status, figures with their normalised
 * value, actors with their mention counts; each tag says who made it and the review decision (a rejected one is
 * struck through). Live tags only. Everything from the project is HTML-escaped; the
 * page has no script and loads nothing (a CSP meta tag forbids it), so it is safe to open and to mail.
 */
export function exportHtmlReport(snapshot: ExportSnapshot): ExportedFile[] {
  const index = indexSnapshot(snapshot);
  const live = annotationsInExportOrder(snapshot, { includeDeleted: false });
  const byDocument = new Map<string, Annotation[]>();
  for (const tag of live) {
    const list = byDocument.get(tag.documentId);
    if (list) list.push(tag);
    else byDocument.set(tag.documentId, [tag]);
  }
  const head = reportHead(snapshot, snapshot.documents.map((d) => countsOf(byDocument.get(d.id) ?? [])));
  const html = [
    ...head,
    ...snapshot.documents.map((d, i) => documentArticle(d, i + 1, byDocument.get(d.id) ?? [], index)),
    ...REPORT_TAIL,
  ].join('\n');
  return [{ path: HTML_REPORT_PATH, mediaType: HTML_REPORT_MEDIA_TYPE, content: html }];
}

/** `exportHtmlReport` written article by article; the contents' counts come from a first pass over the tags. */
export function streamHtmlReport(source: ExportSource, target: ExportTarget): void {
  const counts = Array.from(source.eachDocument(), (entry) => countsOf(entry.tags));
  const names = namesOf(source);
  target.file(HTML_REPORT_PATH, HTML_REPORT_MEDIA_TYPE, (sink) => {
    sink.write(reportHead(source, counts).join('\n'));
    let position = 0;
    for (const entry of source.eachDocument()) {
      const document = entry.load();
      const index = indexSnapshot({ documents: [document], actors: source.actors, analysts: source.analysts }, names);
      sink.write(`\n${documentArticle(document, ++position, entry.tags, index)}`);
    }
    sink.write(`\n${REPORT_TAIL.join('\n')}`);
  });
}

type KindCounts = Record<keyof AttributesByKind, number>;

function countsOf(tags: readonly Annotation[]): KindCounts {
  const counts: KindCounts = { claim: 0, actor: 0, figure: 0, reliability_warning: 0 };
  for (const tag of tags) counts[tag.kind]++;
  return counts;
}

const REPORT_TAIL = ['</main>', '</body>', '</html>', ''];

/** The report's lines up to `<main>`: the header with the totals and the contents; `counts` are per document, in order. */
function reportHead(
  snapshot: Pick<ExportSnapshot, 'project' | 'exportedAt'> & { documents: readonly { title: string }[] },
  counts: readonly KindCounts[],
): string[] {
  const total: KindCounts = { claim: 0, actor: 0, figure: 0, reliability_warning: 0 };
  for (const c of counts) for (const kind of Object.keys(total) as (keyof KindCounts)[]) total[kind] += c[kind];
  const contents = snapshot.documents
    .map((d, i) => {
      const c = counts[i]!;
      return `<li><a href="#doc-${i + 1}">${escapeHtml(d.title)}</a> <span class="muted">— ${counted(c.reliability_warning, 'warning')}, ${counted(c.claim, 'claim')}</span></li>`;
    })
    .join('');
  const title = escapeHtml(snapshot.project.name);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${HTML_REPORT_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="Marginalia ${APP_VERSION}">`,
    `<title>${title} — Marginalia report</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header class="report-header">',
    `<h1>${title}</h1>`,
    `<p class="summary">Report of ${DATE_TIME.format(new Date(snapshot.exportedAt))} UTC · ${counted(snapshot.documents.length, 'document')} · ` +
      `${counted(total.reliability_warning, 'reliability warning')}, ${counted(total.claim, 'claim')}, ${counted(total.figure, 'figure')}, ` +
      `${counted(total.actor, 'actor mention')}</p>`,
    `<nav><h2>Documents</h2><ol>${contents}</ol></nav>`,
    '</header>',
    '<main>',
  ];
}
