// Reading REFI-QDA projects: our own exports round-trip, other tools' files are read, sources matched by their text.
import { randomUUID } from 'node:crypto';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../src-shared/model/annotation';
import { utf16Offset } from '../../../src-shared/text/quote';
import { exportQdpx } from '../export/qdpx';
import { sampleSnapshot, tagOf } from '../export/snapshot-fixture';
import { matchQdpxSources, parseQdpx } from './qdpx';
import { QDPX_IMPORT_LIMITS, type ParsedQdpx, type QdpxSelection } from './qdpx-model';

function parsed(bytes: Uint8Array, limits = QDPX_IMPORT_LIMITS): ParsedQdpx {
  const result = parseQdpx(bytes, limits);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function failure(bytes: Uint8Array, limits = QDPX_IMPORT_LIMITS): { code: string; message: string } {
  const result = parseQdpx(bytes, limits);
  expect(result.ok).toBe(false);
  return result.ok ? { code: '', message: '' } : result.error;
}

const exported = (): Uint8Array => exportQdpx(sampleSnapshot())[0]!.content as Uint8Array;

/** Checks that every live tag of the sample snapshot came back from `project` with its kind, offsets and attributes. */
function expectSameTags(project: ParsedQdpx): void {
  const snapshot = sampleSnapshot();
  const documentOf = matchQdpxSources(project.sources, snapshot.documents);
  expect(documentOf.size).toBe(snapshot.documents.length);
  const live = snapshot.annotations.filter((a) => a.deletedAt === null);
  expect(project.selections).toHaveLength(live.length);
  expect(project.notImported).toEqual([]);
  const back = (s: QdpxSelection) => {
    const document = snapshot.documents.find((d) => d.id === documentOf.get(s.sourceGuid))!;
    return { document, start: utf16Offset(document.text, s.startCodePoint), end: utf16Offset(document.text, s.endCodePoint) };
  };
  for (const annotation of live) {
    const matches = project.selections.filter((s) => {
      const { document, start, end } = back(s);
      if (document.id !== annotation.documentId || s.tags[0]?.kind !== annotation.kind) return false;
      return annotation.target === null ? s.documentLevel : start === annotation.target.start && end === annotation.target.end;
    });
    expect(matches, `tag ${annotation.id} (${annotation.kind})`).toHaveLength(1);
    const selection = matches[0]!;
    expect(selection.tags).toHaveLength(1);
    const tag = selection.tags[0]!;
    expect(selection.documentLevel).toBe(annotation.target === null);
    if (annotation.target !== null) expect(selection.quote).toBe(annotation.target.exact);
    expect(selection.note ?? '').toBe(annotation.note);
    expect(selection.created).toBe(annotation.createdAt);
    expect(selection.user?.name).toBe('Ada Analyst');
    expectAttributes(annotation, tag.attributes, tag.actorName);
  }
}

function expectAttributes(annotation: Annotation, attributes: Record<string, unknown>, actorName: string | undefined): void {
  const names: Record<string, string> = { 'ac000000-0000-4000-8000-000000000001': 'Kyrylo Budanov', 'ac000000-0000-4000-8000-000000000002': 'Rustem Umerov' };
  switch (annotation.kind) {
    case 'claim':
      expect(attributes).toEqual({ status: annotation.attributes.status });
      expect(actorName).toBe(annotation.attributes.claimantId === null ? undefined : names[annotation.attributes.claimantId]);
      break;
    case 'reliability_warning':
      expect(attributes).toEqual({
        category: annotation.attributes.category,
        severity: annotation.attributes.severity,
        ...(annotation.attributes.correction === '' ? {} : { correction: annotation.attributes.correction }),
      });
      break;
    case 'figure':
      expect({ unit: null, ...attributes }).toEqual(annotation.attributes);
      break;
    case 'actor':
      expect(actorName).toBe(annotation.attributes.actorId === null ? undefined : names[annotation.attributes.actorId]);
      break;
  }
}

/** A project.qde as another tool might write it: prefixed namespace, GUIDs in braces, codes named its own way. */
const OTHER_TOOL_QDE = `<?xml version="1.0" encoding="utf-8"?>
<qda:Project xmlns:qda="urn:QDA-XML:project:1.0" name="Other &amp; tool" origin="SomeQDA 2024">
  <qda:Users><qda:User guid="{AAAAAAAA-0000-4000-8000-000000000001}" name="Bea"/></qda:Users>
  <qda:CodeBook><qda:Codes>
    <qda:Code guid="{C0000000-0000-4000-8000-000000000001}" name="Claims" isCodable="true">
      <qda:Code guid="{C0000000-0000-4000-8000-000000000002}" name="Disputed" isCodable="true"/>
    </qda:Code>
    <qda:Code guid="C0000000-0000-4000-8000-000000000003" name="reliability-warning" isCodable="true">
      <qda:Code guid="C0000000-0000-4000-8000-000000000004" name="factual_error" isCodable="true"/>
      <qda:Code guid="C0000000-0000-4000-8000-000000000005" name="Severe" isCodable="true"/>
    </qda:Code>
    <qda:Code guid="C0000000-0000-4000-8000-000000000006" name="Themes" isCodable="false">
      <qda:Code guid="C0000000-0000-4000-8000-000000000007" name="Trust" isCodable="true"/>
    </qda:Code>
    <qda:Code guid="C0000000-0000-4000-8000-000000000008" name="Actor" isCodable="true">
      <qda:Code guid="C0000000-0000-4000-8000-000000000009" name="Kyrylo Budanov" isCodable="true"/>
    </qda:Code>
  </qda:Codes></qda:CodeBook>
  <qda:Sources>
    <qda:TextSource guid="{50000000-0000-4000-8000-000000000001}" name="Inline">
      <qda:PlainTextContent>Hi &#x1F44D; there &amp; <![CDATA[<b>&amp;]]> bye</qda:PlainTextContent>
      <qda:PlainTextSelection guid="{B0000000-0000-4000-8000-000000000001}" startPosition="3" endPosition="10"
          creatingUser="{aaaaaaaa-0000-4000-8000-000000000001}" creationDateTime="2024-05-01T12:00:00">
        <qda:Description>Check &lt;this&gt;</qda:Description>
        <qda:Coding guid="{D0000000-0000-4000-8000-000000000001}"><qda:CodeRef targetGUID="{c0000000-0000-4000-8000-000000000002}"/></qda:Coding>
        <qda:Coding guid="{D0000000-0000-4000-8000-000000000002}"><qda:CodeRef targetGUID="{C0000000-0000-4000-8000-000000000007}"/></qda:Coding>
      </qda:PlainTextSelection>
      <qda:PlainTextSelection guid="{B0000000-0000-4000-8000-000000000002}" startPosition="5" endPosition="5"/>
      <qda:PlainTextSelection guid="{B0000000-0000-4000-8000-000000000003}" startPosition="0" endPosition="999"/>
      <qda:PlainTextSelection guid="{B0000000-0000-4000-8000-000000000004}" startPosition="11" endPosition="12">
        <qda:Coding guid="{D0000000-0000-4000-8000-000000000003}"><qda:CodeRef targetGUID="{E0000000-0000-4000-8000-000000000000}"/></qda:Coding>
        <qda:Coding guid="{D0000000-0000-4000-8000-000000000004}"><qda:CodeRef targetGUID="C0000000-0000-4000-8000-000000000004"/></qda:Coding>
        <qda:Coding guid="{D0000000-0000-4000-8000-000000000005}"><qda:CodeRef targetGUID="C0000000-0000-4000-8000-000000000005"/></qda:Coding>
      </qda:PlainTextSelection>
    </qda:TextSource>
    <qda:TextSource guid="{50000000-0000-4000-8000-000000000002}" name="Renamed" plainTextPath="internal://Renamed%20File.txt">
      <qda:PlainTextSelection guid="{B0000000-0000-4000-8000-000000000005}" startPosition="12" endPosition="26">
        <qda:Coding guid="{D0000000-0000-4000-8000-000000000006}"><qda:CodeRef targetGUID="C0000000-0000-4000-8000-000000000009"/></qda:Coding>
      </qda:PlainTextSelection>
      <qda:PlainTextSelection guid="{B0000000-0000-4000-8000-000000000006}" startPosition="9" endPosition="18">
        <qda:Coding guid="{D0000000-0000-4000-8000-000000000007}"><qda:CodeRef targetGUID="C0000000-0000-4000-8000-000000000008"/></qda:Coding>
      </qda:PlainTextSelection>
      <qda:Coding guid="{D0000000-0000-4000-8000-000000000008}"><qda:CodeRef targetGUID="C0000000-0000-4000-8000-000000000003"/></qda:Coding>
    </qda:TextSource>
    <qda:PDFSource guid="{50000000-0000-4000-8000-000000000003}" name="Scan" path="internal://scan.pdf"/>
    <qda:TextSource guid="{50000000-0000-4000-8000-000000000004}" name="Linked" plainTextPath="relative://elsewhere/missing.txt">
      <qda:PlainTextSelection guid="{B0000000-0000-4000-8000-000000000007}" startPosition="0" endPosition="2"/>
    </qda:TextSource>
  </qda:Sources>
</qda:Project>
`;
/** Stored with a BOM and CRLF line ends, under the name its plainTextPath gives. */
const RENAMED_TEXT = '\uFEFFLine one 😀\r\nKyrylo Budanov said it.\r\n';

function otherToolZip(): Uint8Array {
  return zipSync({
    'Other Tool Export.qde': strToU8(OTHER_TOOL_QDE),
    'sources/Renamed File.txt': strToU8(RENAMED_TEXT),
    'sources/scan.pdf': new Uint8Array([0x25, 0x50, 0x44, 0x46]),
  });
}

describe('REFI-QDA import (.qdpx)', () => {
  it('round-trips an export: same kinds, code point offsets, quotes, statuses, categories and attributes', () => {
    const project = parsed(exported());
    expect(project.projectName).toBe('Ukraine talks, “January”');
    expect(project.origin).toBe('Marginalia 0.1.0');
    expect(project.users).toEqual([{ guid: 'a0a0a0a0-0000-4000-8000-00000000000a', name: 'Ada Analyst' }]);
    expect(project.codes.map((c) => c.path)).toContain('Reliability warning/Outdated or wrong role');
    expectSameTags(project);
  });

  it('gives back the whole actor name where the export had to suffix a repeated one', () => {
    const base = sampleSnapshot();
    const [budanov, umerov] = base.actors;
    // Umerov renamed to Budanov's name: his code becomes "Kyrylo Budanov (2)", the description keeps the name.
    const snapshot = { ...base, actors: [budanov!, { ...umerov!, name: budanov!.name }] };
    const mention = tagOf(snapshot.documents[0]!, 'actor', 'Rustem Umerov', { actorId: umerov!.id });
    const project = parsed(exportQdpx({ ...snapshot, annotations: [...snapshot.annotations, mention] })[0]!.content as Uint8Array);
    const selection = project.selections.find((s) => s.quote === 'Rustem Umerov')!;
    expect(selection.codeNames).toEqual(['Actor', 'Actor/Kyrylo Budanov (2)']);
    expect(selection.tags).toEqual([{ guid: mention.id, kind: 'actor', attributes: {}, actorName: 'Kyrylo Budanov' }]);
  });

  it('matches sources by their text, not by GUIDs, which another tool re-mints', () => {
    const entries = unzipSync(exported());
    let qde = new TextDecoder().decode(entries['project.qde']);
    const renamed: Record<string, Uint8Array> = {};
    const fresh = new Map<string, string>();
    qde = qde.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (guid) => {
      if (!fresh.has(guid)) fresh.set(guid, randomUUID().toUpperCase());
      return fresh.get(guid)!;
    });
    qde = qde.replace(/(guid|GUID|User)="([0-9A-F-]{36})"/g, '$1="{$2}"');
    for (const [name, data] of Object.entries(entries)) {
      if (name !== 'project.qde') renamed[`sources/${fresh.get(name.slice(8, 44))!}.txt`] = data;
    }
    const project = parsed(zipSync({ 'project.qde': strToU8(qde), ...renamed }));
    expect(project.sources.map((s) => s.guid)).not.toContain(sampleSnapshot().documents[0]!.id);
    expectSameTags(project);
  });

  it('reads another tool’s file: a .qde of any name, braces, inline text, renamed and CRLF sources, source-level codings', () => {
    const project = parsed(otherToolZip());
    expect(project.projectName).toBe('Other & tool');
    expect(project.sources.map((s) => [s.name, s.text, s.from])).toEqual([
      ['Inline', 'Hi 👍 there & <b>&amp; bye', 'inline'],
      ['Renamed', 'Line one 😀\nKyrylo Budanov said it.\n', 'sources/Renamed File.txt'],
    ]);
    const [claim, warning, actor, spanning, whole] = project.selections;
    expect(claim).toMatchObject({
      guid: 'b0000000-0000-4000-8000-000000000001',
      sourceGuid: '50000000-0000-4000-8000-000000000001',
      startCodePoint: 3,
      endCodePoint: 10,
      quote: '👍 there',
      codeNames: ['Claims/Disputed', 'Themes/Trust'],
      user: { guid: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Bea' },
      created: '2024-05-01T12:00:00.000Z',
      description: 'Check <this>',
      note: 'Check <this>',
      documentLevel: false,
      tags: [{ kind: 'claim', attributes: { status: 'disputed' } }],
      unmappedCodes: ['Themes/Trust'],
    });
    expect(warning).toMatchObject({ quote: '&', tags: [{ kind: 'reliability_warning', attributes: { category: 'factual_error' } }] });
    // Positions count the CR of each CRLF in the stored file; they are moved onto the LF-only text.
    expect(actor).toMatchObject({ startCodePoint: 11, endCodePoint: 25, quote: 'Kyrylo Budanov', tags: [{ kind: 'actor', actorName: 'Kyrylo Budanov' }] });
    expect(spanning).toMatchObject({ quote: '😀\nKyrylo', tags: [{ kind: 'actor', attributes: {} }] });
    expect(whole).toMatchObject({ startCodePoint: 0, endCodePoint: 35, documentLevel: true, tags: [{ kind: 'reliability_warning' }] });
    expect(project.selections).toHaveLength(5);

    const reported = project.notImported.map((p) => `${p.where}: ${p.message}`);
    expect(reported).toEqual([
      'Selection b0000000-0000-4000-8000-000000000002 in “Inline”: It is empty (starts and ends at 5).',
      'Selection b0000000-0000-4000-8000-000000000003 in “Inline”: Its range 0–999 lies outside the text (0–25 code points).',
      'Selection b0000000-0000-4000-8000-000000000004 in “Inline”: A coding refers to code e0000000-0000-4000-8000-000000000000, which is not in the codebook.',
      'Selection b0000000-0000-4000-8000-000000000001 in “Inline”: Its code “Themes/Trust” has no meaning in Marginalia; that coding is not imported.',
      'Selection b0000000-0000-4000-8000-000000000004 in “Inline”: Its code “reliability-warning/Severe” has no meaning in Marginalia; that coding is not imported.',
      'Source “Scan”: It is a PDF source; only text sources are imported.',
      'Source “Linked”: Its text “relative://elsewhere/missing.txt” is not in the archive. It and its 1 selection(s) are not imported.',
    ]);
  });

  it('reads a bare project.qde with inline text, not zipped', () => {
    const project = parsed(strToU8(OTHER_TOOL_QDE));
    expect(project.sources.map((s) => s.name)).toEqual(['Inline']);
    expect(project.notImported.some((p) => p.where === 'Source “Renamed”')).toBe(true);
  });

  it('refuses archives beyond the limits before inflating them (zip bombs)', () => {
    const zeros = zipSync({ 'project.qde': strToU8('<Project name="x"/>'), 'sources/big.txt': new Uint8Array(2 * 2 ** 20) });
    expect(zeros.length).toBeLessThan(20_000);
    expect(failure(zeros, { ...QDPX_IMPORT_LIMITS, uncompressedBytes: 2 ** 20 })).toMatchObject({ code: 'import_too_large' });
    // Entries we never extract (images, PDFs) do not count towards the size limit, but every entry counts.
    const withPicture = zipSync({ 'project.qde': strToU8('<Project name="x"/>'), 'sources/big.png': new Uint8Array(2 * 2 ** 20) });
    expect(parseQdpx(withPicture, { ...QDPX_IMPORT_LIMITS, uncompressedBytes: 2 ** 20 }).ok).toBe(true);
    const many = zipSync(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`sources/${i}.txt`, strToU8('x')])));
    expect(failure(many, { ...QDPX_IMPORT_LIMITS, entries: 10 })).toMatchObject({ code: 'import_too_large' });
    expect(failure(new Uint8Array(11), { ...QDPX_IMPORT_LIMITS, inputBytes: 10 })).toMatchObject({ code: 'import_too_large' });
  });

  it('refuses DTDs, so no entity can expand or be fetched', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
      <!ENTITY xxe SYSTEM "file:///etc/passwd">]><Project name="&b;"><Description>&xxe;</Description></Project>`;
    expect(failure(zipSync({ 'project.qde': strToU8(bomb) }))).toMatchObject({ code: 'untrusted_content' });
    expect(failure(strToU8(bomb))).toMatchObject({ code: 'untrusted_content' });
  });

  it('refuses a DOCTYPE wherever it is, also after a comment that looks like a start tag', () => {
    const hidden = '<?xml version="1.0"?><!-- <a --><!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa">]><Project name="&a;"/>';
    expect(failure(strToU8(hidden))).toMatchObject({ code: 'untrusted_content' });
    expect(failure(strToU8('<Project name="x"><!-- <b --><!ENTITY b "x"></Project>'))).toMatchObject({ code: 'untrusted_content' });
    // Inside a comment or CDATA it is text, not a declaration.
    const quoted = '<Project name="x"><!-- <!DOCTYPE p> --><Description><![CDATA[<!DOCTYPE html>]]></Description></Project>';
    expect(parseQdpx(strToU8(quoted)).ok).toBe(true);
  });

  it('refuses an attribute value or a text beyond its limit before parsing (a 50 MB attribute in a moment)', () => {
    const started = Date.now();
    const huge = strToU8(`<Project name="${'a'.repeat(50 * 2 ** 20)}"/>`);
    expect(failure(huge)).toMatchObject({ code: 'import_too_large', message: expect.stringMatching(/attribute value longer than 100,000 characters/) });
    expect(Date.now() - started).toBeLessThan(5_000);
    const limits = { ...QDPX_IMPORT_LIMITS, attributeChars: 10, textChars: 20 };
    expect(parseQdpx(strToU8(`<Project name='0123456789'><Description>${'t'.repeat(20)}</Description></Project>`), limits).ok).toBe(true);
    expect(failure(strToU8(`<Project name='0123456789x'/>`), limits)).toMatchObject({ code: 'import_too_large' });
    expect(failure(strToU8(`<Project name="x"><Description>${'t'.repeat(21)}</Description></Project>`), limits)).toMatchObject({ code: 'import_too_large' });
    expect(failure(strToU8(`<Project name="x"><Description><![CDATA[${'t'.repeat(21)}]]></Description></Project>`), limits)).toMatchObject({ code: 'import_too_large' });
  });

  it('refuses a zip whose entry inflates to more than it declares, instead of cutting the text short', () => {
    const text = 'The whole article, every word of it.';
    const qde = '<Project name="x"><Sources><TextSource guid="50000000-0000-4000-8000-000000000001" name="A" plainTextPath="internal://a.txt"/></Sources></Project>';
    const zip = zipSync({ 'project.qde': strToU8(qde), 'sources/a.txt': strToU8(text) });
    expect(parsed(zip).sources.map((s) => s.text)).toEqual([text]); // as written, it reads whole
    // Understate the size of sources/a.txt in its local header (offset 22) and in the central directory (offset 24).
    const forged = zip.slice();
    const view = new DataView(forged.buffer);
    for (let at = 0; at + 4 <= forged.length; at++) {
      const signature = view.getUint32(at, true);
      const nameAt = signature === 0x04034b50 ? at + 30 : signature === 0x02014b50 ? at + 46 : -1;
      if (nameAt < 0 || new TextDecoder().decode(forged.subarray(nameAt, nameAt + 13)) !== 'sources/a.txt') continue;
      view.setUint32(signature === 0x04034b50 ? at + 22 : at + 24, 9, true);
    }
    expect(failure(forged)).toMatchObject({ code: 'import_unsupported_format', message: expect.stringMatching(/does not unpack to the 9 bytes it declares/) });
  });

  it('fails with a sentence on files that are not REFI-QDA projects', () => {
    expect(failure(new Uint8Array(0))).toMatchObject({ code: 'import_empty' });
    expect(failure(strToU8('PK\u0003\u0004 not really a zip'))).toMatchObject({ code: 'import_unsupported_format' });
    expect(failure(zipSync({ 'readme.txt': strToU8('hello') })).message).toMatch(/no \.qde project file/);
    expect(failure(zipSync({ 'a.qde': strToU8('<Project name="a"/>'), 'b.qde': strToU8('<Project name="b"/>') })).message).toMatch(/2 \.qde files/);
    expect(failure(strToU8('<Project name="x"><Users></Project>'))).toMatchObject({ code: 'import_unsupported_format' });
    expect(failure(strToU8('<Codebook/>')).message).toMatch(/root element is <Codebook>/);
    expect(failure(strToU8('<Project name="x" __proto__="y"/>'))).toMatchObject({ code: 'import_unsupported_format' });
    expect(failure(new Uint8Array([0x3c, 0x50, 0xff, 0xfe, 0x3e]))).toMatchObject({ code: 'import_encoding' });
  });

  it('decodes each reference once and keeps CDATA as written', () => {
    const qde = `<Project name="a&amp;#38;b &#10;c"><Sources><TextSource guid="50000000-0000-4000-8000-000000000001" name="&#x1F600;&lt;">
      <PlainTextContent>x&amp;amp;y&#0;z<![CDATA[&lt;]]></PlainTextContent></TextSource></Sources></Project>`;
    const project = parsed(strToU8(qde));
    expect(project.projectName).toBe('a&#38;b \nc');
    expect(project.sources[0]).toMatchObject({ name: '😀<', text: 'x&amp;yz&lt;' });
  });
});
