import JSZip from 'jszip';
import type { TextEdit } from '../../../core/documents/pii/pseudonymise.js';
import { encrypted, isCompoundFile, malformed } from './errors.js';
import type { Replace, Segment } from './types.js';

/**
 * DOCX: the text of each paragraph is the concatenation of its <w:t> runs (Word splits words
 * into runs at every change of format or spell-check mark). Edits are made on the paragraph's
 * text and written back into the runs: a replacement goes into the run where its span starts,
 * and the rest of the span is removed from the runs it covered. Everything else of the XML stays.
 */
const PARTS = /^word\/(?:document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/;
const PARAGRAPH = /<w:p[\s>][\s\S]*?<\/w:p>/g;
const TEXT_NODE = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:t(?:\s[^>]*)?\/>/g;

const decodeXml = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e === 'lt'
      ? '<'
      : e === 'gt'
        ? '>'
        : e === 'amp'
          ? '&'
          : e === 'quot'
            ? '"'
            : e === 'apos'
              ? "'"
              : String.fromCodePoint(e.startsWith('#x') ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );
const encodeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function load(bytes: Uint8Array): Promise<JSZip> {
  if (isCompoundFile(bytes)) throw encrypted('document');
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    throw malformed('Word document', (e as Error).message);
  }
  if (!zip.file('word/document.xml')) throw malformed('Word document', 'it has no word/document.xml.');
  return zip;
}

const partsOf = (zip: JSZip) =>
  Object.keys(zip.files)
    .filter((name) => PARTS.test(name))
    .sort((a, b) => (a === 'word/document.xml' ? -1 : b === 'word/document.xml' ? 1 : a.localeCompare(b)));

interface Node {
  /** Offsets of the node's text in the paragraph's text. */
  from: number;
  to: number;
  text: string;
  match: RegExpExecArray;
}

function nodesOf(paragraph: string): Node[] {
  const nodes: Node[] = [];
  let at = 0;
  for (const m of paragraph.matchAll(TEXT_NODE)) {
    const text = decodeXml(m[1] ?? '');
    nodes.push({ from: at, to: at + text.length, text, match: m as RegExpExecArray });
    at += text.length;
  }
  return nodes;
}

const whereOf = (part: string, n: number) => `${part.replace(/^word\//, '').replace(/\.xml$/, '')} ¶${n}`;

export async function docxSegments(bytes: Uint8Array): Promise<Segment[]> {
  const zip = await load(bytes);
  const out: Segment[] = [];
  for (const part of partsOf(zip)) {
    const xml = (await zip.file(part)?.async('string')) ?? '';
    let n = 0;
    for (const p of xml.matchAll(PARAGRAPH)) {
      n++;
      const text = nodesOf(p[0])
        .map((x) => x.text)
        .join('');
      if (text.trim() !== '') out.push({ text, where: whereOf(part, n) });
    }
  }
  return out;
}

/** Each node's new text after the edits (made on the paragraph's text). */
function editNodes(nodes: Node[], edits: readonly TextEdit[]): string[] {
  const texts = nodes.map((n) => n.text);
  // From the last edit back, so earlier offsets stay valid.
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    let placed = false;
    nodes.forEach((node, i) => {
      const from = Math.max(e.start, node.from);
      const to = Math.min(e.end, node.to);
      const startsHere = e.start >= node.from && (e.start < node.to || (e.start === node.to && i === nodes.length - 1));
      if (from > to || (from === to && !startsHere)) return;
      const s = texts[i] ?? '';
      const a = from - node.from;
      const b = to - node.from;
      texts[i] = s.slice(0, a) + (!placed && startsHere ? e.text : '') + s.slice(b);
      if (startsHere) placed = true;
    });
  }
  return texts;
}

export async function redactDocx(bytes: Uint8Array, replace: Replace): Promise<Uint8Array> {
  const zip = await load(bytes);
  for (const part of partsOf(zip)) {
    const xml = (await zip.file(part)?.async('string')) ?? '';
    let n = 0;
    const next = xml.replace(PARAGRAPH, (paragraph) => {
      n++;
      const nodes = nodesOf(paragraph);
      const text = nodes.map((x) => x.text).join('');
      if (text.trim() === '') return paragraph;
      const edits = replace(text, whereOf(part, n));
      if (edits.length === 0) return paragraph;
      const texts = editNodes(nodes, edits);
      let i = 0;
      return paragraph.replace(TEXT_NODE, (node) => {
        const original = nodes[i];
        const t = texts[i++] ?? '';
        if (original && t === original.text) return node;
        return `<w:t xml:space="preserve">${encodeXml(t)}</w:t>`;
      });
    });
    if (next !== xml) zip.file(part, next);
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
