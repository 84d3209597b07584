// The sample project a first start opens: the five sample articles with example tags of every kind, made through the contract.
import { isWordBoundary } from '../../src-shared/text/segment';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Method, RequestOf, ResponseOf } from '../../src-shared/api/contract';
import type { ActorKind } from '../../src-shared/model/actor';
import type { ClaimStatus, WarningCategory, WarningSeverity } from '../../src-shared/model/annotation';
import { UserError } from '../../src-shared/model/result';
import { createProjectApi, type ProjectApi } from './handlers';
import { createProject } from './session';

export const SAMPLE_PROJECT_NAME = 'Sample: Ukraine peace talks, January 2026';

type ActorKey = 'budanov' | 'zelensky' | 'witkoff' | 'trump' | 'harris';

const SAMPLE_ACTORS: ReadonlyArray<{ key: ActorKey; name: string; kind: ActorKind; aliases: string[] }> = [
  { key: 'budanov', name: 'Kyrylo Budanov', kind: 'person', aliases: ['Kirill Budanov'] },
  { key: 'zelensky', name: 'Volodymyr Zelensky', kind: 'person', aliases: ['Volodymyr Zelenskyy', 'Zelenskyy'] },
  { key: 'witkoff', name: 'Steve Witkoff', kind: 'person', aliases: ['Witkoff'] },
  { key: 'trump', name: 'Donald Trump', kind: 'person', aliases: ['Donald J. Trump'] },
  { key: 'harris', name: 'Kamala Harris', kind: 'person', aliases: [] },
];

/** Where a sample tag goes: a phrase in the named file (or, without one, the first article that holds it). */
interface Placement {
  file?: string;
  quote: string;
  note?: string;
}

type SampleTag =
  | (Placement & { kind: 'actor'; actor: ActorKey })
  | (Placement & { kind: 'claim'; status: ClaimStatus; claimant: ActorKey | null })
  | (Placement & { kind: 'figure' })
  | (Placement & { kind: 'reliability_warning'; severity: WarningSeverity; category: WarningCategory; correction: string })
  | { kind: 'document_warning'; file: string; severity: WarningSeverity; category: WarningCategory; correction: string; note?: string };

const AI_PASTICHE = '003_756f07eddf996290.txt';
const DAVOS_PAPER = '004_27bf8040a9b2cbc5.txt';

const SAMPLE_TAGS: readonly SampleTag[] = [
  { kind: 'actor', file: '000_734da4ab211b7c49.txt', quote: 'Kyrylo Budanov', actor: 'budanov' },
  { kind: 'actor', file: '001_53db5d5361afbcfc.txt', quote: 'Kirill Budanov', actor: 'budanov', note: 'Russian spelling of the same name: registered as an alias.' },
  { kind: 'actor', file: '001_53db5d5361afbcfc.txt', quote: 'Steve Witkoff', actor: 'witkoff' },
  { kind: 'actor', file: '002_1d2e21283015eb8c.txt', quote: 'Volodymyr Zelensky', actor: 'zelensky' },
  { kind: 'actor', file: DAVOS_PAPER, quote: 'Volodymyr Zelenskyy', actor: 'zelensky' },
  { kind: 'actor', file: DAVOS_PAPER, quote: 'Donald J. Trump', actor: 'trump' },
  { kind: 'actor', file: DAVOS_PAPER, quote: 'Kamala Harris', actor: 'harris' },
  { kind: 'claim', file: AI_PASTICHE, quote: 'negotiations "down to one issue"', status: 'unverified', claimant: 'witkoff' },
  { kind: 'claim', file: AI_PASTICHE, quote: 'the US security agreement is "100% ready" for signing', status: 'unverified', claimant: 'zelensky' },
  { kind: 'claim', file: '001_53db5d5361afbcfc.txt', quote: 'a post-war recovery and prosperity plan with a scale of up to 8000 billion dollars', status: 'disputed', claimant: null, note: 'The other articles in this set put the package at $800 billion.' },
  { kind: 'claim', file: DAVOS_PAPER, quote: 'launched on February 24, 2022', status: 'supported', claimant: null },
  { kind: 'claim', file: DAVOS_PAPER, quote: 'Trump did not formally return to office in January 2025', status: 'false', claimant: null },
  { kind: 'figure', quote: '$800 billion' },
  { kind: 'figure', quote: '15,000 troops' },
  { kind: 'figure', quote: '-14 degrees Celsius' },
  { kind: 'figure', file: '001_53db5d5361afbcfc.txt', quote: '8000 billion dollars' },
  { kind: 'figure', file: DAVOS_PAPER, quote: '24 hours' },
  {
    kind: 'reliability_warning', file: DAVOS_PAPER, quote: 'did not formally return to office', severity: 'high', category: 'factual_error',
    correction: 'Donald Trump was sworn in for his second term as U.S. President on 20 January 2025; in January 2026 he is the sitting president, so his envoys act for the U.S. government.',
  },
  {
    kind: 'reliability_warning', file: DAVOS_PAPER, quote: 'former U.S. President Donald J. Trump', severity: 'medium', category: 'outdated_role',
    correction: 'Trump has been the sitting U.S. President since 20 January 2025.',
  },
  {
    kind: 'reliability_warning', file: '001_53db5d5361afbcfc.txt', quote: '8000 billion dollars', severity: 'medium', category: 'factual_error',
    correction: 'The other reports give $800 billion; “8000 billion” (8 trillion) looks like a translation or typing error.',
  },
  {
    kind: 'document_warning', file: AI_PASTICHE, severity: 'high', category: 'ai_generated',
    correction: 'The page mixes news summaries with generated content — its “Voices from History” quote is labelled “Fictional AI pastiche — not real quote”. Check every quote and date against a primary source before using it.',
  },
];

