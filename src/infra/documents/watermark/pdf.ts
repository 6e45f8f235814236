import fontkit from '@pdf-lib/fontkit';
import {
  beginText,
  decodePDFRawStream,
  degrees,
  drawText,
  endText,
  grayscale,
  PDFArray,
  PDFDict,
  PDFDocument,
  type PDFFont,
  PDFHexString,
  PDFName,
  type PDFObject,
  PDFOperator,
  PDFOperatorNames,
  type PDFPage,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  popGraphicsState,
  pushGraphicsState,
  rotateAndSkewTextRadiansAndTranslate,
  StandardFonts,
  setFontAndSize,
  setTextRenderingMode,
  TextRenderingMode,
} from 'pdf-lib';
import { type Mark, markTexts, notoSansJp, refused } from './mark.js';
import { findTokens } from './token.js';

/**
 * PDF: on every page a light diagonal mark repeated across the page (who and when) and a footer
 * line (who, when, which document), drawn upright as the page is shown — whatever its /Rotate and
 * wherever its box starts. The fingerprint goes in the Info dictionary, the XMP metadata and, as
 * invisible text (render mode 3), on every page: a re-save keeps all three, and selecting the
 * page's text and pasting it carries the page's copy along.
 */

const INFO_FINGERPRINT = 'KpoFingerprint';
const INFO_MARK = 'KpoDownloadedBy';
const XMP_NS = 'urn:kpo:ns:watermark:1/';
const TILE_OPACITY = 0.13;
const TILE_ANGLE = 30;
const FOOTER_SIZE = 7;
const FOOTER_MIN_SIZE = 3.5;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The page area shown: the crop box within the media box, corners in any order. */
function visibleBox(page: PDFPage): Box {
  const norm = (b: Box): Box => ({
    x: Math.min(b.x, b.x + b.width),
    y: Math.min(b.y, b.y + b.height),
    width: Math.abs(b.width),
    height: Math.abs(b.height),
  });
  const media = norm(page.getMediaBox());
  const crop = norm(page.getCropBox());
  const x = Math.max(media.x, crop.x);
  const y = Math.max(media.y, crop.y);
  const width = Math.min(media.x + media.width, crop.x + crop.width) - x;
  const height = Math.min(media.y + media.height, crop.y + crop.height) - y;
  return width > 0 && height > 0 ? { x, y, width, height } : media;
}

/**
 * Maps the page as shown (u to the right, v up from its lower-left corner) to user space. /Rotate
 * turns the shown page clockwise, so a direction shown at angle θ lies at θ + rotation in user space.
 */
export function viewOf(page: PDFPage) {
  const box = visibleBox(page);
  const rotation = (((Math.round(page.getRotation().angle / 90) * 90) % 360) + 360) % 360;
  const turned = rotation === 90 || rotation === 270;
  const toUser = (u: number, v: number): [number, number] => {
    switch (rotation) {
      case 90:
        return [box.x + box.width - v, box.y + u];
      case 180:
        return [box.x + box.width - u, box.y + box.height - v];
      case 270:
        return [box.x + v, box.y + box.height - u];
      default:
        return [box.x + u, box.y + v];
    }
  };
  return { width: turned ? box.height : box.width, height: turned ? box.width : box.height, rotation, toUser };
}

/**
 * fontkit, parsing Noto Sans JP (5 MB) once per process instead of once per download. Each
 * document still gets its own subset; the parsed font is only read (and its glyph cache filled).
 */
let parsedNoto: ReturnType<typeof fontkit.create> | null = null;
const cachedFontkit: typeof fontkit = {
  create: (data, postscriptName) => {
    if (data !== notoSansJp() || postscriptName) return fontkit.create(data, postscriptName);
    parsedNoto ??= fontkit.create(data);
    return parsedNoto;
  },
};

interface Fonts {
  noto: PDFFont;
  helvetica: PDFFont;
  encoded: Map<string, PDFHexString>;
  widths: Map<string, number>;
}

/** Width at size 1, remembered: fontkit lays the text out on every call, and every page asks the same. */
function width(fonts: Fonts, text: string): number {
  let w = fonts.widths.get(text);
  if (w === undefined) {
    w = fonts.noto.widthOfTextAtSize(text, 1);
    fonts.widths.set(text, w);
  }
  return w;
}

function encode(fonts: Fonts, text: string): PDFHexString {
  let e = fonts.encoded.get(text);
  if (!e) {
    e = fonts.noto.encodeText(text);
    fonts.encoded.set(text, e);
  }
  return e;
}

/** Cuts text to a width at a size, with an ellipsis. */
function fitText(fonts: Fonts, text: string, room: number, size: number): string {
  if (width(fonts, text) * size <= room) return text;
  let t = text;
  while (t.length > 1 && width(fonts, `${t}…`) * size > room) t = t.slice(0, -1);
  return `${t}…`;
}

/** Resource names per resource dictionary: pages sharing one get one set of entries, not one per page. */
type Keys = { noto: PDFName; helvetica: PDFName; tileState: PDFName };

