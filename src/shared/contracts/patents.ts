import { z } from 'zod';
import { rule } from '../issue-codes.js';
import { isoDateSchema, line, prose } from './engagements.js';

/**
 * A patent as kpo keeps it: one record per publication, and one JSON line per record in kpo's own
 * JSON Lines format (docs/patent-format.md). The importers (infra/patents) turn USPTO grant XML,
 * JSON Lines and CSV into these; the search and the claim engine (core/workbenches/patent-search)
 * read them. Every list and text has a limit so that one hostile line cannot exhaust memory.
 */

export const PATENT_LIMITS = {
  title: 2_000,
  abstract: 50_000,
  claims: 1_000,
  claimText: 100_000,
  paragraphs: 20_000,
  paragraphText: 200_000,
  codes: 2_000,
  parties: 500,
  partyName: 500,
  citations: 10_000,
  citationText: 4_000,
  /** The longest JSON line an importer reads (characters): longer lines are refused before parsing. */
  jsonLine: 16_000_000,
} as const;

export const patentLanguages = ['en', 'ja'] as const;
export const legalStatuses = ['alive', 'expired', 'lapsed', 'pending', 'revoked', 'unknown'] as const;
export const citationCategories = ['examiner', 'applicant', 'other'] as const;
export type PatentLanguage = (typeof patentLanguages)[number];
export type LegalStatus = (typeof legalStatuses)[number];
export type CitationCategory = (typeof citationCategories)[number];

/** Country (two letters), serial (letters allowed inside: USRE45678, USD701234), kind (a letter and an optional digit). */
export const PUBLICATION_NUMBER = /^([A-Z]{2})([0-9A-Z]*?[0-9])([A-Z][0-9]?)$/;
/** A cited publication may lack its kind (foreign citations often do). */
const CITED_NUMBER = /^[A-Z]{2}[0-9A-Z]{1,24}$/;

/**
 * A publication number in kpo's spelling: `US8926509B2`, `JP2019123456A`, `WO2020123456A1`.
 * Spaces, dashes, slashes, commas and dots are dropped and letters upper-cased; a US serial loses its
 * leading zeros (USPTO XML writes `06859910`); `country` and `kind` fill in what the number lacks.
 * Null when what is left is not country + serial + kind.
 */
export function normalizePublicationNumber(
  raw: string,
  parts: { country?: string | undefined; kind?: string | undefined } = {},
): string | null {
  let s = raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-/,.]/g, '');
  const country = parts.country?.trim().toUpperCase();
  if (country && /^[A-Z]{2}$/.test(country) && !s.startsWith(country)) s = country + s;
  const kind = parts.kind?.trim().toUpperCase();
  if (kind && /^[A-Z][0-9]?$/.test(kind) && !s.endsWith(kind)) s += kind;
  const m = PUBLICATION_NUMBER.exec(s);
  if (!m) return null;
  const [, c, serial, k] = m as unknown as [string, string, string, string];
  const digits = c === 'US' ? serial.replace(/^0+(?=\d)/, '').replace(/^([A-Z]+)0+(?=\d)/, '$1') : serial;
  return `${c}${digits}${k}`;
}

/** The parts of a normalised publication number. */
export function publicationNumberParts(number: string): { country: string; serial: string; kind: string } | null {
  const m = PUBLICATION_NUMBER.exec(number);
  return m ? { country: m[1] as string, serial: m[2] as string, kind: m[3] as string } : null;
}

/**
 * Classification codes in their canonical spelling (core/workbenches/patent-search/classification.ts
 * parses and explains the spellings met in the wild): CPC/IPC `A61B 5/0205` or a bare subclass `A61B`;
 * FI `A61B5/00,102A`; F-term `4C117XB01`.
 */
