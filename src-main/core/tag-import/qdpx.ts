// Reading REFI-QDA project exchange files (.qdpx, or a bare .qde) into sources and coded selections (main process, pure, untrusted input).
import { err, ok, UserError, type Result } from '../../../src-shared/model/result';
import { readCodes } from './qdpx-codes';
import { readSources } from './qdpx-sources';
import { childOf, childrenOf, decodeUtf8, normalGuid, parseQde } from './qdpx-xml';
import { findQde, readZip } from './qdpx-zip';
import { QDPX_IMPORT_LIMITS, type ParsedQdpx, type QdpxImportLimits, type QdpxSource } from './qdpx-model';

/**
 * Reads a REFI-QDA project (a .qdpx zip, or a bare .qde) from untrusted bytes: text sources with their
 * canonical text and hash, users, the codebook flattened into paths, and every text selection with the
 * Marginalia tags its codes stand for. Positions are Unicode code points of the canonical text. Whatever
 * cannot become a tag (non-text sources, empty or out-of-range selections, codes that name no kind, codings
 * of missing codes) is listed in `notImported`, never dropped silently. A file that is no project fails with
 * `import_unsupported_format`, an oversized archive with `import_too_large`, a DTD with `untrusted_content`.
 */
export function parseQdpx(bytes: Uint8Array, limits: QdpxImportLimits = QDPX_IMPORT_LIMITS): Result<ParsedQdpx> {
  try {
    if (bytes.length > limits.inputBytes) throw new UserError('import_too_large', `The file is larger than ${Math.round(limits.inputBytes / 2 ** 20)} MB.`);
    if (bytes.length === 0) return err('import_empty', 'The file is empty.');
    const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
    const files = isZip ? readZip(bytes, limits) : new Map<string, Uint8Array>();
    const qde = isZip ? findQde(files) : { path: 'project.qde', data: bytes };
    const xml = decodeUtf8(qde.data);
    if (xml === null) return err('import_encoding', `${qde.path} is not valid UTF-8, which REFI-QDA requires.`);
    const project = parseQde(xml, limits);
    const out: ParsedQdpx = {
      ...(project.attributes.name === undefined ? {} : { projectName: project.attributes.name }),
      ...(project.attributes.origin === undefined ? {} : { origin: project.attributes.origin }),
      sources: [],
      users: [],
      codes: [],
      selections: [],
      notImported: [],
    };
    for (const user of childrenOf(childOf(project, 'Users'), 'User')) {
      const guid = normalGuid(user.attributes.guid);
      if (guid !== undefined) out.users.push({ guid, ...(user.attributes.name === undefined ? {} : { name: user.attributes.name }) });
    }
    const codes = readCodes(project, limits, out);
    const base = qde.path.includes('/') ? qde.path.slice(0, qde.path.lastIndexOf('/') + 1) : '';
    const filesByLowerCase = new Map([...files.keys()].map((k) => [k.toLowerCase(), k]));
    readSources(project, { limits, files, filesByLowerCase, base, codes, users: new Map(out.users.map((u) => [u.guid, u])), out });
    return ok(out);
  } catch (error) {
    if (error instanceof UserError) return err(error.code, error.message);
    throw error;
  }
}

/** Which parsed source is which document: by SHA-256 of the canonical text (GUIDs differ between tools). */
export function matchQdpxSources(
  sources: readonly Pick<QdpxSource, 'guid' | 'sha256'>[],
  documents: readonly { id: string; sha256: string }[],
): Map<string, string> {
  const byHash = new Map(documents.map((d) => [d.sha256, d.id]));
  return new Map(sources.flatMap((s) => (byHash.has(s.sha256) ? [[s.guid, byHash.get(s.sha256)!] as const] : [])));
}
