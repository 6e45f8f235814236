import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EngagementSummary } from '../../../../shared/contracts/engagements';
import { useFormatters } from '../../../hooks/useFormatters';
import { ProgressBar } from './ProgressBar';
import { RagDot } from './RagDot';
import { RiskFlagBadges } from './RiskFlagBadges';

/**
 * How the work stands, at the top of the engagement page: progress and RAG of the latest status
 * update, the next milestone, and the risk flags — all from the engagement view itself (one
 * request), kept up to date by the server as the engagement changes.
 */
export function SummaryStrip({ summary }: { summary: EngagementSummary }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const empty = summary.rag === null && summary.progressPct === null && !summary.nextMilestoneDue && summary.riskFlags.length === 0;
  if (empty) return null;
  return (
    <Group gap="md" wrap="wrap" aria-label={t('engagements.page.summary')} data-testid="engagement-summary">
      {summary.rag !== null && <RagDot rag={summary.rag} withLabel />}
      {summary.progressPct !== null && <ProgressBar pct={summary.progressPct} label={t('engagements.progress')} />}
      {summary.nextMilestoneDue && (
        <Text size="sm" c="dimmed">
          {t('engagements.page.nextMilestone', { date: format.date(summary.nextMilestoneDue) })}
        </Text>
      )}
      {summary.riskFlags.length > 0 && <RiskFlagBadges flags={summary.riskFlags} />}
    </Group>
  );
}
