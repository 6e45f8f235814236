/**
 * Pads every glyph of a TrueType font to a 4-byte boundary, rewriting `glyf`, `loca` (long
 * format) and the table directory.
 *
 * Why: fonts built without glyph padding (Noto Sans JP from Google Fonts has odd-length glyphs
 * under a long `loca`) break fontkit's subsetter, which switches a small subset to the short
 * `loca` format — offsets halved, so odd offsets land mid-glyph and most characters vanish from
 * the PDF. With even glyph lengths every offset stays exact.
 */

function checksum(data: Uint8Array): number {
  const padded = new Uint8Array(Math.ceil(data.length / 4) * 4);
  padded.set(data);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

const align4 = (n: number) => (n + 3) & ~3;

export function padTrueTypeGlyphs(font: Uint8Array): Uint8Array {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const numTables = view.getUint16(4);
  const tables = new Map<string, { offset: number; length: number }>();
  const order: string[] = [];
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    const tag = String.fromCharCode(font[rec] ?? 0, font[rec + 1] ?? 0, font[rec + 2] ?? 0, font[rec + 3] ?? 0);
    tables.set(tag, { offset: view.getUint32(rec + 8), length: view.getUint32(rec + 12) });
    order.push(tag);
  }
  const head = tables.get('head');
  const loca = tables.get('loca');
  const glyf = tables.get('glyf');
  const maxp = tables.get('maxp');
  if (!head || !loca || !glyf || !maxp) return font;
  const longLoca = view.getInt16(head.offset + 50) === 1;
  const numGlyphs = view.getUint16(maxp.offset + 4);
  const offsetAt = (g: number) => (longLoca ? view.getUint32(loca.offset + g * 4) : view.getUint16(loca.offset + g * 2) * 2);
  if (Array.from({ length: numGlyphs + 1 }, (_, g) => offsetAt(g)).every((o) => o % 4 === 0)) return font;

  const newLoca = new Uint8Array((numGlyphs + 1) * 4);
  const locaView = new DataView(newLoca.buffer);
  const pieces: Uint8Array[] = [];
  let at = 0;
  for (let g = 0; g < numGlyphs; g++) {
    const start = offsetAt(g);
    const end = offsetAt(g + 1);
    locaView.setUint32(g * 4, at);
    const padded = new Uint8Array(align4(end - start));
    padded.set(font.subarray(glyf.offset + start, glyf.offset + end));
    pieces.push(padded);
    at += padded.length;
  }
  locaView.setUint32(numGlyphs * 4, at);
  const newGlyf = new Uint8Array(at);
  let p = 0;
  for (const piece of pieces) {
    newGlyf.set(piece, p);
    p += piece.length;
  }

  const data = new Map<string, Uint8Array>();
  for (const tag of order) {
    const t = tables.get(tag) as { offset: number; length: number };
    data.set(tag, tag === 'glyf' ? newGlyf : tag === 'loca' ? newLoca : font.slice(t.offset, t.offset + t.length));
  }
  const newHead = data.get('head') as Uint8Array;
  const headView = new DataView(newHead.buffer, newHead.byteOffset, newHead.byteLength);
  headView.setInt16(50, 1);
  headView.setUint32(8, 0);

  const headerLength = 12 + numTables * 16;
  let total = headerLength;
  for (const tag of order) total += align4((data.get(tag) as Uint8Array).length);
  const out = new Uint8Array(total);
  const outView = new DataView(out.buffer);
  out.set(font.subarray(0, 12));
  let offset = headerLength;
  // The directory keeps its order (sorted by tag in a valid font); table data follows in the same order.
  order.forEach((tag, i) => {
    const bytes = data.get(tag) as Uint8Array;
    const rec = 12 + i * 16;
    out.set(font.subarray(12 + i * 16, 12 + i * 16 + 4), rec);
    outView.setUint32(rec + 4, checksum(bytes));
    outView.setUint32(rec + 8, offset);
    outView.setUint32(rec + 12, bytes.length);
    out.set(bytes, offset);
    offset += align4(bytes.length);
  });
  const headOffset = outView.getUint32(12 + order.indexOf('head') * 16 + 8);
  outView.setUint32(headOffset + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}