function markPage(page: PDFPage, fonts: Fonts, keysFor: (page: PDFPage) => Keys, texts: ReturnType<typeof markTexts>, token: string) {
  const view = viewOf(page);
  const keys = keysFor(page);
  const ops = [];
  const size = Math.max(8, Math.min(view.width, view.height) / 34);
  const tileText = fitText(fonts, texts.tile, Math.min(view.width, view.height) * 0.9, size);
  const tile = encode(fonts, tileText);
  const tileWidth = width(fonts, tileText) * size;
  const theta = (TILE_ANGLE * Math.PI) / 180;
  const stepU = tileWidth * Math.cos(theta) + size * 4;
  const stepV = tileWidth * Math.sin(theta) + size * 3;
  // A staggered grid over the page as shown; each tile centred on its point.
  for (let row = 0, v = stepV / 2; v < view.height + stepV / 2; row++, v += stepV) {
    for (let u = (row % 2 === 0 ? 0.25 : 0.75) * stepU; u < view.width + stepU / 2; u += stepU) {
      const u0 = u - (Math.cos(theta) * tileWidth) / 2 + (Math.sin(theta) * size) / 3;
      const v0 = v - (Math.sin(theta) * tileWidth) / 2 - (Math.cos(theta) * size) / 3;
      const [x, y] = view.toUser(u0, v0);
      ops.push(
        ...drawText(tile, {
          color: grayscale(0.35),
          font: keys.noto,
          size,
          rotate: degrees(TILE_ANGLE + view.rotation),
          xSkew: degrees(0),
          ySkew: degrees(0),
          x,
          y,
          graphicsState: keys.tileState,
        }),
      );
    }
  }
  const margin = Math.min(24, view.width * 0.04);
  const room = view.width - 2 * margin;
  const natural = width(fonts, texts.line);
  const footerSize = Math.max(FOOTER_MIN_SIZE, Math.min(FOOTER_SIZE, room / natural));
  const footerText = fitText(fonts, texts.line, room, footerSize);
  const footerY = Math.max(footerSize * 0.6, Math.min(12, view.height * 0.02));
  const [fx, fy] = view.toUser(margin, footerY);
  ops.push(
    ...drawText(encode(fonts, footerText), {
      color: grayscale(0.3),
      font: keys.noto,
      size: footerSize,
      rotate: degrees(view.rotation),
      xSkew: degrees(0),
      ySkew: degrees(0),
      x: fx,
      y: fy,
    }),
  );
  // The fingerprint as invisible text on a line of its own above the footer, within the page: a
  // viewer clips text outside it, and text selection and extraction take it with the footer.
  const tokenSize = Math.min(footerSize, room / fonts.helvetica.widthOfTextAtSize(token, 1));
  const [tx, ty] = view.toUser(margin, footerY + footerSize * 1.3);
  ops.push(
    pushGraphicsState(),
    beginText(),
    setFontAndSize(keys.helvetica, tokenSize),
    setTextRenderingMode(TextRenderingMode.Invisible),
    rotateAndSkewTextRadiansAndTranslate((view.rotation * Math.PI) / 180, 0, 0, tx, ty),
    // A literal string, so the token is readable in the content stream as well as through text extraction.
    PDFOperator.of(PDFOperatorNames.ShowText, [PDFString.of(token)]),
    endText(),
    popGraphicsState(),
  );
  page.pushOperators(...ops);
}

function xmpPacket(inner: string): string {
  return (
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    `${inner}</rdf:RDF></x:xmpmeta>\n<?xpacket end="w"?>`
  );
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Adds kpo's description to the document's XMP (keeping what is there), or writes a new packet. */
function addXmp(doc: PDFDocument, token: string, line: string) {
  const description = `<rdf:Description rdf:about="" xmlns:kpo="${XMP_NS}"><kpo:fingerprint>${token}</kpo:fingerprint><kpo:downloadedBy>${xmlEscape(line)}</kpo:downloadedBy></rdf:Description>`;
  const catalog = doc.catalog;
  const existing = catalog.lookup(PDFName.of('Metadata'));
  let xml = xmpPacket(description);
  if (existing instanceof PDFRawStream) {
    try {
      const old = new TextDecoder().decode(decodePDFRawStream(existing).decode());
      if (old.includes('</rdf:RDF>')) xml = old.replace('</rdf:RDF>', `${description}</rdf:RDF>`);
    } catch {
      // An XMP stream kpo cannot decode is replaced: the Info dictionary and the pages keep the rest.
    }
  }
  const stream = doc.context.stream(new TextEncoder().encode(xml), { Type: 'Metadata', Subtype: 'XML' });
  catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}

function infoDict(doc: PDFDocument): PDFDict {
  const existing = doc.context.lookup(doc.context.trailerInfo.Info);
  if (existing instanceof PDFDict) return existing;
  const info = doc.context.obj({});
  doc.context.trailerInfo.Info = doc.context.register(info);
  return info;
}

export async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  let doc: PDFDocument;
  try {
    // Loaded past its encryption only to say so: pdf-lib's own EncryptedPDFError fails instanceof (ES5 build).
    doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  } catch (e) {
    throw refused('malformed_file', 'pdf', `The PDF cannot be read: ${(e as Error).message}`);
  }
  if (doc.isEncrypted) throw refused('encrypted_file', 'pdf', 'The PDF is password-protected.');
  if (doc.getPageCount() === 0) throw refused('malformed_file', 'pdf', 'The PDF has no pages.');
  return doc;
}

