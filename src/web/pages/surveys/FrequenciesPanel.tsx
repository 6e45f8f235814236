import { BarChart } from '@mantine/charts';
import { Alert, Group, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EngagementView } from '../../../shared/contracts/engagements';
import type { CodebookQuestion } from '../../../shared/contracts/market-research';
import type { SurveyDetail } from '../../../shared/contracts/market-research-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useTranslator } from '../../hooks/useTranslator';
import { Section } from '../engagements/components/Section';
import { canBeStub, questionLabel } from './codebook';
import { useSurveyFormat } from './format';
import { useFrequencies, useScales } from './hooks';
import { placeSurveyIssues } from './issues';
import type { ParamsUpdate } from './SurveyView';
import { weightingFrom } from './SurveyView';
import type { CategoricalFrequencies, NumericSummary, TableOptions } from './types';
import { useWeightingOptions } from './WeightingSelect';

/** NPS groups by score: detractors 0–6, passives 7–8, promoters 9–10. */
export const npsGroup = (score: number): 'detractor' | 'passive' | 'promoter' =>
  score <= 6 ? 'detractor' : score <= 8 ? 'passive' : 'promoter';
const NPS_COLORS = { detractor: 'red.6', passive: 'gray.5', promoter: 'teal.6' } as const;

/**
 * One question's frequencies with its bases; for an NPS question the score with its interval and
 * the 0–10 distribution coloured by group; for a Likert item the mean, top-2-box and, for a grid,
 * Cronbach's alpha of its items; for a number, its summary.
 */
export function FrequenciesPanel({
  engagement,
  survey,
  params,
  onParams,
}: {
  engagement: EngagementView;
  survey: SurveyDetail;
  params: URLSearchParams;
  onParams: ParamsUpdate;
}) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const fmt = useSurveyFormat();
  const questions = survey.version.codebook.questions;
  const chosen = questions.find((q) => q.key === params.get('q') && canBeStub(q)) ?? null;
  const weighting = weightingFrom(params, survey);
  const options: TableOptions = { version: survey.version.version, weighting };
  const freq = useFrequencies(engagement.id, survey.id, chosen?.key ?? null, options);
  const weightingOptions = useWeightingOptions(survey);
  const issues = placeSurveyIssues(freq.error, tr, { share: (v) => fmt.share(v) });

  return (
    <Stack gap="md">
      <Section title={t('surveys.frequencies.title')}>
        <Group align="flex-end" gap="sm">
          <Select
            label={t('surveys.frequencies.question')}
            placeholder={t('surveys.crosstab.choose')}
            data={questions.filter(canBeStub).map((q) => ({ value: q.key, label: questionLabel(q) }))}
            value={chosen?.key ?? null}
            onChange={(v) => onParams({ q: v })}
            searchable
            w={380}
            comboboxProps={{ width: 460, position: 'bottom-start' }}
          />
          <Select
            label={t('surveys.weighting.choice')}
            data={weightingOptions}
            value={weighting}
            onChange={(v) => onParams({ w: v === 'none' ? null : v })}
            allowDeselect={false}
            w={220}
          />
        </Group>
        {chosen?.text && (
          <Text size="sm" c="dimmed">
            {chosen.text}
          </Text>
        )}
      </Section>
      {chosen === null ? (
        <Alert color="gray" variant="light">
          {t('surveys.frequencies.pick')}
        </Alert>
      ) : freq.isPending ? (
        <Loading />
      ) : freq.isError ? (
        <ErrorAlert error={freq.error} extra={issues.all} onRetry={() => void freq.refetch()} />
      ) : (
        <>
          {chosen.type === 'nps' && <NpsPanel engagementId={engagement.id} survey={survey} question={chosen} options={options} />}
          {chosen.type === 'likert' && <LikertPanel engagementId={engagement.id} survey={survey} question={chosen} options={options} />}
          <Section title={t('surveys.frequencies.tableTitle', { key: chosen.key })}>
            {freq.data.table.kind === 'numeric' ? (
              <NumericTable summary={freq.data.table} weighted={freq.data.weighted} />
            ) : (
              <CategoryTable table={freq.data.table} weighted={freq.data.weighted} nps={chosen.type === 'nps'} />
            )}
          </Section>
        </>
      )}
    </Stack>
  );
}

