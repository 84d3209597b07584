// The one generic dispatcher every transport uses: method allow-list → request schema → handler → Result.
import * as z from 'zod';
import { contract, isMethod, type ContractHandlers, type Method, type ResponseOf } from './contract';
import { err, ok, UserError, type Result } from '../model/result';

/** How much of a failed request's description is returned: a few issues, each clipped, so a hostile request gets a short answer. */
const MAX_ISSUES = 3;
const MAX_ISSUE_LENGTH = 200;

function clipped(text: string): string {
  return text.length <= MAX_ISSUE_LENGTH ? text : `${text.slice(0, MAX_ISSUE_LENGTH - 1)}…`;
}

/** A readable sentence for a failed request validation: "document.get: id must be a UUID"; at most about 1 KB. */
export function describeIssues(method: string, error: z.ZodError): string {
  const parts = error.issues.slice(0, MAX_ISSUES).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'request';
    return clipped(`${where}: ${issue.message}`);
  });
  const more = error.issues.length > MAX_ISSUES ? ` (and ${error.issues.length - MAX_ISSUES} more)` : '';
  return `The request to ${method} is not valid — ${parts.join('; ')}${more}.`;
}

/**
 * A contract call as every transport carries it, before the receiver checks it: a method name (`domain.verb`) and
 * a payload in, a Result out, never a rejected promise. With `requestId`, the call may be cancelled
 * (`request.cancel`) and its progress comes as events.
 */
export type UncheckedCall = (method: string, payload: unknown, requestId?: string) => Promise<Result<unknown>>;

export interface DispatchOptions {
  /** Also parse every answer with the method's response schema, and throw when it does not fit (tests, development). */
  readonly checkResponses?: boolean;
}

/**
 * Validates `payload` against the contract's request schema for `method` and calls the handler.
 * User-caused failures come back as an error Result; programming errors propagate.
 */
export async function dispatch(handlers: ContractHandlers, method: unknown, payload: unknown, options: DispatchOptions = {}): Promise<Result<unknown>> {
  if (!isMethod(method)) return err('unknown_method', `There is no operation called "${clipped(String(method))}".`);
  return dispatchMethod(handlers, method, payload, options);
}

async function dispatchMethod<M extends Method>(handlers: ContractHandlers, method: M, payload: unknown, options: DispatchOptions): Promise<Result<ResponseOf<M>>> {
  const parsed = contract[method].request.safeParse(payload ?? {});
  if (!parsed.success) return err('invalid_request', describeIssues(method, parsed.error));
  let value: ResponseOf<M>;
  try {
    const handler = handlers[method] as (request: unknown) => ResponseOf<M> | Promise<ResponseOf<M>>;
    value = await handler(parsed.data);
  } catch (error) {
    if (error instanceof UserError) return err(error.code, error.message, error.existingId);
    throw error;
  }
  if (options.checkResponses) {
    const checked = contract[method].response.safeParse(value);
    if (!checked.success) throw new Error(`${method} answered outside its response schema: ${z.prettifyError(checked.error)}`);
  }
  return ok(value);
}
