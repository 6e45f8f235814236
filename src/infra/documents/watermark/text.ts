import { encodeShiftJis } from '../../files/shift-jis.js';
import { type Mark, markTexts } from './mark.js';
import { findTokens } from './token.js';

/**
 * CSV and plain text: one line added at the top with the mark, the fingerprint hidden in it as
 * zero-width characters; the data below stays byte for byte as it was.
 *
 * CSV has no comment syntax (RFC 4180), and a "# …" line is read as a data row by every importer
 * anyway, so the mark is a proper first record of one quoted field: the file stays valid CSV, the
 * mark shows in cell A1 when opened in Excel, and no data cell is touched. The cost: an importer
 * must skip one row before the header.
 *
 * Zero-width characters survive copy and paste, e-mail and most editors without showing, and sit in
 * the mark's own line rather than in the data; they are lost when the first line is deleted or the
 * text retyped, and a tool that strips "invisible" characters removes them. The visible mark says
 * who downloaded it in any case.
 *
 * The encoding is kept: UTF-8 (with or without a BOM), UTF-16 with a BOM, and Shift_JIS (Windows
 * code page 932, what Excel in Japan writes). Shift_JIS cannot hold zero-width characters, so there
 * the fingerprint is written in its visible ASCII form at the end of the mark line.
 */

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'shift_jis';

function detect(bytes: Uint8Array): { encoding: Encoding; bom: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { encoding: 'utf-8', bom: 0 };
  } catch {
    return { encoding: 'shift_jis', bom: 0 };
  }
}

function encodeText(text: string, encoding: Encoding): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  if (encoding === 'utf-16le') return new Uint8Array(Buffer.from(text, 'utf16le'));
  if (encoding === 'utf-16be') return new Uint8Array(Buffer.from(text, 'utf16le').swap16());
  return encodeShiftJis(text);
}

const decodeText = (bytes: Uint8Array, encoding: Encoding) => new TextDecoder(encoding).decode(bytes);

export function watermarkText(
  bytes: Uint8Array,
  kind: 'csv' | 'txt',
  mark: Mark,
  tokens: { visible: string; zeroWidth: string },
): Uint8Array {
  const { encoding, bom } = detect(bytes);
  const body = bytes.subarray(bom);
  const sample = decodeText(body.subarray(0, 64 * 1024), encoding);
  const newline = sample.includes('\r\n') ? '\r\n' : sample.includes('\n') ? '\n' : kind === 'csv' ? '\r\n' : '\n';
  const { line } = markTexts(mark);
  const hidden = encoding === 'shift_jis' ? ` ${tokens.visible}` : tokens.zeroWidth;
  // The zero-width token goes after the first character, so trimming the line's end does not drop it.
  const text = [...line];
  const marked = encoding === 'shift_jis' ? line + hidden : `${text[0] ?? ''}${hidden}${text.slice(1).join('')}`;
  const first = kind === 'csv' ? `"${marked.replaceAll('"', '""')}"` : marked;
  const head = encodeText(first + newline, encoding);
  const out = new Uint8Array(bom + head.length + body.length);
  out.set(bytes.subarray(0, bom));
  out.set(head, bom);
  out.set(body, bom + head.length);
  return out;
}

export function readTextFingerprints(bytes: Uint8Array, key: Buffer) {
  const { encoding, bom } = detect(bytes);
  const text = decodeText(bytes.subarray(bom), encoding);
  return findTokens(text, key).map((t) => {
    const line = text.slice(0, t.index).split('\n').length;
    return { downloadId: t.downloadId, valid: t.valid, where: `text:line ${line} (${t.form})` };
  });
}
