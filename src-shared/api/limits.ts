// The size limits of everything Marginalia reads, stated once: the contract, `serve`, the CLI and the app all use these.

/** One MB as the messages say it (a mebibyte). */
export const MB = 1024 * 1024;

/**
 * The largest file of each kind, in bytes. Files cross the contract as base64 inside one JSON text, and a
 * JavaScript string holds at most 2^29 − 24 characters (V8), so the largest project file is chosen so that its
 * base64 request, with room to spare, stays below that.
 */
export const FILE_LIMITS = {
  /** An article: .txt, .md or .html. */
  article: 10 * MB,
  /** Another tool's tags: W3C Web Annotation / Hypothesis JSON, or a REFI-QDA .qdpx project. */
  annotations: 200 * MB,
  /** A teammate's project file, to merge or to review. */
  project: 300 * MB,
} as const;

export type FileKind = keyof typeof FILE_LIMITS;

/** One `import` of several articles (one transaction): at most this many files, together at most this many bytes. */
export const IMPORT_BATCH_LIMITS = { files: 1000, bytes: 300 * MB } as const;

/** How each kind is named in a sentence: "articles are at most 10 MB". */
export const FILE_KIND_PLURALS: Readonly<Record<FileKind, string>> = {
  article: 'articles',
  annotations: 'annotation files',
  project: 'project files',
};

/** The length of the base64 text of `bytes` bytes (with padding). */
export function base64Length(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}

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

/** Room for the request around a file's base64 text: its name, the format, the JSON punctuation. */
const ENVELOPE_BYTES = 64 * 1024;

/** The largest HTTP request body `serve` reads for an operation that carries no file. */
export const DEFAULT_BODY_LIMIT = 16 * MB;

/**
 * The largest request body for the operations that carry a file. `document.import` also takes pasted text of up
 * to one article's length, which JSON may spell with up to 6 bytes per UTF-16 unit (`\u0001`).
 */
export const BODY_LIMITS: Readonly<Record<string, number>> = {
  'document.import': Math.max(base64Length(FILE_LIMITS.article), 6 * FILE_LIMITS.article) + ENVELOPE_BYTES,
  'document.importMany': base64Length(IMPORT_BATCH_LIMITS.bytes) + ENVELOPE_BYTES + IMPORT_BATCH_LIMITS.files * 1024,
  'annotation.importFile': base64Length(FILE_LIMITS.annotations) + ENVELOPE_BYTES,
  'merge.preview': base64Length(FILE_LIMITS.project) + ENVELOPE_BYTES,
  'review.openFile': base64Length(FILE_LIMITS.project) + ENVELOPE_BYTES,
};

/** The largest request body accepted for `method` (known or not). */
export function bodyLimitFor(method: string): number {
  return Object.hasOwn(BODY_LIMITS, method) ? (BODY_LIMITS[method] ?? DEFAULT_BODY_LIMIT) : DEFAULT_BODY_LIMIT;
}