export const CLASSIFICATION_CANONICAL = /^[A-HY]\d{2}[A-Z](?: [1-9]\d{0,3}\/\d{2,6})?$/;
export const FI_CANONICAL = /^[A-HY]\d{2}[A-Z][1-9]\d{0,3}\/\d{2,6}(?:,\d{3})?(?:@?[A-Z])?$/;
export const FTERM_CANONICAL = /^\d[A-Z]\d{3}[A-Z]{2}\d{2}(?:[A-Z0-9])?$/;
export const USPC_CANONICAL = /^[0-9A-Z]{1,3}\/[0-9A-Z.]{1,12}$/;

const codeList = (pattern: RegExp, what: string) =>
  z
    .array(
      z
        .string()
        .max(40)
        .regex(pattern, { message: `Must be a ${what} code in kpo's spelling (docs/patent-format.md).` }),
    )
    .max(PATENT_LIMITS.codes);

const partyList = z.array(line(PATENT_LIMITS.partyName)).max(PATENT_LIMITS.parties);

export const patentClaimSchema = z.strictObject({
  number: z.int().min(1).max(PATENT_LIMITS.claims),
  text: prose(PATENT_LIMITS.claimText).refine((s) => s.trim() !== '', { message: 'Must not be empty.' }),
  /** The claims this one refers to ("the device of claim 1" → [1]); empty for an independent claim. */
  dependsOn: z.array(z.int().min(1).max(PATENT_LIMITS.claims)).max(PATENT_LIMITS.claims),
});
export type PatentClaim = z.infer<typeof patentClaimSchema>;

export const patentParagraphSchema = z.strictObject({
  /** The paragraph's number as published (USPTO `num="0001"` → "0001"), or the source's own id. */
  id: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[0-9A-Za-z._-]+$/, { message: 'Letters, digits, dot, dash and underscore only.' }),
  text: prose(PATENT_LIMITS.paragraphText),
});
export type PatentParagraph = z.infer<typeof patentParagraphSchema>;

export const patentCitationSchema = z
  .strictObject({
    /** The cited publication's number (`US5793966A`); absent for non-patent literature. */
    number: z.string().max(30).regex(CITED_NUMBER, { message: 'Must be a publication number such as US5793966A.' }).optional(),
    category: z.enum(citationCategories).optional(),
    /** Non-patent literature as cited, or the patentee's name of a patent citation. */
    text: prose(PATENT_LIMITS.citationText).optional(),
    /** As precise as the source gives it: YYYY, YYYY-MM or YYYY-MM-DD. */
    date: z
      .string()
      .regex(/^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/, { message: 'Must be YYYY, YYYY-MM or YYYY-MM-DD.' })
      .optional(),
  })
  .refine((c) => c.number !== undefined || (c.text !== undefined && c.text.trim() !== ''), {
    message: 'A citation needs a number or a text.',
    params: rule('required'),
  });
export type PatentCitation = z.infer<typeof patentCitationSchema>;

const date = isoDateSchema;

