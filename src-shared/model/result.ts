// Result<T>: how user-caused failures cross every boundary — a value, or an error with a stable code and a sentence.
import * as z from 'zod';

/** Stable codes for failures a user can cause; programming errors throw instead. */
export const ErrorCodeSchema = z.enum([
  'invalid_request',
  'unknown_method',
  'not_found',
  'not_a_project',
  'project_newer_version',
  'project_corrupt',
  'untrusted_content',
  'project_exists',
  'project_read_only',
  'import_empty',
  'import_binary',
  'import_unsupported_format',
  'import_too_large',
  'import_encoding',
  'import_encrypted',
  'import_no_text',
  'import_damaged',
  'invalid_target',
  'invalid_attributes',
  'quote_not_found',
  'duplicate_tag',
  'ambiguous_name',
  'nothing_to_undo',
  'nothing_to_redo',
  'conflict',
  'no_analyst',
  'no_project',
  'unsupported',
  'cancelled',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const AppErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** The record the failure is about, when there is one (the existing tag a duplicate would repeat). */
  existingId: z.string().optional(),
});
export type AppError = z.infer<typeof AppErrorSchema>;

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(code: ErrorCode, message: string, existingId?: string): Result<T> {
  return { ok: false, error: existingId === undefined ? { code, message } : { code, message, existingId } };
}

/** What every transport (IPC, HTTP) answers when the core fails unexpectedly: no detail crosses; it is logged where it happened. */
export const INTERNAL_ERROR_MESSAGE = 'Something went wrong inside Marginalia; the details are in Marginalia’s log.';

/** A failure the user caused (bad file, unknown id …). Thrown inside the core, turned into a Result at the boundary. */
export class UserError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The record the failure is about, for the caller to show (e.g. the tag a duplicate would repeat). */
    readonly existingId?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
