import { Alert, Badge, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FinancialModel } from '../../../../shared/contracts/financial-model';
import type { ModelAnalysis } from '../../../../shared/contracts/financial-model-api';
import { headlineMethodValue } from '../../../../shared/terminal-method';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useLocale } from '../../../hooks/useLocale';
import type { DraftIssue } from '../../../lib/financial-models/issues';
import {
  amountUnitLabel,
  formatMultiple,
  formatNumber,
  formatPerShare,
  formatRate,
  formatRateChange,
} from '../../../lib/financial-models/numbers';
import { IssueList } from '../IssueList';
import { useCaseLabel } from '../labels';

interface OutputsPanelProps {
  doc: FinancialModel;
  analysis: ModelAnalysis | undefined;
  recalculating: boolean;
  issues: readonly DraftIssue[];
  error: unknown;
  onRetry: () => void;
}

function Figure({
  label,
  value,
  hint,
  testId,
  big = false,
}: {
  label: string;
  value: string;
  hint?: ReactNode;
  testId?: string;
  big?: boolean;
}) {
  return (
    <Paper withBorder p="sm" radius="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fz={big ? 26 : 'lg'} fw={700} data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

/** The valuation of the case on screen, recalculated as the draft changes; the last good one stays while the draft is invalid. */
export function OutputsPanel({ doc, analysis, recalculating, issues, error, onRetry }: OutputsPanelProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const caseLabel = useCaseLabel(doc);
  const currency = doc.meta.currency;
  const unit = amountUnitLabel(doc.meta.unit, currency, locale);
  const v = analysis?.valuation ?? null;
  const market = doc.market?.sharePrice;

  return (
    <Paper withBorder p="md" component="section" aria-label={t('models.outputs.title')} data-testid="outputs-panel">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h5">
            {t('models.outputs.title')}
          </Title>
          {recalculating ? (
            <Group gap={6} data-testid="recalculating" role="status">
              <Loader size={14} />
              <Text size="xs" c="dimmed">
                {t('models.outputs.recalculating')}
              </Text>
            </Group>
          ) : (
            <Badge variant="light" color="teal" tt="none" leftSection={<IconCheck size={12} />}>
              {t('models.outputs.upToDate')}
            </Badge>
          )}
        </Group>
        {issues.length > 0 && (
          <Alert color="orange" variant="light" role="alert" title={t('models.outputs.draftInvalid', { count: issues.length })}>
            <IssueList issues={issues} doc={doc} />
          </Alert>
        )}
        {error ? <ErrorAlert error={error} title={t('models.outputs.failed')} onRetry={onRetry} /> : null}
        {!analysis ? (
          <Text size="sm" c="dimmed">
            {t('models.outputs.none')}
          </Text>
        ) : !v ? (
          <Alert color="red" variant="light">
            {t('models.outputs.notValued')}
          </Alert>
        ) : (
          <Stack gap="sm" style={{ opacity: recalculating ? 0.7 : 1, transition: 'opacity 120ms' }}>
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
              <Figure
                big
                label={t('models.outputs.valuePerShare')}
                value={formatPerShare(v.valuePerShare, currency, locale)}
                testId="value-per-share"
                hint={
                  market
                    ? t('models.outputs.vsMarket', {
                        change: formatRateChange(v.valuePerShare / market - 1, locale),
                        price: formatPerShare(market, currency, locale),
                      })
                    : t('models.outputs.method', { method: t(`models.editor.${v.primary}`) })
                }
              />
              <Figure
                label={t('models.outputs.enterpriseValue')}
                value={formatNumber(v.enterpriseValue, locale)}
                hint={unit}
                testId="enterprise-value"
              />
              <Figure
                label={t('models.outputs.equityValue')}
                value={formatNumber(v.equityValue, locale)}
                hint={unit}
                testId="equity-value"
              />
              <Figure label={t('models.outputs.wacc')} value={formatRate(v.discountRate, locale)} testId="wacc-value" />
              <Figure
                label={t('models.outputs.terminalShare')}
                value={formatRate(headlineMethodValue(v).terminalValueShare, locale, 1)}
                hint={t('models.outputs.method', { method: t(`models.editor.${v.primary}`) })}
              />
              <Figure
                label={t('models.input.terminalGrowth')}
                value={formatRate(v.terminalGrowth, locale)}
                hint={v.exitMultiple === null ? t('models.outputs.exitMultipleNotGiven') : formatMultiple(v.exitMultiple, locale)}
              />
            </SimpleGrid>
            <Table withTableBorder={false} verticalSpacing={2} fz="sm" aria-label={t('models.outputs.multiples')}>
              <Table.Caption ta="left" fz="xs" c="dimmed" style={{ captionSide: 'top' }}>
                {t('models.outputs.multiples')}
              </Table.Caption>
              <Table.Tbody>
                {(
                  [
                    ['evToEbitdaLtm', formatMultiple(v.impliedMultiples.evToEbitdaLtm, locale)],
                    ['evToEbitdaNtm', formatMultiple(v.impliedMultiples.evToEbitdaNtm, locale)],
                    ['evToRevenueLtm', formatMultiple(v.impliedMultiples.evToRevenueLtm, locale, 2)],
                    ['priceToEarningsLtm', formatMultiple(v.impliedMultiples.priceToEarningsLtm, locale)],
                    ['gordonImpliedExitMultiple', formatMultiple(v.impliedMultiples.gordonImpliedExitMultiple, locale)],
                    [
                      'exitImpliedGrowth',
                      v.exitMultiple === null
                        ? t('models.outputs.exitMultipleNotGiven')
                        : formatRate(v.impliedMultiples.exitImpliedGrowth, locale),
                    ],
                  ] as const
                ).map(([key, text]) => (
                  <Table.Tr key={key}>
                    <Table.Td c="dimmed">{t(`models.outputs.${key}`)}</Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {text}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
        {analysis && analysis.scenarios.length > 0 && (
          <Table verticalSpacing={4} fz="sm" aria-label={t('models.outputs.scenarios')} data-testid="scenario-values">
            <Table.Caption ta="left" fz="xs" c="dimmed" style={{ captionSide: 'top' }}>
              {t('models.outputs.scenarios')}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('models.outputs.case')}</Table.Th>
                <Table.Th ta="right">{t('models.outputs.valuePerShare')}</Table.Th>
                <Table.Th ta="right">{t('models.outputs.enterpriseValue')}</Table.Th>
                <Table.Th ta="right">{t('models.outputs.equityValue')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {analysis.scenarios.map((s) => (
                <Table.Tr key={s.scenario} {...(s.scenario === analysis.scenario && { fw: 700, bg: 'gray.0' })}>
                  <Table.Td>
                    <Text span inherit style={{ whiteSpace: 'nowrap' }}>
                      {s.scenario === 'base' ? t('models.baseCase') : s.label || caseLabel(s.scenario)}
                    </Text>
                    {s.problem && (
                      <Text size="xs" c="red.7" maw={220}>
                        {t(`errors.reason.${s.problem.reason}`, s.problem.params)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {formatPerShare(s.valuePerShare, currency, locale)}
                  </Table.Td>
                  <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {formatNumber(s.enterpriseValue, locale)}
                  </Table.Td>
                  <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {formatNumber(s.equityValue, locale)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
