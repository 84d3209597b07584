// Importing articles through the web File API: the file picker and dropped files send names and bytes, never paths.
import type { RefObject } from 'react';
import { MAX_IMPORT_BYTES } from '../../src-shared/api/contract';
import { IMPORT_BATCH_LIMITS } from '../../src-shared/api/limits';
import type { Client } from '../api/client';
import type { Message } from '../hooks/useMessage';

const ACCEPT = '.txt,.md,.markdown,.html,.htm,.pdf,.docx,.epub,text/plain,text/markdown,text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/epub+zip';

export interface ImportOutcome {
  message: Message;
  lastImportedId: string | null;
}

/**
 * Imports the files in one request (`requestId`: its progress and its cancel), in one transaction: the files the core
 * refuses are left out and named, the others imported. Cancelled while the files are read, it imports none of them.
 */
export async function importFiles(client: Client, files: readonly File[], requestId?: string): Promise<ImportOutcome> {
  const imported: string[] = [];
  const duplicates: string[] = [];
  const refused: string[] = [];
  let lastImportedId: string | null = null;
  const sent: File[] = [];
  for (const file of files) {
    if (file.size > MAX_IMPORT_BYTES) refused.push(`“${file.name}” is ${(file.size / 1e6).toFixed(1)} MB; the largest article Marginalia imports is 10 MB.`);
    else sent.push(file);
  }
  if (sent.length > IMPORT_BATCH_LIMITS.files) {
    return { message: { kind: 'error', text: `One import takes at most ${IMPORT_BATCH_LIMITS.files} files (here ${sent.length}); import them in several goes. Nothing was imported.` }, lastImportedId };
  }
  if (sent.length > 0) {
    const sources = await Promise.all(sent.map(async (file) => ({ type: 'file' as const, fileName: file.name, content: new Uint8Array(await file.arrayBuffer()) })));
    const { results, refused: left } = await client.call('document.importMany', { sources, skipRefused: true }, { requestId });
    for (const { document, status } of results) {
      if (status === 'imported') {
        imported.push(document.title);
        lastImportedId = document.id;
      } else duplicates.push(document.title);
    }
    for (const { message } of left ?? []) refused.push(message);
  }
  const parts = [
    imported.length ? `Imported ${imported.length === 1 ? `“${imported[0]}”` : `${imported.length} articles`}.` : '',
    duplicates.length ? `${duplicates.length} already in the project.` : '',
    refused.length && (imported.length || duplicates.length) ? `Not imported (${refused.length}):` : '',
    ...refused,
  ].filter(Boolean);
  const kind = refused.length === 0 ? 'info' : imported.length + duplicates.length > 0 ? 'partial' : 'error';
  return { message: { kind, text: parts.join(' ') || 'Nothing to import.' }, lastImportedId };
}

export function ImportControl({ inputRef, onFiles }: { inputRef: RefObject<HTMLInputElement | null>; onFiles: (files: File[]) => void }) {
  return (
    <>
      <button onClick={() => inputRef.current?.click()} title="Import articles (.txt, .md, .html) — or drop files on the window">Import articles…</button>
      <input
        ref={inputRef}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        data-testid="import-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) onFiles(files);
        }}
      />
    </>
  );
}
