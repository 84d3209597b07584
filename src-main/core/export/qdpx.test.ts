// The REFI-QDA export: the zip's contents, a project.qde valid against Project.xsd, escaping, code point positions.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { v5 as uuidV5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { ActorIdSchema } from '../../../src-shared/model/ids';
import { codePointOffset } from '../../../src-shared/text/quote';
import { projectQde, QDPX_ATTRIBUTES_PREFIX, QDPX_ORIGIN, exportQdpx } from './qdpx';
import { xmlAttribute, xmlText } from './qde-xml';
import { EMOJI_DOCUMENT, EMOJI_TEXT, documentOf, sampleSnapshot, tagOf } from './snapshot-fixture';
import type { ExportSnapshot } from './types';

/** The published standards, kept in the repository: <repo>/test-data/standards. */
const STANDARDS = fileURLToPath(new URL('../../../test-data/standards/', import.meta.url));
const PROJECT_XSD = `${STANDARDS}refi-qda/docs/schemas/project/v1.0/Project.xsd`;

function unzipped(snapshot: ExportSnapshot): { name: string; entries: Record<string, Uint8Array>; qde: string } {
  const files = exportQdpx(snapshot);
  expect(files).toHaveLength(1);
  const [file] = files;
  expect(file!.content).toBeInstanceOf(Uint8Array);
  const entries = unzipSync(file!.content as Uint8Array);
  return { name: file!.path, entries, qde: new TextDecoder().decode(entries['project.qde']) };
}

async function schemaErrors(qde: string): Promise<{ valid: boolean; report: string }> {
  // Project.xsd imports and includes nothing, so it is the only schema file to hand over.
  const result = await validateXML({
    xml: [{ fileName: 'project.qde', contents: qde }],
    schema: [{ fileName: 'Project.xsd', contents: readFileSync(PROJECT_XSD, 'utf8') }],
  });
  return { valid: result.valid, report: result.errors.map((e) => `${e.loc?.lineNumber ?? '?'}: ${e.message}`).join('\n') };
}

/** Every PlainTextSelection as written: guid and positions (read with a regex, independent of our parser). */
function selectionsOf(qde: string): { guid: string; start: number; end: number; body: string }[] {
  const found = [...qde.matchAll(/<PlainTextSelection guid="([^"]+)"[^>]*?startPosition="(\d+)" endPosition="(\d+)"[^>]*>([\s\S]*?)<\/PlainTextSelection>/g)];
  return found.map((m) => ({ guid: m[1]!, start: Number(m[2]), end: Number(m[3]), body: m[4]! }));
}

/** A snapshot whose names and notes hold every character XML cares about, and some it forbids. */
function hostileSnapshot(): ExportSnapshot {
  const base = sampleSnapshot();
  const document = { ...documentOf('d0c00000-0000-4000-8000-0000000000ff', 'A <b>&amp;</b> "title" \u0001', 'Tab\there & <there> "q" ]]> 😀 end.'), author: 'O\'Brien & <Co>' };
  return {
    ...base,
    project: { ...base.project, name: 'Project <"&\'> \u0000\u000b end' },
    documents: [...base.documents, document],
    annotations: [
      ...base.annotations,
      tagOf(document, 'claim', '& <there> "q" ]]>', { status: 'supported', claimantId: null }, { note: 'note <!-- --> &lt; \u0008 ]]> </Description>' }),
    ],
    analysts: [{ id: base.analysts[0]!.id, name: 'Ada "<the analyst>"' }],
  };
}

