// The sample project: its articles, tags of every kind anchored to their quotes, actors, undo, and refusing to overwrite.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Method, RequestOf, ResponseOf } from '../../src-shared/api/contract';
import type { Annotation } from '../../src-shared/model/annotation';
import { SAMPLE_DIR, temporaryDirectory } from '../test-support/project-fixture';
import { createProjectApi } from './handlers';
import { createSampleProject, findWholePhrase, SAMPLE_PROJECT_NAME } from './sample-project';
import { openProject, type ProjectSession } from './session';

let dir: ReturnType<typeof temporaryDirectory>;
let session: ProjectSession | null = null;
beforeEach(() => (dir = temporaryDirectory()));
afterEach(() => {
  session?.close();
  session = null;
  dir.remove();
});

async function openSample(path: string, analystName = 'Sample Reader') {
  session = openProject(path, { analystName });
  const api = createProjectApi(session);
  const call = async <M extends Method>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>> => {
    const result = await api.call(method, request);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as ResponseOf<M>;
  };
  const { documents } = await call('document.list', {});
  const byFile = new Map<string, { text: string; annotations: Annotation[] }>();
  for (const document of documents) {
    const { text } = await call('document.get', { id: document.id });
    const { annotations } = await call('annotation.listForDocument', { documentId: document.id });
    byFile.set('originalName' in document ? document.originalName : '', { text, annotations });
  }
  return { call, documents, byFile, all: [...byFile.values()].flatMap((d) => d.annotations) };
}

describe('the sample project', () => {
  it('imports the five articles and tags examples of every kind, anchored to their quotes', async () => {
    const path = join(dir.path, 'Sample project.marginalia');
    const summary = await createSampleProject(path, 'Marginalia sample', SAMPLE_DIR);
    expect(summary).toMatchObject({ documents: 5, skipped: [] });

    const sample = await openSample(path);
    const info = await sample.call('project.info', {});
    expect(info).toMatchObject({ name: SAMPLE_PROJECT_NAME, documentCount: 5, analysts: [{ name: 'Marginalia sample' }] });
    expect(info.annotationCount).toBe(summary.tags);

    for (const kind of ['claim', 'actor', 'figure', 'reliability_warning'] as const) {
      expect(sample.all.filter((a) => a.kind === kind).length, kind).toBeGreaterThanOrEqual(1);
    }
    for (const { text, annotations } of sample.byFile.values()) {
      for (const annotation of annotations) {
        if (annotation.target) expect(text.slice(annotation.target.start, annotation.target.end)).toBe(annotation.target.exact);
      }
    }
  });

  it('registers actors with their other spellings and links mentions and claims to them', async () => {
    const path = join(dir.path, 'sample.marginalia');
    await createSampleProject(path, 'Marginalia sample', SAMPLE_DIR);
    const sample = await openSample(path);
    const { actors } = await sample.call('actor.list', {});
    const byName = new Map(actors.map((a) => [a.name, a]));
    expect(byName.get('Kyrylo Budanov')?.aliases).toContain('Kirill Budanov');
    expect(byName.get('Volodymyr Zelensky')?.aliases).toContain('Zelenskyy');
    expect(byName.has('Steve Witkoff')).toBe(true);

    const budanov = byName.get('Kyrylo Budanov')?.id;
    const mentions = sample.all.filter((a) => a.kind === 'actor' && a.attributes.actorId === budanov).map((a) => a.target?.exact);
    expect(mentions.sort()).toEqual(['Kirill Budanov', 'Kyrylo Budanov']);

    const claims = sample.all.filter((a) => a.kind === 'claim');
    const actorIds = new Set(actors.map((a) => a.id));
    expect(claims.some((c) => c.kind === 'claim' && c.attributes.claimantId !== null && actorIds.has(c.attributes.claimantId))).toBe(true);
    expect(new Set(claims.map((c) => c.kind === 'claim' && c.attributes.status))).toEqual(new Set(['unverified', 'supported', 'disputed', 'false']));
  });

  it('holds the figures and the reliability warnings', async () => {
    const path = join(dir.path, 'sample.marginalia');
    await createSampleProject(path, 'Marginalia sample', SAMPLE_DIR);
    const sample = await openSample(path);
    const figures = sample.all.filter((a) => a.kind === 'figure');
    for (const quote of ['$800 billion', '15,000 troops', '-14 degrees Celsius']) {
      expect(figures.map((f) => f.target?.exact), quote).toContain(quote);
    }
    expect(figures.find((f) => f.target?.exact === '$800 billion')?.attributes).toEqual({ amount: 800, scale: 1e9, unit: 'USD' });

    const davos = sample.byFile.get('004_27bf8040a9b2cbc5.txt');
    const warning = davos?.annotations.find((a) => a.kind === 'reliability_warning' && a.target?.exact === 'did not formally return to office');
    expect(warning?.attributes).toMatchObject({ severity: 'high', category: 'factual_error' });
    expect(warning?.kind === 'reliability_warning' && warning.attributes.correction.length).toBeGreaterThan(20);

    const pastiche = sample.byFile.get('003_756f07eddf996290.txt');
    const documentWarnings = pastiche?.annotations.filter((a) => a.target === null) ?? [];
    expect(documentWarnings).toHaveLength(1);
    expect(documentWarnings[0]).toMatchObject({ kind: 'reliability_warning', attributes: { category: 'ai_generated' } });
  });

  it('keeps each example undoable and refuses to overwrite, leaving nothing behind when it fails', async () => {
    const path = join(dir.path, 'sample.marginalia');
    const summary = await createSampleProject(path, 'Marginalia sample', SAMPLE_DIR);
    // Undo takes back one's own actions: the sample's analyst can undo its examples.
    const sample = await openSample(path, 'Marginalia sample');
    const { undone } = await sample.call('history.undo', {});
    expect(undone?.label).toBe('Add a document-level reliability warning');
    expect((await sample.call('project.info', {})).annotationCount).toBe(summary.tags - 1);

    await expect(createSampleProject(path, 'Marginalia sample', SAMPLE_DIR)).rejects.toThrow(/already exists/);
    const missing = join(dir.path, 'missing.marginalia');
    await expect(createSampleProject(missing, 'Marginalia sample', join(dir.path, 'no-such-folder'))).rejects.toThrow(/missing/);
    expect(existsSync(missing)).toBe(false);
  });

  it('matches whole phrases only', () => {
    expect(findWholePhrase('Volodymyr Zelenskyy met Volodymyr Zelensky.', 'Volodymyr Zelensky')).toBe(24);
    expect(findWholePhrase('costs $800 billion.', '$800 billion')).toBe(6);
    expect(findWholePhrase('Zelenskyy', 'Zelensky')).toBe(-1);
  });
});
