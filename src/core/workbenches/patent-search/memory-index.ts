import type { PatentRecord } from '../../../shared/contracts/patents.js';
import type { JaTokenizer } from '../../documents/pii/types.js';
import { buildPostings, type TermPostings } from './postings.js';
import { classificationFilterKey, type PatentIndexPort, type PatentSummary, preparePatent } from './search.js';

/**
 * A corpus's index held in memory, built with the same analysis and posting lists as the
 * database's: for the domain's tests and for small throw-away corpora (a demo, a claim chart's
 * handful of documents). Document numbers are the records' positions.
 */
export interface MemoryPatentIndex extends PatentIndexPort {
  readonly records: readonly PatentRecord[];
}

export function memoryPatentIndex(records: readonly PatentRecord[], japanese?: JaTokenizer): MemoryPatentIndex {
  const prepared = records.map((record, docNo) => ({ docNo, ...preparePatent(record, '', japanese) }));
  const averageLength = prepared.reduce((s, p) => s + p.length, 0) / Math.max(prepared.length, 1);
  const lists = buildPostings(prepared, averageLength);
  return {
    records,
    async stats() {
      return { documents: records.length, removed: [] };
    },
    async postings(_corpusId, terms) {
      const out = new Map<string, TermPostings>();
      for (const term of terms) {
        const list = lists.get(term);
        if (list) out.set(term, list);
      }
      return out;
    },
    async filter(_corpusId, filters, docNos) {
      const keys = (filters.classification ?? []).map(classificationFilterKey).filter((k): k is string => k !== null);
      if (!filters.publishedBefore && keys.length === 0) return docNos;
      return docNos.filter((docNo) => {
        const p = prepared[docNo];
        if (!p) return false;
        if (filters.publishedBefore && !(p.record.publicationDate < filters.publishedBefore)) return false;
        return keys.length === 0 || keys.some((k) => p.classificationKeys.includes(k));
      });
    },
    async refine(_corpusId, docNos, filters) {
      const pass = [...docNos].filter((d) => {
        const r = records[d];
        if (!r) return false;
        if (filters.years?.length && !filters.years.includes(Number(r.publicationDate.slice(0, 4)))) return false;
        if (filters.assignees?.length && !r.assignees.some((a) => filters.assignees?.includes(a))) return false;
        if (filters.legalStatuses?.length && !filters.legalStatuses.includes(r.legalStatus ?? 'unknown')) return false;
        return true;
      });
      return Uint32Array.from(pass);
    },
    async facetRows(_corpusId, docNos) {
      return docNos.flatMap((docNo) => {
        const p = prepared[docNo];
        if (!p) return [];
        const r = p.record;
        return [
          {
            docNo,
            keys: p.classificationKeys,
            year: Number(r.publicationDate.slice(0, 4)),
            assignees: r.assignees,
            legalStatus: r.legalStatus ?? null,
          },
        ];
      });
    },
    async documents(_corpusId, docNos) {
      const out = new Map<number, PatentSummary>();
      for (const docNo of docNos) {
        const r = records[docNo];
        if (r)
          out.set(docNo, {
            docNo,
            number: r.number,
            title: r.title,
            publicationDate: r.publicationDate,
            priorityDate: r.priorityDate ?? null,
            language: r.language,
          });
      }
      return out;
    },
  };
}
