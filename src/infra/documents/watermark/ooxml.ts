import JSZip from 'jszip';
import { type Mark, markTexts, refused } from './mark.js';
import { findTokens } from './token.js';

/**
 * XLSX and DOCX, edited as the zip of XML parts they are rather than re-written through a library:
 * exceljs drops what it does not model (charts, pivot tables, slicers, macros' signatures), and a
 * download must be the file that was uploaded plus the mark. Each change inserts elements where the
 * schema's element order wants them — Excel and Word refuse a part whose children are out of order.
 *
 * Both get custom document properties (docProps/custom.xml): KpoDownloadedBy (the mark) and
 * KpoFingerprint (the token). The second, less obvious place: a hidden workbook-level defined name
 * in XLSX, a document variable in DOCX (settings.xml) plus zero-width characters in the DOCX header
 * line. Excel and Word keep all of them when the file is saved again.
 */

const CUSTOM_PROPS_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties';
const CUSTOM_PROPS_CONTENT = 'application/vnd.openxmlformats-officedocument.custom-properties+xml';
const HEADER_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/header';
const HEADER_CONTENT = 'application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml';
const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const VT_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes';
/** The format id every custom property carries (the spec's FMTID_UserDefinedProperties). */
const USER_DEFINED = '{D5CDD505-2E9C-101B-9397-08002B2CF9AE}';
export const FINGERPRINT_PROPERTY = 'KpoFingerprint';
export const MARK_PROPERTY = 'KpoDownloadedBy';
export const FINGERPRINT_NAME = '_kpo_fingerprint';

export const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const xmlUnescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? xmlUnescape(m[1] ?? m[2] ?? '') : undefined;
};

/** The prefix ("" or "x:") a part uses for its root element's namespace. */
function prefixOf(xml: string, root: string): string {
  const m = new RegExp(`<(\\w+:)?${root}[\\s>]`).exec(xml);
  return m?.[1] ?? '';
}

/**
 * Inserts `element` as a child of the root, before the first existing child named in `before`
 * (the elements the schema puts after it), or at the end.
 */
function insertBefore(xml: string, rootClose: string, element: string, before: readonly string[], prefix: string): string {
  let at = -1;
  for (const name of before) {
    const m = new RegExp(`<${prefix}${name}[\\s/>]`).exec(xml);
    if (m && (at === -1 || m.index < at)) at = m.index;
  }
  if (at === -1) at = xml.lastIndexOf(rootClose);
  if (at === -1) throw new Error(`no ${rootClose}`);
  return xml.slice(0, at) + element + xml.slice(at);
}

/** Resolves a relationship target against the part that holds the relationship. */
function resolve(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = fromPart.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

const relsPathOf = (part: string) => {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
};

interface Rel {
  id: string;
  type: string;
  target: string;
}

function relationships(xml: string): Rel[] {
  return [...xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)].map((m) => ({
    id: attr(m[0], 'Id') ?? '',
    type: attr(m[0], 'Type') ?? '',
    target: attr(m[0], 'Target') ?? '',
  }));
}

function freshId(xml: string, base: string): string {
  const ids = new Set(relationships(xml).map((r) => r.id));
  let n = 1;
  while (ids.has(`${base}${n}`)) n++;
  return `${base}${n}`;
}

function addRelationship(xml: string, id: string, type: string, target: string): string {
  const close = xml.lastIndexOf('</');
  return `${xml.slice(0, close)}<Relationship Id="${id}" Type="${type}" Target="${xmlEscape(target)}"/>${xml.slice(close)}`;
}

class Package {
  private constructor(
    readonly zip: JSZip,
    readonly kind: 'xlsx' | 'docx',
  ) {}

  static async open(bytes: Uint8Array, kind: 'xlsx' | 'docx'): Promise<Package> {
    if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
      throw refused('encrypted_file', kind, `The ${kind} file is password-protected (or an old binary .xls/.doc).`);
    try {
      return new Package(await JSZip.loadAsync(bytes), kind);
    } catch (e) {
      throw refused('malformed_file', kind, `The ${kind} file is not a readable zip package: ${(e as Error).message}`);
    }
  }