export async function watermarkPdf(bytes: Uint8Array, mark: Mark, token: string): Promise<Uint8Array> {
  const doc = await loadPdf(bytes);
  doc.registerFontkit(cachedFontkit);
  const fonts: Fonts = {
    noto: await doc.embedFont(notoSansJp(), { subset: true }),
    helvetica: await doc.embedFont(StandardFonts.Helvetica),
    encoded: new Map(),
    widths: new Map(),
  };
  const tileState = doc.context.register(doc.context.obj({ Type: 'ExtGState', ca: TILE_OPACITY, CA: TILE_OPACITY }));
  const keysByResources = new Map<PDFDict, Keys>();
  const keysFor = (page: PDFPage): Keys => {
    page.node.normalize();
    const resources = page.node.Resources();
    const known = resources && keysByResources.get(resources);
    if (known) return known;
    const keys = {
      noto: page.node.newFontDictionary('KpoMark', fonts.noto.ref),
      helvetica: page.node.newFontDictionary('KpoToken', fonts.helvetica.ref),
      tileState: page.node.newExtGState('KpoMarkGS', tileState),
    };
    if (resources) keysByResources.set(resources, keys);
    return keys;
  };
  const texts = markTexts(mark);
  try {
    for (const page of doc.getPages()) markPage(page, fonts, keysFor, texts, token);
  } catch (e) {
    throw refused('malformed_file', 'pdf', `The PDF's pages cannot be marked: ${(e as Error).message}`);
  }
  const info = infoDict(doc);
  info.set(PDFName.of(INFO_FINGERPRINT), PDFString.of(token));
  info.set(PDFName.of(INFO_MARK), PDFHexString.fromText(texts.line));
  addXmp(doc, token, texts.line);
  // Classic cross-reference table: pdf-lib keeps the original header (say %PDF-1.3), and readers of
  // that version know nothing of the object streams it would otherwise write.
  return doc.save({ useObjectStreams: false });
}

/** Text of a content stream with its hex strings spelled out (another tool may re-encode a literal). */
function contentText(bytes: Uint8Array): string {
  const raw = Buffer.from(bytes).toString('latin1');
  const hex = [...raw.matchAll(/<([0-9A-Fa-f\s]+)>/g)].map((m) => Buffer.from((m[1] ?? '').replace(/\s/g, ''), 'hex').toString('latin1'));
  return hex.length > 0 ? `${raw}\n${hex.join('\n')}` : raw;
}

function stringsIn(obj: PDFObject | undefined, depth = 0): string[] {
  if (!obj || depth > 4) return [];
  if (obj instanceof PDFString || obj instanceof PDFHexString) return [obj.decodeText()];
  if (obj instanceof PDFDict) return [...obj.entries()].flatMap(([, v]) => stringsIn(v, depth + 1));
  if (obj instanceof PDFArray) return obj.asArray().flatMap((v) => stringsIn(v, depth + 1));
  return [];
}

export interface Found {
  downloadId: string;
  valid: boolean;
  where: string;
}

/** Every fingerprint in a PDF: Info, XMP, each page's text, any other object; the raw bytes if it will not parse. */
export async function readPdfFingerprints(bytes: Uint8Array, key: Buffer): Promise<Found[]> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
  } catch {
    return findTokens(Buffer.from(bytes).toString('latin1'), key).map((t) => ({ ...t, where: 'pdf:raw' }));
  }
  const labels = new Map<string, string>();
  const label = (ref: PDFObject | undefined, name: string) => {
    if (ref instanceof PDFRef) labels.set(ref.toString(), name);
  };
  label(doc.context.trailerInfo.Info, 'pdf:info');
  label(doc.catalog.get(PDFName.of('Metadata')), 'pdf:xmp');
  doc.getPages().forEach((page, i) => {
    const contents = page.node.get(PDFName.Contents);
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
    for (const ref of refs) label(ref, `pdf:page ${i + 1}`);
  });
  const found: Found[] = [];
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    const where = labels.get(ref.toString()) ?? `pdf:object ${ref.objectNumber}`;
    let texts: string[] = [];
    if (obj instanceof PDFRawStream) {
      try {
        const data = decodePDFRawStream(obj).decode();
        texts = obj.dict.get(PDFName.of('Subtype')) === PDFName.of('XML') ? [new TextDecoder().decode(data)] : [contentText(data)];
      } catch {
        texts = [Buffer.from(obj.contents).toString('latin1')];
      }
    } else if (!(obj instanceof PDFStream)) texts = stringsIn(obj);
    for (const t of texts.flatMap((text) => findTokens(text, key))) found.push({ downloadId: t.downloadId, valid: t.valid, where });
  }
  return found;
}