describe('REFI-QDA export (.qdpx)', () => {
  it('is one zip named after the project with project.qde and each document’s text, UTF-8 without BOM, LF', () => {
    const snapshot = sampleSnapshot();
    const { name, entries, qde } = unzipped(snapshot);
    expect(name).toMatch(/^ukraine-talks-january-[0-9a-f]{8}\.qdpx$/);
    expect(Object.keys(entries).sort()).toEqual(['project.qde', ...snapshot.documents.map((d) => `sources/${d.id}.txt`)].sort());
    for (const document of snapshot.documents) {
      const bytes = entries[`sources/${document.id}.txt`]!;
      expect([...bytes.slice(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.includes(0x0d)).toBe(false);
      expect(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)).toBe(document.text);
      expect(qde).toContain(`plainTextPath="internal://${document.id}.txt"`);
    }
    expect(qde.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0"')).toBe(true);
    expect(qde).toContain(`origin="${QDPX_ORIGIN}"`);
  });

  it('writes a project.qde that validates against the REFI-QDA Project.xsd', async () => {
    const { qde } = unzipped(sampleSnapshot());
    const { valid, report } = await schemaErrors(qde);
    if (!valid) console.error(`project.qde does not validate:\n${report}`);
    expect(valid).toBe(true);
  });

  it('negative controls: a qde with elements out of order, a bad GUID or no isCodable fails validation', async () => {
    const { qde } = unzipped(sampleSnapshot());
    const users = qde.match(/ {2}<Users>[\s\S]*?<\/Users>\n/)![0];
    const reordered = qde.replace(users, '').replace('  </Sources>\n', `  </Sources>\n${users}`);
    const broken: [string, RegExp][] = [
      [reordered, /Element '\{urn:QDA-XML:project:1\.0\}Users': This element is not expected/],
      [qde.replace(/<Code guid="[^"]+"/, '<Code guid="not-a-guid"'), /'not-a-guid' is not accepted by the pattern/],
      [qde.replace(' isCodable="true"', ''), /The attribute 'isCodable' is required but missing/],
      [
        qde.replace(/(<PlainTextSelection[^>]*>\n\s*)(<Description>[^<]*<\/Description>\n\s*)(<Coding[\s\S]*?<\/Coding>\n\s*)/, '$1$3$2'),
        /Element '\{urn:QDA-XML:project:1\.0\}Description': This element is not expected/,
      ],
    ];
    for (const [xml, reason] of broken) {
      expect(xml).not.toBe(qde);
      const { valid, report } = await schemaErrors(xml);
      expect(valid).toBe(false);
      expect(report).toMatch(reason);
    }
  });

  it('escapes names, notes and titles so hostile text still gives a valid document', async () => {
    const snapshot = hostileSnapshot();
    const { qde, entries } = unzipped(snapshot);
    const { valid, report } = await schemaErrors(qde);
    if (!valid) console.error(`project.qde does not validate:\n${report}`);
    expect(valid).toBe(true);
    expect(qde).toContain('name="Project &lt;&quot;&amp;&apos;&gt;  end"');
    expect(qde).toContain('note &lt;!-- --&gt; &amp;lt;  ]]&gt; &lt;/Description&gt;');
    // The source file is not XML: its text, tab and all, is kept exactly.
    expect(new TextDecoder().decode(entries['sources/d0c00000-0000-4000-8000-0000000000ff.txt'])).toBe('Tab\there & <there> "q" ]]> 😀 end.');
  });

  it('positions count code points: slicing the source text by code points gives each tag’s quote', () => {
    const snapshot = sampleSnapshot();
    const { qde, entries } = unzipped(snapshot);
    const selections = selectionsOf(qde);
    const live = snapshot.annotations.filter((a) => a.deletedAt === null);
    expect(selections.map((s) => s.guid).sort()).toEqual(live.map((a) => a.id).sort());
    let astralShifts = 0;
    for (const annotation of live) {
      const selection = selections.find((s) => s.guid === annotation.id)!;
      const text = new TextDecoder().decode(entries[`sources/${annotation.documentId}.txt`]);
      const quote = Array.from(text).slice(selection.start, selection.end).join('');
      if (annotation.target === null) {
        // A document-level warning covers the whole text and says so in its description.
        expect([selection.start, selection.end]).toEqual([0, Array.from(text).length]);
        expect(selection.body).toContain(`${QDPX_ATTRIBUTES_PREFIX}{"documentLevel":true`);
      } else {
        expect(quote).toBe(annotation.target.exact);
        expect(selection.start).toBe(codePointOffset(text, annotation.target.start));
        if (selection.start !== annotation.target.start) astralShifts += 1;
      }
    }
    // The emoji before the tags make UTF-16 and code point offsets differ, so the conversion is exercised.
    expect(astralShifts).toBeGreaterThan(3);
    expect(EMOJI_TEXT.indexOf('Kyrylo')).not.toBe(Array.from(EMOJI_TEXT).indexOf('K'));
  });

  it('codes each selection with its kind and its status or category sub-code, by GUIDs stable across exports', () => {
    const snapshot = sampleSnapshot();
    const first = unzipped(snapshot);
    expect(exportQdpx(snapshot)[0]!.content).toEqual(exportQdpx(snapshot)[0]!.content);
    const codeGuid = (name: string): string => first.qde.match(new RegExp(`<Code guid="([^"]+)" name="${name}"`))![1]!;
    expect(codeGuid('Claim')).toBe(uuidV5('code:claim', snapshot.project.id));
    const disputed = snapshot.annotations.find((a) => a.kind === 'claim' && a.attributes.status === 'disputed')!;
    const body = selectionsOf(first.qde).find((s) => s.guid === disputed.id)!.body;
    const refs = [...body.matchAll(/<CodeRef targetGUID="([^"]+)"\/>/g)].map((m) => m[1]);
    expect(refs).toEqual([codeGuid('Claim'), codeGuid('disputed')]);
    const warning = snapshot.annotations.find((a) => a.kind === 'reliability_warning' && a.target !== null)!;
    const warningRefs = [...selectionsOf(first.qde).find((s) => s.guid === warning.id)!.body.matchAll(/targetGUID="([^"]+)"/g)].map((m) => m[1]);
    expect(warningRefs).toEqual([codeGuid('Reliability warning'), codeGuid('Outdated or wrong role')]);
    // Deleted tags are not exported.
    const deleted = snapshot.annotations.find((a) => a.deletedAt !== null)!;
    expect(first.qde).not.toContain(deleted.id);
    // Another project gets other code GUIDs.
    const other = projectQde({ ...snapshot, project: { ...snapshot.project, id: '0b1c2d3e-0000-4000-8000-000000000099' } });
    expect(other).not.toContain(codeGuid('Claim'));
  });

  it('keeps code and source names unique (QualCoder stores them in UNIQUE columns)', () => {
    const base = sampleSnapshot();
    const [budanov, umerov] = base.actors;
    const twin = documentOf('d0c00000-0000-4000-8000-0000000000aa', base.documents[0]!.title, 'Another text.');
    const snapshot: ExportSnapshot = {
      ...base,
      documents: [...base.documents, twin],
      actors: [budanov!, { ...umerov!, name: budanov!.name }, { ...umerov!, id: ActorIdSchema.parse('ac000000-0000-4000-8000-000000000003'), name: 'other' }],
    };
    const qde = projectQde(snapshot);
    const codeNames = [...qde.matchAll(/<Code guid="[^"]+" name="([^"]+)"/g)].map((m) => m[1]!.toLowerCase());
    expect(new Set(codeNames).size).toBe(codeNames.length);
    expect(codeNames).toEqual(expect.arrayContaining(['kyrylo budanov', 'kyrylo budanov (2)', 'other', 'other (2)']));
    const sourceNames = [...qde.matchAll(/<TextSource guid="[^"]+" name="([^"]+)"/g)].map((m) => m[1]);
    expect(sourceNames).toEqual(['../Ukraine talks: “$800 billion” 🇺🇦', 'CON', '../Ukraine talks: “$800 billion” 🇺🇦 (2)']);
  });

  it('the escapes are XML 1.0 safe', () => {
    expect(xmlText('a & <b> \u0000\u001f\uFFFE 😀')).toBe('a &amp; &lt;b&gt;  😀');
    expect(xmlAttribute('"x"\n\ty\r')).toBe('&quot;x&quot;&#10;&#9;y&#13;');
    expect(xmlText('\uD800 lone')).toBe(' lone');
    expect(EMOJI_DOCUMENT.text).toBe(EMOJI_TEXT);
  });
});
