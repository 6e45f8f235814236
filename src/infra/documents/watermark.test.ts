import { crc32 } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { degrees, PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { getDocument, Util } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { tokyoTime } from './watermark/mark.js';
import { splitSections } from './watermark/ooxml.js';
import { readFingerprints, type WatermarkMark, watermark } from './watermark.js';

const key = Buffer.alloc(32, 0x5a);
const otherKey = Buffer.alloc(32, 0x17);
const downloadId = '0193a5b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b';
const mark: WatermarkMark = {
  userName: '山田 太郎',
  orgName: '株式会社サクラ・リサーチ',
  at: '2026-12-04T08:05:00Z',
  documentId: 'doc-7f3e',
  downloadId,
  locale: 'ja',
};

const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAEAAQDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAZEAADAQEBAAAAAAAAAAAAAAAAAQIDETH/xAAVAQEBAAAAAAAAAAAAAAAAAAAFB//EABcRAQEBAQAAAAAAAAAAAAAAAAIBABH/2gAMAwEAAhEDEQA/AJPLOcoUQuSvEAANtNVK9t1VJgkJnJN//9k=',
  'base64',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAYAAACp8Z5+AAAABHNCSVQICAgIfAhkiAAAAAFzUkdCAK7OHOkAAAAmSURBVAiZYzQ2PvOfgYGBYSZDOgMDAwMDEwMaYDxjbPwfWQBDBQAOOQVpGGc6qwAAAABJRU5ErkJggg==',
  'base64',
);
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

// ---- PDF ----------------------------------------------------------------------------------------

/** Five pages: upright, turned 90/180/270, and one whose media box does not start at 0,0. */
async function samplePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (const r of [0, 90, 180, 270]) {
    const p = doc.addPage([595.28, 841.89]);
    p.setRotation(degrees(r));
    p.drawText(`Page turned ${r}`, { x: 60, y: 700, size: 18 });
  }
  const offset = doc.addPage([400, 300]);
  offset.setMediaBox(150, 250, 400, 300);
  offset.drawText('Offset box', { x: 200, y: 400 });
  return doc.save();
}

interface PageText {
  text: string;
  /** Items with their position on the page as shown (y down from the top) and their direction. */
  items: { str: string; x: number; y: number; upright: boolean }[];
  width: number;
  height: number;
}

async function pdfText(bytes: Uint8Array): Promise<PageText[]> {
  const pdf = await getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const pages: PageText[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const items = content.items.flatMap((item) => {
      if (!('str' in item)) return [];
      const [a, b, , , x, y] = Util.transform(viewport.transform, item.transform) as number[];
      return [{ str: item.str, x: x ?? 0, y: y ?? 0, upright: Math.abs(b ?? 1) < 1e-6 && (a ?? 0) > 0 }];
    });
    pages.push({ text: items.map((t) => t.str).join(''), items, width: viewport.width, height: viewport.height });
  }
  await pdf.destroy();
  return pages;
}

