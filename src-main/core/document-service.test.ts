// Checks importing through the contract: importMany in one transaction, refusals naming their source, duplicates; PDF pages, file hashes and re-imports; decoding warnings.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IMPORT_BATCH_LIMITS } from '../../src-shared/api/limits';
import { newTestProject, type TestProject } from '../test-support/project-fixture';

let project: TestProject;
beforeEach(() => (project = newTestProject()));
afterEach(() => project.close());

const text = (title: string) => ({ type: 'text' as const, title, text: `${title}\n\nThe delegations met on Monday in ${title}.` });
const file = (fileName: string, content: string | Uint8Array) => ({ type: 'file' as const, fileName, content: Buffer.from(content) });
const BINARY = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

async function titles(): Promise<string[]> {
  return (await project.call('document.list', {})).documents.map((d) => d.title).sort();
}

describe('document.importMany', () => {
  it('imports nothing when any one source is refused, wherever it is in the list', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('Geneva', 'Miami', 'Davos', 'Kyiv'), { maxLength: 5 }), fc.nat(), async (names, at) => {
        const sources: (ReturnType<typeof text> | ReturnType<typeof file>)[] = names.map((name) => text(name));
        sources.splice(at % (sources.length + 1), 0, file('image.txt', BINARY));
        const result = await project.result('document.importMany', { sources });
        expect(result).toMatchObject({ ok: false, error: { code: 'import_binary' } });
        const message = result.ok ? '' : result.error.message;
        expect(message.startsWith('image.txt: ')).toBe(true);
        expect(message.endsWith(' Nothing was imported.')).toBe(sources.length > 1);
        expect(await titles()).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it('imports every source in one go, in order, with duplicates of the project and of each other as duplicates', async () => {
    await project.call('document.import', { source: text('Geneva') });
    const { results } = await project.call('document.importMany', { sources: [text('Miami'), text('Geneva'), file('miami.txt', text('Miami').text), text('Davos')] });
    expect(results.map((r) => [r.document.title, r.status])).toEqual([
      ['Miami', 'imported'],
      ['Geneva', 'duplicate'],
      ['Miami', 'duplicate'],
      ['Davos', 'imported'],
    ]);
    expect(results[2]?.document.id).toBe(results[0]?.document.id);
    expect(await titles()).toEqual(['Davos', 'Geneva', 'Miami']);
  });

  it('refuses more sources than one import takes, and an empty list', async () => {
    const many = Array.from({ length: IMPORT_BATCH_LIMITS.files + 1 }, (_, i) => text(`T${i}`));
    expect(await project.result('document.importMany', { sources: many })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await project.result('document.importMany', { sources: [] })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await titles()).toEqual([]);
  });
});

const FIXTURES = new URL('article-import/fixtures/', import.meta.url);
const fileSource = (fileName: string, bytes: Buffer, password?: string) => ({
  source: { type: 'file' as const, fileName, content: bytes, ...(password ? { password } : {}) },
});

describe('importing a PDF', () => {
  const brief = readFileSync(new URL('brief-3-pages.pdf', FIXTURES));

  it('stores the blocks with their pages and the SHA-256 of the file', async () => {
    const { document, status } = await project.call('document.import', fileSource('brief.pdf', brief));
    expect(status).toBe('imported');
    expect(document).toMatchObject({ format: 'pdf', sourceSha256: createHash('sha256').update(brief).digest('hex') });
    const stored = await project.call('document.get', { id: document.id });
    expect(stored.blocks.map((b) => b.page)).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3]);
  });

  it('recognises the same file imported again, under another name', async () => {
    const first = await project.call('document.import', fileSource('brief.pdf', brief));
    const again = await project.call('document.import', fileSource('copy of brief.pdf', brief));
    expect(again).toEqual({ status: 'duplicate', document: first.document });
    expect((await project.call('document.list', {})).documents).toHaveLength(1);
  });

  it('opens an encrypted PDF with the password given, and refuses it without, leaving the project unchanged', async () => {
    const encrypted = readFileSync(new URL('encrypted-password-secret.pdf', FIXTURES));
    const refused = await project.result('document.import', fileSource('secret.pdf', encrypted));
    expect(refused).toMatchObject({ ok: false, error: { code: 'import_encrypted' } });
    expect((await project.call('document.list', {})).documents).toHaveLength(0);
    const { status } = await project.call('document.import', fileSource('secret.pdf', encrypted, 'secret'));
    expect(status).toBe('imported');
  });
});

