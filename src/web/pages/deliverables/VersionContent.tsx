import { Anchor, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DeliverableContent } from '../../../shared/contracts/deliverables';
import { modelPath } from '../../lib/financial-models/paths';
import { Section } from '../engagements/components/Section';
import { PatentReportView } from '../patents/PatentReportView';
import { RoleBadge } from './badges';
import { ResearchEvidenceView } from './ResearchEvidenceView';

interface VersionContentProps {
  content: DeliverableContent;
  /** The vault documents the version names, to show a reference's document by name. */
  documents?: readonly { id: string; name: string }[];
  /** The engagement the content belongs to: a financial model links to its workbench only then. */
  engagementId?: string;
  /** Names the references table (each version's has its own name on the page). */
  referencesLabel: string;
  /** The version shown: names a market-research report's evidence tables. */
  version?: number;
  /** The viewer may read the engagement's surveys and sizings (`survey.read`): the evidence shows their names. */
  researchNames?: boolean;
  /** The deliverable the content is a version of: a patent report links to its exports only then. */
  deliverableId?: string;
}

/** What a version says: its model (for a financial model) or its survey evidence (market research), its sections and its references. */
export function VersionContent({
  content,
  documents = [],
  engagementId,
  referencesLabel,
  version,
  researchNames = false,
  deliverableId,
}: VersionContentProps) {
  const { t } = useTranslation();
  const refTitle = (id: string) => content.references.find((r) => r.id === id)?.title ?? id;
  return (
    <>
      {content.type === 'financial_model' && (
        <Section title={t('deliverables.version.model')}>
          <Group gap="sm">
            <Text size="sm">{t('deliverables.version.modelValue', { version: content.model.version })}</Text>
            {engagementId && (
              <Anchor component={Link} to={modelPath(engagementId, content.model.id, content.model.version)} size="sm">
                {t('deliverables.version.openModel')}
              </Anchor>
            )}
          </Group>
        </Section>
      )}
      {content.type === 'market_research' && (
        <ResearchEvidenceView content={content} engagementId={engagementId} names={researchNames} version={version} />
      )}
      {content.type === 'patent_research' && (
        <PatentReportView content={content} engagementId={engagementId} deliverableId={deliverableId} version={version} />
      )}
      <Section title={t('deliverables.version.sections')}>
        {content.sections.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('deliverables.version.noSections')}
          </Text>
        ) : (
          <Stack gap="md">
            {content.sections.map((s) => (
              <Stack key={s.key} gap={4} data-section={s.key}>
                <Group gap="xs">
                  <Title order={3} size="h6">
                    {s.title}
                  </Title>
                  <RoleBadge role={s.role} />
                </Group>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {s.body}
                </Text>
                {s.citations.length > 0 && (
                  <Group gap={4}>
                    <Text size="xs" c="dimmed">
                      {t('deliverables.version.cites')}
                    </Text>
                    {s.citations.map((c) => (
                      <Badge key={c} size="xs" variant="light" color="gray" tt="none">
                        {refTitle(c)}
                      </Badge>
                    ))}
                  </Group>
                )}
              </Stack>
            ))}
          </Stack>
        )}
      </Section>
      <Section title={t('deliverables.version.references')}>
        {content.references.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('deliverables.version.noReferences')}
          </Text>
        ) : (
          <Table aria-label={referencesLabel} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('deliverables.version.refId')}</Table.Th>
                <Table.Th>{t('deliverables.version.refTitle')}</Table.Th>
                <Table.Th>{t('deliverables.version.refWhere')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {content.references.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Text size="xs" ff="monospace">
                      {r.id}
                    </Text>
                  </Table.Td>
                  <Table.Td>{r.title}</Table.Td>
                  <Table.Td>
                    <Stack gap={0}>
                      {r.documentId && (
                        <Text size="sm">
                          {t('deliverables.version.refDocument', {
                            name: documents.find((d) => d.id === r.documentId)?.name ?? t('deliverables.version.refDocumentUnnamed'),
                          })}
                        </Text>
                      )}
                      {r.url && (
                        <Anchor href={r.url} target="_blank" rel="noreferrer noopener" size="sm">
                          {r.url}
                        </Anchor>
                      )}
                      {r.locator && (
                        <Text size="xs" c="dimmed">
                          {r.locator}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
    </>
  );
}
