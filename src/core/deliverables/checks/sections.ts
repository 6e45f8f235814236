import { deliverableTypes, type SectionRole } from '../../../shared/contracts/deliverables.js';
import type { DeliverableCheckCode, DeliverableCheckMessageKey } from '../../../shared/deliverable-check-messages.js';
import { type CheckOutcome, deliverableCheckThresholds, hasText, measureText, outcome, sectionsWithRole } from './outcome.js';
import type { DeliverableCheck } from './registry.js';

/**
 * The sections a report must have, and whether the method and the knowledge transfer say enough.
 *
 * Who reports an absent section, once: report.required_sections owns the absence of every role the
 * engagement requires (no section of that role, or only empty ones). report.methodology and
 * report.knowledge_transfer report absence only for a role the engagement does not require, and
 * always own "present but too thin".
 */

/** A role is present when some section of it has text. */
const presentSections = (content: Parameters<DeliverableCheck['run']>[0], role: SectionRole) =>
  sectionsWithRole(content, role).filter(({ section }) => hasText(section.body));

export const requiredSectionsCheck: DeliverableCheck = {
  code: 'report.required_sections',
  appliesTo: deliverableTypes,
  run(content, ctx) {
    const required = [...new Set(ctx.requiredSections)];
    const out: CheckOutcome[] = [];
    for (const role of required) {
      if (presentSections(content, role).length > 0) continue;
      const empty = sectionsWithRole(content, role)[0];
      out.push(
        empty
          ? outcome(
              'fail',
              'report.required_sections',
              'requiredSectionEmpty',
              { role, title: empty.section.title },
              { section: empty.section.key, path: ['sections', empty.index, 'body'] },
            )
          : outcome('fail', 'report.required_sections', 'requiredSectionMissing', { role }, { path: ['sections'] }),
      );
    }
    if (out.length === 0)
      out.push(
        required.length > 0
          ? outcome('pass', 'report.required_sections', 'requiredSectionsPass', { count: required.length }, { path: ['sections'] })
          : outcome('pass', 'report.required_sections', 'requiredSectionsNone', {}, { path: ['sections'] }),
      );
    return out;
  },
};

function substantiveCheck(
  code: DeliverableCheckCode,
  role: SectionRole,
  keys: { missing: DeliverableCheckMessageKey; thin: DeliverableCheckMessageKey; pass: DeliverableCheckMessageKey },
): DeliverableCheck {
  return {
    code,
    appliesTo: deliverableTypes,
    run(content, ctx) {
      const present = presentSections(content, role);
      const first = present[0];
      if (!first) {
        // A required role's absence is report.required_sections' to report.
        if (ctx.requiredSections.includes(role)) return [];
        const any = sectionsWithRole(content, role)[0];
        return [
          outcome(
            'fail',
            code,
            keys.missing,
            {},
            any ? { section: any.section.key, path: ['sections', any.index, 'body'] } : { path: ['sections'] },
          ),
        ];
      }
      // A method told over several sections counts as one text.
      const { length, language } = measureText(present.map(({ section }) => section.body).join('\n'));
      const minimum = deliverableCheckThresholds.substantiveLength[language];
      const where = { section: first.section.key, path: ['sections', first.index, 'body'] };
      return length < minimum
        ? [outcome('warn', code, keys.thin, { length, minimum }, where)]
        : [outcome('pass', code, keys.pass, { length }, where)];
    },
  };
}

export const methodologyCheck = substantiveCheck('report.methodology', 'methodology', {
  missing: 'methodologyMissing',
  thin: 'methodologyThin',
  pass: 'methodologyPass',
});

export const knowledgeTransferCheck = substantiveCheck('report.knowledge_transfer', 'knowledge_transfer', {
  missing: 'knowledgeTransferMissing',
  thin: 'knowledgeTransferThin',
  pass: 'knowledgeTransferPass',
});
