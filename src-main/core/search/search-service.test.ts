// Checks search.query end to end: the index kept with the documents (new, merged-in and migrated), hits and refusals.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createProjectApi } from '../handlers';
import { openProject } from '../session';
import { temporaryDirectory, type TestProject, testProjects } from '../../test-support/project-fixture';
import { foldWord } from './tokens';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
const project = testProjects();

async function errorOf(p: TestProject, request: unknown): Promise<string> {
  const result = await p.result('search.query', request);
  if (result.ok) throw new Error('the search was accepted');
  return `${result.error.code}: ${result.error.message}`;
}

describe('search.query', () => {
  it('finds a word in every document that holds it, with offsets, quote, title and snippet', async () => {
    const p = project();
    const a = await p.paste('Kyiv', 'Intelligence chief Budanov said the front held.');
    const b = await p.paste('Talks', 'Kyrylo Budanov, head of the office, met the envoys.');
    await p.paste('Other', 'Nothing about him here.');
    const { hits, documentCount, truncated } = await p.call('search.query', { query: 'budanov' });
    expect(documentCount).toBe(2);
    expect(truncated).toBe(false);
    expect(hits.map((h) => h.documentId).sort()).toEqual([a, b].sort());
    for (const hit of hits) {
      const text = (await p.call('document.get', { id: hit.documentId })).text;
      expect(text.slice(hit.start, hit.end)).toBe('Budanov');
      expect(hit.quote).toBe('Budanov');
      expect(text.slice(hit.snippetStart, hit.snippetStart + hit.snippet.length)).toBe(hit.snippet);
      expect(hit.title).toBe(hit.documentId === a ? 'Kyiv' : 'Talks');
    }
  });

  it('ignores diacritics both ways and honours phrases, prefixes and NOT', async () => {
    const p = project();
    const accented = await p.paste('A', 'Zelenský visited the café of the Defense Minister.');
    const plain = await p.paste('B', 'Zelensky spoke of the minister of defense.');
    const docs = async (query: string) => [...new Set((await p.call('search.query', { query })).hits.map((h) => h.documentId))].sort();
    expect(await docs('zelensky')).toEqual([accented, plain].sort());
    expect(await docs('Zelenský')).toEqual([accented, plain].sort());
    expect(await docs('cafe')).toEqual([accented]);
    expect(await docs('"defense minister"')).toEqual([accented]);
    expect(await docs('minis*')).toEqual([accented, plain].sort());
    expect(await docs('zelensky NOT cafe')).toEqual([plain]);
    expect((await p.call('search.query', { query: 'zelensky NOT cafe' })).hits.map((h) => h.quote)).toEqual(['Zelensky']);
  });

  it('searches one document when asked, and stops at the limit saying so', async () => {
    const p = project();
    const a = await p.paste('A', 'aid aid aid');
    await p.paste('B', 'aid');
    const one = await p.call('search.query', { query: 'aid', documentId: a });
    expect(one.hits.map((h) => h.documentId)).toEqual([a, a, a]);
    const limited = await p.call('search.query', { query: 'aid', limit: 2 });
    expect(limited).toMatchObject({ documentCount: 2, truncated: true });
    expect(limited.hits).toHaveLength(2);
    expect(await errorOf(p, { query: 'aid', documentId: '00000000-0000-4000-8000-000000000000' })).toMatch(/^not_found: There is no document/);
  });

  it('gives, under any limit, the first hits of the whole ranked list, with the count of every match (property)', async () => {
    const p = project();
    const words = ['aid', 'talks', 'envoy', 'grain'];
    const texts = fc.sample(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 12 }), { numRuns: 30, seed: 7 });
    for (const [i, t] of texts.entries()) await p.paste(`Doc ${i}`, t.join(' '));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...words, 'aid talks', 'envoy OR grain'), fc.integer({ min: 1, max: 40 }), async (query, limit) => {
        const all = await p.call('search.query', { query, limit: 10_000 });
        const page = await p.call('search.query', { query, limit });
        expect(page.hits).toEqual(all.hits.slice(0, limit));
        expect(page.documentCount).toBe(all.documentCount);
        expect(page.truncated).toBe(all.hits.length > limit);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses malformed searches in one sentence, never with an SQLite message', async () => {
    const p = project();
    await p.paste('A', 'text');
    expect(await errorOf(p, { query: '"unclosed' })).toBe('invalid_request: The search “"unclosed” is not valid: a quotation mark is not closed.');
    expect(await errorOf(p, { query: 'a AND' })).toMatch(/^invalid_request: The search “a AND” is not valid: /);
  });

  it('keeps the index consistent with the texts: a document is found by each of its words, and only by them (property)', async () => {
    const vocabulary = ['Umerov', 'Budanov', 'café', 'Zelenský', 'minister', 'billion', 'Ukraine’s', 'défense', 'talks', '800'];
    const p = project();
    const texts = new Map<string, string>();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 12 }), fc.constantFrom(...vocabulary), async (words, probe) => {
        const text = `${words.join(' ')} #${texts.size}`;
        texts.set(await p.paste(`Doc ${texts.size}`, text), text);
        const query = foldWord(probe).replace(/’s$/u, '');
        const found = new Set((await p.call('search.query', { query, limit: 10_000 })).hits.map((h) => h.documentId));
        const holding = [...texts].filter(([, t]) => t.split(/[^\p{L}\p{N}\p{M}]+/u).some((w) => foldWord(w) === query)).map(([id]) => id);
        expect([...found].sort()).toEqual(holding.sort());
      }),
      { numRuns: 40 },
    );
  });

  it('indexes the documents of a file written before search existed when it is migrated', async () => {
    const dir = temporaryDirectory();
    cleanups.push(dir.remove);
    const path = join(dir.path, 'old.marginalia');
    copyFileSync(join(import.meta.dirname, '..', '..', 'store', 'fixtures', 'format-20.marginalia'), path);
    const old = new Database(path, { readonly: true });
    const { id, text } = old.prepare('SELECT id, text FROM documents LIMIT 1').get() as { id: string; text: string };
    old.close();
    const word = text.split(/[^\p{L}]+/u).find((w) => w.length > 4) ?? '';
    const session = openProject(path, { analystName: 'Ada' });
    cleanups.push(() => session.close());
    const result = await createProjectApi(session).call('search.query', { query: word });
    expect(result.ok && (result.value as { hits: { documentId: string }[] }).hits.some((h) => h.documentId === id)).toBe(true);
  });

  it('answers a file whose index was tampered with by a sentence, not a crash', async () => {
    const p = project();
    await p.paste('A', 'Budanov and Umerov');
    p.session.close();
    // SQLite guards FTS5's shadow tables from ordinary writes; a hostile teammate's own build need not.
    const db = new Database(p.path);
    db.unsafeMode(true);
    db.exec("UPDATE search_index_data SET block = x'00ffffffff0000ff' WHERE id > 1");
    db.close();
    const session = openProject(p.path, { analystName: 'Ada Analyst', readOnly: true });
    try {
      const result = await createProjectApi(session).call('search.query', { query: 'budanov' });
      expect(result.ok ? 'accepted' : `${result.error.code}: ${result.error.message}`).toBe(
        'project_corrupt: The search index of this project file is damaged, so it cannot be searched.',
      );
    } finally {
      session.close();
    }
  });
});
