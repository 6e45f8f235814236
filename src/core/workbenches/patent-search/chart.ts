import {
  CHART_LIMITS,
  type ChartCell,
  type ChartJudgement,
  type ChartPassage,
  type ClaimChart,
  chartJudgements,
} from '../../../shared/contracts/patent-report.js';
import type { PatentRecord } from '../../../shared/contracts/patents.js';
import type { JaTokenizer } from '../../documents/pii/types.js';
import { claimLanguage, detectDependencies, resolveClaim, splitElements } from './claims.js';
import { idf } from './engine.js';
import { termFrequencies, tokenize } from './tokens.js';

/**
 * Claim charts (issue #12, point 3): a claim cut into its elements (構成要件 A, B, C…, a dependent
 * claim with its parents' elements) against cited documents. For each element and document the
 * passages — abstract, claims, paragraphs — are ranked by how much of the element's term weight
 * they hold (terms weighted by their rarity among all the charted passages, so "device" counts
 * less than "accelerometer"), and the best passage's share suggests a judgement. The tool
 * suggests; the analyst's judgement and note stay empty until the analyst decides.
 *
 * The overlap is lexical: a document in another language, or one that says the same in other
 * words, scores low — a "not" suggestion means "no passage shares the words", never "not disclosed".
 */
export const CHART_THRESHOLDS = {
  /** The best passage holds at least this share of the element's term weight: suggested "disclosed". */
  disclosed: 0.7,
  /** At least this share: "partly". Below: "not". */
  partly: 0.35,
} as const;

export type ChartClaim = { text: string } | { patent: PatentRecord; claim: number };

export type ChartDocument = Pick<PatentRecord, 'number' | 'title' | 'abstract' | 'claims' | 'description'>;

export type ChartBuild =
  | { ok: true; chart: ClaimChart }
  | { ok: false; issues: { code: 'claim_not_found' | 'claim_no_elements' | 'too_many_documents'; message: string }[] };

interface Passage {
  kind: ChartPassage['kind'];
  ref: string;
  text: string;
  tokens: ReturnType<typeof tokenize>;
  terms: ReadonlySet<string>;
}

function passagesOf(doc: ChartDocument, japanese?: JaTokenizer): Passage[] {
  const raw: Omit<Passage, 'tokens' | 'terms'>[] = [
    ...(doc.abstract.trim() ? [{ kind: 'abstract' as const, ref: 'abstract', text: doc.abstract }] : []),
    ...doc.claims.map((c) => ({ kind: 'claim' as const, ref: String(c.number), text: c.text })),
    ...doc.description.map((p) => ({ kind: 'paragraph' as const, ref: p.id, text: p.text })),
  ];
  return raw.map((p) => {
    const tokens = tokenize(p.text, japanese);
    return { ...p, tokens, terms: new Set(tokens.map((t) => t.term)) };
  });
}

/** About `CHART_LIMITS.excerpt` characters of the passage, starting a little before its first matched word. */
function excerptOf(passage: Passage, matched: ReadonlySet<string>): string {
  const limit = CHART_LIMITS.excerpt;
  if (passage.text.length <= limit) return passage.text;
  const first = passage.tokens.find((t) => matched.has(t.term))?.start ?? 0;
  const from = Math.max(0, Math.min(first - 40, passage.text.length - limit + 1));
  return `${from > 0 ? '…' : ''}${passage.text.slice(from, from + limit - 2)}…`;
}

export function suggestJudgement(score: number): ChartJudgement {
  return score >= CHART_THRESHOLDS.disclosed ? 'disclosed' : score >= CHART_THRESHOLDS.partly ? 'partly' : 'not';
}

