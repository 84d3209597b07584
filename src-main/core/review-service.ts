// Reviewing two analysts' tags side by side: differences, decisions on them, and agreement figures.
import type { ResponseOf, ValidRequestOf } from '../../src-shared/api/contract';
import { type Span } from '../../src-shared/agreement/index';
import { FleissStream } from '../../src-shared/agreement/fleiss-stream';
import { AgreementStream } from '../../src-shared/agreement/stream';
import { ANNOTATION_KINDS, type Annotation, type ReviewStatus } from '../../src-shared/model/annotation';
import { UserError } from '../../src-shared/model/result';
import { compareAnnotationSets, DIFFERENCE_LABELS } from '../../src-shared/review/differences';
import { analystsWithPassages, annotationsForDocument, liveTagSpansOfDocument, type TagSpanRow } from '../store/annotations';
import { allDocumentMetas, documentText } from '../store/documents';
import { allAnalysts } from '../store/project-meta';
import { recordChange, runAction } from './record-change';
import type { ProjectSession } from './session';
import { teammateFile, teammateTags } from './teammate-files';
import { checkpoint } from './operation';

type Pair = ValidRequestOf<'review.compare'>;

function setsOf(session: ProjectSession, request: Pair): { a: Annotation[]; b: Annotation[] } {
  const file = request.teammateFileId ? teammateFile(session, request.teammateFileId) : null;
  if (!file && request.analystA === request.analystB) throw new UserError('invalid_request', 'Choose two different analysts to compare.');
  const known = new Set(allAnalysts(session.db).map((a) => a.id));
  if (!known.has(request.analystA) || (!file && !known.has(request.analystB))) throw new UserError('not_found', 'One of the analysts is not in this project.');
  const meta = allDocumentMetas(session.db).find((d) => d.id === request.documentId);
  if (!meta) throw new UserError('not_found', `There is no document with id ${request.documentId} in this project.`);
  const all = annotationsForDocument(session.db, request.documentId, false);
  const a = all.filter((t) => t.analystId === request.analystA);
  return { a, b: file ? teammateTags(file, request.analystB, meta.sha256, meta.id) : all.filter((t) => t.analystId === request.analystB) };
}

/** Decisions are stored on tags of this project: refused while B's tags are read from a teammate's file. */
function refuseFileDecisions(request: Pair): void {
  if (request.teammateFileId) {
    throw new UserError(
      'project_read_only',
      'A teammate’s file opened for review is read-only: to decide on its tags, merge it into this project first (Merge…), then review the two analysts here.',
    );
  }
}

export function compareForReview(session: ProjectSession, request: Pair): ResponseOf<'review.compare'> {
  const { a, b } = setsOf(session, request);
  return { differences: compareAnnotationSets(a, b), annotations: [...a, ...b] };
}

const STATUSES: Record<ValidRequestOf<'review.decide'>['decision'], [ReviewStatus, ReviewStatus]> = {
  accept_a: ['accepted', 'rejected'],
  accept_b: ['rejected', 'accepted'],
  accept_both: ['accepted', 'accepted'],
  reject_both: ['rejected', 'rejected'],
};

/** Marks the tags of one difference accepted or rejected, as one undoable step recorded in the change log. */
export function decideDifference(session: ProjectSession, request: ValidRequestOf<'review.decide'>): ResponseOf<'review.decide'> {
  refuseFileDecisions(request);
  const { a, b } = setsOf(session, request);
  const difference = compareAnnotationSets(a, b).find((d) => d.key === request.key);
  if (!difference) throw new UserError('not_found', 'That difference no longer exists: the tags changed since the comparison. Compare again.');
  const [statusA, statusB] = STATUSES[request.decision];
  const byId = new Map<string, Annotation>([...a, ...b].map((t) => [t.id, t]));
  const label = `Review: ${request.decision.replace('_', ' ')} (${DIFFERENCE_LABELS[difference.type].toLowerCase()})`;
  return runAction(session, label, (historyId) => {
    const at = session.now();
    const reviewer = session.analystForWriting().id;
    const updated = [...difference.a.map((id) => [id, statusA] as const), ...difference.b.map((id) => [id, statusB] as const)].map(([id, status]) => {
      const tag = byId.get(id) as Annotation;
      const next = { ...tag, updatedAt: at, review: { status, reviewerId: reviewer, reviewedAt: at, comment: request.comment ?? '' } } as Annotation;
      recordChange(session, { type: 'annotation', value: next }, 'edit', historyId);
      return next;
    });
    return { annotations: updated };
  });
}

/** Accepts both sides of every agreed difference that is not decided yet; returns how many agreements. */
export function acceptAgreed(session: ProjectSession, request: Pair): ResponseOf<'review.acceptAgreed'> {
  refuseFileDecisions(request);
  const { a, b } = setsOf(session, request);
  const byId = new Map<string, Annotation>([...a, ...b].map((t) => [t.id, t]));
  const open = compareAnnotationSets(a, b).filter((d) => d.type === 'agreed' && [...d.a, ...d.b].some((id) => byId.get(id)?.review?.status !== 'accepted'));
  const ids = open.flatMap((d) => [...d.a, ...d.b]).filter((id) => byId.get(id)?.review?.status !== 'accepted');
  if (open.length === 0) return { accepted: 0 };
  return runAction(session, `Review: accept ${open.length} agreed ${open.length === 1 ? 'passage' : 'passages'}`, (historyId) => {
    const at = session.now();
    const reviewer = session.analystForWriting().id;
    for (const id of ids) {
      const tag = byId.get(id) as Annotation;
      recordChange(session, { type: 'annotation', value: { ...tag, updatedAt: at, review: { status: 'accepted', reviewerId: reviewer, reviewedAt: at, comment: '' } } as Annotation }, 'edit', historyId);
    }
    return { accepted: open.length };
  });
}

