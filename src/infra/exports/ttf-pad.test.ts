import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { notoSansJpPath } from './japanese-font.js';
import { padTrueTypeGlyphs } from './ttf-pad.js';

const original = new Uint8Array(readFileSync(notoSansJpPath()));
const padded = padTrueTypeGlyphs(original);
const TEXT = 'Project Sakura — バリュエーション・サマリー 2,981 6.78% 9.6x';

/** The glyphs (advance and outline) of the font that pdf-lib embeds for TEXT. */
async function embeddedGlyphs(fontBytes: Uint8Array): Promise<Set<string>> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const f = await doc.embedFont(fontBytes, { subset: true });
  doc.addPage().drawText(TEXT, { font: f, size: 10 });
  const saved = await PDFDocument.load(await doc.save());
  const descriptor = saved.context
    .enumerateIndirectObjects()
    .map(([, o]) => o)
    .find((o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('FontDescriptor'));
  const stream = descriptor && saved.context.lookup(descriptor.get(PDFName.of('FontFile2')));
  if (!(stream instanceof PDFRawStream)) throw new Error('no embedded TrueType font');
  const subset = fontkit.create(Buffer.from(decodePDFRawStream(stream).decode()));
  // A glyph whose offsets point into another glyph's data may not even decode.
  const safe = (i: number) => {
    try {
      return signature(subset.getGlyph(i));
    } catch {
      return `unreadable glyph ${i}`;
    }
  };
  return new Set(Array.from({ length: subset.numGlyphs }, (_, i) => safe(i)));
}

const signature = (g: { advanceWidth: number; path: { toSVG(): string } }) => `${g.advanceWidth}:${g.path.toSVG()}`;

describe('padding TrueType glyphs for subsetting', () => {
  it('pads every glyph offset to 4 bytes and keeps every glyph the same', () => {
    const a = fontkit.create(Buffer.from(original));
    const b = fontkit.create(Buffer.from(padded));
    expect(b.numGlyphs).toBe(a.numGlyphs);
    expect((b as unknown as { loca: { offsets: number[] } }).loca.offsets.every((o) => o % 4 === 0)).toBe(true);
    for (const id of [0, 49, 83, 1000, 5000, 16652, a.numGlyphs - 1]) expect(signature(b.getGlyph(id))).toBe(signature(a.getGlyph(id)));
  });

  it('leaves an already padded font alone', () => {
    expect(padTrueTypeGlyphs(padded)).toBe(padded);
  });

  it('the subset embedded in a PDF holds the same outlines as the font (and did not before padding)', async () => {
    const font = fontkit.create(Buffer.from(original));
    const expected = new Set(font.layout(TEXT).glyphs.map(signature));
    const withPadding = await embeddedGlyphs(padded);
    for (const s of expected) expect(withPadding.has(s)).toBe(true);
    const withoutPadding = await embeddedGlyphs(original);
    expect([...expected].filter((s) => !withoutPadding.has(s)).length).toBeGreaterThan(0);
  });
});