export function buildClaimChart(
  claim: ChartClaim,
  documents: readonly ChartDocument[],
  options: { key?: string; japanese?: JaTokenizer } = {},
): ChartBuild {
  if (documents.length > CHART_LIMITS.documents)
    return {
      ok: false,
      issues: [{ code: 'too_many_documents', message: `A chart compares at most ${CHART_LIMITS.documents} documents.` }],
    };
  let head: ClaimChart['claim'];
  let elements: ClaimChart['elements'];
  if ('patent' in claim) {
    const resolved = resolveClaim(claim.patent.claims, claim.claim);
    const own = claim.patent.claims.find((c) => c.number === claim.claim);
    if (!resolved || !own)
      return {
        ok: false,
        issues: [{ code: 'claim_not_found', message: `${claim.patent.number} has no claim ${claim.claim}.` }],
      };
    head = { patent: claim.patent.number, number: claim.claim, independent: resolved.chain.length === 1, text: own.text };
    elements = resolved.elements.map((e) => ({ label: e.label, text: e.text, claim: e.claim }));
  } else {
    const text = claim.text.trim();
    head = { patent: null, number: null, independent: detectDependencies(text).length === 0, text };
    elements = splitElements(text, claimLanguage(text)).map((e) => ({ label: e.label, text: e.text, claim: null }));
  }
  if (elements.length === 0)
    return { ok: false, issues: [{ code: 'claim_no_elements', message: 'The claim has no words to cut into elements.' }] };
  if (elements.length > CHART_LIMITS.elements) elements = elements.slice(0, CHART_LIMITS.elements);

  const byDocument = documents.map((d) => ({ doc: d, passages: passagesOf(d, options.japanese) }));
  const all = byDocument.flatMap((d) => d.passages);
  const documentFrequency = new Map<string, number>();
  for (const p of all) for (const t of p.terms) documentFrequency.set(t, (documentFrequency.get(t) ?? 0) + 1);
  // Smoothed so a term no passage holds still weighs (it is what the documents lack).
  const weightOf = (term: string) => idf(all.length + 1, documentFrequency.get(term) ?? 0);

  const cells: ChartCell[] = [];
  for (const element of elements) {
    // Bare numbers in an element are ordinals and references (「第1の」, "of claim 1"), not features.
    const terms = [...termFrequencies(tokenize(element.text, options.japanese)).keys()].filter((t) => !/^[0-9]+$/.test(t));
    const total = terms.reduce((s, t) => s + weightOf(t), 0);
    for (const { doc, passages } of byDocument) {
      const ranked = passages
        .map((p) => {
          const matched = terms.filter((t) => p.terms.has(t));
          const score = total > 0 ? matched.reduce((s, t) => s + weightOf(t), 0) / total : 0;
          return { p, matched, score };
        })
        .filter((r) => r.matched.length > 0)
        .sort((a, b) => b.score - a.score);
      const best = ranked.slice(0, CHART_LIMITS.passages).map(
        (r): ChartPassage => ({
          kind: r.p.kind,
          ref: r.p.ref,
          score: Math.round(r.score * 1000) / 1000,
          matched: r.matched.slice(0, CHART_LIMITS.matched),
          excerpt: excerptOf(r.p, new Set(r.matched)),
        }),
      );
      cells.push({
        element: element.label,
        document: doc.number,
        suggestion: { judgement: suggestJudgement(best[0]?.score ?? 0), passages: best },
        judgement: null,
        passage: null,
        note: '',
      });
    }
  }
  return {
    ok: true,
    chart: {
      key: options.key ?? 'chart',
      claim: head,
      elements,
      documents: documents.map((d) => ({ number: d.number, title: d.title })),
      cells,
    },
  };
}

/** The analyst's decision on a cell, or else the tool's suggestion: what a report counts. */
export function effectiveJudgement(cell: Pick<ChartCell, 'judgement' | 'suggestion'>): ChartJudgement {
  return cell.judgement ?? cell.suggestion.judgement;
}

/** Per element, the best judgement any document gives it ("disclosed" beats "partly" beats "not"). */
export function elementCoverage(chart: Pick<ClaimChart, 'elements' | 'cells'>): Map<string, ChartJudgement> {
  const order = (j: ChartJudgement) => chartJudgements.length - chartJudgements.indexOf(j);
  const out = new Map<string, ChartJudgement>(chart.elements.map((e) => [e.label, 'not']));
  for (const cell of chart.cells) {
    const j = effectiveJudgement(cell);
    const current = out.get(cell.element);
    if (current !== undefined && order(j) > order(current)) out.set(cell.element, j);
  }
  return out;
}