function CategoryTable({ table, weighted, nps }: { table: CategoricalFrequencies; weighted: boolean; nps: boolean }) {
  const { t } = useTranslation();
  const fmt = useSurveyFormat();
  const chart = table.categories.map((c) => {
    const pct = Number((c.percent ?? 0).toFixed(1));
    if (!nps) return { label: c.label, percent: pct };
    const group = npsGroup(Number(c.value));
    return {
      label: c.value,
      detractor: group === 'detractor' ? pct : 0,
      passive: group === 'passive' ? pct : 0,
      promoter: group === 'promoter' ? pct : 0,
    };
  });
  return (
    <Stack gap="md">
      <Table.ScrollContainer minWidth={520}>
        <Table
          withTableBorder
          verticalSpacing={4}
          aria-label={t('surveys.frequencies.tableLabel', { key: table.key })}
          data-testid="frequencies-table"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('surveys.frequencies.category')}</Table.Th>
              <Table.Th>{t('surveys.frequencies.code')}</Table.Th>
              <Table.Th ta="right">{weighted ? t('surveys.frequencies.weightedCount') : t('surveys.frequencies.count')}</Table.Th>
              {weighted && <Table.Th ta="right">{t('surveys.frequencies.count')}</Table.Th>}
              <Table.Th ta="right">{t('surveys.frequencies.percent')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {table.categories.map((c) => (
              <Table.Tr key={c.value} data-testid="frequency-row" data-value={c.value} data-percent={c.percent ?? ''}>
                <Table.Th scope="row" fw={500}>
                  {c.label}
                </Table.Th>
                <Table.Td c="dimmed">{c.value}</Table.Td>
                <Table.Td ta="right">{fmt.count(c.count, weighted)}</Table.Td>
                {weighted && <Table.Td ta="right">{fmt.count(c.unweightedCount, false)}</Table.Td>}
                <Table.Td ta="right">{fmt.percent(c.percent)}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr bg="var(--mantine-color-gray-0)">
              <Table.Th scope="row">{weighted ? t('surveys.crosstab.baseWeighted') : t('surveys.crosstab.base')}</Table.Th>
              <Table.Td />
              <Table.Td ta="right" fw={600}>
                {fmt.count(table.base, weighted)}
              </Table.Td>
              {weighted && (
                <Table.Td ta="right" fw={600}>
                  {fmt.count(table.unweightedBase, false)}
                </Table.Td>
              )}
              <Table.Td />
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed">
        {t(table.kind === 'multiple' ? 'surveys.frequencies.baseNoteMultiple' : 'surveys.frequencies.baseNote', {
          missing: fmt.count(table.missing, false),
          effective: fmt.decimal(table.effectiveBase, 1),
        })}
      </Text>
      <BarChart
        h={Math.max(200, Math.min(560, table.categories.length * (nps ? 26 : 36) + 60))}
        data={chart}
        dataKey="label"
        orientation={nps ? 'horizontal' : 'vertical'}
        type={nps ? 'stacked' : 'default'}
        yAxisProps={nps ? {} : { width: 180 }}
        valueFormatter={(v) => fmt.percent(v)}
        series={
          nps
            ? (['detractor', 'passive', 'promoter'] as const).map((g) => ({ name: g, label: t(`surveys.nps.${g}s`), color: NPS_COLORS[g] }))
            : [{ name: 'percent', label: t('surveys.frequencies.percent'), color: 'blue.6' }]
        }
        withLegend={nps}
        aria-label={nps ? t('surveys.nps.chart') : t('surveys.frequencies.chart')}
        data-testid={nps ? 'nps-chart' : 'frequencies-chart'}
      />
    </Stack>
  );
}

function NumericTable({ summary, weighted }: { summary: NumericSummary; weighted: boolean }) {
  const { t } = useTranslation();
  const fmt = useSurveyFormat();
  const rows: [string, string][] = [
    [t('surveys.means.n'), fmt.count(summary.n, false)],
    ...(weighted ? ([[t('surveys.means.weightedN'), fmt.count(summary.weightedN, true)]] as [string, string][]) : []),
    [t('surveys.means.mean'), fmt.decimal(summary.mean, 2)],
    [t('surveys.means.sd'), fmt.decimal(summary.sd, 2)],
    [t('surveys.numeric.min'), fmt.decimal(summary.min, 2)],
    [t('surveys.numeric.median'), fmt.decimal(summary.median, 2)],
    [t('surveys.numeric.max'), fmt.decimal(summary.max, 2)],
    [t('surveys.numeric.missing'), fmt.count(summary.missing, false)],
  ];
  return (
    <Table
      withTableBorder
      verticalSpacing={4}
      maw={420}
      aria-label={t('surveys.frequencies.tableLabel', { key: summary.key })}
      data-testid="numeric-summary"
    >
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th scope="row">{label}</Table.Th>
            <Table.Td ta="right">{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="lg" fw={700} data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </Stack>
  );
}

function NpsPanel({
  engagementId,
  survey,
  question,
  options,
}: {
  engagementId: string;
  survey: SurveyDetail;
  question: CodebookQuestion;
  options: TableOptions;
}) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const fmt = useSurveyFormat();
  const scale = useScales(engagementId, survey.id, [question.key], options);
  if (scale.isPending) return <Loading />;
  if (scale.isError)
    return <ErrorAlert error={scale.error} extra={placeSurveyIssues(scale.error, tr, { share: (v) => fmt.share(v) }).all} />;
  if (scale.data.kind !== 'nps') return null;
  const r = scale.data.result;
  return (
    <Section title={t('surveys.nps.title')}>
      <SimpleGrid cols={{ base: 2, sm: 5 }} data-testid="nps-summary">
        <Figure label={t('surveys.nps.score')} value={fmt.decimal(r.score, 1)} testId="nps-score" />
        <Figure
          label={t('surveys.nps.ci', { level: fmt.percent((r.ci?.level ?? 0.95) * 100, 0) })}
          value={r.ci ? t('surveys.nps.range', { low: fmt.decimal(r.ci.low, 1), high: fmt.decimal(r.ci.high, 1) }) : t('common.none')}
          testId="nps-ci"
        />
        <Figure label={t('surveys.nps.promoters')} value={fmt.share(r.promoters)} />
        <Figure label={t('surveys.nps.passives')} value={fmt.share(r.passives)} />
        <Figure label={t('surveys.nps.detractors')} value={fmt.share(r.detractors)} />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('surveys.nps.note', { n: fmt.count(r.n, false), effective: fmt.decimal(r.effectiveN, 1) })}
      </Text>
    </Section>
  );
}

function LikertPanel({
  engagementId,
  survey,
  question,
  options,
}: {
  engagementId: string;
  survey: SurveyDetail;
  question: CodebookQuestion;
  options: TableOptions;
}) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const fmt = useSurveyFormat();
  const scale = useScales(engagementId, survey.id, [question.key], options);
  const items = question.grid
    ? survey.version.codebook.questions.filter((q) => q.grid === question.grid && q.type === 'likert').map((q) => q.key)
    : [];
  const alpha = useScales(engagementId, survey.id, items.length >= 2 ? items : null, options);
  if (scale.isPending) return <Loading />;
  if (scale.isError)
    return <ErrorAlert error={scale.error} extra={placeSurveyIssues(scale.error, tr, { share: (v) => fmt.share(v) }).all} />;
  if (scale.data.kind !== 'likert') return null;
  const r = scale.data.result;
  const range = question.scale ?? { min: 1, max: 5 };
  return (
    <Section title={t('surveys.likert.title')}>
      <SimpleGrid cols={{ base: 2, sm: 5 }} data-testid="likert-summary">
        <Figure label={t('surveys.likert.mean', { min: range.min, max: range.max })} value={fmt.decimal(r.mean, 2)} testId="likert-mean" />
        <Figure label={t('surveys.means.sd')} value={fmt.decimal(r.sd, 2)} />
        <Figure label={t('surveys.likert.topTwo')} value={fmt.percent(r.topTwoBox)} testId="likert-top2" />
        <Figure label={t('surveys.likert.bottomTwo')} value={fmt.percent(r.bottomTwoBox)} />
        <Figure label={t('surveys.means.n')} value={fmt.count(r.n, false)} />
      </SimpleGrid>
      {question.reverse && (
        <Text size="xs" c="dimmed">
          {t('surveys.likert.reversed')}
        </Text>
      )}
      {items.length >= 2 && alpha.data?.kind === 'alpha' && (
        <Text size="sm" data-testid="grid-alpha">
          {t('surveys.likert.alpha', {
            grid: question.grid ?? '',
            items: alpha.data.result.items,
            alpha: fmt.decimal(alpha.data.result.alpha, 2),
            n: fmt.count(alpha.data.result.n, false),
          })}
        </Text>
      )}
    </Section>
  );
}
