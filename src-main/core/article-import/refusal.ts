// Import refusals: the size limit and the error a person sees when a file cannot be imported.

/** The largest file (in bytes) Marginalia imports: 10 MiB. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export type ImportRefusalCode =
  | 'import_empty'
  | 'import_binary'
  | 'import_unsupported_format'
  | 'import_too_large'
  | 'import_encoding'
  | 'import_encrypted'
  | 'import_no_text'
  | 'import_damaged';

/** Thrown when a file or pasted text cannot become an article; `message` is a sentence for the user. */
export class ImportRefusal extends Error {
  readonly code: ImportRefusalCode;

  constructor(code: ImportRefusalCode, message: string) {
    super(message);
    this.name = 'ImportRefusal';
    this.code = code;
  }
}

/** `12.3 MB` style size for messages (MiB, labelled MB as people expect). */
export function describeSize(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  const label = mb.toFixed(1);
  if (mb > 10 && Number(label) <= 10) return 'just over 10 MB';
  return `${label} MB`;
}

export function tooLarge(subject: string, bytes: number): ImportRefusal {
  return new ImportRefusal(
    'import_too_large',
    `${subject} is ${describeSize(bytes)}; the largest article Marginalia imports is ${MAX_IMPORT_BYTES / (1024 * 1024)} MB.`,
  );
}