describe('PDF watermark', () => {
  it('marks every page, upright at the foot of the page as shown, whatever the rotation or box', async () => {
    const out = await watermark(await samplePdf(), 'pdf', mark, key);
    const pages = await pdfText(out);
    expect(pages).toHaveLength(5);
    for (const [i, page] of pages.entries()) {
      expect(page.text, `page ${i + 1}`).toContain('山田 太郎');
      const footer = page.items.find((t) => t.str.includes('にダウンロード'));
      expect(footer, `page ${i + 1} footer`).toBeDefined();
      if (!footer) continue;
      expect(footer.str).toContain('山田 太郎（株式会社サクラ・リサーチ） が 2026年12月4日 17:05 JST にダウンロード');
      expect(footer.str).toContain('文書 doc-7f3e');
      expect(footer.upright, `page ${i + 1} footer upright`).toBe(true);
      expect(footer.x).toBeGreaterThanOrEqual(0);
      expect(footer.x).toBeLessThan(page.width * 0.1);
      expect(footer.y).toBeGreaterThan(page.height * 0.95);
      expect(footer.y).toBeLessThanOrEqual(page.height);
    }
  });

  it('keeps the original pages and embeds a subset of Noto Sans JP', async () => {
    const src = await samplePdf();
    const out = await watermark(src, 'pdf', mark, key);
    const pages = await pdfText(out);
    expect(pages[1]?.text).toContain('Page turned 90');
    expect(pages[4]?.text).toContain('Offset box');
    const fonts = (await PDFDocument.load(out)).context
      .enumerateIndirectObjects()
      .flatMap(([, o]) =>
        o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('Font') ? [String(o.get(PDFName.of('BaseFont')))] : [],
      );
    expect(fonts.some((f) => f.includes('NotoSansJP'))).toBe(true);
    expect(out.length - src.length).toBeLessThan(60_000);
  });

  it('writes the time in English for an English reader', async () => {
    const pages = await pdfText(await watermark(await samplePdf(), 'pdf', { ...mark, userName: 'Jane Doe', locale: 'en' }, key));
    expect(pages[0]?.text).toContain('Downloaded by Jane Doe (株式会社サクラ・リサーチ) on 4 Dec 2026 17:05 JST');
  });

  it('puts the fingerprint in Info, XMP and every page, and it survives a pdf-lib load and save', async () => {
    const out = await watermark(await samplePdf(), 'pdf', mark, key);
    // Saved again with object streams: the Info dictionary then sits inside a compressed stream.
    for (const copy of [out, await (await PDFDocument.load(out)).save({ useObjectStreams: true })]) {
      const found = await readFingerprints(copy, key);
      expect(found.map((f) => f.where).sort()).toEqual([
        'pdf:info',
        'pdf:page 1',
        'pdf:page 2',
        'pdf:page 3',
        'pdf:page 4',
        'pdf:page 5',
        'pdf:xmp',
      ]);
      expect(found.every((f) => f.downloadId === downloadId && f.valid)).toBe(true);
    }
  });

  it('leaves the token in the text a reader copies from each page', async () => {
    const out = await watermark(await samplePdf(), 'pdf', mark, key);
    for (const page of await pdfText(out)) {
      const pasted = await readFingerprints(new TextEncoder().encode(page.text), key);
      expect(pasted).toEqual([{ downloadId, valid: true, where: 'text:line 1 (visible)' }]);
    }
  });

  it('reports an altered token as invalid, and every token as invalid under another key', async () => {
    const doc = await PDFDocument.load(await watermark(await samplePdf(), 'pdf', mark, key));
    const info = doc.context.lookup(doc.context.trailerInfo.Info) as PDFDict;
    const token = (info.get(PDFName.of('KpoFingerprint')) as PDFString).decodeText();
    // Another download's id in a token that kept the original MAC: the forger's usual move.
    const forged = `${token.slice(0, 8)}${token[8] === 'A' ? 'B' : 'A'}${token.slice(9)}`;
    info.set(PDFName.of('KpoFingerprint'), PDFString.of(forged));
    const found = await readFingerprints(await doc.save(), key);
    expect(found.find((f) => f.where === 'pdf:info')?.valid).toBe(false);
    expect(found.find((f) => f.where === 'pdf:page 1')?.valid).toBe(true);
    expect((await readFingerprints(await doc.save(), otherKey)).some((f) => f.valid)).toBe(false);
  });

  it('refuses a password-protected PDF and a damaged one with a reason', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.context.trailerInfo.Encrypt = doc.context.obj({ Filter: 'Standard', V: 2, R: 3 });
    const encrypted = await refusal(watermark(await doc.save(), 'pdf', mark, key));
    expect([encrypted.code, encrypted.reason]).toEqual(['invalid_input', 'encrypted_file']);
    const damaged = await refusal(watermark(new TextEncoder().encode('%PDF-1.7\n1 0 obj <</Type /Catalog'), 'pdf', mark, key));
    expect([damaged.code, damaged.reason]).toEqual(['invalid_input', 'malformed_file']);
    const notPdf = await refusal(watermark(PNG, 'pdf', mark, key));
    expect(notPdf.reason).toBe('malformed_file');
  });

  it('refuses a mark that is not valid, listing the fields', async () => {
    const e = await refusal(watermark(await samplePdf(), 'pdf', { ...mark, downloadId: 'not-a-uuid', at: 'yesterday' }, key));
    expect(e.reason).toBe('validation');
    expect(e.issues?.map((i) => i.path.join('.')).sort()).toEqual(['at', 'downloadId']);
  });
});

