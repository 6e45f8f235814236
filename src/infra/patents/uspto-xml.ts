import { SaxesParser } from 'saxes';
import { detectDependencies } from '../../core/workbenches/patent-search/claims.js';
import { normalizeClassification, normalizeUspc } from '../../core/workbenches/patent-search/classification.js';
import { type CitationCategory, normalizePublicationNumber, PATENT_LIMITS } from '../../shared/contracts/patents.js';
import {
  type ByteSource,
  DuplicateTracker,
  decodeChunks,
  finishRecord,
  type ImportOptions,
  type ImportPosition,
  type PatentImportItem,
} from './import.js';

/**
 * USPTO grant full text XML (us-patent-grant DTD v4.0 2004-12-02 through v4.5 and later), one
 * document per patent. A weekly bulk file concatenates thousands of documents, each with its own
 * `<?xml …?>` declaration and DOCTYPE: the stream is cut at each declaration and every document is
 * fed to its own saxes parser chunk by chunk, so memory holds one document (as a small tree of the
 * parts kpo reads), never the bulk file. A malformed document is reported and the next one read.
 */

export const USPTO_DOCUMENT_MAX_CHARS = 200_000_000;

type Node = { name: string; attrs: Record<string, string>; children: (Node | string)[] };

/** Subtrees kpo does not read: drawings, sequence listings, chemical and math markup. */
const SKIP = new Set([
  'drawings',
  'figures',
  'figure',
  'img',
  'sequence-cwu',
  'us-sequence-list-doc',
  'us-chemistry',
  'us-math',
  'maths',
  'chemistry',
]);
/** Elements whose text starts on a new line (nested claim-text, paragraphs, list items). */
const BLOCKS = new Set(['claim-text', 'p', 'li', 'heading', 'br', 'row']);

// ---------- the tree ----------

const kids = (n: Node | undefined, name: string): Node[] =>
  n ? (n.children.filter((c) => typeof c !== 'string' && c.name === name) as Node[]) : [];
const kid = (n: Node | undefined, name: string): Node | undefined => kids(n, name)[0];
const path = (n: Node | undefined, ...names: string[]): Node | undefined => names.reduce<Node | undefined>((cur, nm) => kid(cur, nm), n);

function descendants(n: Node | undefined, name: string, stopAt: ReadonlySet<string> = new Set(), out: Node[] = []): Node[] {
  if (!n) return out;
  for (const c of n.children) {
    if (typeof c === 'string') continue;
    if (c.name === name) out.push(c);
    else if (!stopAt.has(c.name)) descendants(c, name, stopAt, out);
  }
  return out;
}

function rawText(n: Node | undefined, out: string[] = []): string[] {
  if (!n) return out;
  for (const c of n.children) {
    if (typeof c === 'string') out.push(c);
    else {
      if (BLOCKS.has(c.name)) out.push('\n');
      rawText(c, out);
    }
  }
  return out;
}

/** The text of an element: inline markup flattened, nested blocks on their own lines, spaces tidied. */
function textOf(n: Node | undefined): string {
  return rawText(n)
    .join('')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}

const oneLine = (n: Node | undefined) => textOf(n).replace(/\n/g, ' ');

/** YYYYMMDD → YYYY-MM-DD (the schema refuses an impossible one). */
function isoDate(raw: string | undefined): string | undefined {
  const s = raw?.trim() ?? '';
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** A citation's date as precise as given: 19980800 → 1998-08. */
function partialDate(raw: string | undefined): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(raw?.trim() ?? '');
  if (!m) return undefined;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  if (mo === '00' || Number(mo) > 12) return y;
  if (d === '00' || Number(d) > 31) return `${y}-${mo}`;
  return `${y}-${mo}-${d}`;
}

function personName(party: Node): string | undefined {
  const book = kid(party, 'addressbook') ?? party;
  const org = oneLine(kid(book, 'orgname'));
  if (org) return org;
  const name = [oneLine(kid(book, 'first-name')), oneLine(kid(book, 'last-name'))].filter(Boolean).join(' ');
  return name || oneLine(kid(book, 'name')) || undefined;
}

const unique = <T>(xs: T[]) => [...new Set(xs)];
const min = (xs: (string | undefined)[]) => xs.filter((x): x is string => x !== undefined).sort()[0];

function addYears(iso: string, years: number, days: number): string | undefined {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const t = Date.UTC(y + years, m - 1, d) + days * 86_400_000;
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().slice(0, 10);
}

/** Where classifications of other documents sit: citations and the field of search. */
const NOT_OWN = new Set([
  'references-cited',
  'us-references-cited',
  'field-of-search',
  'us-field-of-classification-search',
  'combination-set',
]);

