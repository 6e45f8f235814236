import { Alert, Badge, Button, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileSpreadsheet, IconFileTypePdf } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ClaimChart } from '../../../shared/contracts/patent-report';
import { useFormatters } from '../../hooks/useFormatters';
import { Section } from '../engagements/components/Section';
import { judgementColors, type PatentReportContent } from './reportDraft';
import { stepFiltersText } from './searchState';

const exportPath = (engagementId: string, deliverableId: string, version: number, ext: 'pdf' | 'xlsx', lang: 'ja' | 'en') =>
  `/api/engagements/${encodeURIComponent(engagementId)}/deliverables/${encodeURIComponent(deliverableId)}/versions/${version}/patent-report.${ext}?lang=${lang}`;

/**
 * A patent search report as submitted, in the order of a Japanese search report: purpose and
 * subject, scope, the search formulas with their hit counts, screening criteria, ranked results
 * (X/Y/A), the claim charts, findings, limits and the notice; with its PDF and XLSX exports.
 */
export function PatentReportView({
  content,
  engagementId,
  deliverableId,
  version,
}: {
  content: PatentReportContent;
  engagementId?: string | undefined;
  deliverableId?: string | undefined;
  version?: number | undefined;
}) {
  const { t } = useTranslation();
  const f = useFormatters();
  const canExport = engagementId !== undefined && deliverableId !== undefined && version !== undefined;
  return (
    <Stack gap="md" data-testid="patent-report" lang={content.language}>
      <Section
        title={t('patents.report.title', { kind: t(`patents.report.kinds.${content.kind}`) })}
        actions={
          canExport && (
            <Group gap="xs">
              {(['ja', 'en'] as const).map((lang) => (
                <Button
                  key={lang}
                  component="a"
                  href={exportPath(engagementId, deliverableId, version, 'pdf', lang)}
                  download
                  size="xs"
                  variant="default"
                  leftSection={<IconFileTypePdf size={14} />}
                >
                  {t('patents.report.pdf', { lang: lang === 'ja' ? '日本語' : 'English' })}
                </Button>
              ))}
              <Button
                component="a"
                href={exportPath(engagementId, deliverableId, version, 'xlsx', content.language)}
                download
                size="xs"
                variant="default"
                leftSection={<IconFileSpreadsheet size={14} />}
              >
                {t('patents.report.xlsx')}
              </Button>
            </Group>
          )
        }
      >
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <Fact label={t('patents.report.reportDate')}>{f.date(content.reportDate)}</Fact>
          <Fact label={t('patents.report.searchDate')}>{f.date(content.scope.searchDate)}</Fact>
          <Fact label={t('patents.report.countries')}>{content.scope.countries.join(', ') || '—'}</Fact>
          <Fact label={t('patents.report.corpora')}>{[...content.scope.corpora, ...content.scope.databases].join(', ') || '—'}</Fact>
          {content.subject.patent && <Fact label={t('patents.report.subjectPatent')}>{content.subject.patent}</Fact>}
          {content.subject.priorityDate && <Fact label={t('patents.report.priorityDate')}>{f.date(content.subject.priorityDate)}</Fact>}
        </SimpleGrid>
        <Fact label={t('patents.report.purpose')}>{content.purpose}</Fact>
        {content.subject.invention && <Fact label={t('patents.report.invention')}>{content.subject.invention}</Fact>}
      </Section>

      <Section title={t('patents.report.stepsTitle')}>
        <Table aria-label={t('patents.report.stepsTitle')} withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('patents.saved.label')}</Table.Th>
              <Table.Th>{t('patents.saved.formula')}</Table.Th>
              <Table.Th>{t('patents.search.corpus')}</Table.Th>
              <Table.Th>{t('patents.saved.filters')}</Table.Th>
              <Table.Th>{t('patents.saved.hitCount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {content.steps.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: steps are numbered by their place.
              <Table.Tr key={i}>
                <Table.Td>S{i + 1}</Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {s.formula}
                  </Text>
                </Table.Td>
                <Table.Td>{s.corpus}</Table.Td>
                <Table.Td>
                  <Text size="xs">{stepFiltersText(t, s, f.date)}</Text>
                </Table.Td>
                <Table.Td>{s.hits ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {content.screening.length > 0 && (
          <Stack gap={2}>
            <Text size="xs" c="dimmed">
              {t('patents.report.screening')}
            </Text>
            <List size="sm">
              {content.screening.map((c) => (
                <List.Item key={c}>{c}</List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Section>

      <Section title={t('patents.report.resultsTitle')}>
        <Table aria-label={t('patents.report.resultsTitle')} withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('patents.report.category')}</Table.Th>
              <Table.Th>{t('patents.report.number')}</Table.Th>
              <Table.Th>{t('patents.report.reason')}</Table.Th>
              <Table.Th>{t('patents.report.claims')}</Table.Th>
              <Table.Th>{t('patents.report.dates')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {content.results.map((r) => (
              <Table.Tr key={r.number}>
                <Table.Td>
                  <Badge color={r.category === 'X' ? 'red' : r.category === 'Y' ? 'orange' : 'gray'}>{r.category}</Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {r.number}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {r.title}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.reason}</Text>
                </Table.Td>
                <Table.Td>{r.claims.join(', ')}</Table.Td>
                <Table.Td>
                  <Text size="xs">
                    {t('patents.search.published', { date: f.date(r.publicationDate) })}
                    {r.legalStatus ? ` · ${t(`patents.patent.legal.${r.legalStatus}`)}` : ''}
                    {r.expectedExpiry ? ` · ${t('patents.patent.expiry', { date: f.date(r.expectedExpiry) })}` : ''}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>

      {content.charts.length > 0 && (
        <Section title={t('patents.report.chartsTitle')}>
          <Stack gap="md">
            {content.charts.map((chart) => (
              <ChartTable key={chart.key} chart={chart} />
            ))}
          </Stack>
        </Section>
      )}

      <Section title={t('patents.report.findingsTitle')}>
        <Fact label={t('patents.report.findings')}>{content.findings}</Fact>
        <Fact label={t('patents.report.limits')}>{content.limits}</Fact>
        <Alert color="gray" variant="light" title={t('patents.report.noticeTitle')}>
          <Text size="sm">{t('patents.report.notice')}</Text>
        </Alert>
      </Section>
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </Stack>
  );
}

/** A claim chart as read: each cell's judgement (the analyst's, else the tool's marked as suggested) and the passage it rests on. */
function ChartTable({ chart }: { chart: ClaimChart }) {
  const { t } = useTranslation();
  const title = chart.claim.patent
    ? t('patents.chart.title', { patent: chart.claim.patent, claim: chart.claim.number ?? '' })
    : t('patents.chart.titleText', { key: chart.key });
  const place = (kind: string, ref: string) =>
    kind === 'abstract'
      ? t('patents.search.field.abstract')
      : kind === 'claim'
        ? t('patents.search.field.claims', { ref })
        : t('patents.search.field.description', { ref });
  return (
    <Stack gap={4}>
      <Title order={4} size="h6">
        {title}
      </Title>
      <Table withTableBorder withColumnBorders aria-label={t('patents.chart.table', { title })}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('patents.chart.element')}</Table.Th>
            {chart.documents.map((d) => (
              <Table.Th key={d.number}>{d.number}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {chart.elements.map((el) => (
            <Table.Tr key={el.label}>
              <Table.Td>
                <Text size="sm">
                  <Text span fw={700} mr={4}>
                    {el.label}
                  </Text>
                  {el.text}
                </Text>
              </Table.Td>
              {chart.documents.map((d) => {
                const cell = chart.cells.find((c) => c.element === el.label && c.document === d.number);
                if (!cell)
                  return (
                    <Table.Td key={d.number}>
                      <Text size="xs" c="dimmed">
                        —
                      </Text>
                    </Table.Td>
                  );
                const judgement = cell.judgement ?? cell.suggestion.judgement;
                const excerpt = cell.passage
                  ? cell.suggestion.passages.find((p) => p.kind === cell.passage?.kind && p.ref === cell.passage?.ref)?.excerpt
                  : undefined;
                return (
                  <Table.Td key={d.number} data-cell={`${el.label} × ${d.number}`} data-judgement={cell.judgement ?? ''}>
                    <Stack gap={2}>
                      <Group gap={4}>
                        <Badge size="sm" color={judgementColors[judgement]} variant={cell.judgement ? 'filled' : 'outline'} tt="none">
                          {t(`patents.chart.judgement.${judgement}`)}
                        </Badge>
                        {cell.judgement === null && (
                          <Text size="xs" c="dimmed">
                            {t('patents.chart.onlySuggested')}
                          </Text>
                        )}
                      </Group>
                      {cell.passage && (
                        <Text size="xs" c="dimmed">
                          {place(cell.passage.kind, cell.passage.ref)}
                        </Text>
                      )}
                      {excerpt && (
                        <Text size="xs" lineClamp={4}>
                          {excerpt}
                        </Text>
                      )}
                      {cell.note && <Text size="xs">{cell.note}</Text>}
                    </Stack>
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