export const patentRecordSchema = z
  .strictObject({
    number: z.string().max(30).regex(PUBLICATION_NUMBER, { message: 'Must be country + number + kind, such as US8926509B2.' }),
    country: z.string().regex(/^[A-Z]{2}$/, { message: 'Must be a two-letter country code.' }),
    kind: z.string().regex(/^[A-Z][0-9]?$/, { message: 'Must be a kind code such as B2 or A.' }),
    title: line(PATENT_LIMITS.title),
    abstract: prose(PATENT_LIMITS.abstract).default(''),
    claims: z.array(patentClaimSchema).max(PATENT_LIMITS.claims).default([]),
    description: z.array(patentParagraphSchema).max(PATENT_LIMITS.paragraphs).default([]),
    cpc: codeList(CLASSIFICATION_CANONICAL, 'CPC').default([]),
    ipc: codeList(CLASSIFICATION_CANONICAL, 'IPC').default([]),
    fi: codeList(FI_CANONICAL, 'FI').optional(),
    fterms: codeList(FTERM_CANONICAL, 'F-term').optional(),
    /** US national classes (older USPTO grants), `715/513`. */
    uspc: codeList(USPC_CANONICAL, 'USPC').optional(),
    priorityDate: date.optional(),
    filingDate: date.optional(),
    publicationDate: date,
    grantDate: date.optional(),
    assignees: partyList.default([]),
    inventors: partyList.default([]),
    legalStatus: z.enum(legalStatuses).optional(),
    expectedExpiry: date.optional(),
    citations: z.array(patentCitationSchema).max(PATENT_LIMITS.citations).default([]),
    language: z.enum(patentLanguages),
  })
  .superRefine((p, ctx) => {
    const parts = publicationNumberParts(p.number);
    if (parts && parts.country !== p.country)
      ctx.addIssue({
        code: 'custom',
        path: ['country'],
        message: `The number ${p.number} is not of country ${p.country}.`,
        params: rule('invalid_value'),
      });
    if (parts && parts.kind !== p.kind)
      ctx.addIssue({
        code: 'custom',
        path: ['kind'],
        message: `The number ${p.number} does not end in kind ${p.kind}.`,
        params: rule('invalid_value'),
      });
    const order: [keyof typeof p, keyof typeof p][] = [
      ['priorityDate', 'filingDate'],
      ['filingDate', 'publicationDate'],
      ['filingDate', 'grantDate'],
    ];
    for (const [a, b] of order) {
      const x = p[a];
      const y = p[b];
      if (typeof x === 'string' && typeof y === 'string' && x > y)
        ctx.addIssue({ code: 'custom', path: [b], message: `${b} (${y}) is before ${a} (${x}).`, params: rule('date_order') });
    }
    const numbers = new Set<number>();
    p.claims.forEach((c, i) => {
      if (numbers.has(c.number))
        ctx.addIssue({
          code: 'custom',
          path: ['claims', i, 'number'],
          message: `Claim ${c.number} appears twice.`,
          params: rule('each_once'),
        });
      numbers.add(c.number);
    });
    p.claims.forEach((c, i) => {
      c.dependsOn.forEach((d, j) => {
        if (d === c.number || !numbers.has(d))
          ctx.addIssue({
            code: 'custom',
            path: ['claims', i, 'dependsOn', j],
            message:
              d === c.number
                ? `Claim ${d} cannot depend on itself.`
                : `Claim ${c.number} depends on claim ${d}, which is not in the record.`,
            params: rule('invalid_value'),
          });
      });
    });
  });
export type PatentRecord = z.infer<typeof patentRecordSchema>;
export type PatentRecordInput = z.input<typeof patentRecordSchema>;
/** The brief's name for the schema. */
export const PatentRecord = patentRecordSchema;

/**
 * Why an importer refused a record (infra/patents): the record's position and one of these codes.
 * A refused record never stops the rest of an import.
 */
export const patentImportReasons = [
  /** The XML of this document is not well formed (saxes's message says where). */
  'malformed_xml',
  /** Well-formed XML, but not a `us-patent-grant` document. */
  'not_a_patent_grant',
  /** A document larger than the importer accepts (a bulk file of many documents is fine). */
  'document_too_large',
  /** A JSON line that does not parse. */
  'malformed_json',
  /** A JSON line longer than PATENT_LIMITS.jsonLine. */
  'line_too_long',
  /** A CSV row that cannot be read (unbalanced quotes, wrong number of cells) or a file without the required columns. */
  'malformed_csv',
  /** A record without the fields every patent needs (number, kind, title, publication date). */
  'missing_field',
  /** The record does not pass patentRecordSchema (issues list every problem, e.g. an impossible date). */
  'invalid_record',
  /** A number seen earlier in the same import with different content. */
  'duplicate_conflict',
  /** A file whose format is none of USPTO XML, JSON Lines, CSV. */
  'unknown_format',
] as const;
export type PatentImportReason = (typeof patentImportReasons)[number];
