// Tests of the one dispatcher: requests the contract refuses never reach a handler; a valid one does, and a UserError becomes a Result.
import { describe, expect, it, vi } from 'vitest';
import { contract, METHODS, type ContractHandlers } from './contract';
import { dispatch } from './dispatch';
import { FILE_LIMITS } from './limits';
import { UserError } from '../model/result';

function handlers(): ContractHandlers {
  const all = Object.fromEntries(METHODS.map((m) => [m, vi.fn(() => ({}))]));
  return all as unknown as ContractHandlers;
}

const DOC = '6f1c2a3e-8b7d-4c1e-9f2a-1b2c3d4e5f60';

describe('the contract dispatcher', () => {
  it('names every method domain.verb', () => {
    for (const method of METHODS) expect(method).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
    expect(Object.keys(contract)).toEqual(expect.arrayContaining(['project.info', 'document.import', 'annotation.create', 'history.redo']));
  });

  it('refuses an unknown method, even one inherited from Object', async () => {
    const h = handlers();
    expect(await dispatch(h, 'annotation.drop', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await dispatch(h, 'constructor', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await dispatch(h, 42, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it.each([
    ['a document id that is not a UUID', 'document.get', { id: '../../etc/passwd' }],
    ['an unknown kind', 'annotation.create', { documentId: DOC, kind: 'opinion', target: { start: 0, end: 1 } }],
    ['fractional offsets', 'annotation.create', { documentId: DOC, kind: 'claim', target: { start: 0.5, end: 2 } }],
    ['negative offsets', 'annotation.create', { documentId: DOC, kind: 'claim', target: { start: -1, end: 2 } }],
    ['an extra field', 'annotation.delete', { id: DOC, force: true }],
    ['an attribute of no kind', 'annotation.update', { id: DOC, attributes: { colour: 'red' } }],
    ['an import without bytes', 'document.import', { source: { type: 'file', fileName: 'a.txt' } }],
    ['bytes sent as base64 text', 'document.import', { source: { type: 'file', fileName: 'a.txt', content: 'aGVsbG8=' } }],
    ['an article over its limit', 'document.import', { source: { type: 'file', fileName: 'a.txt', content: new Uint8Array(FILE_LIMITS.article + 1) } }],
    ['a payload that is not an object', 'actor.list', 'everything'],
    ['an empty actor name', 'actor.create', { name: '   ', kind: 'person' }],
  ])('rejects %s before it reaches the core', async (_what, method, payload) => {
    const h = handlers();
    const result = await dispatch(h, method, payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    if (!result.ok) expect(result.error.message).toMatch(new RegExp(`^The request to ${method.replace('.', '\\.')} is not valid`));
    for (const m of METHODS) expect(h[m]).not.toHaveBeenCalled();
  });

  it('passes a valid request through and turns a UserError into an error Result', async () => {
    const h = handlers();
    (h['document.get'] as unknown as ReturnType<typeof vi.fn>).mockImplementation(() => {
      throw new UserError('not_found', 'There is no document with that id.');
    });
    expect(await dispatch(h, 'document.get', { id: DOC })).toEqual({ ok: false, error: { code: 'not_found', message: 'There is no document with that id.' } });
    expect(h['document.get']).toHaveBeenCalledWith({ id: DOC });
  });

  it('lets programming errors propagate', async () => {
    const h = handlers();
    (h['project.info'] as unknown as ReturnType<typeof vi.fn>).mockImplementation(() => {
      throw new TypeError('bug');
    });
    await expect(dispatch(h, 'project.info', {})).rejects.toThrow('bug');
  });

  it('with checkResponses, throws when a handler answers outside its response schema, and passes a fitting answer', async () => {
    const h = handlers();
    vi.mocked(h['project.info']).mockReturnValue({ name: 42 } as never);
    await expect(dispatch(h, 'project.info', {}, { checkResponses: true })).rejects.toThrow(/project\.info answered outside its response schema/);
    expect(await dispatch(h, 'project.info', {})).toEqual({ ok: true, value: { name: 42 } });
    vi.mocked(h['merge.cancel']).mockReturnValue({});
    expect(await dispatch(h, 'merge.cancel', { previewId: DOC }, { checkResponses: true })).toEqual({ ok: true, value: {} });
  });
});
