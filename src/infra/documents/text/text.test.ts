import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { detectPii } from '../../../core/documents/pii/detect.js';
import { emptyMapping, type PseudonymMapping, pseudonymEdits } from '../../../core/documents/pii/pseudonymise.js';
import { extractText, kindOfFile, PDF_NOTICE, type Replace, writeRedacted } from './index.js';
import { pdfPages } from './pdf.js';

/** A replace that pseudonymises with one mapping across the whole document, as the CLI does. */
function pseudonymiser(): { replace: Replace; mapping: () => PseudonymMapping } {
  let mapping = emptyMapping();
  return {
    replace: (text) => {
      const r = pseudonymEdits(text, detectPii(text), mapping);
      mapping = r.mapping;
      return r.edits;
    },
    mapping: () => mapping,
  };
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b).replace(/^\uFEFF/, '');

async function docx(paragraphs: string[][]): Promise<Uint8Array> {
  const zip = new JSZip();
  const body = paragraphs
    .map((runs) => `<w:p>${runs.map((r) => `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${r}</w:t></w:r>`).join('')}</w:p>`)
    .join('');
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file(
    'word/document.xml',
    `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  zip.file('word/footer1.xml', '<?xml version="1.0"?><w:ftr xmlns:w="x"><w:p><w:r><w:t>TEL 03-1234-5678</w:t></w:r></w:p></w:ftr>');
  return zip.generateAsync({ type: 'uint8array' });
}

describe('text and CSV', () => {
  it('reads UTF-8 with a BOM and Shift_JIS, line by line', async () => {
    expect(await extractText(utf8('\uFEFFline one\n\n山田太郎様\n'), 'txt')).toEqual([
      { text: 'line one', where: 'line 1' },
      { text: '山田太郎様', where: 'line 3' },
    ]);
    // 山田太郎様 in Shift_JIS.
    const sjis = Uint8Array.from([0x8e, 0x52, 0x93, 0x63, 0x91, 0xbe, 0x98, 0x59, 0x97, 0x6c]);
    expect(await extractText(sjis, 'txt')).toEqual([{ text: '山田太郎様', where: 'line 1' }]);
  });

  it('writes a pseudonymised text copy keeping the line breaks', async () => {
    const p = pseudonymiser();
    const out = await writeRedacted(utf8('山田太郎様\r\nDear Mr. John Smith,\r\n山田太郎様'), 'txt', p.replace);
    expect(decode(out)).toBe('人物A様\r\nDear Mr. PERSON_001,\r\n人物A様');
  });

  it('reads CSV cells with their address and writes the copy as valid CSV', async () => {
    const csv = utf8('name,phone,note\n山田太郎,03-1234-5678,"Smith, John said hi"\n');
    expect(await extractText(csv, 'csv')).toContainEqual({ text: '03-1234-5678', where: 'B2' });
    const out = decode(await writeRedacted(csv, 'csv', pseudonymiser().replace));
    expect(out).toBe('name,phone,note\n人物A,PHONE_001,"Smith, John said hi"\n');
  });
});

describe('XLSX', () => {
  it('reads string cells as Sheet!A1 and replaces them in place', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('顧客');
    ws.addRow(['氏名', '電話', '金額']);
    ws.addRow(['佐藤花子', '090-1234-5678', 1200]);
    ws.getCell('D2').value = { richText: [{ text: 'mail ' }, { text: 'jo@example.com', font: { bold: true } }] };
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const segments = await extractText(bytes, 'xlsx');
    expect(segments).toContainEqual({ text: 'mail jo@example.com', where: '顧客!D2' });
    const out = await writeRedacted(bytes, 'xlsx', pseudonymiser().replace);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(Buffer.from(out) as unknown as ExcelJS.Buffer);
    const sheet = back.getWorksheet('顧客');
    expect(sheet?.getCell('A2').value).toBe('人物A');
    expect(sheet?.getCell('B2').value).toBe('PHONE_001');
    expect(sheet?.getCell('C2').value).toBe(1200);
    expect(sheet?.getCell('D2').value).toBe('mail EMAIL_001');
  });

  it('refuses a damaged or password-protected workbook with a reason', async () => {
    await expect(extractText(utf8('not a zip'), 'xlsx')).rejects.toMatchObject({ code: 'invalid_input', reason: 'malformed_file' });
    const cfb = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    await expect(extractText(cfb, 'xlsx')).rejects.toMatchObject({ code: 'invalid_input', reason: 'encrypted_file' });
    await expect(extractText(cfb, 'docx')).rejects.toMatchObject({ reason: 'encrypted_file' });
  });
});

describe('DOCX', () => {
  it('reads paragraphs across runs, headers and footers included', async () => {
    const bytes = await docx([
      ['担当：', '山田', '太郎'],
      ['Dear Mr. ', 'Smith', ','],
    ]);
    expect(await extractText(bytes, 'docx')).toEqual([
      { text: '担当：山田太郎', where: 'document ¶1' },
      { text: 'Dear Mr. Smith,', where: 'document ¶2' },
      { text: 'TEL 03-1234-5678', where: 'footer1 ¶1' },
    ]);
  });

  it('replaces a name split over runs in the first run, keeping the rest of the XML', async () => {
    const bytes = await docx([['担当：', '山田', '太郎', '様 &amp; co']]);
    const out = await writeRedacted(bytes, 'docx', pseudonymiser().replace);
    const xml = (await (await JSZip.loadAsync(out)).file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('<w:t xml:space="preserve">人物A</w:t>');
    expect(xml).toContain('<w:t xml:space="preserve"></w:t>');
    expect(xml).toContain('様 &amp; co');
    expect(xml.match(/<w:b\/>/g)).toHaveLength(4);
    expect((await extractText(out, 'docx'))[0]?.text).toBe('担当：人物A様 & co');
    const footer = (await (await JSZip.loadAsync(out)).file('word/footer1.xml')?.async('string')) ?? '';
    expect(footer).toContain('TEL PHONE_001');
  });

  it('refuses a zip that is not a Word document', async () => {
    const zip = new JSZip();
    zip.file('a.txt', 'x');
    await expect(extractText(await zip.generateAsync({ type: 'uint8array' }), 'docx')).rejects.toMatchObject({ reason: 'malformed_file' });
  });
});

describe('PDF', () => {
  it('reads text page by page and writes a text PDF that says it is one', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage().drawText('Dear Mr. John Smith, call (415) 555-0132.', { x: 50, y: 700, font, size: 12 });
    doc.addPage().drawText('Email jo@example.com', { x: 50, y: 700, font, size: 12 });
    const bytes = await doc.save();
    const segments = await extractText(bytes, 'pdf');
    expect(segments.map((s) => s.where)).toEqual(['page 1', 'page 2']);
    expect(segments[0]?.text).toContain('John Smith');
    const out = await writeRedacted(bytes, 'pdf', pseudonymiser().replace);
    const text = (await pdfPages(out)).join('\n');
    expect(text).toContain(PDF_NOTICE.slice(0, 30));
    expect(text).toContain('PERSON_001');
    expect(text).toContain('EMAIL_001');
    expect(text).not.toContain('Smith');
  });

  it('refuses a damaged PDF', async () => {
    await expect(extractText(utf8('%PDF-1.7 garbage'), 'pdf')).rejects.toMatchObject({ code: 'invalid_input', reason: 'malformed_file' });
  });

  it('knows the kinds by extension and refuses others', () => {
    expect(kindOfFile('a/b/Report.DOCX')).toBe('docx');
    expect(kindOfFile('notes.md')).toBe('txt');
    expect(() => kindOfFile('x.exe')).toThrow(expect.objectContaining({ reason: 'unsupported_file_type' }));
  });
});
