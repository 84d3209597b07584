// Reading the parts of an untrusted zip (DOCX, EPUB) within budgets, so a zip bomb is refused before anything is inflated.
import { unzipSync } from 'fflate';
import { ImportRefusal } from './refusal';

/** Entries a DOCX or EPUB may list, and the declared bytes its extracted parts may inflate to. */
export const ZIP_LIMITS = { entries: 10_000, uncompressedBytes: 100 * 1024 * 1024 } as const;

function tooBig(name: string): ImportRefusal {
  return new ImportRefusal('import_too_large', `"${name}" unpacks to more than Marginalia imports (${ZIP_LIMITS.uncompressedBytes / (1024 * 1024)} MB); save the article as text and import that instead.`);
}

export interface ZipParts {
  /** Every entry name in the zip, extracted or not. */
  names: string[];
  /** The wanted entries, inflated. */
  parts: Map<string, Uint8Array>;
}

/**
 * Lists the zip and inflates the entries `wanted` accepts; `kind` names the format in the refusal of a file that is
 * not a zip ("a Word document"). Refuses zips with too many entries, or whose wanted entries (or all, with
 * `budgetAll`: other readers will inflate them) declare more than the byte budget.
 */
export function readZipParts(bytes: Uint8Array, name: string, kind: string, wanted: (path: string) => boolean, budgetAll = false): ZipParts {
  const names: string[] = [];
  let declared = 0;
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name);
        if (names.length > ZIP_LIMITS.entries) throw tooBig(name);
        const take = wanted(file.name);
        if (take || budgetAll) declared += file.originalSize;
        if (declared > ZIP_LIMITS.uncompressedBytes) throw tooBig(name);
        return take;
      },
    });
  } catch (error) {
    if (error instanceof ImportRefusal) throw error;
    throw new ImportRefusal('import_damaged', `"${name}" is damaged or is not really ${kind}, so its text cannot be read.`);
  }
  return { names, parts: new Map(Object.entries(parts)) };
}

/** An entry's bytes as text (UTF-8, BOM dropped; invalid bytes replaced). */
export function partText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}
