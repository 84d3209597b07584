// Checks importing annotations into a project: our W3C and QDPX exports round-trip who, when, which tag and what; a second import adds nothing; newer versions win; files cannot speak for local analysts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../src-shared/model/annotation';
import { allActors } from '../../store/actors';
import { allAnnotations } from '../../store/annotations';
import { allAnalysts, insertAnalyst } from '../../store/project-meta';
import { newTestProject, type TestProject } from '../../test-support/project-fixture';
import type { AnalystId } from '../../../src-shared/model/ids';

const ARTICLE = '004_27bf8040a9b2cbc5.txt';
const FIXTURES = join(import.meta.dirname, 'fixtures');

const projects: TestProject[] = [];
afterEach(() => projects.splice(0).forEach((p) => p.close()));
function project(analyst = 'Importer'): TestProject {
  const made = newTestProject(analyst);
  projects.push(made);
  return made;
}

async function rangeOf(p: TestProject, documentId: string, quote: string): Promise<{ start: number; end: number }> {
  const { text } = await p.call('document.get', { id: documentId });
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`“${quote}” is not in the article`);
  return { start, end: start + quote.length };
}

/** A project where Ada and Ben each tagged the sample article (claims with status and claimant, a figure, actors, a warning). */
async function taggedByTwo(): Promise<{ source: TestProject; documentId: string }> {
  const source = project('Ada');
  const { id: documentId } = await source.importSample(ARTICLE);
  const { id: witkoff } = await source.call('actor.create', { name: 'Steve Witkoff', kind: 'person' });
  await source.call('annotation.create', {
    documentId,
    kind: 'claim',
    target: await rangeOf(source, documentId, 'did not formally return to office'),
    attributes: { status: 'disputed', claimantId: witkoff },
    note: 'Ada checked this',
  });
  await source.call('annotation.create', { documentId, kind: 'reliability_warning', target: null, attributes: { category: 'outdated_role', severity: 'high' } });
  source.session.setAnalystName('Ben');
  await source.call('annotation.create', { documentId, kind: 'claim', target: await rangeOf(source, documentId, 'did not formally return to office'), attributes: { status: 'false' } });
  await source.call('annotation.create', { documentId, kind: 'actor', target: await rangeOf(source, documentId, 'Steve Witkoff'), attributes: { actorId: witkoff } });
  return { source, documentId };
}

/** A tag as it must survive an exchange: id, analyst, times, place, attributes (actors by name) and note. */
function essentials(p: TestProject): unknown[] {
  const actorName = new Map(allActors(p.session.db, true).map((a) => [a.id as string, a.name]));
  const analystName = new Map(allAnalysts(p.session.db).map((a) => [a.id as string, a.name]));
  return allAnnotations(p.session.db)
    .filter((a) => a.deletedAt === null)
    .map((a: Annotation) => ({
      id: a.id,
      analyst: [a.analystId, analystName.get(a.analystId)],
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
      kind: a.kind,
      target: a.target,
      attributes: Object.fromEntries(Object.entries(a.attributes).map(([k, v]) => [k, typeof v === 'string' && actorName.has(v) ? actorName.get(v) : v])),
      note: a.note,
    }))
    .sort((x, y) => x.id.localeCompare(y.id));
}

async function exportedFile(p: TestProject, format: 'w3c' | 'qdpx'): Promise<Buffer> {
  const { files } = await p.call('export.project', { format });
  return Buffer.from(files[0]!.contentBase64, 'base64');
}

async function historyLength(p: TestProject): Promise<number> {
  let n = 0;
  while ((await p.call('history.undo', {})).undone !== null) n++;
  for (let i = 0; i < n; i++) await p.call('history.redo', {});
  return n;
}

describe.each(['w3c', 'qdpx'] as const)('%s export → import into a fresh project, two analysts', (format) => {
  it('keeps every tag’s id, analyst, times and attributes; a second import adds nothing; the import is one undo step', async () => {
    const { source } = await taggedByTwo();
    const content = await exportedFile(source, format);
    const fresh = project('Importer');
    if (format === 'w3c') await fresh.importSample(ARTICLE); // QDPX brings its sources; W3C names documents by hash
    const first = await fresh.call('annotation.importFile', { format, fileName: `tags.${format}`, content: content });
    expect(first).toMatchObject({ imported: 4, updated: 0, unchanged: 0, notImported: [] });
    expect(essentials(fresh)).toEqual(essentials(source));
    const analysts = (p: TestProject) => allAnalysts(p.session.db).filter((a) => a.name !== 'Importer');
    expect(analysts(fresh)).toEqual(analysts(source));
    expect(first.analystsAdded.map((a) => a.name).sort()).toEqual(['Ada', 'Ben']);

    const second = await fresh.call('annotation.importFile', { format, fileName: `tags.${format}`, content: content });
    expect(second).toMatchObject({ imported: 0, updated: 0, unchanged: 4, documentsCreated: 0, analystsAdded: [] });
    expect(essentials(fresh)).toEqual(essentials(source));
    expect(await historyLength(fresh)).toBe(1);
  });
});