function ipcrCode(c: Node): string | null {
  const parts = ['section', 'class', 'subclass'].map((k) => oneLine(kid(c, k))).join('');
  const group = `${oneLine(kid(c, 'main-group'))}/${oneLine(kid(c, 'subgroup'))}`;
  return normalizeClassification(`${parts} ${group}`);
}

/** The record a us-patent-grant document describes (not yet validated). */
function recordFromTree(root: Node): Record<string, unknown> {
  const bib = kid(root, 'us-bibliographic-data-grant');
  const pub = path(bib, 'publication-reference', 'document-id');
  const country = oneLine(kid(pub, 'country')) || 'US';
  const kind = oneLine(kid(pub, 'kind'));
  const docNumber = oneLine(kid(pub, 'doc-number'));
  const number = normalizePublicationNumber(docNumber, { country, kind }) ?? `${country}${docNumber}${kind}`;
  const publicationDate = isoDate(oneLine(kid(pub, 'date'))) ?? isoDate(root.attrs['date-publ']);
  const filingDate = isoDate(oneLine(path(bib, 'application-reference', 'document-id', 'date')));

  // Priority: the earliest of the foreign priority claims, US provisionals, and continuation/division parents.
  const related = kid(bib, 'us-related-documents');
  const priorityDates = [
    ...kids(kid(bib, 'priority-claims'), 'priority-claim').map((p) => isoDate(oneLine(kid(p, 'date')))),
    ...kids(related, 'us-provisional-application').map((p) => isoDate(oneLine(path(p, 'document-id', 'date')))),
    ...['continuation', 'division', 'reissue', 'continuing-reissue'].flatMap((k) =>
      kids(related, k).flatMap((r) => descendants(r, 'parent-doc').map((p) => isoDate(oneLine(path(p, 'document-id', 'date'))))),
    ),
  ];
  const usParents = ['continuation', 'division', 'continuation-in-part'].flatMap((k) =>
    kids(related, k).flatMap((r) => descendants(r, 'parent-doc').map((p) => isoDate(oneLine(path(p, 'document-id', 'date'))))),
  );
  const priorityDate = min([...priorityDates, filingDate]);

  // Classifications of the patent itself (not those printed with its citations).
  const cpc = unique(
    descendants(bib, 'classification-cpc', NOT_OWN)
      .map(ipcrCode)
      .filter((c): c is string => c !== null),
  );
  const ipc = unique([
    ...descendants(bib, 'classification-ipcr', NOT_OWN)
      .map(ipcrCode)
      .filter((c): c is string => c !== null),
    ...descendants(bib, 'classification-ipc', NOT_OWN).flatMap((n) =>
      [...kids(n, 'main-classification'), ...kids(n, 'further-classification')]
        .map((c) => normalizeClassification(oneLine(c)))
        .filter((c): c is string => c !== null),
    ),
  ]);
  const uspc = unique(
    kids(bib, 'classification-national').flatMap((n) =>
      [...kids(n, 'main-classification'), ...kids(n, 'further-classification')]
        .map((c) => normalizeUspc(textOf(c).replace(/\n/g, ' ')))
        .filter((c): c is string => c !== null),
    ),
  );

  // Parties: v4.0–4.2 `parties/applicants` (inventors are the applicant-inventors), later `us-parties` and `inventors`.
  const parties = kid(bib, 'parties') ?? kid(bib, 'us-parties');
  const applicants = [...kids(kid(parties, 'applicants'), 'applicant'), ...kids(kid(parties, 'us-applicants'), 'us-applicant')];
  const inventorNodes = [...kids(kid(parties, 'inventors'), 'inventor'), ...kids(kid(bib, 'inventors'), 'inventor')];
  const inventors = unique(
    (inventorNodes.length > 0 ? inventorNodes : applicants.filter((a) => (a.attrs['app-type'] ?? '').includes('inventor')))
      .map(personName)
      .filter((n): n is string => n !== undefined),
  );
  const assignees = unique(
    kids(kid(bib, 'assignees'), 'assignee')
      .map(personName)
      .filter((n): n is string => n !== undefined),
  );

  const references = kid(bib, 'references-cited') ?? kid(bib, 'us-references-cited');
  const citations = [...kids(references, 'citation'), ...kids(references, 'us-citation')].map((c) => {
    const cat = oneLine(kid(c, 'category')).toLowerCase();
    const category: CitationCategory | undefined = cat.includes('examiner')
      ? 'examiner'
      : cat.includes('applicant')
        ? 'applicant'
        : cat
          ? 'other'
          : undefined;
    const patcit = kid(c, 'patcit');
    if (patcit) {
      const id = kid(patcit, 'document-id');
      const citedCountry = oneLine(kid(id, 'country')).toUpperCase();
      const docNo = oneLine(kid(id, 'doc-number'));
      const kindOf = oneLine(kid(id, 'kind')).toUpperCase();
      // With its kind when the kind is a publication kind; else country + serial as printed.
      const loose = `${citedCountry}${docNo}`
        .normalize('NFKC')
        .toUpperCase()
        .replace(/[\s\-/,.]/g, '');
      const cited =
        normalizePublicationNumber(docNo, { country: citedCountry || undefined, kind: kindOf || undefined }) ??
        (/^[A-Z]{2}[0-9A-Z]{1,24}$/.test(loose) ? loose : null);
      const name = oneLine(kid(id, 'name'));
      const date = partialDate(oneLine(kid(id, 'date')));
      const text = cited ? name : `${citedCountry} ${docNo} ${kindOf} ${name}`.replace(/\s+/g, ' ').trim();
      return {
        ...(cited && { number: cited }),
        ...(category && { category }),
        ...(text && { text: text.slice(0, PATENT_LIMITS.citationText) }),
        ...(date && { date }),
      };
    }
    const text = oneLine(kid(c, 'nplcit')).slice(0, PATENT_LIMITS.citationText);
    return { ...(category && { category }), text };
  });

  const claims = descendants(kid(root, 'claims'), 'claim').map((c, i) => {
    const num = Number(c.attrs.num ?? i + 1) || i + 1;
    const text = textOf(c).replace(/^\s*\d+\s*\.\s*/, '');
    const refs = descendants(c, 'claim-ref')
      .map((r) => Number(/(\d+)$/.exec(r.attrs.idref ?? '')?.[1]))
      .filter((n) => Number.isInteger(n) && n > 0 && n !== num);
    // <claim-ref idref> is the markup's own answer; the text's words ("claims 1 to 3") fill in ranges it does not mark up.
    const dependsOn = unique([...refs, ...detectDependencies(text, num, 'en')]).sort((a, b) => a - b);
    return { number: num, text, dependsOn };
  });
  const claimNumbers = new Set(claims.map((c) => c.number));
  for (const c of claims) c.dependsOn = c.dependsOn.filter((d) => claimNumbers.has(d) && d !== c.number);

  const description = descendants(kid(root, 'description'), 'p').map((p, i) => ({
    id: (p.attrs.num ?? p.attrs.id ?? String(i + 1).padStart(4, '0')).replace(/[^0-9A-Za-z._-]/g, '') || String(i + 1),
    text: textOf(p),
  }));
  const abstract = kids(kid(root, 'abstract'), 'p').map(textOf).join('\n');

  // Expected expiry of a utility patent filed since 1995-06-08: 20 years from the earliest US non-provisional filing, plus the term adjustment; not computed under a terminal disclaimer.
  const term = kid(bib, 'us-term-of-grant');
  const extension = Number(oneLine(kid(term, 'us-term-extension')) || '0');
  const disclaimed = kid(term, 'disclaimer') !== undefined || kid(term, 'text') !== undefined;
  const usFiling = min([filingDate, ...usParents]);
  const utility = /^B[12]?$/.test(kind) || kind === 'E';
  const expectedExpiry =
    utility && !disclaimed && usFiling && usFiling >= '1995-06-08' && Number.isFinite(extension)
      ? addYears(usFiling, 20, extension)
      : undefined;

  const lang = (root.attrs.lang ?? 'en').toLowerCase();
  return {
    number,
    country: number.slice(0, 2),
    kind: kind || undefined,
    title: oneLine(kid(bib, 'invention-title')),
    abstract,
    claims,
    description: description.filter((p) => p.text !== ''),
    cpc,
    ipc,
    ...(uspc.length > 0 && { uspc }),
    ...(priorityDate && { priorityDate }),
    ...(filingDate && { filingDate }),
    publicationDate,
    ...(publicationDate && { grantDate: publicationDate }),
    assignees,
    inventors,
    ...(expectedExpiry && { expectedExpiry }),
    citations,
    language: lang === 'ja' ? 'ja' : 'en',
  };
}

