// Annotations (tags): the four kinds, their attributes, and the text target each one anchors to.
// Words: a tag is what the analyst makes and sees (the UI, the CLI and the README say tag); an annotation is the
// same thing as the code, the contract, the project file and the W3C Web Annotation export hold it, with its id,
// analyst, anchor and history. One tag is one annotation: code the user reads says "tag", code about the record
// (contract methods `annotation.*`, the `annotations` table, `Annotation`) says "annotation".
import * as z from 'zod';
import { ActorIdSchema, AnalystIdSchema, AnnotationIdSchema, DocumentIdSchema, TimestampSchema } from './ids';

export const ANNOTATION_KINDS = ['claim', 'actor', 'figure', 'reliability_warning'] as const;
export const AnnotationKindSchema = z.enum(ANNOTATION_KINDS);
export type AnnotationKind = z.infer<typeof AnnotationKindSchema>;

export const KIND_LABELS: Readonly<Record<AnnotationKind, string>> = {
  claim: 'Claim',
  actor: 'Actor',
  figure: 'Figure',
  reliability_warning: 'Reliability warning',
};

export const ClaimStatusSchema = z.enum(['unverified', 'supported', 'disputed', 'false']);
export const WarningSeveritySchema = z.enum(['low', 'medium', 'high']);
export const WarningCategorySchema = z.enum([
  'factual_error',
  'unverifiable_quote',
  'ai_generated',
  'outdated_role',
  'internal_contradiction',
  'unsourced',
  'other',
]);
export type ClaimStatus = z.infer<typeof ClaimStatusSchema>;
export type WarningSeverity = z.infer<typeof WarningSeveritySchema>;
export type WarningCategory = z.infer<typeof WarningCategorySchema>;

export const WARNING_CATEGORY_LABELS: Readonly<Record<WarningCategory, string>> = {
  factual_error: 'Factual error',
  unverifiable_quote: 'Unverifiable or fabricated quote',
  ai_generated: 'AI-generated or fictional content',
  outdated_role: 'Outdated or wrong role',
  internal_contradiction: 'Internal contradiction',
  unsourced: 'Unsourced',
  other: 'Other',
};

export const ClaimAttributesSchema = z.strictObject({
  status: ClaimStatusSchema,
  /** The actor who makes the claim, from the project's registry. */
  claimantId: ActorIdSchema.nullable(),
});
export const ActorAttributesSchema = z.strictObject({
  /** The registry actor this mention refers to; null until the analyst picks one. */
  actorId: ActorIdSchema.nullable(),
});
export const FigureAttributesSchema = z.strictObject({
  /** The number as written ("$800 billion" → 800). */
  amount: z.number().finite().nullable(),
  /** Multiplier of the scale word: 1, 1e3, 1e6, 1e9, 1e12. */
  scale: z.number().finite().positive(),
  /** Normalised unit: ISO currency code, '%', '°C', or the counted noun ("troops"). */
  unit: z.string().max(100).nullable(),
});
export const WarningAttributesSchema = z.strictObject({
  severity: WarningSeveritySchema,
  category: WarningCategorySchema,
  /** The correction, or the evidence that shows the problem. */
  correction: z.string().max(20_000),
});
export type ClaimAttributes = z.infer<typeof ClaimAttributesSchema>;
export type ActorAttributes = z.infer<typeof ActorAttributesSchema>;
export type FigureAttributes = z.infer<typeof FigureAttributesSchema>;
export type WarningAttributes = z.infer<typeof WarningAttributesSchema>;

export interface AttributesByKind {
  claim: ClaimAttributes;
  actor: ActorAttributes;
  figure: FigureAttributes;
  reliability_warning: WarningAttributes;
}
export type AnnotationAttributes = AttributesByKind[AnnotationKind];

export const ATTRIBUTE_SCHEMAS = {
  claim: ClaimAttributesSchema,
  actor: ActorAttributesSchema,
  figure: FigureAttributesSchema,
  reliability_warning: WarningAttributesSchema,
} as const;

/** The attributes a new tag of each kind starts with (figures are then prefilled by the parser). */
export function defaultAttributes<K extends AnnotationKind>(kind: K): AttributesByKind[K] {
  const defaults: AttributesByKind = {
    claim: { status: 'unverified', claimantId: null },
    actor: { actorId: null },
    figure: { amount: null, scale: 1, unit: null },
    reliability_warning: { severity: 'medium', category: 'other', correction: '' },
  };
  return defaults[kind];
}

/** The value a figure stands for: amount × scale, without floating-point noise. */
export function figureValue(attributes: FigureAttributes): number | null {
  if (attributes.amount === null) return null;
  return Number((attributes.amount * attributes.scale).toPrecision(15));
}

/**
 * Where a tag sits: UTF-16 offsets into the document's canonical text plus the W3C TextQuoteSelector
 * (exact quote, 32 characters of context each side) that lets it be re-anchored.
 */
export const TextTargetSchema = z.strictObject({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  exact: z.string(),
  prefix: z.string(),
  suffix: z.string(),
});
export type TextTarget = z.infer<typeof TextTargetSchema>;

export const ReviewStatusSchema = z.enum(['pending', 'accepted', 'rejected']);
export type ReviewStatus = z.infer<typeof ReviewStatusSchema>;

/** A reviewer's decision on a tag. The tag itself is never changed or deleted by a review. */
export const ReviewSchema = z.strictObject({
  status: ReviewStatusSchema,
  reviewerId: AnalystIdSchema,
  reviewedAt: TimestampSchema,
  comment: z.string().max(5_000),
});

/**
 * A live tag with a passage as the article view draws it: where, which kind, whose, and the review decision if any.
 * The quote, attributes and note are left out (annotation.listForDocument has them).
 */
export const TagSpanSchema = z.object({
  id: AnnotationIdSchema,
  kind: AnnotationKindSchema,
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  analystId: AnalystIdSchema,
  review: ReviewStatusSchema.nullable(),
});
export type TagSpan = z.infer<typeof TagSpanSchema>;

const annotationBase = {
  id: AnnotationIdSchema,
  documentId: DocumentIdSchema,
  /** null only for a reliability warning about the whole document. */
  target: TextTargetSchema.nullable(),
  note: z.string().max(20_000),
  analystId: AnalystIdSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  /** Set when deleted: the tag is a tombstone, kept so it can be restored and merged. */
  deletedAt: TimestampSchema.nullable(),
  /** The review decision on this tag, if a reviewer has made one (absent in files from before reviews). */
  review: ReviewSchema.nullable().optional(),
};

export const AnnotationSchema = z.discriminatedUnion('kind', [
  z.object({ ...annotationBase, kind: z.literal('claim'), attributes: ClaimAttributesSchema }),
  z.object({ ...annotationBase, kind: z.literal('actor'), attributes: ActorAttributesSchema }),
  z.object({ ...annotationBase, kind: z.literal('figure'), attributes: FigureAttributesSchema }),
  z.object({ ...annotationBase, kind: z.literal('reliability_warning'), attributes: WarningAttributesSchema }),
]);
export type Annotation = z.infer<typeof AnnotationSchema>;

/** Attribute changes as a request carries them: any subset of one kind's fields (checked against the kind in the core). */
export const AttributesPatchSchema = z.union([
  ClaimAttributesSchema.partial(),
  ActorAttributesSchema.partial(),
  FigureAttributesSchema.partial(),
  WarningAttributesSchema.partial(),
]);
export type AttributesPatch = z.infer<typeof AttributesPatchSchema>;
