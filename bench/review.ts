// Agreement benchmark: all figures for a project of 1,000 documents with two analysts' 100,000 tags, then with a third
// analyst's 50,000 tags beside them (the path that adds Fleiss' κ).
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Method, RequestOf } from '../src-shared/api/contract';
import { CliProject } from '../src-main/cli/project';
import { createProject, type ProjectSession } from '../src-main/core/session';
import { temporaryDirectory } from '../src-main/test-support/project-fixture';
import { writeSection } from './report';

const KINDS = ['claim', 'actor', 'figure', 'reliability_warning'] as const;

/** Typed calls through the contract, as the CLI makes them; a failure throws with the core's sentence. */
function api(session: ProjectSession) {
  const project = new CliProject(session);
  return <M extends Method>(method: M, request: RequestOf<M>) => project.call(method, request);
}

/** 1,000 documents; each analyst tags 50 passages per document, B mostly like A but shifted or re-kinded now and then. */
async function buildTwoAnalystProject(path: string): Promise<{ session: ProjectSession; analysts: [string, string]; addThirdAnalyst: () => Promise<void> }> {
  const session = createProject(path, 'Agreement bench', { analystName: 'Anna' });
  let call = api(session);
  const documents: { id: string; length: number }[] = [];
  for (let d = 0; d < 1000; d++) {
    const text = `Article ${d}\n\n${Array.from({ length: 40 }, (_, i) => `Sentence ${i} of article ${d} reports that envoys discussed ${i * 3} troops and guarantees.`).join('\n\n')}`;
    const { document } = await call('document.import', { source: { type: 'text', text, title: `Article ${d}` } });
    documents.push({ id: document.id, length: text.length });
  }
  const tagsFor = (analyst: number) =>
    documents.flatMap((doc, d) =>
      Array.from({ length: 50 }, (_, i) => {
        const base = 20 + ((i * 61) % (doc.length - 60));
        const shifted = analyst > 0 && (i + d) % (4 + analyst) === 0 ? 3 : 0;
        const kind = KINDS[(i + (analyst > 0 && (i + d) % (6 + analyst) === 0 ? 1 : 0)) % 4] ?? 'claim';
        return { documentId: doc.id, kind, target: { start: base + shifted, end: base + shifted + 15 } };
      }),
    );
  const tagAs = async (index: number, name: string) => {
    session.setAnalystName(name);
    call = api(session);
    const tags = tagsFor(index);
    for (let i = 0; i < tags.length; i += 10_000) await call('annotation.createMany', { annotations: tags.slice(i, i + 10_000) });
  };
  for (const [index, name] of ['Anna', 'Ben'].entries()) await tagAs(index, name);
  const info = await call('project.info', {});
  const id = (name: string) => info.analysts.find((a) => a.name === name)?.id ?? '';
  return { session, analysts: [id('Anna'), id('Ben')], addThirdAnalyst: () => tagAs(2, 'Cleo') };
}

export async function runReviewBenchmark(): Promise<void> {
  const dir = temporaryDirectory();
  const loadAtStart = loadavg();
  try {
    const { session, analysts, addThirdAnalyst } = await buildTwoAnalystProject(join(dir.path, 'agreement.marginalia'));
    const call = api(session);
    const timed = async () => {
      const start = performance.now();
      const result = await call('agreement.compute', { analystA: analysts[0], analystB: analysts[1] });
      return { seconds: (performance.now() - start) / 1000, result };
    };
    const two = await timed();
    await addThirdAnalyst();
    const three = await timed();
    session.close();
    if (two.result.overall.fleissKappa !== undefined || typeof three.result.overall.fleissKappa !== 'number') throw new Error('Fleiss’ κ was expected with three analysts only.');
    const target = (seconds: number) => `target < 5 s ${seconds < 5 ? '✔' : 'missed'}`;
    const load = (at: number[]) => at.map((l) => l.toFixed(2)).join(' / ');
    const rows = {
      'Machine load (`uptime` load average, 1 / 5 / 15 min)': `${load(loadAtStart)} at the start, ${load(loadavg())} at the end; 2 cores shared with other work`,
      'Agreement of two analysts (κ, α, unitized α, F1 exact and overlap; overall, per kind and per document) over 1,000 documents with their 100,000 tags, no other analyst in the project':
        `${two.seconds.toFixed(2)} s (${target(two.seconds)}); overall α = ${two.result.overall.krippendorffAlpha?.toFixed(3)}, ${two.result.overall.units.tokens.toLocaleString('en-US')} words`,
      'The same with a third analyst’s 50,000 tags on the same documents: the figures above plus Fleiss’ κ of the three analysts (overall, per kind and per document)':
        `${three.seconds.toFixed(2)} s (${target(three.seconds)}); Fleiss’ κ = ${three.result.overall.fleissKappa?.toFixed(3)} over 3 analysts`,
    };
    for (const [k, v] of Object.entries(rows)) console.log(`${k}: ${v}`);
    writeSection('review', 'Review: agreement', rows);
  } finally {
    dir.remove();
  }
}

if (process.argv[1]?.endsWith('review.ts')) await runReviewBenchmark();