/** One analyst's tags on a document as agreement reads them: the passages, and how many tags in all (with those on no passage). */
interface RaterTags {
  spans: Span[];
  tags: number;
}

function raterTags(tags: readonly { kind: string; start: number | null; end: number | null }[]): RaterTags {
  const spans: Span[] = [];
  for (const t of tags) if (t.start !== null && t.end !== null) spans.push({ start: t.start, end: t.end, kind: t.kind });
  return { spans, tags: tags.length };
}

/**
 * Agreement of two analysts' tags: on one document, or on the whole project, where the documents' texts are laid
 * end to end as one continuum (and each document also gets its own figures). With a teammate's file, B's tags come
 * from the file, and the whole project means the articles both files hold.
 *
 * Fleiss' κ is added when more than two analysts tagged the same document: on a document, over every analyst of
 * this project who tagged it (A and B among them); for the whole project, over the documents that every analyst
 * tagging in the project tagged, so that each word has the same number of raters. The other figures stay those
 * of A and B.
 */
export async function computeAgreement(session: ProjectSession, request: ValidRequestOf<'agreement.compute'>): Promise<ResponseOf<'agreement.compute'>> {
  const file = request.teammateFileId ? teammateFile(session, request.teammateFileId) : null;
  if (file && !file.analysts.some((a) => a.id === request.analystB)) throw new UserError('not_found', `The analyst is not in “${file.fileName}”.`);
  let metas = request.documentId ? allDocumentMetas(session.db).filter((d) => d.id === request.documentId) : allDocumentMetas(session.db);
  if (request.documentId && metas.length === 0) throw new UserError('not_found', `There is no document with id ${request.documentId} in this project.`);
  if (file && !request.documentId) metas = metas.filter((d) => file.documentHashes.has(d.sha256));
  const kinds = [...ANNOTATION_KINDS];
  const others = file ? [] : allAnalysts(session.db).map((a) => a.id as string).filter((id) => id !== request.analystA && id !== request.analystB);
  const documents: ResponseOf<'agreement.compute'>['documents'] = [];
  // The raters of Fleiss' κ for the whole: every other analyst with a passage tagged in a document in scope; the
  // documents: those where A, B and all of them tagged passages.
  const tagging = others.length > 0 ? analystsWithPassages(session.db, request.documentId) : new Set<string>();
  const raters = others.filter((id) => tagging.has(id));
  const wholeFleiss = raters.length > 0 ? new FleissStream(kinds, 2 + raters.length) : null;
  let fleissDocuments = 0;
  // Document by document: only the counts behind the figures outlive a document.
  const whole = new AgreementStream(kinds);
  for (const [index, meta] of metas.entries()) {
    await checkpoint(index, metas.length + 1, 'The agreement was not computed: cancelled.');
    const text = documentText(session.db, meta.id) ?? '';
    const rowsByAnalyst = new Map<string, TagSpanRow[]>();
    for (const row of liveTagSpansOfDocument(session.db, meta.id)) {
      const list = rowsByAnalyst.get(row.analystId);
      if (list) list.push(row);
      else rowsByAnalyst.set(row.analystId, [row]);
    }
    const a = raterTags(rowsByAnalyst.get(request.analystA) ?? []);
    const b = file
      ? raterTags(teammateTags(file, request.analystB, meta.sha256, meta.id).map((t) => ({ kind: t.kind, start: t.target?.start ?? null, end: t.target?.end ?? null })))
      : raterTags(rowsByAnalyst.get(request.analystB) ?? []);
    const byAnalyst = new Map(others.map((id) => [id, raterTags(rowsByAnalyst.get(id) ?? []).spans] as const).filter(([, spans]) => spans.length > 0));
    const everyone = a.spans.length > 0 && b.spans.length > 0;
    if (wholeFleiss && everyone && raters.every((id) => byAnalyst.has(id))) {
      wholeFleiss.add(text, [a.spans, b.spans, ...raters.map((id) => byAnalyst.get(id) ?? [])]);
      fleissDocuments++;
    }
    // One measure of the document (its word units, coverage and matches) serves its own figures and the whole's.
    const counts = whole.measure(text, a.spans, b.spans);
    if (!request.documentId && (a.tags > 0 || b.tags > 0)) {
      const own = new AgreementStream(kinds);
      own.addCounts(counts);
      let fleiss: number | null | undefined;
      if (everyone && byAnalyst.size > 0) {
        const ownFleiss = new FleissStream(kinds, 2 + byAnalyst.size);
        ownFleiss.add(text, [a.spans, b.spans, ...byAnalyst.values()]);
        fleiss = ownFleiss.fleissKappa().overall;
      }
      documents.push({ id: meta.id, title: meta.title, overall: withFleiss(own.overall(), fleiss) });
    }
    whole.addCounts(counts);
  }
  const report = whole.report();
  const fleiss = wholeFleiss && fleissDocuments > 0 ? wholeFleiss.fleissKappa() : undefined;
  return {
    overall: withFleiss(report.overall, fleiss?.overall),
    byKind: Object.fromEntries(Object.entries(report.byKind).map(([kind, figures]) => [kind, withFleiss(figures, fleiss?.byKind[kind])])),
    documents,
  };
}

type Figures = ResponseOf<'agreement.compute'>['overall'];

/** The figures with Fleiss' κ added, unless there is none (undefined). */
function withFleiss(figures: Figures, fleissKappa: number | null | undefined): Figures {
  return fleissKappa === undefined ? figures : { ...figures, fleissKappa };
}
