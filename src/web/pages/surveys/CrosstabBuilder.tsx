import { BarChart } from '@mantine/charts';
import { Alert, Button, Checkbox, Group, SegmentedControl, Select, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowsExchange, IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngagementView } from '../../../shared/contracts/engagements';
import type { SurveyDetail } from '../../../shared/contracts/market-research-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useLocale } from '../../hooks/useLocale';
import { useTranslator } from '../../hooks/useTranslator';
import { Section } from '../engagements/components/Section';
import { type CrosstabQuery, dataCsvUrl, deckUrl } from './api';
import { CrosstabTable, MeansTable } from './CrosstabTable';
import { seriesColor } from './chartColors';
import { canBeBanner, canBeStub, questionLabel } from './codebook';
import { useSurveyFormat } from './format';
import { useCrosstab } from './hooks';
import { placeSurveyIssues } from './issues';
import type { ParamsUpdate } from './SurveyView';
import { weightingFrom } from './SurveyView';
import type { Correction, Crosstab } from './types';
import { useWeightingOptions } from './WeightingSelect';

const corrections: Correction[] = ['none', 'bonferroni', 'holm'];
const alphas = ['0.01', '0.05', '0.1'] as const;

/** The weighted respondents as CSV: UTF-8 (with a BOM) or Shift_JIS for older Excel. */
const dataDownloads = [
  { encoding: 'utf-8', label: 'surveys.crosstab.downloadData', testId: 'data-csv-download' },
  { encoding: 'shift_jis', label: 'surveys.crosstab.downloadDataSjis', testId: 'data-csv-sjis-download' },
] as const;

/**
 * The crosstab builder: a question in the rows (the stub) and one in the columns (the banner), a
 * weighting, the column tests' correction and level, Yates's correction for a 2×2 table. The table
 * shows counts and column percents with significance letters, the bases, the chi-square test (or why
 * there is none), Cochran's expected-count warning and Fisher's exact test for 2×2; a numeric stub
 * shows means by column. The choices live in the address, so the same link shows the same table.
 */
