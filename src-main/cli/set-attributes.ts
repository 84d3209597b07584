// Turns `--set name=value` options of `marginalia tag` into an attribute patch for the tag's kind.
import type { AnnotationKind } from '../../src-shared/model/annotation';
import type { RequestOf } from '../../src-shared/api/contract';
import { UserError } from '../../src-shared/model/result';
import { actorByName, type CliIo, type CliProject } from './project';

/** Attribute names the command line accepts per kind; actor-valued ones take a name, resolved by the caller. */
export const SETTABLE_ATTRIBUTES: Readonly<Record<AnnotationKind, readonly string[]>> = {
  claim: ['status', 'claimant'],
  actor: ['actor', 'actorKind'],
  figure: ['amount', 'scale', 'unit'],
  reliability_warning: ['severity', 'category', 'correction'],
};

export interface ParsedSetOptions {
  patch: Record<string, unknown>;
  /** Actor names to resolve to registry ids: attribute name → actor name. */
  actorNames: { attribute: 'claimantId' | 'actorId'; name: string }[];
  actorKind: string | undefined;
}

function parseNumber(name: string, value: string): number {
  const number = Number(value.replace(/,/g, ''));
  if (value.trim() === '' || !Number.isFinite(number)) throw new UserError('invalid_attributes', `--set ${name}= needs a number, not “${value}”.`);
  return number;
}

export function parseSetOptions(kind: AnnotationKind, sets: readonly string[]): ParsedSetOptions {
  const result: ParsedSetOptions = { patch: {}, actorNames: [], actorKind: undefined };
  for (const set of sets) {
    const eq = set.indexOf('=');
    if (eq <= 0) throw new UserError('invalid_attributes', `--set takes name=value, not “${set}”.`);
    const name = set.slice(0, eq).trim();
    const value = set.slice(eq + 1);
    if (!SETTABLE_ATTRIBUTES[kind].includes(name)) {
      throw new UserError('invalid_attributes', `A ${kind} tag has no attribute “${name}”; it takes: ${SETTABLE_ATTRIBUTES[kind].join(', ')}.`);
    }
    if (name === 'claimant') result.actorNames.push({ attribute: 'claimantId', name: value });
    else if (name === 'actor') result.actorNames.push({ attribute: 'actorId', name: value });
    else if (name === 'actorKind') result.actorKind = value;
    else if (name === 'amount' || name === 'scale') result.patch[name] = parseNumber(name, value);
    else result.patch[name] = value;
  }
  return result;
}

/** The attributes `--set` options give a new tag of `kind`, actor names resolved in the registry (added when new). */
export async function attributesFromSets(project: CliProject, kind: AnnotationKind, sets: readonly string[], io: CliIo): Promise<RequestOf<'annotation.create'>['attributes']> {
  const parsed = parseSetOptions(kind, sets);
  const attributes: Record<string, unknown> = { ...parsed.patch };
  for (const { attribute, name } of parsed.actorNames) attributes[attribute] = (await actorByName(project, name, parsed.actorKind, io)).id;
  return attributes as RequestOf<'annotation.create'>['attributes'];
}

