// Importing articles through the web File API: the file picker and dropped files send names and bytes, never paths.
import type { RefObject } from 'react';
import { MAX_IMPORT_BYTES } from '../../src-shared/api/contract';
import { ApiError, type Client } from '../api/client';
import type { Message } from '../hooks/useMessage';

const ACCEPT = '.txt,.md,.markdown,.html,.htm,.pdf,.docx,.epub,text/plain,text/markdown,text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/epub+zip';

export interface ImportOutcome {
  message: Message;
  lastImportedId: string | null;
}

/** Imports each file in turn and sums up what happened in one message. */
export async function importFiles(client: Client, files: readonly File[]): Promise<ImportOutcome> {
  const imported: string[] = [];
  const duplicates: string[] = [];
  const refused: string[] = [];
  let lastImportedId: string | null = null;
  for (const file of files) {
    if (file.size > MAX_IMPORT_BYTES) {
      refused.push(`“${file.name}” is ${(file.size / 1e6).toFixed(1)} MB; the largest article Marginalia imports is 10 MB.`);
      continue;
    }
    try {
      const content = new Uint8Array(await file.arrayBuffer());
      const { document, status } = await client.call('document.import', { source: { type: 'file', fileName: file.name, content } });
      if (status === 'imported') {
        imported.push(document.title);
        lastImportedId = document.id;
      } else duplicates.push(document.title);
    } catch (error) {
      refused.push(error instanceof ApiError ? error.message : `“${file.name}” could not be read.`);
    }
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
