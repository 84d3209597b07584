// Plain-text rendering of documents and tags for the terminal.
import type { DocumentRow } from '../../src-shared/api/contract';
import { figureValue, KIND_LABELS, type Annotation } from '../../src-shared/model/annotation';
import type { Actor } from '../../src-shared/model/actor';
import type { Document } from '../../src-shared/model/document';

/** Bidirectional formatting characters: marks, embeddings, overrides and isolates. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
/** C0 controls (shown as their control pictures, "␛"), DEL, C1 controls, line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/gu;

function codePoint(char: string): string {
  return `<U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`;
}

/**
 * `text` safe to print on a terminal: control characters (escape codes, newlines, tabs) and bidirectional overrides
 * made visible — U+001B as "␛", U+202E as "<U+202E>" — so that a title cannot recolour, move or reorder the output.
 */
export function visible(text: string): string {
  return text
    .replace(BIDI, codePoint)
    .replace(CONTROL, (char) => {
      const code = char.charCodeAt(0);
      return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : codePoint(char);
    });
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function clip(text: string, width: number): string {
  const oneLine = visible(text.replace(/\s+/g, ' '));
  return oneLine.length <= width ? oneLine : `${oneLine.slice(0, width - 1)}…`;
}

export function renderDocumentList(documents: readonly DocumentRow[]): string {
  if (documents.length === 0) return 'No documents yet. Add some with: marginalia import <project> <files…>\n';
  const lines = [`${pad('ID', 36)}  ${pad('DATE', 10)}  ${pad('CLAIM', 5)} ${pad('ACTOR', 5)} ${pad('FIGURE', 6)} ${pad('WARN', 4)}  TITLE`];
  for (const d of documents) {
    const c = d.tagCounts;
    lines.push(
      `${d.id}  ${pad(d.publishedAt ?? '—', 10)}  ${pad(String(c.claim), 5)} ${pad(String(c.actor), 5)} ${pad(String(c.figure), 6)} ${pad(String(c.reliability_warning), 4)}  ${clip(d.title, 80)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function describeAttributes(annotation: Annotation, actors: ReadonlyMap<string, Actor>): string {
  const actorName = (id: string | null) => (id === null ? null : visible(actors.get(id)?.name ?? id));
  switch (annotation.kind) {
    case 'claim': {
      const claimant = actorName(annotation.attributes.claimantId);
      return `status=${annotation.attributes.status}${claimant ? ` claimant=“${claimant}”` : ''}`;
    }
    case 'actor': {
      const name = actorName(annotation.attributes.actorId);
      return name ? `actor=“${name}”` : 'actor=(not linked)';
    }
    case 'figure': {
      const value = figureValue(annotation.attributes);
      return value === null ? 'value=(none)' : `value=${value}${annotation.attributes.unit ? ` ${visible(annotation.attributes.unit)}` : ''}`;
    }
    case 'reliability_warning':
      return `severity=${annotation.attributes.severity} category=${annotation.attributes.category}${annotation.attributes.correction ? ` correction=“${clip(annotation.attributes.correction, 60)}”` : ''}`;
  }
}

export function renderAnnotationLine(annotation: Annotation, actors: ReadonlyMap<string, Actor>, analysts: ReadonlyMap<string, string>): string {
  const where = annotation.target ? `${annotation.target.start}–${annotation.target.end}` : 'document';
  const quote = annotation.target ? `“${clip(annotation.target.exact, 60)}”` : '(whole document)';
  const who = visible(analysts.get(annotation.analystId) ?? annotation.analystId);
  const note = annotation.note ? ` note=“${clip(annotation.note, 40)}”` : '';
  return `${annotation.id}  ${pad(KIND_LABELS[annotation.kind], 19)}  ${pad(where, 11)}  ${quote}  ${describeAttributes(annotation, actors)}${note}  — ${who}`;
}

/** The document's text block by block, then its tags. */
export function renderDocument(
  document: Document,
  annotations: readonly Annotation[],
  actors: ReadonlyMap<string, Actor>,
  analysts: ReadonlyMap<string, string>,
): string {
  const header = [
    visible(document.title),
    visible([document.publishedAt, document.author, document.outlet].filter(Boolean).join(' · ')),
    `id ${document.id} · ${document.format} · ${visible(document.originalName)} · sha256 ${document.sha256.slice(0, 12)}…`,
    '',
  ];
  const body = document.blocks.map((block) => {
    const text = visible(document.text.slice(block.start, block.end));
    if (block.type === 'heading') return `\n## ${text}`;
    if (block.type === 'list_item') return `  • ${text}`;
    if (block.type === 'blockquote') return `  > ${text}`;
    return text;
  });
  const tags = annotations.length === 0 ? ['No tags yet.'] : annotations.map((a) => renderAnnotationLine(a, actors, analysts));
  return `${[...header, ...body, '', `Tags (${annotations.length}):`, ...tags].join('\n')}\n`;
}
