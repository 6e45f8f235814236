import { Badge, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DeliverableContent } from '../../../shared/contracts/deliverables';
import type { SurveyDetail } from '../../../shared/contracts/market-research-api';
import { Section } from '../engagements/components/Section';
import { researchKeys, sizingsApi } from '../research/api';
import { surveyKeys, surveysApi } from '../surveys/api';
import { retryTransient } from '../surveys/hooks';
import { useWeightingOptions } from '../surveys/WeightingSelect';

type MarketResearchContent = Extract<DeliverableContent, { type: 'market_research' }>;

interface ResearchEvidenceViewProps {
  content: MarketResearchContent;
  /** Where the survey and sizings live; their names are looked up only with it (and `names`). */
  engagementId?: string | undefined;
  /** The viewer may read the engagement's surveys and sizings: their names are shown, else words saying they cannot be opened. */
  names?: boolean;
  /** The version shown, to name its tables for screen readers. */
  version?: number | undefined;
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </Stack>
  );
}

/** One list of the evidence under its heading: a table with a header row, or the words for none (`empty`). */
function EvidenceTable({
  title,
  empty,
  label,
  columns,
  children,
}: {
  title: string;
  empty: string | null;
  /** The table's name for screen readers. */
  label: string;
  columns: readonly string[];
  children: React.ReactNode;
}) {
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {title}
      </Text>
      {empty !== null ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Table aria-label={label} striped>
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c}>{c}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>{children}</Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/**
 * A weighting's name in the survey pages' words (`useWeightingOptions`) when the dataset is not at
 * hand: unweighted, the file's weights, or a saved weighting — still loading, or not to be read.
 */
export function useWeightingFallback(): (weighting: string, loading: boolean) => string {
  const { t } = useTranslation();
  return (w, loading) => {
    if (w === 'none') return t('surveys.weighting.none');
    if (w === 'file') return t('deliverables.evidence.weightingFile');
    return loading ? t('deliverables.evidence.loading') : t('deliverables.evidence.weightingSaved');
  };
}

/** A weighting's name as the survey pages' weighting picker words it. */
function WeightingName({ detail, value }: { detail: SurveyDetail; value: string }) {
  const options = useWeightingOptions(detail);
  const fallback = useWeightingFallback();
  return <>{options.find((o) => o.value === value)?.label ?? fallback(value, false)}</>;
}

/** A market-research version's evidence, read-only: the survey and its settings, the tables, the claims and the sizings quoted. */
export function ResearchEvidenceView({ content, engagementId, names = false, version }: ResearchEvidenceViewProps) {
  const { t } = useTranslation();
  const survey = content.survey;
  const lookUp = names && engagementId !== undefined;
  const detail = useQuery({
    queryKey: surveyKeys.detail(engagementId ?? '', survey?.id ?? '', survey?.version ?? null),
    queryFn: () => surveysApi.get(engagementId ?? '', survey?.id ?? '', survey?.version),
    enabled: lookUp && survey !== null,
    retry: retryTransient,
  });
  const sizings = useQuery({
    queryKey: researchKeys.sizings(engagementId ?? ''),
    queryFn: () => sizingsApi.list(engagementId ?? ''),
    enabled: lookUp && content.sizings.length > 0,
    retry: retryTransient,
  });
  const label = (key: 'tablesLabel' | 'claimsLabel' | 'sizingsLabel', fallback: string) =>
    version === undefined ? fallback : t(`deliverables.evidence.${key}`, { version });
  const weightingFallback = useWeightingFallback();
  const loading = t('deliverables.evidence.loading');
  const sectionTitle = (key: string | null) => (key === null ? '—' : (content.sections.find((s) => s.key === key)?.title ?? key));
  const tableTitle = (key: string) => content.tables.find((x) => x.key === key)?.title ?? key;
  const sizingTitle = (id: string) =>
    sizings.data?.find((s) => s.id === id)?.title ?? (sizings.isLoading ? loading : t('deliverables.evidence.sizingUnnamed'));
  return (
    <Section title={t('deliverables.evidence.title')}>
      <Stack gap="md" data-testid="research-evidence-view">
        {survey === null ? (
          <Text size="sm" c="dimmed">
            {t('deliverables.evidence.noSurvey')}
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Fact label={t('deliverables.evidence.readSurvey')}>
              {t('deliverables.evidence.readSurveyValue', {
                name: detail.data?.name ?? (detail.isLoading ? loading : t('deliverables.evidence.readSurveyUnnamed')),
                version: survey.version,
              })}
            </Fact>
            <Fact label={t('deliverables.evidence.readWeighting')}>
              {detail.data ? (
                <WeightingName detail={detail.data} value={survey.weighting} />
              ) : (
                weightingFallback(survey.weighting, detail.isLoading)
              )}
            </Fact>
            <Fact label={t('deliverables.evidence.readTests')}>
              {t('deliverables.evidence.readTestsValue', {
                alpha: survey.alpha,
                correction: t(`deliverables.evidence.correctionOption.${survey.correction}`),
              })}
            </Fact>
          </SimpleGrid>
        )}
        <EvidenceTable
          title={t('deliverables.evidence.tables')}
          empty={content.tables.length === 0 ? t('deliverables.evidence.noTables') : null}
          label={label('tablesLabel', t('deliverables.evidence.tables'))}
          columns={[
            t('deliverables.evidence.tableTitle'),
            t('deliverables.evidence.stub'),
            t('deliverables.evidence.banner'),
            t('deliverables.evidence.tableSection'),
            t('deliverables.evidence.bases'),
          ]}
        >
          {content.tables.map((x) => (
            <Table.Tr key={x.key}>
              <Table.Td>
                <Group gap={6}>
                  <Text size="sm">{x.title}</Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {x.key}
                  </Text>
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {x.stub}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {x.banner}
                </Text>
              </Table.Td>
              <Table.Td>{sectionTitle(x.section)}</Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={x.showsBase ? 'teal' : 'orange'}>
                  {x.showsBase ? t('deliverables.evidence.basesShown') : t('deliverables.evidence.basesHidden')}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </EvidenceTable>
        <EvidenceTable
          title={t('deliverables.evidence.claims')}
          empty={content.claims.length === 0 ? t('deliverables.evidence.noClaims') : null}
          label={label('claimsLabel', t('deliverables.evidence.claims'))}
          columns={[
            t('deliverables.evidence.claimTable'),
            t('deliverables.evidence.row'),
            t('deliverables.evidence.column'),
            t('deliverables.evidence.claimKind'),
            t('deliverables.evidence.than'),
            t('deliverables.evidence.claimSection'),
          ]}
        >
          {content.claims.map((c, i) => (
            // Claims have no key of their own; their order is the version's.
            // biome-ignore lint/suspicious/noArrayIndexKey: a submitted version never changes
            <Table.Tr key={i}>
              <Table.Td>{tableTitle(c.table)}</Table.Td>
              <Table.Td>{c.row}</Table.Td>
              <Table.Td>{c.column}</Table.Td>
              <Table.Td>{t(`deliverables.evidence.claimKindOption.${c.claim}`)}</Table.Td>
              <Table.Td>{c.than}</Table.Td>
              <Table.Td>{sectionTitle(c.section)}</Table.Td>
            </Table.Tr>
          ))}
        </EvidenceTable>
        <EvidenceTable
          title={t('deliverables.evidence.sizings')}
          empty={content.sizings.length === 0 ? t('deliverables.evidence.noSizingsQuoted') : null}
          label={label('sizingsLabel', t('deliverables.evidence.sizings'))}
          columns={[t('deliverables.evidence.sizing'), t('deliverables.evidence.sizingVersionColumn')]}
        >
          {content.sizings.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{sizingTitle(s.id)}</Table.Td>
              <Table.Td>{t('deliverables.evidence.versionValue', { version: s.version })}</Table.Td>
            </Table.Tr>
          ))}
        </EvidenceTable>
      </Stack>
    </Section>
  );
}
