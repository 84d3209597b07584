// Checks the long operations the app shows with a progress bar and a Cancel button: an import of many files, a merge
// and the agreement over the project report their progress and, cancelled between two steps, leave the project as it was.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Method } from '../../src-shared/api/contract';
import type { Result } from '../../src-shared/model/result';
import { newTestProject, temporaryDirectory, testProjects, type TestProject } from '../test-support/project-fixture';
import { packProject } from './merge/index';
import { runOperation, type Progress } from './operation';

const newProject = testProjects();
const named: TestProject[] = [];
const dirs: ReturnType<typeof temporaryDirectory>[] = [];
afterEach(() => {
  named.splice(0).forEach((p) => p.close());
  dirs.splice(0).forEach((d) => d.remove());
});

/** A project whose analyst is `analyst`, closed after the test. */
function projectOf(analyst: string): TestProject {
  const project = newTestProject(analyst);
  named.push(project);
  return project;
}

const article = (title: string) => ({ type: 'text' as const, title, text: `${title}\n\nThe delegations met on Monday in ${title}.` });
const BINARY = { type: 'file' as const, fileName: 'image.txt', content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) };

/**
 * Calls `method` as a request the client follows: every progress event is kept, and the request is cancelled as soon
 * as `cancelWhen` holds for one (never, by default).
 */
async function followed(project: TestProject, method: Method, request: unknown, cancelWhen: (p: Progress) => boolean = () => false) {
  const controller = new AbortController();
  const progress: Progress[] = [];
  const onProgress = (p: Progress) => {
    progress.push(p);
    if (cancelWhen(p)) controller.abort();
  };
  const result: Result<unknown> = await runOperation({ signal: controller.signal, onProgress }, () => project.result(method, request));
  return { result, progress };
}

async function titles(project: TestProject): Promise<string[]> {
  return (await project.call('document.list', {})).documents.map((d) => d.title).sort();
}

describe('an import of many files', () => {
  it('reports its progress file by file, up to the last file read, and imports them all', async () => {
    const project = newProject();
    const sources = ['Geneva', 'Miami', 'Davos'].map(article);
    const { result, progress } = await followed(project, 'document.importMany', { sources });
    expect(result.ok).toBe(true);
    expect(progress[0]).toEqual({ done: 0, total: 4 });
    expect(progress.at(-1)).toEqual({ done: 3, total: 4 });
    expect(await titles(project)).toEqual(['Davos', 'Geneva', 'Miami']);
  });

  it('cancelled at any step, even once every file is read, imports nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.nat(), async (count, at) => {
        const project = newProject();
        const sources = Array.from({ length: count }, (_, i) => article(`Place ${i}`));
        const cancelAt = at % (count + 1);
        // Progress is sent for the first and the last step at least; a cancel at any sent step stops the import.
        const { result, progress } = await followed(project, 'document.importMany', { sources }, (p) => p.done >= cancelAt);
        expect(progress.some((p) => p.done >= cancelAt)).toBe(true);
        expect(result).toEqual({ ok: false, error: { code: 'cancelled', message: 'The import was cancelled; nothing was imported.' } });
        expect(await titles(project)).toEqual([]);
        project.close();
      }),
      { numRuns: 15 },
    );
  });

  it('with skipRefused, imports the other files and says which were refused and why, wherever they are', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.constantFrom('Geneva', 'Miami', 'Davos', 'Kyiv'), { maxLength: 4 }), fc.nat(), async (names, at) => {
        const project = newProject();
        const sources: (ReturnType<typeof article> | typeof BINARY)[] = names.map(article);
        const index = at % (sources.length + 1);
        sources.splice(index, 0, BINARY);
        const value = await project.call('document.importMany', { sources, skipRefused: true });
        expect(value.refused).toEqual([{ index, message: expect.stringContaining('image.txt') as unknown as string }]);
        expect(value.results.map((r) => r.document.title)).toEqual(names);
        expect(await titles(project)).toEqual([...names].sort());
        project.close();
      }),
      { numRuns: 15 },
    );
  });
});

async function teammateFile(): Promise<Buffer> {
  const ben = projectOf('Ben');
  await ben.importSample('004_27bf8040a9b2cbc5.txt');
  const dir = temporaryDirectory();
  dirs.push(dir);
  const out = join(dir.path, 'ben.marginalia');
  packProject(ben.session, out);
  return readFileSync(out);
}

describe('a merge', () => {
  it('cancelled before its one transaction begins, merges nothing and keeps the preview for a later merge', async () => {
    const anna = projectOf('Anna');
    const { previewId } = await anna.call('merge.preview', { fileName: 'ben.marginalia', content: await teammateFile() });
    const { result, progress } = await followed(anna, 'merge.apply', { previewId }, () => true);
    expect(progress).toEqual([{ done: 0, total: 1 }]);
    expect(result).toEqual({ ok: false, error: { code: 'cancelled', message: 'The merge was cancelled; nothing was merged.' } });
    expect(await titles(anna)).toEqual([]);
    expect((await followed(anna, 'merge.apply', { previewId })).result.ok).toBe(true);
    expect((await titles(anna)).length).toBe(1);
  });
});

describe('the agreement over the project', () => {
  it('reports its progress over the documents and, cancelled, answers nothing and changes nothing', async () => {
    const project = projectOf('Anna');
    for (const name of ['Geneva', 'Miami', 'Davos']) await project.paste(name, article(name).text);
    const analyst = (await project.call('project.info', {})).analysts[0]?.id ?? '';
    const pair = { analystA: analyst, analystB: analyst };
    const whole = await followed(project, 'agreement.compute', pair);
    expect(whole.result.ok).toBe(true);
    expect(whole.progress[0]).toEqual({ done: 0, total: 4 });
    const before = await project.call('project.info', {});
    const cancelled = await followed(project, 'agreement.compute', pair, () => true);
    expect(cancelled.result).toEqual({ ok: false, error: { code: 'cancelled', message: 'The agreement was not computed: cancelled.' } });
    expect(await project.call('project.info', {})).toEqual(before);
  });
});
