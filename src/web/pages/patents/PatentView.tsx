import { Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PatentDocument } from '../../../shared/contracts/patents-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useFormatters } from '../../hooks/useFormatters';
import { Section } from '../engagements/components/Section';
import { retryTransient } from '../surveys/hooks';
import { patentKeys, patentsApi } from './api';

/** One patent as an analyst reads it: bibliographic data, the claims with their elements (構成要件 A, B, C…), the description by paragraph. */
export function PatentView({
  engagementId,
  corpusId,
  number,
  onBack,
}: {
  engagementId: string;
  corpusId: string;
  number: string;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const patent = useQuery({
    queryKey: patentKeys.patent(engagementId, corpusId, number),
    queryFn: () => patentsApi.patent(engagementId, corpusId, number),
    retry: retryTransient,
    staleTime: 5 * 60_000,
  });
  return (
    <Stack>
      <Group>
        <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
          {t('patents.patent.back')}
        </Button>
      </Group>
      {patent.isPending ? (
        <Loading />
      ) : patent.isError ? (
        <ErrorAlert error={patent.error} onRetry={() => void patent.refetch()} />
      ) : (
        <PatentBody patent={patent.data} />
      )}
    </Stack>
  );
}

function PatentBody({ patent }: { patent: PatentDocument }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const dates: [string, string | null][] = [
    [t('patents.patent.priority'), patent.dates.priority],
    [t('patents.patent.filing'), patent.dates.filing],
    [t('patents.patent.publication'), patent.dates.publication],
    [t('patents.patent.grant'), patent.dates.grant],
  ];
  const codes = [...patent.classifications.cpc, ...patent.classifications.ipc, ...patent.classifications.fi];
  return (
    <Stack lang={patent.language}>
      <Title order={2} size="h3">
        {patent.number} — {patent.title}
      </Title>
      <Group gap="xs">
        <Badge color={patent.legalStatus.status === 'alive' ? 'green' : patent.legalStatus.status === 'pending' ? 'blue' : 'gray'}>
          {t(`patents.patent.legal.${patent.legalStatus.status}`)}
        </Badge>
        {patent.legalStatus.expectedExpiry && (
          <Text size="sm" c="dimmed">
            {t('patents.patent.expiry', { date: format.date(patent.legalStatus.expectedExpiry) })}
          </Text>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Paper withBorder p="sm">
          <Text size="xs" fw={600} mb={4}>
            {t('patents.patent.dates')}
          </Text>
          {dates
            .filter(([, d]) => d)
            .map(([label, d]) => (
              <Text size="sm" key={label}>
                {label}: {format.date(d as string)}
              </Text>
            ))}
        </Paper>
        <Paper withBorder p="sm">
          <Text size="xs" fw={600} mb={4}>
            {t('patents.patent.assignees')}
          </Text>
          <Text size="sm">{patent.assignees.join(', ') || '—'}</Text>
          <Text size="xs" fw={600} mt="xs" mb={4}>
            {t('patents.patent.inventors')}
          </Text>
          <Text size="sm">{patent.inventors.join(', ') || '—'}</Text>
        </Paper>
        <Paper withBorder p="sm">
          <Text size="xs" fw={600} mb={4}>
            {t('patents.patent.classifications')}
          </Text>
          <Group gap={4}>
            {codes.map((c) => (
              <Badge key={c} variant="outline" size="sm" tt="none">
                {c}
              </Badge>
            ))}
          </Group>
        </Paper>
      </SimpleGrid>
      <Section title={t('patents.patent.abstract')}>
        <Text size="sm">{patent.abstract}</Text>
      </Section>
      <Section title={t('patents.patent.claims')}>
        <Stack gap="md">
          {patent.claims.map((claim) => (
            <Stack gap={4} key={claim.number} id={`claim-${claim.number}`}>
              <Group gap="xs">
                <Text fw={600} size="sm">
                  {t('patents.search.field.claims', { ref: claim.number })}
                </Text>
                {claim.independent ? (
                  <Badge size="xs">{t('patents.patent.independent')}</Badge>
                ) : (
                  <Text size="xs" c="dimmed">
                    {t('patents.patent.dependsOn', { claims: claim.dependsOn.join(', ') })}
                  </Text>
                )}
              </Group>
              {claim.elements.length > 1 ? (
                <Table withTableBorder aria-label={`${t('patents.patent.elements')} ${claim.number}`}>
                  <Table.Tbody>
                    {claim.elements.map((el) => (
                      <Table.Tr key={el.label}>
                        <Table.Td w={40} fw={600}>
                          {el.label}
                        </Table.Td>
                        <Table.Td>{el.text}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : (
                <Text size="sm">{claim.text}</Text>
              )}
            </Stack>
          ))}
        </Stack>
      </Section>
      {patent.paragraphs.length > 0 && (
        <Section title={t('patents.patent.description')}>
          <Stack gap="xs">
            {patent.paragraphs.map((p) => (
              <Text size="sm" key={p.index} id={`paragraph-${p.id}`}>
                <Text span c="dimmed" mr={6}>
                  [{p.id}]
                </Text>
                {p.text}
              </Text>
            ))}
          </Stack>
        </Section>
      )}
      <Section title={t('patents.patent.citations')}>
        {patent.citations.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('patents.patent.noCitations')}
          </Text>
        ) : (
          <Stack gap={2}>
            {patent.citations.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a patent's citations never move.
              <Text size="sm" key={i}>
                {c.number ?? c.text}
                {c.category && (
                  <Text span size="xs" c="dimmed" ml={6}>
                    {t(`patents.patent.citedBy.${c.category}`)}
                  </Text>
                )}
              </Text>
            ))}
          </Stack>
        )}
      </Section>
    </Stack>
  );
}
