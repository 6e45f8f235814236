import { BarChart, LineChart } from '@mantine/charts';
import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ProviderScorecard } from '../../../shared/contracts/engagements';
import { providersApi } from '../../api/engagements';
import { queryKeys } from '../../api/queryKeys';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RequirePermission } from '../../session/RequirePermission';

export function ProviderScorecardsRoute() {
  return (
    <RequirePermission permission="scorecards.read">
      <ProviderScorecardsPage />
    </RequirePermission>
  );
}

/** Each provider's record on the client's engagements: SLA breaches, responsiveness, turnaround, schedule variance. */
function ProviderScorecardsPage() {
  const { t } = useTranslation();
  const cards = useQuery({ queryKey: queryKeys.scorecards, queryFn: providersApi.scorecards });
  return (
    <Stack gap="md">
      <PageHeader title={t('scorecards.title')} intro={t('scorecards.intro')} />
      {cards.isPending ? (
        <Loading />
      ) : cards.isError ? (
        <ErrorAlert error={cards.error} onRetry={() => void cards.refetch()} />
      ) : cards.data.length === 0 ? (
        <Paper withBorder p="lg">
          <Text size="sm" c="dimmed" ta="center">
            {t('scorecards.empty')}
          </Text>
        </Paper>
      ) : (
        <>
          <Paper withBorder p="md">
            <ScorecardTable cards={cards.data} />
          </Paper>
          <Paper withBorder p="md">
            <Stack gap="xs">
              <Title order={2} size="h5">
                {t('scorecards.chartTitle')}
              </Title>
              <Text size="xs" c="dimmed">
                {t('scorecards.chartIntro')}
              </Text>
              <BarChart
                h={Math.max(160, cards.data.length * 56)}
                data={cards.data
                  .filter((c) => c.withinCommitmentPct !== null)
                  .map((c) => ({ provider: c.provider.name, within: c.withinCommitmentPct }))}
                dataKey="provider"
                orientation="vertical"
                series={[{ name: 'within', label: t('scorecards.withinCommitment'), color: 'teal.6' }]}
                getBarColor={(v) => (v >= 90 ? 'teal.6' : v >= 70 ? 'yellow.6' : 'red.6')}
                xAxisProps={{ domain: [0, 100] }}
                valueFormatter={(v) => t('engagements.percent', { value: v })}
                withBarValueLabel
                yAxisProps={{ width: 220 }}
                aria-label={t('scorecards.chartTitle')}
              />
            </Stack>
          </Paper>
          <QualityPanel cards={cards.data} />
        </>
      )}
    </Stack>
  );
}

function ScorecardTable({ cards }: { cards: ProviderScorecard[] }) {
  const { t } = useTranslation();
  const none = t('common.none');
  const hours = (h: number | null) => (h === null ? none : t('scorecards.hours', { value: h }));
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" aria-label={t('scorecards.title')} data-testid="scorecards">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('scorecards.provider')}</Table.Th>
            <Table.Th>{t('scorecards.engagements')}</Table.Th>
            <Table.Th>{t('scorecards.slaBreaches')}</Table.Th>
            <Table.Th>{t('scorecards.withinCommitment')}</Table.Th>
            <Table.Th>{t('scorecards.medianAnswer')}</Table.Th>
            <Table.Th>{t('scorecards.medianReview')}</Table.Th>
            <Table.Th>{t('scorecards.scheduleVariance')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cards.map((c) => (
            <Table.Tr key={c.provider.orgId}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {c.provider.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t('scorecards.engagementCount', { total: c.engagements, active: c.active })}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={c.slaBreaches > 0 ? 'red.7' : 'dark'} fw={c.slaBreaches > 0 ? 700 : 400}>
                  {c.slaBreaches}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{c.withinCommitmentPct === null ? none : t('engagements.percent', { value: c.withinCommitmentPct })}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{hours(c.medianAnswerHours)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{hours(c.medianReviewTurnaroundHours)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {c.averageScheduleVarianceDays === null ? none : t('scorecards.days', { value: c.averageScheduleVarianceDays })}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The quality of each provider's deliverables (issue #10): a table, and the months as a line chart. */
function QualityPanel({ cards }: { cards: ProviderScorecard[] }) {
  const { t } = useTranslation();
  const none = t('common.none');
  const pct = (v: number | null) => (v === null ? none : t('engagements.percent', { value: v }));
  const months = [...new Set(cards.flatMap((c) => c.quality.trend.map((p) => p.month)))].sort();
  const data = months.map((month) => {
    const row: Record<string, string | number | null> = { month };
    cards.forEach((c, i) => {
      const point = c.quality.trend.find((p) => p.month === month);
      row[`score${i}`] = point?.meanScorePct ?? null;
      row[`first${i}`] = point?.firstPassAcceptancePct ?? null;
    });
    return row;
  });
  const colors = ['indigo.6', 'teal.6', 'orange.6', 'grape.6', 'cyan.6'];
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h5">
          {t('scorecards.quality.title')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('scorecards.quality.intro')}
        </Text>
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="sm" aria-label={t('scorecards.quality.title')} data-testid="quality-scorecards">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('scorecards.provider')}</Table.Th>
                <Table.Th>{t('scorecards.quality.deliverables')}</Table.Th>
                <Table.Th>{t('scorecards.quality.meanScore')}</Table.Th>
                <Table.Th>{t('scorecards.quality.firstPass')}</Table.Th>
                <Table.Th>{t('scorecards.quality.rework')}</Table.Th>
                <Table.Th>{t('scorecards.quality.findings')}</Table.Th>
                <Table.Th>{t('scorecards.quality.turnaround')}</Table.Th>
                <Table.Th>{t('scorecards.quality.gold')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cards.map((c) => (
                <Table.Tr key={c.provider.orgId}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {c.provider.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {c.quality.deliverables} ({t('scorecards.quality.submissions', { count: c.quality.submissions })})
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {c.quality.meanScorePct === null ? none : t('scorecards.quality.score', { value: c.quality.meanScorePct })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{pct(c.quality.firstPassAcceptancePct)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.quality.reworkRoundsPerDeliverable ?? none}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.quality.findingsPerSubmission ?? none}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {c.quality.medianReviewTurnaroundHours === null
                        ? none
                        : t('scorecards.hours', { value: c.quality.medianReviewTurnaroundHours })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {c.quality.goldHitRatePct === null
                        ? none
                        : t('scorecards.quality.goldValue', { pct: c.quality.goldHitRatePct, count: c.quality.goldItems })}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Title order={3} size="h6">
          {t('scorecards.quality.trendTitle')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('scorecards.quality.trendIntro')}
        </Text>
        {months.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('scorecards.quality.noTrend')}
          </Text>
        ) : (
          <LineChart
            h={260}
            data={data}
            dataKey="month"
            connectNulls
            yAxisProps={{ domain: [0, 100] }}
            valueFormatter={(v) => t('engagements.percent', { value: v })}
            series={cards.flatMap((c, i) => [
              {
                name: `score${i}`,
                label: t('scorecards.quality.trendScore', { provider: c.provider.name }),
                color: colors[i % colors.length] ?? 'indigo.6',
              },
              {
                name: `first${i}`,
                label: t('scorecards.quality.trendFirstPass', { provider: c.provider.name }),
                color: colors[i % colors.length] ?? 'indigo.6',
                strokeDasharray: '5 5',
              },
            ])}
            withLegend
            aria-label={t('scorecards.quality.trendTitle')}
          />
        )}
      </Stack>
    </Paper>
  );
}
