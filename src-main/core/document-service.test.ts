// Checks document.importMany through the contract: one transaction for all sources, a refusal naming its source, duplicates kept as duplicates.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IMPORT_BATCH_LIMITS } from '../../src-shared/api/limits';
import { newTestProject, type TestProject } from '../test-support/project-fixture';

let project: TestProject;
beforeEach(() => (project = newTestProject()));
afterEach(() => project.close());

const text = (title: string) => ({ type: 'text' as const, title, text: `${title}\n\nThe delegations met on Monday in ${title}.` });
const file = (fileName: string, content: string | Uint8Array) => ({ type: 'file' as const, fileName, contentBase64: Buffer.from(content).toString('base64') });
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
