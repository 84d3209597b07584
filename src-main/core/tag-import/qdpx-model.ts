// What a REFI-QDA project is read into (sources, users, codebook, selections, problems) and the limits on untrusted files.
import type { AnnotationKind, AttributesPatch } from '../../../src-shared/model/annotation';

export interface QdpxImportLimits {
  readonly inputBytes: number;
  readonly entries: number;
  readonly uncompressedBytes: number;
  readonly codes: number;
  readonly sources: number;
  readonly selections: number;
  readonly descriptionChars: number;
  /** One attribute value of project.qde (names, GUIDs, paths). */
  readonly attributeChars: number;
  /** One run of text or CDATA section of project.qde (an inline source text is one). */
  readonly textChars: number;
}

/** Limits on untrusted files; a zip beyond them is refused whole (zip bombs), items beyond them are reported. */
export const QDPX_IMPORT_LIMITS: QdpxImportLimits = {
  /** Bytes of the file as given (compressed). */
  inputBytes: 200 * 1024 * 1024,
  /** Entries in the zip, extracted or not. */
  entries: 10_000,
  /** Uncompressed bytes of the entries we extract (.qde and .txt), declared or inflated. */
  uncompressedBytes: 200 * 1024 * 1024,
  codes: 10_000,
  sources: 10_000,
  selections: 200_000,
  descriptionChars: 20_000,
  attributeChars: 100_000,
  textChars: 50 * 2 ** 20,
};

export interface QdpxSource {
  /** Lower case, without braces, as every GUID this module returns. Tools re-mint GUIDs: match on `sha256`. */
  guid: string;
  name: string;
  /** The text with a BOM removed and CRLF / CR turned into LF: Marginalia's canonical form. */
  text: string;
  /** SHA-256 (hex) of `text` as UTF-8: equal to a Marginalia document's `sha256` when it is the same article. */
  sha256: string;
  /** Where the text was: the zip entry, or `inline` for <PlainTextContent>. */
  from: string;
}
export interface QdpxUser {
  guid: string;
  name?: string;
}
export interface QdpxCode {
  guid: string;
  name: string;
  /** Names from the top of the codebook, joined by '/': 'Claim/disputed'. */
  path: string;
  parentGuid?: string;
  color?: string;
  description?: string;
}
/** What one selection means in Marginalia: one tag per kind its codes name. */
export interface QdpxTag {
  /** The GUID of the selection coded with this kind (tools that write one selection per code write several). */
  guid: string;
  kind: AnnotationKind;
  /** Attributes read from sub-codes (status, category) and from a Marginalia description (the rest). */
  attributes: AttributesPatch;
  /** The actor an actor tag names (its sub-code), or a claim's claimant, to match in the registry by name. */
  actorName?: string;
}
export interface QdpxSelection {
  guid: string;
  sourceGuid: string;
  /** Code points of the source's canonical `text`, end exclusive (CRs dropped from CRLF are not counted). */
  startCodePoint: number;
  endCodePoint: number;
  quote: string;
  /** Paths of every code the selection is coded with ('Claim/disputed'). */
  codeNames: string[];
  user?: QdpxUser;
  created?: string;
  modified?: string;
  /** The <Description> as written. */
  description?: string;
  /** The description without Marginalia's attributes line: the analyst's note. */
  note?: string;
  /** A coding of the whole source, or a Marginalia whole-document warning. */
  documentLevel: boolean;
  tags: QdpxTag[];
  /** Code paths that map to no kind or attribute: these codings are not imported. */
  unmappedCodes: string[];
}
export interface QdpxProblem {
  /** What the problem is about, for a person: 'Selection 1a2b… in “Title”', 'Source “Title”'. */
  where: string;
  message: string;
}
export interface ParsedQdpx {
  projectName?: string;
  origin?: string;
  sources: QdpxSource[];
  users: QdpxUser[];
  codes: QdpxCode[];
  selections: QdpxSelection[];
  /** Everything read but not imported (other source types, zero-length or out-of-range selections, unknown codes). */
  notImported: QdpxProblem[];
}
