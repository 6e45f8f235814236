import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, rgb } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { applyEdits } from '../../../core/documents/pii/pseudonymise.js';
import { notoSansJp } from '../../exports/japanese-font.js';
import { encrypted, malformed } from './errors.js';
import type { Replace, Segment } from './types.js';

/**
 * PDF text, page by page, from pdf.js. A redacted PDF cannot keep the original's layout
 * honestly (a token is not as wide as the name it replaces, and text drawn as shapes or images
 * would survive), so the copy is a new PDF of the pseudonymised text, and says so on its first line.
 */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'PasswordException') throw encrypted('PDF');
    throw malformed('PDF', (e as Error).message);
  }
  try {
    const pages: string[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      pages.push(text);
    }
    return pages;
  } catch (e) {
    throw malformed('PDF', (e as Error).message);
  } finally {
    await doc.destroy();
  }
}

export async function pdfSegments(bytes: Uint8Array): Promise<Segment[]> {
  return (await pdfPages(bytes)).map((text, i) => ({ text, where: `page ${i + 1}` })).filter((s) => s.text.trim() !== '');
}

export const PDF_NOTICE =
  'Pseudonymised text copy: the original layout is not kept. / 仮名化したテキストの写しです（元のレイアウトは保持していません）。';

/** Lines no wider than `width`, broken at spaces for Latin text and anywhere for Japanese. */
function wrap(text: string, f: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const ch of Array.from(para)) {
      const next = line + ch;
      if (f.widthOfTextAtSize(next, size) <= width) {
        line = next;
        continue;
      }
      const space = line.lastIndexOf(' ');
      if (space > 0 && /[A-Za-z0-9]/.test(ch)) {
        lines.push(line.slice(0, space));
        line = line.slice(space + 1) + ch;
      } else {
        lines.push(line);
        line = ch;
      }
    }
    lines.push(line);
  }
  return lines;
}

export async function redactPdf(bytes: Uint8Array, replace: Replace): Promise<Uint8Array> {
  const pages = await pdfPages(bytes);
  const out = await PDFDocument.create();
  out.registerFontkit(fontkit);
  const f = await out.embedFont(notoSansJp(), { subset: true });
  const A4 = { width: 595.28, height: 841.89 };
  const margin = 48;
  const size = 10;
  const leading = 15;
  // Characters the font cannot draw (rare symbols) would abort the whole copy: they become "?".
  const charset = new Set(f.getCharacterSet());
  const drawable = (s: string) =>
    Array.from(s)
      .map((c) => {
        const code = c.codePointAt(0) ?? 0;
        if (c === '\t') return ' ';
        if (c === '\n') return c;
        if (code < 0x20) return '';
        return charset.has(code) ? c : '?';
      })
      .join('');
  pages.forEach((text, i) => {
    const where = `page ${i + 1}`;
    const redacted = applyEdits(text, replace(text, where));
    const lines = [...(i === 0 ? [PDF_NOTICE, ''] : []), `— ${where} —`, ...wrap(drawable(redacted), f, size, A4.width - 2 * margin)];
    let page = out.addPage([A4.width, A4.height]);
    let y = A4.height - margin;
    for (const line of lines) {
      if (y < margin) {
        page = out.addPage([A4.width, A4.height]);
        y = A4.height - margin;
      }
      if (line !== '') page.drawText(line, { x: margin, y, size, font: f, color: rgb(0.1, 0.1, 0.12) });
      y -= leading;
    }
  });
  if (pages.length === 0) out.addPage([A4.width, A4.height]).drawText(PDF_NOTICE, { x: margin, y: A4.height - margin, size, font: f });
  return out.save();
}