// ---------- streaming ----------

class DocumentReader {
  readonly parser = new SaxesParser();
  readonly stack: Node[] = [];
  root: Node | undefined;
  error: string | undefined;
  skipDepth = 0;
  size = 0;

  constructor(
    readonly index: number,
    readonly line: number,
  ) {
    const p = this.parser;
    p.on('error', (e) => {
      // An entity the DTD would define (kpo does not read DTDs) is kept as written; anything else is malformed.
      if (/undefined entity/i.test(e.message)) return;
      this.error ??= e.message;
    });
    p.on('opentag', (t) => {
      if (this.skipDepth > 0 || SKIP.has(t.name)) {
        this.skipDepth++;
        return;
      }
      const node: Node = { name: t.name, attrs: t.attributes as Record<string, string>, children: [] };
      const parent = this.stack[this.stack.length - 1];
      if (parent) parent.children.push(node);
      else if (this.root) this.error ??= 'more than one root element';
      else this.root = node;
      this.stack.push(node);
    });
    p.on('closetag', () => {
      if (this.skipDepth > 0) this.skipDepth--;
      else this.stack.pop();
    });
    const onText = (text: string) => {
      if (this.skipDepth > 0) return;
      const parent = this.stack[this.stack.length - 1];
      if (parent && parent !== this.root) parent.children.push(text);
    };
    p.on('text', onText);
    p.on('cdata', onText);
  }