describe('tags that are already in the project', () => {
  it('are replaced only by a newer version from the file, and that is reported', async () => {
    const { source } = await taggedByTwo();
    const older = await exportedFile(source, 'w3c');
    const ben = allAnnotations(source.session.db).find((a) => a.kind === 'claim' && a.attributes.status === 'false')!;
    await source.call('annotation.update', { id: ben.id, attributes: { status: 'supported' }, note: 'Ben changed his mind' });
    const newer = await exportedFile(source, 'w3c');

    const fresh = project('Importer');
    await fresh.importSample(ARTICLE);
    await fresh.call('annotation.importFile', { format: 'w3c', fileName: 'newer.jsonld', content: newer });
    const stale = await fresh.call('annotation.importFile', { format: 'w3c', fileName: 'older.jsonld', content: older });
    expect(stale).toMatchObject({ imported: 0, updated: 0, unchanged: 4 });
    expect(essentials(fresh)).toEqual(essentials(source));

    const other = project('Importer');
    await other.importSample(ARTICLE);
    await other.call('annotation.importFile', { format: 'w3c', fileName: 'older.jsonld', content: older });
    const update = await other.call('annotation.importFile', { format: 'w3c', fileName: 'newer.jsonld', content: newer });
    expect(update).toMatchObject({ imported: 0, updated: 1, unchanged: 3 });
    expect(essentials(other)).toEqual(essentials(source));
  });

  it('keep a time from the future out: it is set to the import time and counted', async () => {
    const { source } = await taggedByTwo();
    const file = JSON.parse((await exportedFile(source, 'w3c')).toString('utf8')) as { first: { items: { modified: string }[] } };
    file.first.items[0]!.modified = '2099-01-01T00:00:00.000Z';
    const fresh = project('Importer');
    await fresh.importSample(ARTICLE);
    const report = await fresh.call('annotation.importFile', { format: 'w3c', fileName: 'x.jsonld', content: Buffer.from(JSON.stringify(file)) });
    expect(report.futureTimesClamped).toBe(1);
    expect(allAnnotations(fresh.session.db).every((a) => a.updatedAt < '2099')).toBe(true);
  });
});

describe('analysts of imported tags', () => {
  it('a creator whose id is a local analyst of another name becomes a different analyst; the local one keeps only their own tags', async () => {
    const { source } = await taggedByTwo();
    const ada = allAnalysts(source.session.db).find((a) => a.name === 'Ada')!;
    const fresh = project('Mallory');
    await fresh.importSample(ARTICLE);
    insertAnalyst(fresh.session.db, { id: ada.id, name: 'Zoë', createdAt: '2026-01-01T00:00:00.000Z' });
    await fresh.call('annotation.importFile', { format: 'w3c', fileName: 'x.jsonld', content: await exportedFile(source, 'w3c') });
    const analysts = allAnalysts(fresh.session.db);
    const importedAda = analysts.find((a) => a.name === 'Ada')!;
    expect(importedAda.id).not.toBe(ada.id);
    expect(analysts.find((a) => a.id === ada.id)?.name).toBe('Zoë');
    const tags = allAnnotations(fresh.session.db);
    expect(tags.filter((a) => a.analystId === ada.id)).toEqual([]);
    expect(tags.filter((a) => a.analystId === importedAda.id)).toHaveLength(2);
  });

  it('--analyst (the session’s analyst) is the author only of annotations that name no creator', async () => {
    const fresh = project('Importer');
    await fresh.importSample(ARTICLE);
    const target = (exact: string) => ({ source: 'https://example.org/a', selector: { type: 'TextQuoteSelector', exact } });
    const annotations = [
      { type: 'Annotation', id: 'https://example.org/anno/1', body: { type: 'TextualBody', purpose: 'tagging', value: 'claim' }, target: target('did not formally return to office') },
      {
        type: 'Annotation',
        id: 'https://example.org/anno/2',
        creator: 'https://example.org/users/bea',
        body: { type: 'TextualBody', purpose: 'tagging', value: 'actor' },
        target: target('Steve Witkoff'),
      },
    ];
    const report = await fresh.call('annotation.importFile', { format: 'w3c', fileName: 'x.json', content: Buffer.from(JSON.stringify(annotations)) });
    expect(report.imported).toBe(2);
    const name = new Map(allAnalysts(fresh.session.db).map((a) => [a.id, a.name]));
    const byKind = Object.fromEntries(allAnnotations(fresh.session.db).map((a) => [a.kind, name.get(a.analystId as AnalystId)]));
    expect(byKind).toEqual({ claim: 'Importer', actor: 'bea' });
  });

  it('names from a file reach the registry without control or bidirectional-override characters', async () => {
    const fresh = project('Importer');
    await fresh.importSample(ARTICLE);
    const annotation = {
      type: 'Annotation',
      id: 'https://example.org/anno/9',
      creator: { id: 'https://example.org/users/9', name: 'Eve\u202e\u0007 Admin' },
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: 'actor' },
        { type: 'TextualBody', purpose: 'identifying', value: 'Steve\u202e Witkoff\u0000' },
      ],
      target: { source: 'https://example.org/a', selector: { type: 'TextQuoteSelector', exact: 'Steve Witkoff' } },
    };
    const report = await fresh.call('annotation.importFile', { format: 'w3c', fileName: 'x.json', content: Buffer.from(JSON.stringify([annotation])) });
    expect(report.imported).toBe(1);
    expect(allActors(fresh.session.db, false).map((a) => a.name)).toEqual(['Steve Witkoff']);
    expect(report.analystsAdded.map((a) => a.name)).toEqual(['Eve Admin']);
  });
});