export function CrosstabBuilder({
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
  const locale = useLocale();
  const questions = survey.version.codebook.questions;
  const byKey = new Map(questions.map((q) => [q.key, q]));
  const stubQ = byKey.get(params.get('stub') ?? '');
  const bannerQ = byKey.get(params.get('banner') ?? '');
  const stub = stubQ && canBeStub(stubQ) ? stubQ.key : null;
  const banner = bannerQ && canBeBanner(bannerQ) ? bannerQ.key : null;
  const weighting = weightingFrom(params, survey);
  const weightingOptions = useWeightingOptions(survey);
  const correction = corrections.find((c) => c === params.get('corr')) ?? 'bonferroni';
  const alpha = alphas.find((a) => a === params.get('alpha')) ?? '0.05';
  const yates = params.get('yates') === '1';
  const query: CrosstabQuery | null =
    stub && banner ? { stub, banner, yates, weighting, version: survey.version.version, alpha: Number(alpha), correction } : null;
  const result = useCrosstab(engagement.id, survey.id, query);
  const data = result.data;
  const twoByTwo =
    data?.kind === 'crosstab' &&
    (data.table.chiSquare ? data.table.chiSquare.df === 1 : data.table.rows.length === 2 && data.table.cols.length === 2);

  const stubOptions = questions.filter(canBeStub).map((q) => ({ value: q.key, label: questionLabel(q) }));
  const bannerOptions = questions.filter(canBeBanner).map((q) => ({ value: q.key, label: questionLabel(q) }));
  const issues = placeSurveyIssues(result.error, tr, { share: (v) => fmt.share(v) });
  const deck = (stubs: string[] | undefined, format: 'xlsx' | 'pdf' = 'xlsx') =>
    deckUrl(
      engagement.id,
      survey.id,
      {
        version: survey.version.version,
        banners: banner ? [banner] : [],
        ...(stubs && { stubs }),
        weighting,
        alpha: Number(alpha),
        correction,
        language: locale,
      },
      format,
    );

  return (
    <Stack gap="md">
      <Section title={t('surveys.crosstab.title')}>
        <Text size="sm" c="dimmed">
          {t('surveys.crosstab.intro')}
        </Text>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            label={t('surveys.crosstab.stub')}
            description={t('surveys.crosstab.stubHint')}
            placeholder={t('surveys.crosstab.choose')}
            data={stubOptions}
            value={stub}
            onChange={(v) => onParams({ stub: v })}
            searchable
            w={300}
            comboboxProps={{ width: 420, position: 'bottom-start' }}
          />
          <Tooltip label={t('surveys.crosstab.swap')}>
            <Button
              variant="subtle"
              px={8}
              aria-label={t('surveys.crosstab.swap')}
              disabled={
                !stub || !banner || !canBeBanner(byKey.get(stub) ?? { type: 'open' }) || !canBeStub(byKey.get(banner) ?? { type: 'open' })
              }
              onClick={() => onParams({ stub: banner, banner: stub })}
            >
              <IconArrowsExchange size={18} />
            </Button>
          </Tooltip>
          <Select
            label={t('surveys.crosstab.banner')}
            description={t('surveys.crosstab.bannerHint')}
            placeholder={t('surveys.crosstab.choose')}
            data={bannerOptions}
            value={banner}
            onChange={(v) => onParams({ banner: v })}
            searchable
            w={300}
            comboboxProps={{ width: 420, position: 'bottom-start' }}
          />
          <Select
            label={t('surveys.weighting.choice')}
            data={weightingOptions}
            value={weighting}
            onChange={(v) => onParams({ w: v === 'none' ? null : v })}
            allowDeselect={false}
            w={220}
          />
          <Select
            label={t('surveys.crosstab.correction')}
            data={corrections.map((c) => ({ value: c, label: t(`surveys.correction.${c}`) }))}
            value={correction}
            onChange={(v) => onParams({ corr: v === 'bonferroni' ? null : v })}
            allowDeselect={false}
            w={170}
          />
          <Select
            label={t('surveys.crosstab.alpha')}
            data={alphas.map((a) => ({ value: a, label: fmt.percent(Number(a) * 100, 0) }))}
            value={alpha}
            onChange={(v) => onParams({ alpha: v === '0.05' ? null : v })}
            allowDeselect={false}
            w={110}
          />
          <Checkbox
            label={t('surveys.crosstab.yates')}
            description={twoByTwo ? undefined : t('surveys.crosstab.yatesOnly2x2')}
            checked={yates && twoByTwo}
            disabled={!twoByTwo}
            onChange={(e) => onParams({ yates: e.currentTarget.checked ? '1' : null })}
            mb={twoByTwo ? 8 : 0}
          />
        </Group>
        {banner && (
          <Group gap="xs">
            <Button
              component="a"
              href={deck(stub ? [stub] : undefined)}
              download
              size="xs"
              variant="light"
              leftSection={<IconDownload size={14} />}
              data-testid="deck-download"
            >
              {stub ? t('surveys.crosstab.download') : t('surveys.crosstab.downloadAll')}
            </Button>
            {stub && (
              <Button component="a" href={deck(undefined)} download size="xs" variant="subtle" leftSection={<IconDownload size={14} />}>
                {t('surveys.crosstab.downloadAll')}
              </Button>
            )}
            <Button
              component="a"
              href={deck(stub ? [stub] : undefined, 'pdf')}
              download
              size="xs"
              variant="light"
              leftSection={<IconDownload size={14} />}
              data-testid="deck-pdf-download"
            >
              {stub ? t('surveys.crosstab.downloadPdf') : t('surveys.crosstab.downloadAllPdf')}
            </Button>
          </Group>
        )}
        <Group gap="xs">
          {dataDownloads.map((d) => (
            <Button
              key={d.encoding}
              component="a"
              href={dataCsvUrl(engagement.id, survey.id, { version: survey.version.version, weighting, encoding: d.encoding })}
              download
              size="xs"
              variant="subtle"
              leftSection={<IconDownload size={14} />}
              data-testid={d.testId}
            >
              {t(d.label)}
            </Button>
          ))}
        </Group>
      </Section>

      {query === null ? (
        <Alert color="gray" variant="light">
          {t('surveys.crosstab.pick')}
        </Alert>
      ) : result.isPending ? (
        <Loading />
      ) : result.isError ? (
        <ErrorAlert error={result.error} extra={issues.all} onRetry={() => void result.refetch()} />
      ) : (
        <Section title={t('surveys.crosstab.tableTitle', { stub: stubQ?.key ?? '', banner: bannerQ?.key ?? '' })}>
          {[stubQ, bannerQ].map(
            (q) =>
              q?.text && (
                <Text key={q.key} size="xs" c="dimmed" mt={-6}>
                  {t('surveys.crosstab.questionText', { key: q.key, text: q.text })}
                </Text>
              ),
          )}
          <Stack gap="md" style={{ opacity: result.isPlaceholderData ? 0.6 : 1 }} data-loading={result.isPlaceholderData || undefined}>
            {data?.kind === 'crosstab' ? (
              <>
                <CrosstabTable reply={data} stubName={stubQ?.key ?? ''} bannerName={bannerQ?.key ?? ''} />
                <CrosstabChart table={data.table} />
              </>
            ) : data?.kind === 'means' ? (
              <MeansTable reply={data} stubName={stubQ?.key ?? ''} bannerName={bannerQ?.key ?? ''} />
            ) : null}
          </Stack>
        </Section>
      )}
    </Stack>
  );
}

/** Column percents as bars: grouped by row (a bar per banner column), or each column stacked to 100%. */
function CrosstabChart({ table }: { table: Crosstab }) {
  const { t } = useTranslation();
  const fmt = useSurveyFormat();
  const [mode, setMode] = useState<'grouped' | 'stacked'>('grouped');
  const letters = table.columnTests.letters;
  const pct = (i: number, j: number) => Number((table.colPercents[i]?.[j] ?? 0).toFixed(1));
  const grouped = table.rows.map((row, i) => ({
    label: row,
    ...Object.fromEntries(table.cols.map((_, j) => [`c${j}`, pct(i, j)])),
  }));
  const stacked = table.cols.map((col, j) => ({
    label: `${col} (${letters[j] ?? ''})`,
    ...Object.fromEntries(table.rows.map((_, i) => [`r${i}`, pct(i, j)])),
  }));
  const height = Math.max(220, Math.min(640, (mode === 'grouped' ? table.rows.length : table.cols.length) * 48 + 80));
  return (
    <Stack gap="xs" data-testid="crosstab-chart">
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {t('surveys.crosstab.chart')}
        </Text>
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(v) => setMode(v as 'grouped' | 'stacked')}
          data={[
            { value: 'grouped', label: t('surveys.crosstab.chartGrouped') },
            { value: 'stacked', label: t('surveys.crosstab.chartStacked') },
          ]}
          aria-label={t('surveys.crosstab.chartMode')}
        />
      </Group>
      {mode === 'grouped' ? (
        <BarChart
          h={height}
          data={grouped}
          dataKey="label"
          orientation="vertical"
          yAxisProps={{ width: 200 }}
          xAxisProps={{ domain: [0, 100] }}
          valueFormatter={(v) => fmt.percent(v)}
          series={table.cols.map((col, j) => ({ name: `c${j}`, label: `${col} (${letters[j] ?? ''})`, color: seriesColor(j) }))}
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          aria-label={t('surveys.crosstab.chart')}
        />
      ) : (
        <BarChart
          h={height}
          data={stacked}
          dataKey="label"
          type="percent"
          orientation="vertical"
          yAxisProps={{ width: 200 }}
          valueFormatter={(v) => fmt.percent(v)}
          series={table.rows.map((row, i) => ({ name: `r${i}`, label: row, color: seriesColor(i) }))}
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          aria-label={t('surveys.crosstab.chart')}
        />
      )}
    </Stack>
  );
}
