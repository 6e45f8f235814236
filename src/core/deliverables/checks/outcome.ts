import type { CheckCode, CheckMessage } from '../../../shared/check-messages.js';
import type { DeliverableCheckStatus, DeliverableContent, FindingLocation, ReportSection } from '../../../shared/contracts/deliverables.js';
import type {
  DeliverableCheckCode,
  DeliverableCheckMessage,
  DeliverableCheckMessageKey,
} from '../../../shared/deliverable-check-messages.js';
import type { MessageParams } from '../../../shared/errors.js';

/**
 * What one check found, before the run numbers it: a finding without its id. A generic check words
 * it in the deliverable catalog; a financial model's findings keep the model's own codes and words.
 */
export type CheckOutcome =
  | {
      status: DeliverableCheckStatus;
      code: DeliverableCheckCode;
      catalog: 'deliverable';
      location: FindingLocation;
      message: DeliverableCheckMessage;
    }
  | {
      status: DeliverableCheckStatus;
      code: CheckCode;
      catalog: 'financial_model';
      location: FindingLocation;
      message: CheckMessage;
    };

/** Thresholds of the generic checks. */
export const deliverableCheckThresholds = {
  /**
   * How long a methodology or knowledge-transfer text must be, in characters (code points, spaces
   * collapsed), to count as substantive. Japanese says in one character what English says in two
   * or three, so a text written mostly in Japanese has its own, lower bar.
   */
  substantiveLength: { en: 200, ja: 80 },
  /** A text is measured as Japanese when at least this share of its non-space characters are kana or kanji. */
  japaneseShare: 0.25,
  /** Katakana words shorter than this (after NFKC) are too short to compare for 表記ゆれ. */
  katakanaMinLength: 2,
  /**
   * A hiragana spelling of a katakana word shorter than this hides inside other words (タイ in
   * したい, ドル in もどる): it counts only as a word of its own, starting a run of hiragana and
   * followed by a particle or nothing (ねじを, ねじ).
   */
  hiraganaLooseMinLength: 3,
  /** Latin terms shorter than this (letters and digits, without hyphens and spaces) are not compared. */
  latinMinLength: 3,
  /** A column base below this many respondents (unweighted) is too small to read a percentage from. */
  minimumBase: 30,
  /** Kish's weighting efficiency (effective sample ÷ respondents) below this spends too much of the sample. */
  weightingEfficiency: 0.7,
} as const;

export interface LocationInput {
  section?: string | null;
  reference?: string | null;
  path?: (string | number)[];
}

const locate = (where: LocationInput): FindingLocation => ({
  section: where.section ?? null,
  reference: where.reference ?? null,
  path: where.path ?? [],
});

/** The outcome of a generic check. */
export function outcome(
  status: DeliverableCheckStatus,
  code: DeliverableCheckCode,
  key: DeliverableCheckMessageKey,
  params: MessageParams,
  where: LocationInput = {},
): CheckOutcome {
  return { status, code, catalog: 'deliverable', location: locate(where), message: { key, params } };
}

/** Sections of a role, with their index in the content. */
export function sectionsWithRole(content: DeliverableContent, role: ReportSection['role']): { section: ReportSection; index: number }[] {
  return content.sections.flatMap((section, index) => (section.role === role ? [{ section, index }] : []));
}

export const hasText = (s: string) => s.trim().length > 0;

const japaneseChar = /[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]/u;

/**
 * A text's length as people count it: code points (so a kanji is one character, not a UTF-16 pair
 * or bytes), after NFKC and with runs of white space counted once; and which bar applies to it.
 */
export function measureText(text: string): { length: number; language: 'ja' | 'en' } {
  const chars = Array.from(text.normalize('NFKC').replace(/\s+/gu, ' ').trim());
  const visible = chars.filter((c) => c !== ' ');
  const japanese = visible.filter((c) => japaneseChar.test(c)).length;
  const language = visible.length > 0 && japanese / visible.length >= deliverableCheckThresholds.japaneseShare ? 'ja' : 'en';
  return { length: chars.length, language };
}
