// Test helpers: fresh projects in a temporary folder (never the user's data folder), closed after each test, and typed contract calls.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Method, RequestOf, ResponseOf } from '../../src-shared/api/contract';
import type { Result } from '../../src-shared/model/result';
import { createProjectApi } from '../core/handlers';
import { createProject, type ProjectSession } from '../core/session';

export const SAMPLE_DIR = join(import.meta.dirname, '..', '..', 'resources', 'sample');

export function temporaryDirectory(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'marginalia-test-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface TestProject {
  session: ProjectSession;
  path: string;
  call<M extends Method>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>>;
  result(method: Method, request: unknown): Promise<Result<unknown>>;
  importSample(fileName: string): Promise<ResponseOf<'document.import'>['document']>;
  /** Imports pasted text as a document; resolves to its id. */
  paste(title: string, text: string): Promise<string>;
  close(): void;
}

/** A new project file in a temporary folder; `close()` removes it. */
export function newTestProject(analystName = 'Ada Analyst'): TestProject {
  const dir = temporaryDirectory();
  const path = join(dir.path, 'test.marginalia');
  const session = createProject(path, 'Test project', { analystName });
  const api = createProjectApi(session);
  const project: TestProject = {
    session,
    path,
    async call(method, request) {
      const result = await api.call(method, request);
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
      return result.value as ResponseOf<typeof method>;
    },
    result: (method, request) => api.call(method, request),
    async importSample(fileName) {
      const bytes = readFileSync(join(SAMPLE_DIR, fileName));
      const { document } = await project.call('document.import', {
        source: { type: 'file', fileName, content: bytes },
      });
      return document;
    },
    async paste(title, text) {
      return (await project.call('document.import', { source: { type: 'text', title, text } })).document.id;
    },
    close() {
      session.close();
      dir.remove();
    },
  };
  return project;
}

/** For a test file: a function that makes a new project at each call; every project it made is closed after each test. */
export function testProjects(): () => TestProject {
  const open: TestProject[] = [];
  afterEach(() => open.splice(0).forEach((p) => p.close()));
  return () => {
    const p = newTestProject();
    open.push(p);
    return p;
  };
}
