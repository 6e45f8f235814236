import { diffChars, diffWords, diffWordsWithSpace } from 'diff';
import type { ReportSection } from '../../../shared/contracts/deliverables';

/** One run of a text comparison: kept, added in the newer text, or removed from the older one. */
export interface TextPart {
  text: string;
  kind: 'same' | 'added' | 'removed';
}

/** Japanese (and Chinese) text has no spaces between words. */
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]/;

/** Japanese words as the browser's word segmenter finds them ("1,200" is one word, not five characters). */
const japaneseWords = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('ja', { granularity: 'word' }) : null;

/** A word diff of two texts: words split by spaces, or for Japanese by the segmenter (by characters where there is none). */
export function textDiff(before: string, after: string): TextPart[] {
  const japanese = CJK.test(before) || CJK.test(after);
  const changes = !japanese
    ? diffWordsWithSpace(before, after)
    : japaneseWords
      ? diffWords(before, after, { intlSegmenter: japaneseWords })
      : diffChars(before, after);
  return changes.filter((c) => c.value !== '').map((c) => ({ text: c.value, kind: c.added ? 'added' : c.removed ? 'removed' : 'same' }));
}

export type SectionChange = 'added' | 'removed' | 'changed' | 'unchanged';
export type SectionField = 'title' | 'role' | 'body' | 'citations';

export interface SectionComparison {
  key: string;
  change: SectionChange;
  before: ReportSection | null;
  after: ReportSection | null;
  /** What differs in a section both versions have. */
  changed: SectionField[];
  /** The body's diff, for a changed body; empty otherwise. */
  body: TextPart[];
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function compareOne(before: ReportSection, after: ReportSection): SectionComparison {
  const changed: SectionField[] = [];
  if (before.title !== after.title) changed.push('title');
  if (before.role !== after.role) changed.push('role');
  if (before.body !== after.body) changed.push('body');
  if (!sameList(before.citations, after.citations)) changed.push('citations');
  return {
    key: after.key,
    change: changed.length > 0 ? 'changed' : 'unchanged',
    before,
    after,
    changed,
    body: changed.includes('body') ? textDiff(before.body, after.body) : [],
  };
}

const removed = (s: ReportSection): SectionComparison => ({ key: s.key, change: 'removed', before: s, after: null, changed: [], body: [] });
const added = (s: ReportSection): SectionComparison => ({ key: s.key, change: 'added', before: null, after: s, changed: [], body: [] });

/**
 * Two versions of a report compared section by section, matched on their keys (stable across
 * versions): in the newer version's order, each removed section where it stood in the older one.
 */
export function compareSections(before: readonly ReportSection[], after: readonly ReportSection[]): SectionComparison[] {
  const afterKeys = new Set(after.map((s) => s.key));
  const rows: SectionComparison[] = [];
  let next = 0;
  const flushUntil = (end: number) => {
    for (; next < end; next++) {
      const s = before[next];
      if (s && !afterKeys.has(s.key)) rows.push(removed(s));
    }
  };
  /** The removed sections that directly follow: they stay beside the section they followed. */
  const flushRemoved = () => {
    for (let s = before[next]; s && !afterKeys.has(s.key); s = before[next]) {
      rows.push(removed(s));
      next++;
    }
  };
  flushRemoved();
  for (const section of after) {
    const at = before.findIndex((s) => s.key === section.key);
    const old = before[at];
    if (at < 0 || !old) {
      rows.push(added(section));
      continue;
    }
    flushUntil(at);
    next = Math.max(next, at + 1);
    rows.push(compareOne(old, section));
    flushRemoved();
  }
  flushUntil(before.length);
  return rows;
}

/** How many sections were added, removed, changed and left as they were. */
export function changeCounts(rows: readonly SectionComparison[]): Record<SectionChange, number> {
  const counts: Record<SectionChange, number> = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  for (const r of rows) counts[r.change]++;
  return counts;
}
