import { deliverableTypes } from '../../../shared/contracts/deliverables.js';
import type { CheckOutcome } from './outcome.js';
import { outcome, sectionsWithRole } from './outcome.js';
import type { DeliverableCheck } from './registry.js';

/** Claims rest on references, and references point to something that exists. */

export const claimsCitedCheck: DeliverableCheck = {
  code: 'report.claims_cited',
  appliesTo: deliverableTypes,
  run(content) {
    const known = new Set(content.references.map((r) => r.id));
    const out: CheckOutcome[] = [];
    // A citation naming no reference is a broken link wherever it is, not only in a claims section.
    content.sections.forEach((section, i) => {
      const seen = new Set<string>();
      section.citations.forEach((id, j) => {
        if (known.has(id) || seen.has(id)) return;
        seen.add(id);
        out.push(
          outcome(
            'fail',
            'report.citation_unknown',
            'citationUnknown',
            { title: section.title, reference: id },
            { section: section.key, reference: id, path: ['sections', i, 'citations', j] },
          ),
        );
      });
    });
    const claims = sectionsWithRole(content, 'claims');
    for (const { section, index } of claims)
      if (!section.citations.some((id) => known.has(id)))
        out.push(
          outcome(
            'fail',
            'report.claims_cited',
            'claimsUncited',
            { title: section.title },
            { section: section.key, path: ['sections', index, 'citations'] },
          ),
        );
    if (!out.some((o) => o.code === 'report.claims_cited'))
      out.push(
        claims.length > 0
          ? outcome('pass', 'report.claims_cited', 'claimsCitedPass', { count: claims.length }, { path: ['sections'] })
          : outcome('pass', 'report.claims_cited', 'claimsNone', {}, { path: ['sections'] }),
      );
    return out;
  },
};

export const referencesResolveCheck: DeliverableCheck = {
  code: 'report.references_resolve',
  appliesTo: deliverableTypes,
  run(content, ctx) {
    const documents = new Set(ctx.documents.map((d) => d.id));
    const out: CheckOutcome[] = [];
    content.references.forEach((r, i) => {
      if (r.documentId !== null && !documents.has(r.documentId))
        out.push(
          outcome(
            'fail',
            'report.references_resolve',
            'referenceUnresolved',
            { title: r.title },
            { reference: r.id, path: ['references', i, 'documentId'] },
          ),
        );
      else if (r.documentId === null && r.url === null)
        out.push(
          outcome(
            'warn',
            'report.reference_unlocated',
            'referenceUnlocated',
            { title: r.title },
            { reference: r.id, path: ['references', i] },
          ),
        );
    });
    const toDocuments = content.references.filter((r) => r.documentId !== null).length;
    if (!out.some((o) => o.code === 'report.references_resolve'))
      out.push(
        toDocuments > 0
          ? outcome('pass', 'report.references_resolve', 'referencesPass', { count: toDocuments }, { path: ['references'] })
          : outcome('pass', 'report.references_resolve', 'referencesNone', {}, { path: ['references'] }),
      );
    return out;
  },
};
