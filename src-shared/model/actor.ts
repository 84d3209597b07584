// The project's actor registry: people, organisations and states an analyst tags, with their alternative spellings.
import * as z from 'zod';
import { ActorIdSchema, AnalystIdSchema, TimestampSchema } from './ids';

export const ActorKindSchema = z.enum(['person', 'organisation', 'state', 'other']);
export type ActorKind = z.infer<typeof ActorKindSchema>;

export const ActorNameSchema = z.string().trim().min(1, 'a name is required').max(200, 'a name is at most 200 characters');

export const ActorSchema = z.object({
  id: ActorIdSchema,
  name: ActorNameSchema,
  kind: ActorKindSchema,
  /** Other spellings of the same actor ("Kirill Budanov" for "Kyrylo Budanov"). */
  aliases: z.array(ActorNameSchema).max(100),
  analystId: AnalystIdSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  deletedAt: TimestampSchema.nullable(),
});
export type Actor = z.infer<typeof ActorSchema>;

/** Case-, accent- and spacing-insensitive key used to recognise one actor under several spellings. */
export function actorNameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Every name an actor answers to: its canonical name and its aliases. */
export function actorNames(actor: Pick<Actor, 'name' | 'aliases'>): string[] {
  return [actor.name, ...actor.aliases];
}
