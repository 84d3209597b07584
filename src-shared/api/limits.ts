// The size limits of everything Marginalia reads, stated once: the contract, `serve`, the CLI and the app all use these.

/** One MB as the messages say it (a mebibyte). */
export const MB = 1024 * 1024;

/**
 * The largest file of each kind, in bytes. Files cross every transport as bytes (a Uint8Array over IPC and to the
 * core's thread; a raw upload to `serve`), never inside a JSON text, so no string length bounds them: a project
 * file is read whole into memory once in the core (and copied once more between the app's processes), which is
 * what keeps it to 1 GB. An annotation file is decoded into one JavaScript string (at most 2^29 − 24 UTF-16
 * units in V8), which its limit stays well below.
 */
export const FILE_LIMITS = {
  /** An article: .txt, .md, .html, .pdf, .docx, .epub. */
  article: 10 * MB,
  /** Another tool's tags: W3C Web Annotation / Hypothesis JSON, or a REFI-QDA .qdpx project. */
  annotations: 200 * MB,
  /** A teammate's project file, to merge or to review. */
  project: 1024 * MB,
} as const;

export type FileKind = keyof typeof FILE_LIMITS;

/** How many merge previews wait for confirmation at once (a new one forgets the oldest), and so how many files one merge takes. */
export const MAX_MERGE_PREVIEWS = 8;

/** One `import` of several articles (one transaction): at most this many files, together at most this many bytes. */
export const IMPORT_BATCH_LIMITS = { files: 1000, bytes: 1024 * MB } as const;

/** How each kind is named in a sentence: "articles are at most 10 MB". */
export const FILE_KIND_PLURALS: Readonly<Record<FileKind, string>> = {
  article: 'articles',
  annotations: 'annotation files',
  project: 'project files',
};

/** A size as people read it: "812 bytes", "3.4 KB", "10 MB", "1.5 GB" (binary units, labelled as people expect). */
export function describeBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  const [value, unit] = bytes < MB ? [bytes / 1024, 'KB'] : bytes < 1024 * MB ? [bytes / MB, 'MB'] : [bytes / (1024 * MB), 'GB'];
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}

/** "is 1.5 GB; articles are at most 10 MB" — the end of a refusal of an over-large file. */
export function describeOverLimit(kind: FileKind, bytes: number): string {
  return `is ${describeBytes(bytes)}; ${FILE_KIND_PLURALS[kind]} are at most ${describeBytes(FILE_LIMITS[kind])}`;
}

/** Room for a request around its text: names, the format, the JSON punctuation. */
const ENVELOPE_BYTES = 64 * 1024;

/** The largest HTTP request body (JSON) `serve` reads for an operation; files never travel inside it. */
export const DEFAULT_BODY_LIMIT = 16 * MB;

/**
 * The largest JSON body for the operations that carry pasted text: one article's length, which JSON may spell
 * with up to 6 bytes per UTF-16 unit (`\u0001`). Several pasted texts in one `document.importMany` request are
 * together at most this long in `serve`; their files are uploaded apart (UPLOAD_LIMIT each).
 */
export const BODY_LIMITS: Readonly<Record<string, number>> = {
  'document.import': 6 * FILE_LIMITS.article + ENVELOPE_BYTES,
  'document.importMany': 6 * FILE_LIMITS.article + ENVELOPE_BYTES + IMPORT_BATCH_LIMITS.files * 1024,
};

/** The largest request body accepted for `method` (known or not). */
export function bodyLimitFor(method: string): number {
  return Object.hasOwn(BODY_LIMITS, method) ? (BODY_LIMITS[method] ?? DEFAULT_BODY_LIMIT) : DEFAULT_BODY_LIMIT;
}

/** The largest file `serve` takes in one upload (POST /api/upload): the largest file of any kind. */
export const UPLOAD_LIMIT = Math.max(...Object.values(FILE_LIMITS));

/** How long `serve` keeps an upload that no request has used yet, and a download nobody fetched. */
export const TRANSFER_TTL_MS = 10 * 60 * 1000;

/** How many uploads (and downloads) one page may have waiting in `serve` at once: one import's files. */
export const MAX_PENDING_TRANSFERS = IMPORT_BATCH_LIMITS.files;

/** How many bytes one page may have uploaded to `serve` and not yet used, together. */
export const MAX_PENDING_UPLOAD_BYTES = 2 * UPLOAD_LIMIT;
