// Checks every exporter on a real project: the format registry, CSV, W3C JSON Lines and brat output.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allActors } from '../../store/actors';
import { allAnnotations } from '../../store/annotations';
import { allDocumentMetas, documentById } from '../../store/documents';
import { allAnalysts, projectMeta } from '../../store/project-meta';
import { parseW3cAnnotations } from '../tag-import/w3c';
import { textAnchorer } from '../tag-import/anchor';
import { newTestProject, type TestProject } from '../../test-support/project-fixture';
import { EXPORTERS, exportProject, FILE_EXPORT_FORMATS } from './index';
import type { ExportSnapshot } from './types';
import type { W3cCollection } from './w3c';
import { loadW3cSuite, w3cSuitePresent } from './w3c-test-suite';

const ARTICLE = [
  '👍🏽 Ukraine 🇺🇦 talks: $800 billion for reconstruction',
  '',
  'Rustem Umerov said Kyrylo Budanov “did not formally return to office”.',
].join('\n');

/** Gathers a snapshot straight from the store, as the core's own snapshot builder will. */
function snapshotOf(project: TestProject): ExportSnapshot {
  const db = project.session.db;
  const meta = projectMeta(db)!;
  return {
    project: { id: meta.id, name: meta.name, createdAt: meta.createdAt },
    documents: allDocumentMetas(db).map((m) => documentById(db, m.id)!),
    annotations: allAnnotations(db),
    actors: allActors(db, true),
    analysts: allAnalysts(db),
    exportedAt: project.session.now(),
  };
}

let project: TestProject;
let text: string;

beforeEach(async () => {
  project = newTestProject('Ada Analyst');
  const { document } = await project.call('document.import', { source: { type: 'text', text: ARTICLE, title: 'Talks 🇺🇦' } });
  text = (await project.call('document.get', { id: document.id })).text;
  const range = (quote: string) => ({ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });
  const umerov = await project.call('actor.create', { name: 'Rustem Umerov', kind: 'person' });
  const tags = [
    { kind: 'figure', target: range('$800 billion'), attributes: { amount: 800, scale: 1e9, unit: 'USD' } },
    { kind: 'claim', target: range('Kyrylo Budanov “did not formally return to office”'), attributes: { status: 'disputed', claimantId: umerov.id } },
    { kind: 'actor', target: range('Rustem Umerov'), attributes: { actorId: umerov.id }, note: 'Secretary of the NSDC' },
    { kind: 'reliability_warning', target: null, attributes: { severity: 'high', category: 'unsourced', correction: '' } },
  ] as const;
  for (const tag of tags) await project.call('annotation.create', { documentId: document.id, ...tag });
  const deleted = await project.call('annotation.create', { documentId: document.id, kind: 'actor', target: range('Kyrylo Budanov') });
  await project.call('annotation.delete', { id: deleted.id });
});
afterEach(() => project.close());

describe('exportProject on a real project', () => {
  it('lists every file format in its registry', () => {
    expect(FILE_EXPORT_FORMATS).toEqual(['w3c', 'csv', 'brat', 'qdpx', 'html']);
    for (const format of FILE_EXPORT_FORMATS) expect(EXPORTERS[format].label).not.toBe('');
  });

  it('exports W3C annotations that meet every MUST of the W3C suite and anchor back where they were', () => {
    const snapshot = snapshotOf(project);
    const [file] = exportProject(snapshot, 'w3c');
    const collection = JSON.parse(file!.content as string) as W3cCollection;
    expect(collection.total).toBe(4);
    if (w3cSuitePresent()) {
      const suite = loadW3cSuite();
      for (const item of collection.first.items) expect(suite.check(item).filter((o) => !o.passed)).toEqual([]);
    }
    const parsed = parseW3cAnnotations(file!.content);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const anchor = textAnchorer(text);
    const live = snapshot.annotations.filter((a) => a.deletedAt === null && a.target);
    for (const annotation of live) {
      const candidate = parsed.value.candidates.find((c) => c.id === `urn:uuid:${annotation.id}`)!;
      expect(anchor(candidate)).toEqual({ start: annotation.target!.start, end: annotation.target!.end, method: 'position' });
    }
  });

  it('exports CSV rows for the live tags only (not the deleted one), and brat files for the document', () => {
    const snapshot = snapshotOf(project);
    const [csv] = exportProject(snapshot, 'csv');
    const lines = (csv!.content as string).split('\r\n').filter((l) => l !== '');
    expect(snapshot.annotations).toHaveLength(5);
    expect(lines).toHaveLength(1 + 4);
    expect(exportProject(snapshot, 'w3c', { jsonLines: true })[0]!.path).toBe('annotations.jsonl');
    const brat = exportProject(snapshot, 'brat');
    const ann = brat.find((f) => f.path.endsWith('.ann'))!.content as string;
    expect(ann).toContain('T1\tFigure 21 33\t$800 billion\n');
    expect(brat.find((f) => f.path.endsWith('.txt'))!.content).toBe(text);
  });
});
