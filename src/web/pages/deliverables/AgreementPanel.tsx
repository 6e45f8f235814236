import { BarChart } from '@mantine/charts';
import { Badge, type MantineColor, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AgreementView, AlphaResult } from '../../../shared/contracts/deliverables';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { alphaReading, alphaValue } from '../../lib/deliverables/agreement';
import { Section } from '../engagements/components/Section';
import { useAgreement } from './hooks';

const readingColors: Record<ReturnType<typeof alphaReading>, MantineColor> = {
  reliable: 'teal',
  tentative: 'yellow',
  doubtful: 'red',
  none: 'gray',
};

/** One alpha with the number it rests on; "not measurable" where there is no variation to measure against. */
function Alpha({ result }: { result: Pick<AlphaResult, 'alpha' | 'pairable'> }) {
  const { t } = useTranslation();
  const value = alphaValue(result);
  return (
    <Badge color={readingColors[alphaReading(result.alpha)]} variant="light" tt="none" data-alpha={value ?? 'none'}>
      {value === null
        ? t('deliverables.agreement.notMeasurable', { pairable: result.pairable })
        : t('deliverables.agreement.value', { alpha: value, pairable: result.pairable })}
    </Badge>
  );
}

/** Krippendorff's alpha between the engagement's reviewers: overall, per deliverable, per pair (the client's side only). */
export function AgreementPanel({ engagementId }: { engagementId: string }) {
  const { t } = useTranslation();
  const agreement = useAgreement(engagementId, true);
  return (
    <Section title={t('deliverables.agreement.title')}>
      <Text size="xs" c="dimmed">
        {t('deliverables.agreement.intro')}
      </Text>
      {agreement.isPending ? (
        <Loading />
      ) : agreement.isError ? (
        <ErrorAlert error={agreement.error} onRetry={() => void agreement.refetch()} />
      ) : (
        <AgreementTables agreement={agreement.data} />
      )}
    </Section>
  );
}

function AgreementTables({ agreement }: { agreement: AgreementView }) {
  const { t } = useTranslation();
  const rated = agreement.deliverables.filter((d) => d.scoresInterval.units > 0 || d.decisions.units > 0);
  if (rated.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('deliverables.agreement.none')}
      </Text>
    );
  const chart = rated
    .filter((d) => d.scoresInterval.alpha !== null)
    .map((d) => ({ title: d.title, alpha: Number((d.scoresInterval.alpha ?? 0).toFixed(2)) }));
  return (
    <Stack gap="md" data-testid="agreement">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            {t('deliverables.agreement.engagement')} — {t('deliverables.agreement.interval')}
          </Text>
          <Alpha result={agreement.engagement.interval} />
        </Stack>
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            {t('deliverables.agreement.engagement')} — {t('deliverables.agreement.ordinal')}
          </Text>
          <Alpha result={agreement.engagement.ordinal} />
        </Stack>
      </SimpleGrid>
      <Table aria-label={t('deliverables.agreement.table')} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('deliverables.agreement.deliverable')}</Table.Th>
            <Table.Th>{t('deliverables.agreement.decisions')}</Table.Th>
            <Table.Th>{t('deliverables.agreement.ordinal')}</Table.Th>
            <Table.Th>{t('deliverables.agreement.interval')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rated.map((d) => (
            <Table.Tr key={d.deliverableId} data-deliverable={d.title}>
              <Table.Td>{d.title}</Table.Td>
              <Table.Td>
                <Alpha result={d.decisions} />
              </Table.Td>
              <Table.Td>
                <Alpha result={d.scoresOrdinal} />
              </Table.Td>
              <Table.Td>
                <Alpha result={d.scoresInterval} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {chart.length > 0 && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('deliverables.agreement.chart')}
          </Text>
          <BarChart
            h={Math.max(120, chart.length * 40)}
            data={chart}
            dataKey="title"
            orientation="vertical"
            yAxisProps={{ width: 160 }}
            xAxisProps={{ domain: [-1, 1] }}
            series={[{ name: 'alpha', label: t('deliverables.agreement.alpha'), color: 'indigo.5' }]}
            referenceLines={[
              { x: 0.8, color: 'teal.6' },
              { x: 0.667, color: 'yellow.6' },
            ]}
            aria-label={t('deliverables.agreement.chart')}
          />
        </Stack>
      )}
      {agreement.pairs.length > 0 && (
        <Table aria-label={t('deliverables.agreement.pairs')} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('deliverables.agreement.reviewerA')}</Table.Th>
              <Table.Th>{t('deliverables.agreement.reviewerB')}</Table.Th>
              <Table.Th>{t('deliverables.agreement.alpha')}</Table.Th>
              <Table.Th>{t('deliverables.agreement.pairable')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {agreement.pairs.map((p) => (
              <Table.Tr key={`${p.a.userId}-${p.b.userId}`}>
                <Table.Td>{p.a.displayName}</Table.Td>
                <Table.Td>{p.b.displayName}</Table.Td>
                <Table.Td>
                  <Alpha result={p} />
                </Table.Td>
                <Table.Td>{p.pairable}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