describe('tokyoTime', () => {
  it('renders Japan time in either language, across a date line', () => {
    expect(tokyoTime('2026-12-04T08:05:00Z', 'ja')).toBe('2026年12月4日 17:05 JST');
    expect(tokyoTime('2026-12-04T08:05:00Z', 'en')).toBe('4 Dec 2026 17:05 JST');
    expect(tokyoTime('2026-12-31T15:30:00Z', 'ja')).toBe('2027年1月1日 00:30 JST');
    expect(tokyoTime('2026-06-30T23:59:00-05:00', 'en')).toBe('1 Jul 2026 13:59 JST');
  });
});

// ---- XLSX ---------------------------------------------------------------------------------------

async function sampleXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const a = wb.addWorksheet('売上');
  a.addRow(['地域', '売上']);
  a.addRow(['関東', 1200]);
  a.headerFooter.oddHeader = '&L社外秘&CQ3 && Q4';
  a.headerFooter.oddFooter = '&C&P / &N';
  wb.addWorksheet('Notes').addRow(['no header here']);
  wb.definedNames.add("'売上'!$A$1:$B$2", 'SalesTable');
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('XLSX watermark', () => {
  it('opens in exceljs with the mark in every sheet header and footer, keeping what was there', async () => {
    const out = await watermark(await sampleXlsx(), 'xlsx', mark, key);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['売上', 'Notes']);
    for (const ws of wb.worksheets) {
      for (const h of [ws.headerFooter.oddHeader, ws.headerFooter.evenHeader, ws.headerFooter.firstHeader])
        expect(h).toContain('山田 太郎（株式会社サクラ・リサーチ）  2026年12月4日 17:05 JST');
      expect(ws.headerFooter.oddFooter).toContain('文書 doc-7f3e');
    }
    const sales = wb.getWorksheet('売上');
    const header = splitSections(sales?.headerFooter.oddHeader ?? '');
    expect(header.L).toBe('社外秘');
    expect(header.C.startsWith('Q3 && Q4 ')).toBe(true);
    expect(splitSections(sales?.headerFooter.oddFooter ?? '').C).toBe('&P / &N');
    expect(sales?.getCell('B2').value).toBe(1200);
  });

  it('sets the document property and a hidden defined name, both carrying a valid fingerprint', async () => {
    const out = await watermark(await sampleXlsx(), 'xlsx', mark, key);
    const zip = await JSZip.loadAsync(out);
    const custom = (await zip.file('docProps/custom.xml')?.async('string')) ?? '';
    expect(custom).toContain('name="KpoDownloadedBy"><vt:lpwstr');
    expect(custom).toContain('山田 太郎（株式会社サクラ・リサーチ） が 2026年12月4日 17:05 JST にダウンロード');
    expect(await zip.file('[Content_Types].xml')?.async('string')).toContain('PartName="/docProps/custom.xml"');
    expect(await zip.file('_rels/.rels')?.async('string')).toContain('Target="docProps/custom.xml"');
    const workbook = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
    expect(workbook).toMatch(/<definedName name="_kpo_fingerprint" hidden="1">"kpo1\.[\w-]{36}"<\/definedName>/);
    expect(workbook).toContain('SalesTable');
    const found = await readFingerprints(out, key);
    expect(found).toEqual([
      { downloadId, valid: true, where: 'xlsx:xl/workbook.xml' },
      { downloadId, valid: true, where: 'xlsx:docProps/custom.xml' },
    ]);
  });

  it('refuses a password-protected workbook (an OLE container) and a damaged zip', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    expect((await refusal(watermark(ole, 'xlsx', mark, key))).reason).toBe('encrypted_file');
    const cut = (await sampleXlsx()).subarray(0, 300);
    expect((await refusal(watermark(cut, 'xlsx', mark, key))).reason).toBe('malformed_file');
  });
});

