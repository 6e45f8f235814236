import { useTranslation } from 'react-i18next';
import type { CommentAnchor, DeliverableVersionView } from '../../../shared/contracts/deliverables';
import { useFindingText } from './ChecksReport';

/** What a review comment is about, in the reader's words: a section by its title, a finding by its check. */
export function useAnchorLabel(version: Pick<DeliverableVersionView, 'content' | 'checks'>): (anchor: CommentAnchor) => string {
  const { t } = useTranslation();
  const text = useFindingText();
  return (anchor) => {
    if (anchor.kind === 'section') {
      const section = version.content.sections.find((s) => s.key === anchor.section);
      return t('deliverables.review.anchorSection', { title: section?.title ?? anchor.section });
    }
    if (anchor.kind === 'finding') {
      const finding = version.checks.findings.find((f) => f.id === anchor.finding);
      return t('deliverables.review.anchorFinding', { title: finding ? text.title(finding) : anchor.finding });
    }
    return t('deliverables.review.anchorGeneral');
  };
}