  write(text: string) {
    this.size += text.length;
    if (this.error !== undefined) return;
    if (this.size > USPTO_DOCUMENT_MAX_CHARS) {
      this.error = 'too large';
      return;
    }
    try {
      this.parser.write(text);
    } catch (e) {
      this.error ??= (e as Error).message;
    }
  }

  finish(source: string | undefined, duplicates: DuplicateTracker): PatentImportItem | null {
    if (this.error === undefined)
      try {
        this.parser.close();
      } catch (e) {
        this.error ??= (e as Error).message;
      }
    const position: ImportPosition = { ...(source && { source }), document: this.index, line: this.line };
    if (this.error === 'too large')
      return {
        ok: false,
        reason: 'document_too_large',
        message: `Document ${this.index} is larger than ${USPTO_DOCUMENT_MAX_CHARS} characters.`,
        position,
      };
    if (this.error !== undefined) return { ok: false, reason: 'malformed_xml', message: `Document ${this.index}: ${this.error}`, position };
    if (!this.root) return null;
    if (this.root.name !== 'us-patent-grant')
      return {
        ok: false,
        reason: 'not_a_patent_grant',
        message: `Document ${this.index} is a <${this.root.name}>, not a <us-patent-grant>.`,
        position,
      };
    const candidate = recordFromTree(this.root);
    if (!candidate.number || !candidate.kind || !candidate.title || !candidate.publicationDate) {
      const missing = ['number', 'kind', 'title', 'publicationDate'].filter((k) => !candidate[k]);
      return {
        ok: false,
        reason: 'missing_field',
        message: `Document ${this.index} lacks ${missing.join(', ')}.`,
        position,
        ...(typeof candidate.number === 'string' && candidate.number.length > 2 && { number: candidate.number }),
      };
    }
    return finishRecord(candidate, position, duplicates);
  }
}

const DECL = '<?xml';

/**
 * Reads USPTO grant XML — one document, or a bulk file of many — and yields one item per document.
 * Documents are cut at each `<?xml` declaration; text before the first one is ignored.
 */
export async function* readUsptoXml(input: ByteSource, options: ImportOptions = {}): AsyncGenerator<PatentImportItem> {
  const duplicates = options.duplicates ?? new DuplicateTracker();
  let doc: DocumentReader | undefined;
  let index = 0;
  let line = 1;
  let carry = '';
  const start = () => {
    index++;
    return new DocumentReader(index, line);
  };
  const feed = (text: string) => {
    if (text === '') return;
    if (doc) doc.write(text);
    else if (text.trim() !== '') {
      // Content before any declaration: a document without one.
      doc = start();
      doc.write(text);
    }
    line += countNewlines(text);
  };
  for await (const chunk of decodeChunks(input)) {
    let text = carry + chunk;
    carry = '';
    for (;;) {
      const at = text.indexOf(DECL);
      if (at === -1) break;
      if (at > 0 || doc) {
        feed(text.slice(0, at));
        const done = doc?.finish(options.source, duplicates);
        doc = undefined;
        if (done) yield done;
      }
      doc = start();
      doc.write(DECL);
      text = text.slice(at + DECL.length);
    }
    // Keep a tail that may be the start of a declaration split across chunks.
    const keep = Math.min(DECL.length - 1, text.length);
    const tail = text.slice(text.length - keep);
    const partial = [...Array(keep).keys()].map((k) => tail.slice(k)).find((t) => DECL.startsWith(t)) ?? '';
    feed(text.slice(0, text.length - partial.length));
    carry = partial;
  }
  feed(carry);
  const done = doc?.finish(options.source, duplicates);
  if (done) yield done;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