// ---- DOCX ---------------------------------------------------------------------------------------

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A two-section document as Word writes it: the first section has its own default header, the second none. */
async function sampleDocx(options: { settings?: boolean } = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>' +
      (options.settings === false
        ? ''
        : '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>') +
      '</Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/_rels/document.xml.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>' +
      (options.settings === false
        ? ''
        : '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>') +
      '</Relationships>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>` +
      '<w:p><w:r><w:t>第1章 市場規模</w:t></w:r></w:p>' +
      '<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rId1"/><w:pgSz w:w="11906" w:h="16838"/><w:titlePg/></w:sectPr></w:pPr></w:p>' +
      '<w:p><w:r><w:t>第2章 競合</w:t></w:r></w:p>' +
      '<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr></w:body></w:document>',
  );
  zip.file(
    'word/header1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr xmlns:w="${W}" xmlns:r="${R}"><w:p><w:r><w:t>プロジェクト・サクラ</w:t></w:r></w:p></w:hdr>`,
  );
  if (options.settings !== false)
    zip.file(
      'word/settings.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="${W}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:compat/><w:rsids><w:rsidRoot w:val="00A1"/></w:rsids><w:themeFontLang w:val="en-US" w:eastAsia="ja-JP"/></w:settings>`,
    );
  return zip.generateAsync({ type: 'uint8array' });
}

const partOf = async (bytes: Uint8Array, path: string) => (await (await JSZip.loadAsync(bytes)).file(path)?.async('string')) ?? '';

describe('DOCX watermark', () => {
  it('appends the mark to existing headers and gives the first section a header for the kinds it lacked', async () => {
    const out = await watermark(await sampleDocx(), 'docx', mark, key);
    const header1 = await partOf(out, 'word/header1.xml');
    expect(header1).toContain('プロジェクト・サクラ');
    expect(header1.replace(/[\u2060-\u2063\u200b-\u200d]/g, '')).toContain(
      '山田 太郎（株式会社サクラ・リサーチ） が 2026年12月4日 17:05 JST にダウンロード',
    );
    const document = await partOf(out, 'word/document.xml');
    const first = /<w:sectPr>[\s\S]*?<\/w:sectPr>/.exec(document)?.[0] ?? '';
    expect(first).toMatch(
      /^<w:sectPr><w:headerReference w:type="first" r:id="rIdKpoHeader1"\/><w:headerReference w:type="even" r:id="rIdKpoHeader1"\/><w:headerReference w:type="default" r:id="rId1"\/>/,
    );
    expect(await partOf(out, 'word/kpoHeader1.xml')).toContain('文書 doc-7f3e');
    expect(await partOf(out, 'word/_rels/document.xml.rels')).toContain('Id="rIdKpoHeader1"');
    expect(await partOf(out, '[Content_Types].xml')).toContain('PartName="/word/kpoHeader1.xml"');
    // The second section inherits the first's headers: it is left as it was.
    expect(document).toContain('<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr>');
  });

  it('sets custom properties and a document variable, and finds the fingerprint in each place', async () => {
    const out = await watermark(await sampleDocx(), 'docx', mark, key);
    const custom = await partOf(out, 'docProps/custom.xml');
    expect(custom).toContain('name="KpoFingerprint"');
    expect(custom).toContain('name="KpoDownloadedBy"');
    const settings = await partOf(out, 'word/settings.xml');
    expect(settings).toMatch(/<w:compat\/><w:docVars><w:docVar w:name="kpoFingerprint" w:val="kpo1\.[\w-]{36}"\/><\/w:docVars><w:rsids>/);
    const found = await readFingerprints(out, key);
    expect(found.map((f) => f.where).sort()).toEqual([
      'docx:docProps/custom.xml',
      'docx:word/header1.xml',
      'docx:word/kpoHeader1.xml',
      'docx:word/settings.xml',
    ]);
    expect(found.every((f) => f.valid && f.downloadId === downloadId)).toBe(true);
  });

  it('marks a document without settings or headers of its own', async () => {
    const zip = await JSZip.loadAsync(await sampleDocx({ settings: false }));
    const doc = (await zip.file('word/document.xml')?.async('string')) ?? '';
    zip.file('word/document.xml', doc.replace(/<w:headerReference[^>]*\/>/, ''));
    const out = await watermark(await zip.generateAsync({ type: 'uint8array' }), 'docx', mark, key);
    expect(await partOf(out, 'word/document.xml')).toContain(
      '<w:headerReference w:type="default" r:id="rIdKpoHeader1"/><w:headerReference w:type="first" r:id="rIdKpoHeader1"/><w:headerReference w:type="even" r:id="rIdKpoHeader1"/>',
    );
    expect((await readFingerprints(out, key)).map((f) => f.where).sort()).toEqual(['docx:docProps/custom.xml', 'docx:word/kpoHeader1.xml']);
  });
});

