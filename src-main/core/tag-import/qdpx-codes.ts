// The codebook of a REFI-QDA project and what its codes mean in Marginalia: kinds, statuses, categories, actors (main process, pure).
import {
  ClaimStatusSchema,
  FigureAttributesSchema,
  KIND_LABELS,
  WARNING_CATEGORY_LABELS,
  WarningAttributesSchema,
  WarningCategorySchema,
  type AnnotationKind,
  type ClaimStatus,
  type WarningCategory,
} from '../../../src-shared/model/annotation';
import { QDPX_ATTRIBUTES_PREFIX } from '../export/qdpx';
import { QDPX_UNLINKED_ACTOR_CODE } from '../export/qdpx-codebook';
import type { ParsedQdpx, QdpxImportLimits, QdpxTag } from './qdpx-model';
import { childOf, childrenOf, normalGuid, type XmlNode } from './qdpx-xml';

const nameKey = (name: string): string => name.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
/** The kind a top-level code stands for, by its name ('Claim', 'claims', 'reliability-warning'). */
export function kindOfCodeName(name: string): AnnotationKind | undefined {
  return KIND_BY_NAME.get(nameKey(name));
}

const KIND_BY_NAME = new Map<string, AnnotationKind>(
  (Object.keys(KIND_LABELS) as AnnotationKind[]).flatMap((k) => {
    const names = [nameKey(KIND_LABELS[k]), nameKey(k)];
    return [...names, ...names.map((n) => `${n}s`)].map((n) => [n, k] as const);
  }),
);
const STATUS_BY_NAME = new Map<string, ClaimStatus>(ClaimStatusSchema.options.map((s) => [nameKey(s), s]));
const CATEGORY_BY_NAME = new Map<string, WarningCategory>(
  WarningCategorySchema.options.flatMap((c) => [[nameKey(c), c] as const, [nameKey(WARNING_CATEGORY_LABELS[c]), c] as const]),
);

/** Kinds and attributes from the code paths of one selection; what means nothing to Marginalia is `unmapped`. */
export function tagsFromCodes(paths: readonly string[][]): { tags: Map<AnnotationKind, Omit<QdpxTag, 'guid'>>; unmapped: string[]; conflicts: string[] } {
  const tags = new Map<AnnotationKind, Omit<QdpxTag, 'guid'>>();
  const unmapped: string[] = [];
  const conflicts: string[] = [];
  for (const path of paths) {
    const kind = KIND_BY_NAME.get(nameKey(path[0] ?? ''));
    if (kind === undefined || path.length > 2) {
      unmapped.push(path.join('/'));
      continue;
    }
    const tag = tags.get(kind) ?? { kind, attributes: {} };
    tags.set(kind, tag);
    const sub = path[1];
    if (sub === undefined) continue;
    const attributes = tag.attributes as Record<string, unknown>;
    const set = (key: string, value: string): void => {
      if (attributes[key] !== undefined && attributes[key] !== value) conflicts.push(`${path.join('/')} (kept ${String(attributes[key])})`);
      else attributes[key] = value;
    };
    const status = kind === 'claim' ? STATUS_BY_NAME.get(nameKey(sub)) : undefined;
    const category = kind === 'reliability_warning' ? CATEGORY_BY_NAME.get(nameKey(sub)) : undefined;
    if (status !== undefined) set('status', status);
    else if (category !== undefined) set('category', category);
    else if (kind === 'actor' && nameKey(sub) === nameKey(QDPX_UNLINKED_ACTOR_CODE)) continue;
    else if (kind === 'actor' && sub.trim() !== '') tag.actorName ??= sub.trim().slice(0, 200);
    else unmapped.push(path.join('/'));
  }
  return { tags, unmapped, conflicts };
}

/** Splits a Marginalia description into the note and its attributes line (absent in other tools' files). */
export function readDescription(description: string): { note: string; extra: Record<string, unknown> } {
  const lines = description.split('\n');
  const at = lines.findLastIndex((l) => l.startsWith(QDPX_ATTRIBUTES_PREFIX));
  if (at < 0) return { note: description, extra: {} };
  let extra: unknown;
  try {
    extra = JSON.parse(lines[at]!.slice(QDPX_ATTRIBUTES_PREFIX.length));
  } catch {
    return { note: description, extra: {} };
  }
  if (typeof extra !== 'object' || extra === null || Array.isArray(extra)) return { note: description, extra: {} };
  const note = [...lines.slice(0, at), ...lines.slice(at + 1)].join('\n').trim();
  return { note, extra: extra as Record<string, unknown> };
}

/** Adds what a Marginalia description carries (severity, correction, figure values, claimant) to the tags. */
export function applyExtra(tags: Iterable<Omit<QdpxTag, 'guid'>>, extra: Record<string, unknown>): void {
  const pick = (schema: typeof FigureAttributesSchema | typeof WarningAttributesSchema, keys: string[]): Record<string, unknown> => {
    const present = Object.fromEntries(keys.filter((k) => k in extra).map((k) => [k, extra[k]]));
    const parsed = schema.partial().safeParse(present);
    return parsed.success ? parsed.data : {};
  };
  for (const tag of tags) {
    if (tag.kind === 'figure') Object.assign(tag.attributes, pick(FigureAttributesSchema, ['amount', 'scale', 'unit']));
    if (tag.kind === 'reliability_warning') Object.assign(tag.attributes, pick(WarningAttributesSchema, ['severity', 'correction']));
    const named = tag.kind === 'claim' ? extra.claimant : tag.kind === 'actor' ? extra.actor : undefined;
    if (typeof named !== 'string' || named.trim() === '') continue;
    // Our export suffixes a repeated actor name (" (2)") to keep code names unique; the description has it whole.
    const whole = named.trim().slice(0, 200);
    const suffixed = tag.actorName?.startsWith(whole) === true && /^ \(\d+\)$/.test(tag.actorName.slice(whole.length));
    if (tag.actorName === undefined || suffixed) tag.actorName = whole;
  }
}

/** The codebook flattened into paths (Claim/disputed), recorded in `out.codes`; codes by GUID. */
export function readCodes(project: XmlNode, limits: QdpxImportLimits, out: ParsedQdpx): Map<string, { path: string[] }> {
  const byGuid = new Map<string, { path: string[] }>();
  const visit = (node: XmlNode, parent: { guid: string; path: string[] } | undefined): void => {
    const guid = normalGuid(node.attributes.guid);
    const name = (node.attributes.name ?? '').trim();
    if (guid === undefined || out.codes.length >= limits.codes) {
      out.notImported.push({ where: `Code “${name}”`, message: guid === undefined ? 'It has no GUID.' : `Beyond the limit of ${limits.codes} codes.` });
      return;
    }
    const path = [...(parent?.path ?? []), name];
    const description = childOf(node, 'Description')?.text;
    out.codes.push({
      guid,
      name,
      path: path.join('/'),
      ...(parent ? { parentGuid: parent.guid } : {}),
      ...(node.attributes.color ? { color: node.attributes.color } : {}),
      ...(description ? { description: description.slice(0, limits.descriptionChars) } : {}),
    });
    byGuid.set(guid, { path });
    for (const child of childrenOf(node, 'Code')) visit(child, { guid, path });
  };
  for (const code of childrenOf(childOf(childOf(project, 'CodeBook'), 'Codes'), 'Code')) visit(code, undefined);
  return byGuid;
}
