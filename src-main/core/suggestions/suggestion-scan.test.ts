// Checks that the core reads the names in an article's text a section at a time: other requests are answered
// meanwhile, a cancelled listing keeps what it read, a change to the registry or the tags reads nothing again, and the
// spans without the new names are answered before they are read.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Method } from '../../../src-shared/api/contract';
import { spanAt, type SuggestionSpans } from '../../../src-shared/suggest/spans';
import { SAMPLE_DIR, testProjects, type TestProject } from '../../test-support/project-fixture';
import { runOperation, type Progress } from '../operation';

const newProject = testProjects();
/** The five sample articles as one article: about ten sections. */
const ARTICLE = readdirSync(SAMPLE_DIR)
  .map((file) => readFileSync(join(SAMPLE_DIR, file), 'utf8'))
  .join('\n\n');

/** Calls `method` as a request the client follows: its progress is kept; it is cancelled once `cancelWhen` holds. */
async function followed(project: TestProject, method: Method, request: unknown, cancelWhen: (p: Progress) => boolean = () => false, onProgress: (p: Progress) => void = () => {}) {
  const controller = new AbortController();
  const progress: Progress[] = [];
  const operation = {
    signal: controller.signal,
    onProgress: (p: Progress) => {
      progress.push(p);
      onProgress(p);
      if (cancelWhen(p)) controller.abort();
    },
  };
  const result = await runOperation(operation, () => project.result(method, request));
  return { result, progress };
}

describe('names read a section at a time', () => {
  it('answers another request while it reads the names of a large article, and lists what an uninterrupted reading lists', async () => {
    const p = newProject();
    const documentId = await p.paste('Five articles', ARTICLE);
    const answered: string[] = [];
    let info: Promise<unknown> | null = null;
    const spans = followed(p, 'suggestion.spans', { documentId }, undefined, () => {
      info ??= p.call('project.info', {}).then(() => answered.push('project.info'));
    }).then((followedSpans) => {
      answered.push('suggestion.spans');
      return followedSpans;
    });
    const { result, progress } = await spans;
    await info;
    expect(answered).toEqual(['project.info', 'suggestion.spans']);
    expect(progress.at(-1)?.total).toBeGreaterThan(5);
    const uninterrupted = newProject();
    const sameText = await uninterrupted.paste('Five articles', ARTICLE);
    expect(result).toEqual({ ok: true, value: await uninterrupted.call('suggestion.spans', { documentId: sameText }) });
  });

  it('keeps what a cancelled listing read: the next listing reads only the rest', async () => {
    const p = newProject();
    const documentId = await p.paste('Five articles', ARTICLE);
    const cancelled = await followed(p, 'suggestion.list', { documentId }, (step) => step.done >= step.total - 1);
    expect(cancelled.result.ok ? null : cancelled.result.error.code).toBe('cancelled');
    const next = await followed(p, 'suggestion.list', { documentId });
    expect(next.progress).toEqual([{ done: 0, total: 1 }]);
    const uninterrupted = newProject();
    const sameText = await uninterrupted.paste('Five articles', ARTICLE);
    const keys = (value: unknown) => (value as { suggestions: { key: string }[] }).suggestions.map((s) => s.key);
    expect(next.result.ok && keys(next.result.value)).toEqual(keys(await uninterrupted.call('suggestion.list', { documentId: sameText })));
  });

  it('reads no names again after an actor is registered or a tag is made, and still offers the names not registered', async () => {
    const p = newProject();
    const documentId = await p.paste('Five articles', ARTICLE);
    expect((await followed(p, 'suggestion.list', { documentId })).progress.length).toBeGreaterThan(0);
    await p.call('actor.create', { name: 'Steve Witkoff', kind: 'person' });
    const [tagged] = (await p.call('suggestion.list', { documentId })).suggestions;
    await p.call('annotation.create', { documentId, kind: tagged?.kind ?? 'actor', target: { start: tagged?.start ?? 0, end: tagged?.end ?? 1 } });
    const again = await followed(p, 'suggestion.list', { documentId });
    expect(again.progress).toEqual([]);
    const names = again.result.ok ? (again.result.value as { suggestions: { source: string; actor?: string }[] }).suggestions : [];
    expect(names.some((s) => s.source === 'new-actor' && s.actor === 'Jared Kushner')).toBe(true);
    expect(names.some((s) => s.source === 'new-actor' && s.actor === 'Steve Witkoff')).toBe(false);
    expect(names.some((s) => s.source === 'actor-name' && s.actor === 'Steve Witkoff')).toBe(true);
  });

  it('answers the spans without the new names before reading them (the complete answer less its new names), and complete once they are read', async () => {
    const p = newProject();
    const documentId = await p.paste('Five articles', ARTICLE);
    const ready = await followed(p, 'suggestion.spans', { documentId, newActors: false });
    expect(ready.progress).toEqual([]);
    const complete = await p.call('suggestion.spans', { documentId });
    const all = complete.keys.map((_, i) => spanAt(complete, i));
    const known = all.filter((s) => !s.reason.startsWith('new actor?')).map((s) => s.key);
    expect(known.length).toBeLessThan(all.length);
    expect(ready.result.ok && (ready.result.value as SuggestionSpans & { complete: boolean })).toMatchObject({ keys: known, complete: false });
    expect(complete.complete).toBe(true);
    expect(await p.call('suggestion.spans', { documentId, newActors: false })).toEqual(complete);
  });
});