/** What the sample holds once made; `skipped` names tags whose phrase was not found in the articles. */
export interface SampleProjectSummary {
  documents: number;
  actors: number;
  tags: number;
  skipped: string[];
}

interface SampleDocument {
  id: string;
  fileName: string;
  text: string;
}

async function call<M extends Method>(api: ProjectApi, method: M, request: RequestOf<M>): Promise<ResponseOf<M>> {
  const result = await api.call(method, request);
  if (!result.ok) throw new UserError(result.error.code, `The sample project could not be made (${method}): ${result.error.message}`);
  return result.value as ResponseOf<M>;
}

/** The first occurrence of `quote` that does not start or end inside a word ("Zelensky" must not match "Zelenskyy"). */
export function findWholePhrase(text: string, quote: string): number {
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
    if (isWordBoundary(text, at) && isWordBoundary(text, at + quote.length)) return at;
  }
  return -1;
}

async function importArticles(api: ProjectApi, sampleDir: string): Promise<SampleDocument[]> {
  const fileNames = readdirSync(sampleDir).filter((name) => name.toLowerCase().endsWith('.txt')).sort();
  const documents: SampleDocument[] = [];
  for (const fileName of fileNames) {
    const content = readFileSync(join(sampleDir, fileName));
    const { document } = await call(api, 'document.import', { source: { type: 'file', fileName, content } });
    const { text } = await call(api, 'document.get', { id: document.id });
    documents.push({ id: document.id, fileName, text });
  }
  return documents;
}

function locate(documents: readonly SampleDocument[], placement: Placement): { documentId: string; start: number; end: number } | null {
  const candidates = placement.file ? documents.filter((d) => d.fileName === placement.file) : documents;
  for (const document of candidates) {
    const start = findWholePhrase(document.text, placement.quote);
    if (start !== -1) return { documentId: document.id, start, end: start + placement.quote.length };
  }
  return null;
}

/** The contract request that creates one sample tag, or null when its article or phrase is missing. */
function requestFor(tag: SampleTag, documents: readonly SampleDocument[], actorIds: ReadonlyMap<ActorKey, string>): RequestOf<'annotation.create'> | null {
  if (tag.kind === 'document_warning') {
    const document = documents.find((d) => d.fileName === tag.file);
    if (!document) return null;
    const attributes = { severity: tag.severity, category: tag.category, correction: tag.correction };
    return { documentId: document.id, kind: 'reliability_warning', target: null, attributes, note: tag.note };
  }
  const place = locate(documents, tag);
  if (!place) return null;
  const base = { documentId: place.documentId, target: { start: place.start, end: place.end }, note: tag.note };
  switch (tag.kind) {
    case 'actor':
      return { ...base, kind: 'actor', attributes: { actorId: actorIds.get(tag.actor) ?? null } };
    case 'claim':
      return { ...base, kind: 'claim', attributes: { status: tag.status, claimantId: tag.claimant ? (actorIds.get(tag.claimant) ?? null) : null } };
    case 'figure':
      // The core prefills amount, scale and unit from the quote.
      return { ...base, kind: 'figure' };
    case 'reliability_warning':
      return { ...base, kind: 'reliability_warning', attributes: { severity: tag.severity, category: tag.category, correction: tag.correction } };
  }
}

async function fillSample(api: ProjectApi, sampleDir: string): Promise<SampleProjectSummary> {
  const documents = await importArticles(api, sampleDir);
  const actorIds = new Map<ActorKey, string>();
  for (const actor of SAMPLE_ACTORS) {
    const created = await call(api, 'actor.create', { name: actor.name, kind: actor.kind, aliases: actor.aliases });
    actorIds.set(actor.key, created.id);
  }
  const summary: SampleProjectSummary = { documents: documents.length, actors: actorIds.size, tags: 0, skipped: [] };
  for (const tag of SAMPLE_TAGS) {
    const request = requestFor(tag, documents, actorIds);
    if (!request) {
      summary.skipped.push(tag.kind === 'document_warning' ? `document warning on ${tag.file}` : `${tag.kind} “${tag.quote}”`);
      continue;
    }
    await call(api, 'annotation.create', request);
    summary.tags += 1;
  }
  return summary;
}

function removeProjectFiles(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) rmSync(file, { force: true });
}

/**
 * Creates the sample project at `path` (which must not exist yet): imports every .txt article in `sampleDir`,
 * registers a few actors with their other spellings and adds example tags of every kind, all written as
 * `analystName` through the contract. A tag whose phrase is not in the articles is skipped, not an error.
 * On failure nothing is left at `path`.
 *
 * Note: each example is its own step in the project's persisted undo history, so "Undo" in a fresh sample
 * removes the examples one by one (newest first) and "Redo" brings them back. Hiding them from undo would
 * need a store function that marks the history as a baseline.
 */
export async function createSampleProject(path: string, analystName: string, sampleDir: string): Promise<SampleProjectSummary> {
  if (!existsSync(sampleDir)) throw new Error(`The sample articles are missing: ${sampleDir} does not exist.`);
  const session = createProject(path, SAMPLE_PROJECT_NAME, { analystName });
  try {
    const summary = await fillSample(createProjectApi(session), sampleDir);
    session.close();
    return summary;
  } catch (error) {
    session.close();
    removeProjectFiles(path);
    throw error;
  }
}
