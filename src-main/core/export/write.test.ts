// Checks that `export.write` (files written in chunks, one document at a time) gives exactly the files `export.project` builds in memory.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RequestOf } from '../../../src-shared/api/contract';
import type { DocumentId } from '../../../src-shared/model/ids';
import { newTestProject, type TestProject } from '../../test-support/project-fixture';
import { EMOJI_TEXT, PLAIN_TEXT } from './snapshot-fixture';

let project: TestProject;
let first: DocumentId;

beforeEach(async () => {
  project = newTestProject('Ada');
  const imported = [];
  for (const [title, text] of [
    ['Ukraine talks 🇺🇦', EMOJI_TEXT],
    ['CON', PLAIN_TEXT],
    ['CON', `${PLAIN_TEXT}\nA second article of the same name.`],
    ['Untagged', 'Nothing here was tagged.'],
  ] as const) {
    imported.push((await project.call('document.import', { source: { type: 'text', text, title } })).document);
  }
  const [emoji, plain] = imported;
  first = emoji!.id;
  const range = (text: string, quote: string) => ({ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });
  const umerov = await project.call('actor.create', { name: 'Rustem Umerov', kind: 'person' });
  const emojiText = (await project.call('document.get', { id: emoji!.id })).text;
  const plainText = (await project.call('document.get', { id: plain!.id })).text;
  await project.call('annotation.create', { documentId: emoji!.id, kind: 'figure', target: range(emojiText, '$800 billion'), attributes: { amount: 800, scale: 1e9, unit: 'USD' } });
  await project.call('annotation.create', {
    documentId: emoji!.id,
    kind: 'claim',
    target: range(emojiText, 'Kyrylo Budanov “did not formally return to office”'),
    attributes: { status: 'disputed', claimantId: umerov.id },
    note: 'Line one\nline two, with "quotes"',
  });
  await project.call('annotation.create', { documentId: emoji!.id, kind: 'actor', target: range(emojiText, 'Rustem Umerov'), attributes: { actorId: umerov.id } });
  await project.call('annotation.create', { documentId: emoji!.id, kind: 'reliability_warning', target: null, attributes: { severity: 'high', category: 'unsourced', correction: '' } });
  await project.call('annotation.create', { documentId: plain!.id, kind: 'claim', target: range(plainText, '=HYPERLINK("http://evil.example")') });
  const deleted = await project.call('annotation.create', { documentId: plain!.id, kind: 'actor', target: range(plainText, '@mention') });
  await project.call('annotation.delete', { id: deleted.id });
  project.session.setAnalystName('Ben');
  await project.call('annotation.create', { documentId: emoji!.id, kind: 'claim', target: range(emojiText, 'Kyrylo Budanov “did not formally return to office”') });
  await project.call('annotation.create', { documentId: plain!.id, kind: 'figure', target: range(plainText, '-14'), attributes: { amount: -14, scale: 1, unit: 'degrees' } });
});
afterEach(() => project.close());

/** Both ways of exporting, as path, media type and bytes; the clock stands still so both carry one export time. */
async function bothWays(request: RequestOf<'export.write'>) {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-02-01T10:00:00.000Z') });
  try {
    return await exportBothWays(request);
  } finally {
    vi.useRealTimers();
  }
}

async function exportBothWays(request: RequestOf<'export.write'>) {
  const inMemory = (await project.call('export.project', request)).files.map((f) => [f.path, f.mediaType, Buffer.from(f.contentBase64, 'base64')] as const);
  const written = await project.call('export.write', request);
  const streamed = written.files.map((f) => [f.path, f.mediaType, readFileSync(join(written.folder, ...f.path.split('/')))] as const);
  for (const file of written.files) expect(file.bytes).toBe(readFileSync(join(written.folder, ...file.path.split('/'))).length);
  return { inMemory, streamed };
}

describe('export.write', () => {
  const requests: RequestOf<'export.write'>[] = [
    { format: 'json' },
    { format: 'w3c' },
    { format: 'w3c', jsonLines: true },
    { format: 'csv' },
    { format: 'brat' },
    { format: 'html' },
  ];
  for (const request of requests) {
    it(`writes ${request.format}${request.jsonLines ? ' (JSON Lines)' : ''} byte for byte as the in-memory export`, async () => {
      const { inMemory, streamed } = await bothWays(request);
      expect(streamed.length).toBeGreaterThan(0);
      expect(streamed).toEqual(inMemory);
    });
  }

  it('writes the same bytes with analyst, document and status filters', async () => {
    const info = await project.call('project.info', {});
    const ben = info.analysts.find((a) => a.name === 'Ben')!.id;
    for (const format of ['json', 'csv', 'html', 'w3c'] as const) {
      const { inMemory, streamed } = await bothWays({ format, analystIds: [ben], documentIds: [first], statuses: ['undecided'] });
      expect(streamed).toEqual(inMemory);
    }
  });

  it('writes the same bytes with the tag table’s filters, and only the tags they keep', async () => {
    const { inMemory, streamed } = await bothWays({ format: 'csv', tags: { kinds: ['figure'] } });
    expect(streamed).toEqual(inMemory);
    const kinds = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8').trim().split('\r\n').slice(1).map((line) => line.split(',')[0]);
    const all = kinds((await bothWays({ format: 'csv' })).streamed[0]![2]);
    expect(kinds(streamed[0]![2])).toEqual(all.filter((kind) => kind === 'Figure'));
    expect(all.length).toBeGreaterThan(kinds(streamed[0]![2]).length);
  });

  it('writes a qdpx whose entries hold the same bytes, in the same order, as the in-memory one', async () => {
    const { inMemory, streamed } = await bothWays({ format: 'qdpx' });
    expect(streamed.map(([path, mediaType]) => [path, mediaType])).toEqual(inMemory.map(([path, mediaType]) => [path, mediaType]));
    const entries = (zip: Uint8Array) => Object.entries(unzipSync(zip)).map(([name, bytes]) => [name, Buffer.from(bytes).toString('utf8')]);
    expect(entries(streamed[0]![2])).toEqual(entries(inMemory[0]![2]));
    expect(entries(streamed[0]![2])).toHaveLength(1 + 4);
  });
});