// ---- CSV and text -------------------------------------------------------------------------------

describe('CSV and text watermark', () => {
  it('adds one quoted first record to a CSV and leaves the data byte for byte', async () => {
    const data = '\ufeff地域,売上,"備考, その他"\r\n関東,1200,"引用""あり"""\r\n';
    const out = await watermark(new TextEncoder().encode(data), 'csv', mark, key);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(out);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [firstLine, ...rest] = text.slice(1).split('\r\n');
    expect(rest.join('\r\n')).toBe(data.slice(1));
    const records = parse(text, { bom: true, relax_column_count: true }) as string[][];
    expect(records[0]).toHaveLength(1);
    expect(records[0]?.[0]?.replace(/[\u2060-\u2063\u200b-\u200d]/g, '')).toContain(
      '山田 太郎（株式会社サクラ・リサーチ） が 2026年12月4日 17:05 JST',
    );
    expect(records.slice(1)).toEqual([
      ['地域', '売上', '備考, その他'],
      ['関東', '1200', '引用"あり"'],
    ]);
    expect(firstLine).not.toContain('kpo1.');
    expect(await readFingerprints(out, key)).toEqual([{ downloadId, valid: true, where: 'text:line 1 (zero-width)' }]);
  });

  it('writes a Shift_JIS CSV in Shift_JIS, the token visible since zero-width characters do not exist there', async () => {
    // "名前,金額\r\n山田,100\r\n" in code page 932
    const sjis = Uint8Array.from([
      0x96, 0xbc, 0x91, 0x4f, 0x2c, 0x8b, 0xe0, 0x8a, 0x7a, 0x0d, 0x0a, 0x8e, 0x52, 0x93, 0x63, 0x2c, 0x31, 0x30, 0x30, 0x0d, 0x0a,
    ]);
    const out = await watermark(sjis, 'csv', mark, key);
    expect(Buffer.from(out.subarray(out.length - sjis.length)).equals(Buffer.from(sjis))).toBe(true);
    const text = new TextDecoder('shift_jis', { fatal: true }).decode(out);
    expect(text).toMatch(
      /^"山田 太郎（株式会社サクラ・リサーチ） が 2026年12月4日 17:05 JST にダウンロード .* kpo1\.[\w-]{36}"\r\n名前,金額\r\n/,
    );
    expect(await readFingerprints(out, key)).toEqual([{ downloadId, valid: true, where: 'text:line 1 (visible)' }]);
  });

  it('adds the mark line to plain text with its own line ending; an altered zero-width token reads invalid', async () => {
    const out = await watermark(
      new TextEncoder().encode('議事録\nline two\n'),
      'txt',
      { ...mark, locale: 'en', userName: 'Jane Doe' },
      key,
    );
    const text = new TextDecoder().decode(out);
    expect(text.replace(/[\u2060-\u2063\u200b-\u200d]/g, '')).toBe(
      'Downloaded by Jane Doe (株式会社サクラ・リサーチ) on 4 Dec 2026 17:05 JST · document doc-7f3e · do not redistribute\n議事録\nline two\n',
    );
    // One zero-width character swapped for another: one bit of the MAC, then one bit of the id, changes.
    const swap = (at: number) => text.slice(0, at) + (text[at] === '\u200b' ? '\u200c' : '\u200b') + text.slice(at + 1);
    expect(await readFingerprints(new TextEncoder().encode(swap(text.indexOf('\u2063') - 1)), key)).toEqual([
      { downloadId, valid: false, where: 'text:line 1 (zero-width)' },
    ]);
    const otherId = await readFingerprints(new TextEncoder().encode(swap(text.indexOf('\u2062') + 10)), key);
    expect(otherId).toHaveLength(1);
    expect(otherId[0]?.downloadId).not.toBe(downloadId);
    expect(otherId[0]?.valid).toBe(false);
  });

  it('keeps a user name from planting a token of its own', async () => {
    const planted = `Mallory\u2062${'\u200b'.repeat(108)}\u2063`;
    const out = await watermark(new TextEncoder().encode('x\n'), 'txt', { ...mark, userName: planted }, key);
    expect(await readFingerprints(out, key)).toEqual([{ downloadId, valid: true, where: 'text:line 1 (zero-width)' }]);
  });
});

