import { crc32 } from 'node:zlib';
import { refused } from './mark.js';
import { findTokens } from './token.js';

/**
 * Images get no visible mark: drawing one means decoding and re-encoding the picture (a JPEG loses
 * quality each time, and kpo has no image codec dependency), it would alter figures and scans the
 * experts work from, and a corner mark is cropped in a second. The vault offers view-only grants for
 * images that must not leave. The fingerprint goes in the format's own metadata: a PNG tEXt chunk,
 * a JPEG COM segment, a GIF comment extension. WebP would need its container rewritten (VP8X) and is
 * returned as it is. Metadata is dropped by screenshots and by most re-encoders: this catches a
 * forwarded file, not a re-saved picture.
 */

const KEYWORD = 'kpo-fingerprint';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

export function imageFormat(b: Uint8Array): ImageFormat | null {
  if (PNG_SIGNATURE.every((v, i) => b[i] === v)) return 'png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (
    Buffer.from(b.subarray(0, 6))
      .toString('latin1')
      .match(/^GIF8[79]a$/)
  )
    return 'gif';
  if (Buffer.from(b.subarray(0, 4)).toString('latin1') === 'RIFF' && Buffer.from(b.subarray(8, 12)).toString('latin1') === 'WEBP')
    return 'webp';
  return null;
}

const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

function* pngChunks(b: Uint8Array) {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let at = 8; at + 12 <= b.length; ) {
    const length = view.getUint32(at);
    const type = Buffer.from(b.subarray(at + 4, at + 8)).toString('latin1');
    const end = at + 12 + length;
    if (end > b.length) throw refused('malformed_file', 'image', 'The PNG is cut short.');
    yield { type, at, data: b.subarray(at + 8, at + 8 + length), end };
    if (type === 'IEND') return;
    at = end;
  }
}

function pngTextChunk(text: string): Uint8Array {
  const data = Buffer.from(`${KEYWORD}\0${text}`, 'latin1');
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write('tEXt', 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0);
  return concat(head, data, crc);
}

function markPng(b: Uint8Array, token: string): Uint8Array {
  const ihdr = pngChunks(b).next().value;
  if (ihdr?.type !== 'IHDR') throw refused('malformed_file', 'image', 'The PNG has no header chunk.');
  return concat(b.subarray(0, ihdr.end), pngTextChunk(token), b.subarray(ihdr.end));
}

/** JPEG segments up to the image data (start of scan). */
function* jpegSegments(b: Uint8Array) {
  for (let at = 2; at + 4 <= b.length && b[at] === 0xff; ) {
    const marker = b[at + 1] ?? 0;
    if (marker === 0xda || marker === 0xd9) return;
    const length = ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0);
    if (length < 2 || at + 2 + length > b.length) throw refused('malformed_file', 'image', 'The JPEG is cut short.');
    yield { marker, at, data: b.subarray(at + 4, at + 2 + length), end: at + 2 + length };
    at += 2 + length;
  }
}

function markJpeg(b: Uint8Array, token: string): Uint8Array {
  // After the APPn segments (JFIF and Exif expect to come first), before the tables and the frame.
  let insertAt = 2;
  for (const s of jpegSegments(b)) {
    if (s.marker < 0xe0 || s.marker > 0xef) break;
    insertAt = s.end;
  }
  const payload = Buffer.from(`${KEYWORD} ${token}`, 'latin1');
  const head = Buffer.from([0xff, 0xfe, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return concat(b.subarray(0, insertAt), head, payload, b.subarray(insertAt));
}

function markGif(b: Uint8Array, token: string): Uint8Array {
  if (b.length < 13) throw refused('malformed_file', 'image', 'The GIF is cut short.');
  const flags = b[10] ?? 0;
  const tableBytes = flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0;
  const insertAt = 13 + tableBytes;
  if (insertAt > b.length) throw refused('malformed_file', 'image', 'The GIF is cut short.');
  const text = Buffer.from(`${KEYWORD} ${token}`, 'latin1');
  const comment = concat(Uint8Array.of(0x21, 0xfe, text.length), text, Uint8Array.of(0));
  const out = concat(b.subarray(0, insertAt), comment, b.subarray(insertAt));
  out.set(Buffer.from('GIF89a', 'latin1'), 0); // comment extensions are GIF89a
  return out;
}

export function watermarkImage(bytes: Uint8Array, token: string): Uint8Array {
  const format = imageFormat(bytes);
  if (format === 'png') return markPng(bytes, token);
  if (format === 'jpeg') return markJpeg(bytes, token);
  if (format === 'gif') return markGif(bytes, token);
  if (format === 'webp') return bytes;
  throw refused('malformed_file', 'image', 'The image is not a PNG, JPEG, GIF or WebP file.');
}

export function readImageFingerprints(bytes: Uint8Array, format: ImageFormat, key: Buffer) {
  const places: { where: string; text: string }[] = [];
  const latin1 = (d: Uint8Array) => Buffer.from(d).toString('latin1');
  try {
    if (format === 'png')
      for (const c of pngChunks(bytes))
        if (['tEXt', 'iTXt', 'zTXt'].includes(c.type)) places.push({ where: `png:${c.type}`, text: latin1(c.data) });
    if (format === 'jpeg')
      for (const s of jpegSegments(bytes))
        if (s.marker === 0xfe || (s.marker >= 0xe0 && s.marker <= 0xef))
          places.push({ where: s.marker === 0xfe ? 'jpeg:COM' : `jpeg:APP${s.marker - 0xe0}`, text: latin1(s.data) });
  } catch {
    // A damaged image is still searched as a whole below.
  }
  if (places.length === 0 || format === 'gif' || format === 'webp') places.push({ where: `${format}:bytes`, text: latin1(bytes) });
  return places.flatMap((p) => findTokens(p.text, key).map((t) => ({ downloadId: t.downloadId, valid: t.valid, where: p.where })));
}