  async text(path: string): Promise<string | null> {
    const file = this.zip.file(path);
    return file ? file.async('string') : null;
  }

  async need(path: string): Promise<string> {
    const text = await this.text(path);
    if (text === null) throw refused('malformed_file', this.kind, `The ${this.kind} file has no part ${path}.`);
    return text;
  }

  put(path: string, xml: string): void {
    this.zip.file(path, xml);
  }

  /** The main part (xl/workbook.xml, word/document.xml), found through the package relationships. */
  async mainPart(): Promise<string> {
    const rels = relationships(await this.need('_rels/.rels'));
    const main = rels.find((r) => r.type.endsWith('/officeDocument'));
    if (!main) throw refused('malformed_file', this.kind, `The ${this.kind} file names no main part.`);
    return resolve('', main.target);
  }

  async addOverride(partName: string, contentType: string): Promise<void> {
    const types = await this.need('[Content_Types].xml');
    if (types.includes(`PartName="/${partName}"`)) return;
    const close = types.lastIndexOf('</');
    this.put(
      '[Content_Types].xml',
      `${types.slice(0, close)}<Override PartName="/${xmlEscape(partName)}" ContentType="${contentType}"/>${types.slice(close)}`,
    );
  }

  /** Sets custom document properties, keeping the others. */
  async setCustomProperties(values: Record<string, string>): Promise<void> {
    const rootRels = await this.need('_rels/.rels');
    const existing = relationships(rootRels).find((r) => r.type === CUSTOM_PROPS_TYPE);
    const path = existing ? resolve('', existing.target) : 'docProps/custom.xml';
    let xml =
      (await this.text(path)) ??
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="${VT_NS}"></Properties>`;
    const p = prefixOf(xml, 'Properties');
    for (const name of Object.keys(values))
      xml = xml.replace(new RegExp(`<${p}property\\b[^>]*\\sname="${name}"[^>]*>[\\s\\S]*?</${p}property>`, 'g'), '');
    let pid = Math.max(1, ...[...xml.matchAll(/\spid="(\d+)"/g)].map((m) => Number(m[1])));
    const added = Object.entries(values)
      .map(
        ([name, value]) =>
          `<${p}property fmtid="${USER_DEFINED}" pid="${++pid}" name="${name}"><vt:lpwstr xmlns:vt="${VT_NS}">${xmlEscape(value)}</vt:lpwstr></${p}property>`,
      )
      .join('');
    xml = xml.replace(new RegExp(`<${p}Properties\\b([^>]*)/>`), `<${p}Properties$1></${p}Properties>`);
    this.put(path, insertBefore(xml, `</${p}Properties>`, added, [], p));
    if (!existing) {
      this.put('_rels/.rels', addRelationship(rootRels, freshId(rootRels, 'rIdKpo'), CUSTOM_PROPS_TYPE, path));
      await this.addOverride(path, CUSTOM_PROPS_CONTENT);
    }
  }

  save(): Promise<Uint8Array> {
    return this.zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  }
}

// ---- XLSX ----------------------------------------------------------------------------------------

/** Children of CT_Worksheet / CT_Chartsheet that come after headerFooter. */
const AFTER_HEADER_FOOTER = {
  worksheet: [
    'rowBreaks',
    'colBreaks',
    'customProperties',
    'cellWatches',
    'ignoredErrors',
    'smartTags',
    'drawing',
    'legacyDrawing',
    'legacyDrawingHF',
    'drawingHF',
    'picture',
    'oleObjects',
    'controls',
    'webPublishItems',
    'tableParts',
    'extLst',
  ],
  chartsheet: ['drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'webPublishItems', 'extLst'],
} as const;
const AFTER_DEFINED_NAMES = [
  'calcPr',
  'oleSize',
  'customWorkbookViews',
  'pivotCaches',
  'smartTagPr',
  'smartTagTypes',
  'webPublishing',
  'fileRecoveryPr',
  'webPublishObjects',
  'extLst',
];
const HF_CHILDREN = ['oddHeader', 'oddFooter', 'evenHeader', 'evenFooter', 'firstHeader', 'firstFooter'] as const;
/** Excel refuses a header or footer longer than this. */
const HF_MAX = 255;

type Sections = { L: string; C: string; R: string };

/** Splits an Excel header/footer string into its left, centre and right sections (codes kept). */
export function splitSections(s: string): Sections {
  const out: Sections = { L: '', C: '', R: '' };
  let current: keyof Sections = 'C';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const next = s[i + 1];
    if (c === '&' && next === '&') {
      out[current] += '&&';
      i++;
    } else if (c === '&' && (next === 'L' || next === 'C' || next === 'R')) {
      current = next;
      i++;
    } else out[current] += c;
  }
  return out;
}

const joinSections = (s: Sections) => (['L', 'C', 'R'] as const).map((k) => (s[k] ? `&${k}${s[k]}` : '')).join('');

/** A header/footer with `text` added to one section; cut (never the existing text) to Excel's limit. */
function withText(existing: string, section: keyof Sections, text: string): string {
  const sections = splitSections(existing);
  const own = sections[section];
  let t = text;
  for (;;) {
    const escaped = `&8${/^\d/.test(t) ? ' ' : ''}${t.replace(/&/g, '&&')}`;
    const candidate = joinSections({ ...sections, [section]: own ? `${own} ${escaped}` : escaped });
    if (candidate.length <= HF_MAX || t.length <= 1) return candidate;
    t = `${[...t].slice(0, -2).join('')}…`;
  }
}

function markHeaderFooter(sheet: string, root: 'worksheet' | 'chartsheet', header: string, footer: string): string {
  const p = prefixOf(sheet, root);
  const re = new RegExp(`<${p}headerFooter\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${p}headerFooter>)`);
  const m = re.exec(sheet);
  const attrs = m?.[1] ?? '';
  const children = new Map<string, string>();
  for (const c of (m?.[2] ?? '').matchAll(new RegExp(`<${p}(\\w+)>([\\s\\S]*?)</${p}\\1>`, 'g')))
    children.set(c[1] ?? '', xmlUnescape(c[2] ?? ''));
  for (const name of HF_CHILDREN) {
    const isHeader = name.endsWith('Header');
    children.set(name, withText(children.get(name) ?? '', isHeader ? 'C' : 'L', isHeader ? header : footer));
  }
  const element = `<${p}headerFooter${attrs}>${HF_CHILDREN.map((n) => `<${p}${n}>${xmlEscape(children.get(n) ?? '')}</${p}${n}>`).join('')}</${p}headerFooter>`;
  if (m) return sheet.slice(0, m.index) + element + sheet.slice(m.index + m[0].length);
  return insertBefore(sheet, `</${p}${root}>`, element, AFTER_HEADER_FOOTER[root], p);
}

function addDefinedName(workbook: string, token: string): string {
  const p = prefixOf(workbook, 'workbook');
  const name = `<${p}definedName name="${FINGERPRINT_NAME}" hidden="1">"${token}"</${p}definedName>`;
  let xml = workbook.replace(new RegExp(`<${p}definedName\\b[^>]*name="${FINGERPRINT_NAME}"[^>]*>[\\s\\S]*?</${p}definedName>`), '');
  xml = xml.replace(new RegExp(`<${p}definedNames\\s*/>`), '');
  if (new RegExp(`<${p}definedNames[\\s>]`).test(xml)) return xml.replace(`</${p}definedNames>`, `${name}</${p}definedNames>`);
  return insertBefore(xml, `</${p}workbook>`, `<${p}definedNames>${name}</${p}definedNames>`, AFTER_DEFINED_NAMES, p);
}

export async function watermarkXlsx(bytes: Uint8Array, mark: Mark, token: string): Promise<Uint8Array> {
  const pkg = await Package.open(bytes, 'xlsx');
  const texts = markTexts(mark);
  try {
    const workbookPath = await pkg.mainPart();
    const workbook = await pkg.need(workbookPath);
    const rels = relationships(await pkg.need(relsPathOf(workbookPath)));
    for (const sheet of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
      const rel = rels.find((r) => r.id === attr(sheet[0], 'r:id'));
      if (!rel) continue;
      const root = rel.type.endsWith('/chartsheet') ? 'chartsheet' : rel.type.endsWith('/worksheet') ? 'worksheet' : null;
      if (!root) continue;
      const path = resolve(workbookPath, rel.target);
      pkg.put(path, markHeaderFooter(await pkg.need(path), root, texts.tile, texts.document));
    }
    pkg.put(workbookPath, addDefinedName(workbook, token));
    await pkg.setCustomProperties({ [MARK_PROPERTY]: texts.line, [FINGERPRINT_PROPERTY]: token });
  } catch (e) {
    if (e instanceof Error && e.name === 'AppError') throw e;
    throw refused('malformed_file', 'xlsx', `The workbook cannot be marked: ${(e as Error).message}`);
  }
  return pkg.save();
}

// ---- DOCX ----------------------------------------------------------------------------------------

const HEADER_TYPES = ['default', 'first', 'even'] as const;
const AFTER_DOC_VARS = [
  'rsids',
  'm:mathPr',
  'attachedSchema',
  'themeFontLang',
  'clrSchemeMapping',
  'doNotIncludeSubdocsInStats',
  'doNotAutoCompressPictures',
  'forceUpgrade',
  'captions',
  'readModeInkLockDown',
  'smartTagType',
  'sl:schemaLibrary',
  'shapeDefaults',
  'doNotEmbedSmartTags',
  'decimalSymbol',
  'listSeparator',
];

function markParagraph(text: string): string {
  return `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:color w:val="808080"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr><w:t xml:space="preserve">${xmlEscape(text)}</w:t></w:r></w:p>`;
}

/** The docx uses the usual `w:` prefix for WordprocessingML; kpo edits no other spelling. */
function assertWordPrefix(xml: string, part: string): void {
  if (!xml.includes(`xmlns:w="${W_NS}"`))
    throw refused('malformed_file', 'docx', `The part ${part} does not use the WordprocessingML namespace as w:.`);
}

function addDocVar(settings: string, token: string): string {
  const docVar = `<w:docVar w:name="kpoFingerprint" w:val="${token}"/>`;
  let xml = settings.replace(/<w:docVar\b[^>]*w:name="kpoFingerprint"[^>]*\/>/, '');
  xml = xml.replace(/<w:docVars\s*\/>/, '');
  if (/<w:docVars[\s>]/.test(xml)) return xml.replace('</w:docVars>', `${docVar}</w:docVars>`);
  return insertBefore(
    xml,
    '</w:settings>',
    `<w:docVars>${docVar}</w:docVars>`,
    AFTER_DOC_VARS.map((n) => (n.includes(':') ? n : `w:${n}`)),
    '',
  );
}

export async function watermarkDocx(bytes: Uint8Array, mark: Mark, tokens: { visible: string; zeroWidth: string }): Promise<Uint8Array> {
  const pkg = await Package.open(bytes, 'docx');
  const texts = markTexts(mark);
  const [first = '', ...rest] = [...texts.line];
  const paragraph = markParagraph(`${first}${tokens.zeroWidth}${rest.join('')}`);
  try {
    const documentPath = await pkg.mainPart();
    let document = await pkg.need(documentPath);
    assertWordPrefix(document, documentPath);
    const relsPath = relsPathOf(documentPath);
    let rels = await pkg.need(relsPath);
    const relList = relationships(rels);
    // Headers already there get the mark as a last paragraph.
    const headerParts = new Set<string>();
    for (const ref of document.matchAll(/<w:headerReference\b[^>]*>/g)) {
      const rel = relList.find((r) => r.id === attr(ref[0], 'r:id'));
      if (rel?.type === HEADER_TYPE) headerParts.add(resolve(documentPath, rel.target));
    }
    for (const path of headerParts) {
      const header = await pkg.need(path);
      assertWordPrefix(header, path);
      pkg.put(path, header.replace(/<\/w:hdr>\s*$/, `${paragraph}</w:hdr>`));
    }
    // A section without a header of a kind inherits the previous section's; only the first section
    // can have none to inherit, so kpo's own header fills the kinds it lacks.
    const sectPr = /<w:sectPr\b[^>]*?(?:\/>|>[\s\S]*?<\/w:sectPr>)/.exec(document);
    if (!sectPr) throw new Error('no section properties');
    const missing = HEADER_TYPES.filter((t) => !new RegExp(`<w:headerReference\\b[^>]*w:type="${t}"`).test(sectPr[0]));
    if (missing.length > 0) {
      const dir = documentPath.slice(0, documentPath.lastIndexOf('/') + 1);
      let n = 1;
      while (pkg.zip.file(`${dir}kpoHeader${n}.xml`)) n++;
      const headerPath = `${dir}kpoHeader${n}.xml`;
      const id = freshId(rels, 'rIdKpoHeader');
      pkg.put(
        headerPath,
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr xmlns:w="${W_NS}" xmlns:r="${R_NS}">${paragraph}</w:hdr>`,
      );
      rels = addRelationship(rels, id, HEADER_TYPE, headerPath.slice(headerPath.lastIndexOf('/') + 1));
      await pkg.addOverride(headerPath, HEADER_CONTENT);
      const refs = missing.map((t) => `<w:headerReference w:type="${t}" r:id="${id}"/>`).join('');
      const opened = sectPr[0].replace(/^<w:sectPr\b([^>]*?)\/>$/, '<w:sectPr$1></w:sectPr>');
      const withRefs = opened.replace(/^<w:sectPr\b[^>]*>/, (open) => open + refs);
      document = document.slice(0, sectPr.index) + withRefs + document.slice(sectPr.index + sectPr[0].length);
      if (!document.includes(`xmlns:r="${R_NS}"`)) document = document.replace(/<w:document\b/, `<w:document xmlns:r="${R_NS}"`);
      pkg.put(documentPath, document);
      pkg.put(relsPath, rels);
    }
    const settingsRel = relationships(rels).find((r) => r.type.endsWith('/settings'));
    const settingsPath = settingsRel ? resolve(documentPath, settingsRel.target) : null;
    const settings = settingsPath ? await pkg.text(settingsPath) : null;
    if (settingsPath && settings) pkg.put(settingsPath, addDocVar(settings, tokens.visible));
    await pkg.setCustomProperties({ [MARK_PROPERTY]: texts.line, [FINGERPRINT_PROPERTY]: tokens.visible });
  } catch (e) {
    if (e instanceof Error && e.name === 'AppError') throw e;
    throw refused('malformed_file', 'docx', `The document cannot be marked: ${(e as Error).message}`);
  }
  return pkg.save();
}

// ---- reading ------------------------------------------------------------------------------------

/** Every fingerprint in any XML part of an OOXML (or other zip) package, named by its part. */
export async function readZipFingerprints(bytes: Uint8Array, key: Buffer) {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return findTokens(Buffer.from(bytes).toString('latin1'), key).map((t) => ({
      downloadId: t.downloadId,
      valid: t.valid,
      where: 'zip:raw',
    }));
  }
  const kind = zip.file('word/document.xml') ? 'docx' : zip.file('xl/workbook.xml') ? 'xlsx' : 'zip';
  const found: { downloadId: string; valid: boolean; where: string }[] = [];
  for (const file of Object.values(zip.files)) {
    if (file.dir || !/\.(xml|rels)$/i.test(file.name)) continue;
    const text = await file.async('string');
    for (const t of findTokens(text, key)) found.push({ downloadId: t.downloadId, valid: t.valid, where: `${kind}:${file.name}` });
  }
  return found;
}