/** A REFI-QDA project as QualCoder writes it back: one selection per code, so a claim and its status are two selections. */
function qualCoderStyle(text: string, spans: { start: number; end: number }[]): Uint8Array {
  const codes = `<Codes>
    <Code guid="c0000000-0000-4000-8000-000000000001" name="Claim" isCodable="true">
      <Code guid="c0000000-0000-4000-8000-000000000002" name="disputed" isCodable="true"/>
      <Code guid="c0000000-0000-4000-8000-000000000003" name="false" isCodable="true"/>
    </Code>
    <Code guid="c0000000-0000-4000-8000-000000000004" name="Reliability warning" isCodable="true">
      <Code guid="c0000000-0000-4000-8000-000000000005" name="Factual error" isCodable="true"/>
    </Code></Codes>`;
  // Selection 7 names its user only on its <Coding>, as some tools write it.
  const selection = (n: number, span: { start: number; end: number }, user: string, code: string) =>
    `<PlainTextSelection guid="b0000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}" startPosition="${span.start}" endPosition="${span.end}"${n === 7 ? '' : ` creatingUser="${user}"`} creationDateTime="2026-01-20T10:00:0${n % 10}Z">
      <Coding guid="d0000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}" creatingUser="${user}"><CodeRef targetGUID="${code}"/></Coding></PlainTextSelection>`;
  const [a, b] = spans;
  const ANNA = 'a0000000-0000-4000-8000-000000000001';
  const BEN = 'a0000000-0000-4000-8000-000000000002';
  const selections = [
    selection(1, a!, ANNA, 'c0000000-0000-4000-8000-000000000001'),
    selection(2, a!, ANNA, 'c0000000-0000-4000-8000-000000000002'),
    selection(3, a!, ANNA, 'c0000000-0000-4000-8000-000000000001'), // written twice: an exact duplicate
    selection(4, a!, BEN, 'c0000000-0000-4000-8000-000000000001'),
    selection(5, a!, BEN, 'c0000000-0000-4000-8000-000000000003'),
    selection(6, b!, ANNA, 'c0000000-0000-4000-8000-000000000005'),
    selection(7, b!, ANNA, 'c0000000-0000-4000-8000-000000000004'),
  ].join('\n');
  const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="QualCoder export" origin="QualCoder 3.6">
  <Users><User guid="${ANNA}" name="Anna"/><User guid="${BEN}" name="Ben"/></Users>
  <CodeBook>${codes}</CodeBook>
  <Sources><TextSource guid="50000000-0000-4000-8000-000000000001" name="article.txt" plainTextPath="internal://50000000-0000-4000-8000-000000000001.txt">
${selections}
  </TextSource></Sources>
</Project>`;
  return zipSync({ 'project.qde': strToU8(qde), 'sources/50000000-0000-4000-8000-000000000001.txt': strToU8(text) });
}

describe('a QualCoder-style REFI-QDA file (one selection per code)', () => {
  it('gives one tag per span, user and kind, with the sub-codes as its attributes', async () => {
    const fresh = project('Importer');
    const document = await fresh.importSample(ARTICLE);
    const { text } = await fresh.call('document.get', { id: document.id });
    const codePoints = (r: { start: number; end: number }) => ({ start: [...text.slice(0, r.start)].length, end: [...text.slice(0, r.end)].length });
    const claim = await rangeOf(fresh, document.id, 'did not formally return to office');
    const warning = await rangeOf(fresh, document.id, 'Steve Witkoff');
    const bytes = qualCoderStyle(text, [codePoints(claim), codePoints(warning)]);
    const report = await fresh.call('annotation.importFile', { format: 'qdpx', fileName: 'qualcoder.qdpx', content: Buffer.from(bytes) });
    expect(report).toMatchObject({ imported: 3, documentsCreated: 0, notImported: [] });
    const name = new Map(allAnalysts(fresh.session.db).map((a) => [a.id, a.name]));
    const tags = allAnnotations(fresh.session.db).map((a) => ({
      analyst: name.get(a.analystId as AnalystId),
      kind: a.kind,
      quote: a.target?.exact,
      status: 'status' in a.attributes ? a.attributes.status : undefined,
      category: 'category' in a.attributes ? a.attributes.category : undefined,
      createdAt: a.createdAt,
    }));
    expect(tags.sort((x, y) => `${x.analyst}${x.kind}`.localeCompare(`${y.analyst}${y.kind}`))).toEqual([
      { analyst: 'Anna', kind: 'claim', quote: 'did not formally return to office', status: 'disputed', category: undefined, createdAt: '2026-01-20T10:00:01.000Z' },
      { analyst: 'Anna', kind: 'reliability_warning', quote: 'Steve Witkoff', status: undefined, category: 'factual_error', createdAt: '2026-01-20T10:00:06.000Z' },
      { analyst: 'Ben', kind: 'claim', quote: 'did not formally return to office', status: 'false', category: undefined, createdAt: '2026-01-20T10:00:04.000Z' },
    ]);
    const again = await fresh.call('annotation.importFile', { format: 'qdpx', fileName: 'qualcoder.qdpx', content: Buffer.from(bytes) });
    expect(again).toMatchObject({ imported: 0, unchanged: 3 });
  });
});

describe('a Hypothesis export', () => {
  const exported = readFileSync(join(FIXTURES, 'hypothesis-export.json'));
  const article = readFileSync(join(FIXTURES, 'hypothesis-article.txt'), 'utf8');

  it('whose page title carries the site’s name anchors its quotes in the article of that title, its user as the analyst', async () => {
    const fresh = project('Importer');
    // Two copies of the article: the quotes are in both, only the title (without “ | News Example”) tells them apart.
    const { document } = await fresh.call('document.import', { source: { type: 'text', text: article, title: 'Kyiv without heating' } });
    await fresh.call('document.import', { source: { type: 'text', text: `${article}\nUpdated.`, title: 'Kyiv without heating (copy)' } });
    const report = await fresh.call('annotation.importFile', { format: 'w3c', fileName: 'hypothesis.json', content: exported });
    expect(report.orphaned).toEqual({ noDocument: 0, passageNotFound: 0 });
    expect(report.imported).toBe(5);
    const tags = allAnnotations(fresh.session.db);
    expect(tags).toHaveLength(report.imported);
    expect(tags.every((a) => a.documentId === document.id)).toBe(true);
    expect(allAnalysts(fresh.session.db).filter((a) => tags.some((t) => t.analystId === a.id)).map((a) => a.name)).toEqual(['Ada Checks']);
    const again = await fresh.call('annotation.importFile', { format: 'w3c', fileName: 'hypothesis.json', content: exported });
    expect(again).toMatchObject({ imported: 0, unchanged: report.imported });
  });

  it('anchors by where its quotes occur when no title matches, or in the document --document names', async () => {
    const fresh = project('Importer');
    const { document } = await fresh.call('document.import', { source: { type: 'text', text: article, title: 'Heating article' } });
    await fresh.call('document.import', { source: { type: 'text', text: 'Another article altogether.', title: 'Other' } });
    const byQuotes = await fresh.call('annotation.importFile', { format: 'w3c', fileName: 'h.json', content: exported });
    expect(byQuotes.orphaned.noDocument).toBe(0);
    expect(allAnnotations(fresh.session.db).every((a) => a.documentId === document.id)).toBe(true);

    const named = project('Importer');
    await named.call('document.import', { source: { type: 'text', text: article, title: 'Heating article' } });
    const wrong = await named.call('document.import', { source: { type: 'text', text: 'Another article altogether.', title: 'Other' } });
    const report = await named.call('annotation.importFile', { format: 'w3c', fileName: 'h.json', content: exported, documentId: wrong.document.id });
    // Only the warning about the whole page applies to a document without the quotes.
    expect(allAnnotations(named.session.db).map((a) => a.target)).toEqual([null]);
    expect(report.orphaned.passageNotFound).toBe(byQuotes.imported - 1);
  });
});