// ---- images -------------------------------------------------------------------------------------

function pngChunks(b: Uint8Array) {
  const chunks: { type: string; crcOk: boolean }[] = [];
  const buf = Buffer.from(b);
  for (let at = 8; at < buf.length; ) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const crc = buf.readUInt32BE(at + 8 + length);
    chunks.push({ type, crcOk: crc32(buf.subarray(at + 4, at + 8 + length)) === crc });
    at += 12 + length;
  }
  return chunks;
}

describe('image fingerprint', () => {
  it('adds a tEXt chunk to a PNG with a correct CRC, leaving the pixels alone', async () => {
    const out = await watermark(PNG, 'image', mark, key);
    const chunks = pngChunks(out);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'tEXt', 'sBIT', 'sRGB', 'IDAT', 'IEND']);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    expect(await readFingerprints(out, key)).toEqual([{ downloadId, valid: true, where: 'png:tEXt' }]);
  });

  it('adds a COM segment to a JPEG after its APP segments', async () => {
    const out = await watermark(JPEG, 'jpeg', mark, key);
    expect(out.length).toBe(JPEG.length + 4 + 'kpo-fingerprint '.length + 41);
    // SOI, APP0 (JFIF, 16 bytes), APP2 (ICC profile): the comment follows them.
    const app2End = 2 + 18 + 2 + Buffer.from(JPEG).readUInt16BE(22);
    expect([out[app2End], out[app2End + 1]]).toEqual([0xff, 0xfe]);
    expect(Buffer.from(out.subarray(app2End + 4 + 16 + 41)).equals(JPEG.subarray(app2End))).toBe(true);
    expect(await readFingerprints(out, key)).toEqual([{ downloadId, valid: true, where: 'jpeg:COM' }]);
  });

  it('adds a comment extension to a GIF', async () => {
    const out = await watermark(GIF, 'gif', mark, key);
    expect(Buffer.from(out.subarray(0, 6)).toString('latin1')).toBe('GIF89a');
    expect(await readFingerprints(out, key)).toEqual([{ downloadId, valid: true, where: 'gif:bytes' }]);
  });

  it('refuses bytes that are no image it knows', async () => {
    expect((await refusal(watermark(new TextEncoder().encode('hello'), 'image', mark, key))).reason).toBe('malformed_file');
  });
});
