import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EngagementSummary } from '../../../../shared/contracts/engagements';
import { useFormatters } from '../../../hooks/useFormatters';
import { ProgressBar } from './ProgressBar';
import { RagDot } from './RagDot';
import { RiskFlagBadges } from './RiskFlagBadges';

/**
 * How the work stands, at the top of the engagement page: progress and RAG of the latest status
 * update, the next deadlines (milestone, status update, answer, review), and the risk flags — all
 * from the engagement view itself (one request), kept up to date by the server as the engagement changes.
 */
export function SummaryStrip({ summary }: { summary: EngagementSummary }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const deadlines = [
    summary.nextMilestoneDue && t('engagements.page.nextMilestone', { date: format.date(summary.nextMilestoneDue) }),
    summary.nextUpdateDueAt && t('engagements.page.nextUpdateDue', { date: format.dateTime(summary.nextUpdateDueAt) }),
    summary.nextAnswerDueAt && t('engagements.page.nextAnswerDue', { date: format.dateTime(summary.nextAnswerDueAt) }),
    summary.nextReviewDueAt && t('engagements.page.nextReviewDue', { date: format.dateTime(summary.nextReviewDueAt) }),
  ].filter((x): x is string => !!x);
  const empty = summary.rag === null && summary.progressPct === null && deadlines.length === 0 && summary.riskFlags.length === 0;
  if (empty) return null;
  return (
    <Group gap="md" wrap="wrap" role="group" aria-label={t('engagements.page.summary')} data-testid="engagement-summary">
      {summary.rag !== null && <RagDot rag={summary.rag} withLabel />}
      {summary.progressPct !== null && <ProgressBar pct={summary.progressPct} label={t('engagements.progress')} />}
      {deadlines.map((line) => (
        <Text key={line} size="sm" c="dimmed">
          {line}
        </Text>
      ))}
      {summary.riskFlags.length > 0 && <RiskFlagBadges flags={summary.riskFlags} />}
    </Group>
  );
}
