// Who made an imported tag and which tag it is: stable ids from foreign ones, analysts from creators (main process).
import { v5 as uuidV5 } from 'uuid';
import type { Analyst } from '../../../src-shared/api/contract';
import type { AnalystId, AnnotationId } from '../../../src-shared/model/ids';
import type { Db } from '../../store/open-project';
import { allAnalysts, insertAnalyst } from '../../store/project-meta';

/** The namespace of every id this module derives (UUID v5): the same foreign id always gives the same UUID. */
export const IMPORT_NAMESPACE = '0b6f8c3e-5a0d-4d8e-9f6a-3c1e7b2d4a90';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Marginalia's own ids come back as `urn:uuid:…` (W3C) or bare (REFI-QDA GUIDs): kept as they are. */
function ownUuid(id: string): string | undefined {
  const bare = id.trim().replace(/^urn:uuid:/i, '').replace(/^\{|\}$/g, '');
  return UUID.test(bare) ? bare.toLowerCase() : undefined;
}

/**
 * The id of an imported tag: a UUID the file gives (ours, or another tool's GUID) as it is, any other id (an
 * IRI, a Hypothesis id) as its UUID v5, and, for an annotation without an id, the UUID v5 of what it says
 * (`fallback`), so that importing the same file twice finds the same tags.
 */
export function importedAnnotationId(foreignId: string | undefined, fallback: string): AnnotationId {
  if (foreignId !== undefined && foreignId.trim() !== '') {
    return (ownUuid(foreignId) ?? uuidV5(`annotation:${foreignId.trim()}`, IMPORT_NAMESPACE)) as AnnotationId;
  }
  return uuidV5(`annotation-content:${fallback}`, IMPORT_NAMESPACE) as AnnotationId;
}

/** Another tag read from the same annotation (a second kind or target) gets an id derived from the first. */
export function siblingAnnotationId(first: AnnotationId, n: number): AnnotationId {
  return n === 0 ? first : (uuidV5(`sibling:${n}`, first) as AnnotationId);
}

/** An annotation's author as a file names it: an id (IRI, account, GUID) and/or a display name. */
export interface ForeignCreator {
  id?: string;
  name?: string;
}

// Control, bidirectional-formatting and invisible characters never reach a stored name (ZWJ stays: emoji use it).
const UNPRINTABLE = /[\p{Cc}\u00ad\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff\u2028\u2029]/gu;

/** A name from a file as it may be stored: unprintable characters removed, white space collapsed, at most `max` characters. */
export function printableName(name: string, max: number): string {
  return name.replace(UNPRINTABLE, '').replace(/\s+/g, ' ').trim().slice(0, max).trim();
}

const cleanName = (name: string): string => printableName(name, 100);

/** A name for a creator that gives only an id: the account of "acct:ben@hypothes.is", an IRI's last segment. */
function nameFromId(id: string): string {
  const own = ownUuid(id);
  if (own !== undefined) return `Analyst ${own.slice(0, 8)}`;
  const account = /^acct:([^@]+)@/i.exec(id.trim());
  if (account) return account[1]!;
  const segment = id.trim().replace(/[/#]+$/, '').split(/[/#:]/).pop();
  return segment !== undefined && segment !== '' ? segment : id.trim();
}

/**
 * Finds or adds the analysts of imported tags. A creator's id maps to the same UUID every time; when that id is
 * already a local analyst of another name, the file does not speak for them: the creator becomes a different
 * analyst, whose id is derived from both id and name. Writes only inside the caller's transaction.
 */
export class ImportedAnalysts {
  private readonly byId: Map<string, Analyst>;
  readonly created: Analyst[] = [];

  constructor(
    private readonly db: Db,
    private readonly now: string,
    /** Where these analysts come from, shown wherever two share a name: 'imported from “file.json”'. */
    private readonly origin: string,
  ) {
    this.byId = new Map(allAnalysts(db).map((a) => [a.id.toLowerCase(), a]));
  }

  /** The analyst for this creator, added to the project when new; null when the creator names nobody. */
  analystFor(creator: ForeignCreator | undefined): Analyst | null {
    const id = creator?.id?.trim() || undefined;
    const name = cleanName(creator?.name ?? '') || (id === undefined ? '' : cleanName(nameFromId(id)));
    if (name === '') return null;
    let candidate = (id === undefined ? uuidV5(`analyst-name:${name}`, IMPORT_NAMESPACE) : (ownUuid(id) ?? uuidV5(`analyst:${id}`, IMPORT_NAMESPACE))) as AnalystId;
    for (let n = 1; ; n++) {
      const existing = this.byId.get(candidate);
      if (existing === undefined) break;
      if (existing.name === name) return existing;
      candidate = uuidV5(`analyst:${candidate}\n${name}\n${n}`, IMPORT_NAMESPACE) as AnalystId;
    }
    const analyst: Analyst = { id: candidate, name };
    insertAnalyst(this.db, { ...analyst, createdAt: this.now, origin: this.origin });
    this.byId.set(candidate, analyst);
    this.created.push(analyst);
    return analyst;
  }
}
