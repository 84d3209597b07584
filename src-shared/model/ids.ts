// Branded UUID ids for every persisted record, so a DocumentId can never be passed where an AnnotationId belongs.
import * as z from 'zod';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID');

export const ProjectIdSchema = uuid.brand<'ProjectId'>();
export const DocumentIdSchema = uuid.brand<'DocumentId'>();
export const AnnotationIdSchema = uuid.brand<'AnnotationId'>();
export const ActorIdSchema = uuid.brand<'ActorId'>();
export const AnalystIdSchema = uuid.brand<'AnalystId'>();
export const ChangeIdSchema = uuid.brand<'ChangeId'>();

export type ProjectId = z.infer<typeof ProjectIdSchema>;
export type DocumentId = z.infer<typeof DocumentIdSchema>;
export type AnnotationId = z.infer<typeof AnnotationIdSchema>;
export type ActorId = z.infer<typeof ActorIdSchema>;
export type AnalystId = z.infer<typeof AnalystIdSchema>;
export type ChangeId = z.infer<typeof ChangeIdSchema>;

/** ISO 8601 timestamp in UTC, e.g. 2026-01-20T10:00:00.000Z. */
export const TimestampSchema = z.iso.datetime();
/** ISO calendar date, e.g. 2026-01-20. */
export const IsoDateSchema = z.iso.date();
