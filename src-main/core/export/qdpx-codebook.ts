// The codebook of the REFI-QDA export: one code per kind with its sub-codes (statuses, categories, actors), their
// stable GUIDs and colours, which codes a tag is coded with, and names made unique as QualCoder needs them.
import { v5 as uuidV5 } from 'uuid';
import type { Actor } from '../../../src-shared/model/actor';
import {
  ClaimStatusSchema,
  KIND_LABELS,
  WARNING_CATEGORY_LABELS,
  WarningCategorySchema,
  type Annotation,
  type AnnotationKind,
} from '../../../src-shared/model/annotation';
import type { ExportSnapshot } from './types';

/** Sub-code names of the claim statuses (the status keys) and warning categories (their labels). */
export const QDPX_STATUS_CODE_NAMES = ClaimStatusSchema.options;
export const QDPX_CATEGORY_CODE_NAMES = WarningCategorySchema.options.map((c) => WARNING_CATEGORY_LABELS[c]);
/** The Actor sub-code for mentions not yet linked to a registry actor (a coding target that is always a leaf). */
export const QDPX_UNLINKED_ACTOR_CODE = 'Unlinked mention';

/** A code of the exported codebook; `key` is stable across exports and names the code's GUID. */
export interface QdpxCode {
  key: string;
  guid: string;
  name: string;
  color: string;
  description?: string;
  children: QdpxCode[];
}

const KIND_COLORS: Readonly<Record<AnnotationKind, string>> = {
  claim: '#F2C230',
  actor: '#3A7BD5',
  figure: '#2E9D5B',
  reliability_warning: '#DE4A10',
};
const STATUS_COLORS = { unverified: '#9E9E9E', supported: '#2E9D5B', disputed: '#E68A00', false: '#C62828' } as const;
const CATEGORY_COLORS = {
  factual_error: '#B71C1C',
  unverifiable_quote: '#D84315',
  ai_generated: '#8E24AA',
  outdated_role: '#EF6C00',
  internal_contradiction: '#F4511E',
  unsourced: '#FF8A65',
  other: '#BCAAA4',
} as const;
const KIND_DESCRIPTIONS: Readonly<Record<AnnotationKind, string>> = {
  claim: 'A claim the article makes; the sub-code is its verification status.',
  actor: 'A mention of a person, organisation or state; the sub-code is the registry actor.',
  figure: 'A number the article gives; amount, scale and unit are in each selection’s description.',
  reliability_warning:
    'A reason to doubt the article; the sub-code is the category, severity and correction are in the description. ' +
    'A warning about the whole document is a selection over the whole text.',
};

/** The actors that get a code: live ones, and deleted ones that a live actor tag still names. */
export function codedActors(actors: readonly Actor[], named: ReadonlySet<string>): Actor[] {
  return actors.filter((a) => a.deletedAt === null || named.has(a.id));
}

/** What the codebook and the users need from the live tags, gathered in one pass: the actors named and the analysts. */
export class TagSurvey {
  readonly namedActors = new Set<string>();
  readonly analysts: string[] = [];
  add(tags: readonly Annotation[]): void {
    for (const a of tags) {
      if (a.kind === 'actor' && a.attributes.actorId !== null) this.namedActors.add(a.attributes.actorId);
      this.analysts.push(a.analystId);
    }
  }
}

/**
 * Names made unique, first come first served, by appending " (2)", " (3)" …: QualCoder keeps code and source
 * names in UNIQUE columns, so two actors or two articles of the same name would stop its import.
 */
export function uniqueNamer(reserved: Iterable<string> = []): (name: string) => string {
  const taken = new Set([...reserved].map((n) => n.toLowerCase()));
  return (name) => {
    let unique = name;
    for (let n = 2; taken.has(unique.toLowerCase()); n++) unique = `${name} (${n})`;
    taken.add(unique.toLowerCase());
    return unique;
  };
}

/** The codebook: one code per kind, statuses under Claim, categories under Reliability warning, actors under Actor. */
export function qdpxCodebook(snapshot: Pick<ExportSnapshot, 'project'>, actors: readonly Actor[]): QdpxCode[] {
  const actorName = uniqueNamer([...Object.values(KIND_LABELS), ...QDPX_STATUS_CODE_NAMES, ...QDPX_CATEGORY_CODE_NAMES, QDPX_UNLINKED_ACTOR_CODE]);
  const code = (key: string, name: string, color: string, children: QdpxCode[] = [], description?: string): QdpxCode => ({
    key,
    guid: uuidV5(`code:${key}`, snapshot.project.id),
    name,
    color,
    ...(description === undefined ? {} : { description }),
    children,
  });
  const kind = (k: AnnotationKind, children: QdpxCode[] = []) => code(k, KIND_LABELS[k], KIND_COLORS[k], children, KIND_DESCRIPTIONS[k]);
  return [
    kind('claim', ClaimStatusSchema.options.map((s) => code(`claim/status/${s}`, s, STATUS_COLORS[s]))),
    kind('actor', [
      ...actors.map((a) => code(`actor/actor/${a.id}`, actorName(a.name), '#6FA0E3', [], a.aliases.length > 0 ? `Also: ${a.aliases.join('; ')}` : undefined)),
      code('actor/unlinked', QDPX_UNLINKED_ACTOR_CODE, '#A9C4EC', [], 'An actor mention not linked to the registry.'),
    ]),
    kind('figure'),
    kind(
      'reliability_warning',
      WarningCategorySchema.options.map((c) => code(`reliability_warning/category/${c}`, WARNING_CATEGORY_LABELS[c], CATEGORY_COLORS[c])),
    ),
  ];
}

/** The code keys a tag is coded with: its kind, and the status, category or actor sub-code. */
export function codeKeysOf(annotation: Annotation, actorIds: ReadonlySet<string>): string[] {
  switch (annotation.kind) {
    case 'claim':
      return ['claim', `claim/status/${annotation.attributes.status}`];
    case 'reliability_warning':
      return ['reliability_warning', `reliability_warning/category/${annotation.attributes.category}`];
    case 'actor': {
      const id = annotation.attributes.actorId;
      return ['actor', id !== null && actorIds.has(id) ? `actor/actor/${id}` : 'actor/unlinked'];
    }
    case 'figure':
      return ['figure'];
  }
}

