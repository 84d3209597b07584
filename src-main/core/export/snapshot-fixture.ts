// Test support only: a small ExportSnapshot whose texts put emoji and other astral characters before the tags.
import { createHash } from 'node:crypto';
import type { Actor } from '../../../src-shared/model/actor';
import {
  AnnotationSchema,
  type Annotation,
  type AnnotationKind,
  type AttributesByKind,
} from '../../../src-shared/model/annotation';
import { DocumentSchema, type Document } from '../../../src-shared/model/document';
import { ActorIdSchema, AnalystIdSchema } from '../../../src-shared/model/ids';
import { textTargetFor } from '../../../src-shared/text/quote';
import type { ExportSnapshot } from './types';

export const PROJECT_ID = '0b1c2d3e-0000-4000-8000-000000000001';
export const ANALYST_ID = AnalystIdSchema.parse('a0a0a0a0-0000-4000-8000-00000000000a');
export const BUDANOV_ID = ActorIdSchema.parse('ac000000-0000-4000-8000-000000000001');
export const UMEROV_ID = ActorIdSchema.parse('ac000000-0000-4000-8000-000000000002');

/** Emoji with a skin-tone modifier, a flag (two regional indicators), and 𝕏 (mathematical double-struck X). */
export const EMOJI_TEXT = [
  '👍🏽 Ukraine 🇺🇦 talks: $800 billion for reconstruction',
  '',
  '𝕏 posts claimed Kyrylo Budanov “did not formally return to office”, said Rustem Umerov.',
  'The fund would reach $800 billion by 2030,',
  'according to the draft.',
].join('\n');

export const PLAIN_TEXT = [
  'Formula, "quotes" and =HYPERLINK("http://evil.example") cells',
  '+380 is the dialling code; -14 degrees; @mention',
].join('\n');

const TIMES = { createdAt: '2026-01-20T10:00:00.000Z', updatedAt: '2026-01-21T11:30:00.000Z' };

export function documentOf(id: string, title: string, text: string): Document {
  return DocumentSchema.parse({
    id,
    title,
    author: null,
    outlet: null,
    publishedAt: null,
    originalName: `${title}.txt`,
    format: 'txt',
    sourceEncoding: 'utf-8',
    sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
    length: text.length,
    importedAt: TIMES.createdAt,
    importedBy: ANALYST_ID,
    text,
    blocks: [],
  });
}

export const EMOJI_DOCUMENT = documentOf('d0c00000-0000-4000-8000-000000000001', '../Ukraine talks: “$800 billion” 🇺🇦', EMOJI_TEXT);
export const PLAIN_DOCUMENT = documentOf('d0c00000-0000-4000-8000-000000000002', 'CON', PLAIN_TEXT);

let serial = 0;

/** A tag on the n-th occurrence of `quote` (null quote: a document-level warning). */
export function tagOf<K extends AnnotationKind>(
  document: Document,
  kind: K,
  quote: string | null,
  attributes: AttributesByKind[K],
  extra: { note?: string; deletedAt?: string; occurrence?: number } = {},
): Annotation {
  serial += 1;
  let target = null;
  if (quote !== null) {
    let at = -1;
    for (let i = 0; i <= (extra.occurrence ?? 0); i++) at = document.text.indexOf(quote, at + 1);
    if (at < 0) throw new Error(`“${quote}” is not in ${document.title}`);
    target = textTargetFor(document.text, at, at + quote.length);
  }
  return AnnotationSchema.parse({
    id: `a0000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    documentId: document.id,
    kind,
    target,
    note: extra.note ?? '',
    analystId: ANALYST_ID,
    ...TIMES,
    deletedAt: extra.deletedAt ?? null,
    attributes,
  });
}

function actorOf(id: Actor['id'], name: string): Actor {
  return { id, name, kind: 'person', aliases: [], analystId: ANALYST_ID, ...TIMES, deletedAt: null };
}

/** The annotations of the emoji document: one of each kind, a multi-line span, a document-level warning, a deleted tag. */
export function emojiAnnotations(): Annotation[] {
  const d = EMOJI_DOCUMENT;
  return [
    tagOf(d, 'figure', '$800 billion', { amount: 800, scale: 1e9, unit: 'USD' }, { note: 'Headline figure, "rounded"' }),
    tagOf(d, 'actor', 'Kyrylo Budanov', { actorId: BUDANOV_ID }),
    tagOf(d, 'claim', 'Kyrylo Budanov “did not formally return to office”', { status: 'disputed', claimantId: UMEROV_ID }, {
      note: 'Contradicted by the decree of 2 January;\nsee the registry.',
    }),
    tagOf(
      d,
      'reliability_warning',
      'did not formally return to office',
      { severity: 'high', category: 'outdated_role', correction: 'He was reappointed on 2 January, 2026.' },
    ),
    tagOf(d, 'claim', 'The fund would reach $800 billion by 2030,\naccording to the draft', { status: 'unverified', claimantId: null }),
    tagOf(d, 'reliability_warning', null, { severity: 'medium', category: 'ai_generated', correction: '' }, { note: 'Reads machine-written.' }),
    tagOf(d, 'figure', '$800 billion', { amount: 800, scale: 1e9, unit: 'USD' }, { occurrence: 1, deletedAt: '2026-01-22T09:00:00.000Z' }),
  ];
}

export function plainAnnotations(): Annotation[] {
  const d = PLAIN_DOCUMENT;
  return [
    tagOf(d, 'claim', '=HYPERLINK("http://evil.example")', { status: 'false', claimantId: null }, { note: '@SUM(1+1)' }),
    tagOf(d, 'figure', '+380', { amount: 380, scale: 1, unit: null }),
    tagOf(d, 'figure', '-14 degrees', { amount: -14, scale: 1, unit: '°C' }, { note: '-14' }),
  ];
}

export function sampleSnapshot(): ExportSnapshot {
  return {
    project: { id: PROJECT_ID, name: 'Ukraine talks, “January”', createdAt: TIMES.createdAt },
    documents: [EMOJI_DOCUMENT, PLAIN_DOCUMENT],
    annotations: [...emojiAnnotations(), ...plainAnnotations()],
    actors: [actorOf(BUDANOV_ID, 'Kyrylo Budanov'), actorOf(UMEROV_ID, 'Rustem Umerov')],
    analysts: [{ id: ANALYST_ID, name: 'Ada Analyst' }],
    exportedAt: '2026-02-01T08:00:00.000Z',
  };
}

export const REVIEWER_ID = AnalystIdSchema.parse('b0b0b0b0-0000-4000-8000-00000000000b');

/**
 * The sample with a second analyst and review decisions: the actor tag is Ben's and rejected, the disputed claim
 * accepted (both decided by Ben); the rest undecided.
 */
export function reviewedSnapshot(): ExportSnapshot {
  const base = sampleSnapshot();
  const review = (status: 'accepted' | 'rejected') => ({ status, reviewerId: REVIEWER_ID, reviewedAt: '2026-01-25T12:00:00.000Z', comment: '' });
  const annotations = base.annotations.map((a) => {
    if (a.kind === 'actor') return { ...a, analystId: REVIEWER_ID, review: review('rejected') };
    if (a.kind === 'claim' && a.attributes.status === 'disputed') return { ...a, review: review('accepted') };
    return a;
  });
  return { ...base, annotations, analysts: [...base.analysts, { id: REVIEWER_ID, name: 'Ben Reviewer' }] };
}