describe('importing text', () => {
  it('keeps no file hash for pasted text', async () => {
    const { document } = await project.call('document.import', { source: { type: 'text', text: 'A title\n\nSome text.' } });
    expect(document.sourceSha256).toBeNull();
  });
});

describe('document.import warnings', () => {
  it('says how many invalid UTF-8 sequences were replaced, and says nothing for a clean file', async () => {
    const bad = await project.call('document.import', { source: file('cafe.txt', new Uint8Array([...Buffer.from('Le café\n\nUn article. '), 0xff])) });
    expect(bad.warnings).toEqual(['"cafe.txt" had 1 invalid UTF-8 byte sequence, imported as \uFFFD (the replacement character).']);
    const clean = await project.call('document.import', { source: file('clean.txt', 'Le café\n\nUn autre article.') });
    expect(clean.warnings).toBeUndefined();
  });
});

describe('document.list pages', () => {
  const TITLES = ['Talks in Geneva', 'КИЇВ talks', 'київ again', 'Miami', 'Davos notes', 'Geneva II', 'Ελλάδα'];
  const OUTLETS = [null, 'Reuters', 'Київ Post'];
  const DATES = [null, '2026-01-20', '2026-02-03'];
  const KINDS = ['claim', 'figure', 'actor'] as const;

  it('gives, page by page, the same documents and counts as the whole list, and counts every match (any filter, page size, offset)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.record({ title: fc.constantFrom(...TITLES), suffix: fc.nat(99), outlet: fc.nat(2), date: fc.nat(2), tags: fc.nat(3) }), {
          maxLength: 12,
          selector: (d) => `${d.title}${d.suffix}`,
        }),
        fc.constantFrom('', 'київ', 'GENEVA', ' talks ', 'reuters', 'ελλ', 'nothing'),
        fc.integer({ min: 1, max: 5 }),
        async (specs, filter, size) => {
          const fresh = newTestProject();
          try {
            for (const spec of specs) {
              const title = `${spec.title} ${spec.suffix}`;
              const { document } = await fresh.call('document.import', { source: { type: 'text', title, text: `${title}\n\nThe delegations met on Monday.` } });
              await fresh.call('document.update', { id: document.id, outlet: OUTLETS[spec.outlet] ?? null, publishedAt: DATES[spec.date] ?? null });
              for (const kind of KINDS.slice(0, spec.tags)) await fresh.call('annotation.create', { documentId: document.id, kind, target: { start: 0, end: 5 } });
            }
            const all = (await fresh.call('document.list', {})).documents;
            const q = filter.trim().toLowerCase();
            const expected = all.filter((d) => `${d.title} ${d.author ?? ''} ${d.outlet ?? ''}`.toLowerCase().includes(q));
            const pages: unknown[] = [];
            for (let offset = 0; offset < expected.length + size; offset += size) {
              const page = await fresh.call('document.list', { filter, offset, limit: size, fields: 'row' });
              expect(page.total).toBe(expected.length);
              pages.push(...page.documents);
            }
            expect(pages).toEqual(expected.map((d) => ({ id: d.id, title: d.title, author: d.author, outlet: d.outlet, publishedAt: d.publishedAt, tagCounts: d.tagCounts })));
          } finally {
            fresh.close();
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('gives a row only the fields it shows, and the documents asked for by id (a removed one is not listed)', async () => {
    const imported = await Promise.all(['Geneva', 'Miami', 'Davos'].map((title) => project.call('document.import', { source: text(title) })));
    const [geneva, miami, davos] = imported.map((r) => r.document.id);
    await project.call('document.remove', { id: davos! });
    const listed = await project.call('document.list', { ids: [miami!, davos!, geneva!], fields: 'row' });
    expect(listed.total).toBe(2);
    expect(listed.documents.map((d) => d.id).sort()).toEqual([geneva, miami].sort());
    for (const row of listed.documents) expect(Object.keys(row).sort()).toEqual(['author', 'id', 'outlet', 'publishedAt', 'tagCounts', 'title']);
    const full = await project.call('document.list', { ids: [geneva!] });
    expect(full.documents[0]).toMatchObject({ id: geneva, originalName: expect.any(String), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });
});
