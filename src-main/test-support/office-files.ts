// Builds small DOCX and EPUB files in memory (the parts Word and e-book tools write) for the import tests and the benchmark.
import { strToU8, zipSync } from 'fflate';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One body element of a DOCX: a styled paragraph, a bulleted list item, a table, or a paragraph with a footnote reference. */
export type DocxPart =
  | { style?: 'Title' | 'Heading1' | 'Heading2'; text: string; footnote?: number }
  | { listItem: string }
  | { table: string[][] };

export interface DocxSpec {
  title?: string;
  author?: string;
  /** W3CDTF, e.g. 2026-01-20T09:00:00Z. */
  created?: string;
  body: DocxPart[];
  /** Footnote texts by id (ids from 1). */
  footnotes?: Record<number, string>;
}

function run(text: string): string {
  return `<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
}

function paragraphXml(part: DocxPart): string {
  if ('table' in part) {
    const rows = part.table.map((row) => `<w:tr>${row.map((cell) => `<w:tc><w:p>${run(cell)}</w:p></w:tc>`).join('')}</w:tr>`);
    return `<w:tbl>${rows.join('')}</w:tbl>`;
  }
  if ('listItem' in part) {
    return `<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>${run(part.listItem)}</w:p>`;
  }
  const style = part.style ? `<w:pPr><w:pStyle w:val="${part.style}"/></w:pPr>` : '';
  const note = part.footnote !== undefined ? `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="${part.footnote}"/></w:r>` : '';
  return `<w:p>${style}${run(part.text)}${note}</w:p>`;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W}">
<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/></w:style>
<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/></w:style>
</w:styles>`;

const NUMBERING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="${W}">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>`;

/** A DOCX file (a zip of WordprocessingML parts) with the given paragraphs, footnotes and core properties. */
export function makeDocx(spec: DocxSpec): Uint8Array {
  const footnotes = Object.entries(spec.footnotes ?? {})
    .map(([id, text]) => `<w:footnote w:id="${id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>${run(text)}</w:p></w:footnote>`)
    .join('');
  const core = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
${spec.title !== undefined ? `<dc:title>${escapeXml(spec.title)}</dc:title>` : ''}
${spec.author !== undefined ? `<dc:creator>${escapeXml(spec.author)}</dc:creator>` : ''}
${spec.created !== undefined ? `<dcterms:created xsi:type="dcterms:W3CDTF">${spec.created}</dcterms:created>` : ''}
</cp:coreProperties>`;
  const rel = (id: string, type: string, target: string): string =>
    `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  return zipSync({
    '[Content_Types].xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>`),
    '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'officeDocument', 'word/document.xml')}<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`),
    'word/_rels/document.xml.rels': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'styles', 'styles.xml')}${rel('rId2', 'numbering', 'numbering.xml')}${rel('rId3', 'footnotes', 'footnotes.xml')}</Relationships>`),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W}"><w:body>${spec.body.map(paragraphXml).join('')}</w:body></w:document>`),
    'word/styles.xml': strToU8(STYLES),
    'word/numbering.xml': strToU8(NUMBERING),
    'word/footnotes.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="${W}"><w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p/></w:footnote>${footnotes}</w:footnotes>`),
    'docProps/core.xml': strToU8(core),
  });
}

export interface EpubSpec {
  title: string;
  creator?: string;
  date?: string;
  /** Chapters in spine order: file name and XHTML body content. */
  chapters: Array<{ file: string; body: string }>;
  /** Spine order as chapter indexes, when it differs from the manifest order. */
  spine?: number[];
}

/** An EPUB 3 file: mimetype first (stored), container.xml, a package document with a spine, and XHTML chapters. */
export function makeEpub(spec: EpubSpec): Uint8Array {
  const manifest = spec.chapters.map((c, i) => `<item id="c${i}" href="text/${c.file}" media-type="application/xhtml+xml"/>`).join('');
  const spine = (spec.spine ?? spec.chapters.map((_, i) => i)).map((i) => `<itemref idref="c${i}"/>`).join('');
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': strToU8(`<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`),
    'OEBPS/content.opf': strToU8(`<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="id">urn:uuid:00000000-0000-4000-8000-000000000000</dc:identifier><dc:title>${escapeXml(spec.title)}</dc:title>
${spec.creator ? `<dc:creator>${escapeXml(spec.creator)}</dc:creator>` : ''}${spec.date ? `<dc:date>${spec.date}</dc:date>` : ''}<dc:language>en</dc:language>
</metadata><manifest>${manifest}</manifest><spine>${spine}</spine></package>`),
  };
  for (const c of spec.chapters) {
    files[`OEBPS/text/${c.file}`] = strToU8(`<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>${escapeXml(c.file)}</title></head><body>${c.body}</body></html>`);
  }
  return zipSync(files);
}
