import { Alert, Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EngagementView } from '../../../shared/contracts/engagements';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useFormatters } from '../../hooks/useFormatters';
import { useLocale } from '../../hooks/useLocale';
import { mayCreateModels } from '../../lib/financial-models/access';
import { formatPerShare } from '../../lib/financial-models/numbers';
import { modelPath } from '../../lib/financial-models/paths';
import { Section } from '../engagements/components/Section';
import { CheckStatusBadge } from './CheckStatusBadge';
import { useModels } from './hooks';
import { NewModelModal } from './NewModelModal';
import { ShareBadge } from './SharingPanel';

/** The models of a financial-modeling engagement: their latest versions at a glance, and a new one for the provider's team. */
export function ModelsTab({ engagement }: { engagement: EngagementView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const locale = useLocale();
  const models = useModels(engagement.id);
  const [creating, setCreating] = useState(false);
  const canCreate = mayCreateModels(engagement);

  const newButton = canCreate && (
    <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setCreating(true)}>
      {t('models.list.newModel')}
    </Button>
  );

  return (
    <Stack gap="md">
      <Section title={t('models.list.title')} actions={newButton}>
        <Text size="sm" c="dimmed">
          {t('models.list.intro')}
        </Text>
        {models.isPending ? (
          <Loading />
        ) : models.isError ? (
          <ErrorAlert error={models.error} onRetry={() => void models.refetch()} />
        ) : models.data.length === 0 ? (
          <Alert color="gray" variant="light" title={t('models.list.empty')}>
            {canCreate ? t('models.list.emptyEditor') : t('models.list.emptyReader')}
          </Alert>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" highlightOnHover aria-label={t('models.list.table')} data-testid="models-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('models.list.name')}</Table.Th>
                  <Table.Th>{t('models.list.latest')}</Table.Th>
                  <Table.Th ta="right">{t('models.list.valuePerShare')}</Table.Th>
                  <Table.Th>{t('models.list.checks')}</Table.Th>
                  <Table.Th>{t('models.list.saved')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {models.data.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      <Anchor component={Link} to={modelPath(engagement.id, m.id)} fw={600} size="sm">
                        {m.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        <Text size="sm">{t('models.version', { version: m.latestVersion })}</Text>
                        {m.latest.sharedAt === null && <ShareBadge version={m.latest} />}
                      </Group>
                      {m.latest.note && (
                        <Text size="xs" c="dimmed" lineClamp={1} maw={280}>
                          {m.latest.note}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {formatPerShare(m.latest.valuePerShare, m.currency, locale)}
                    </Table.Td>
                    <Table.Td>
                      <CheckStatusBadge status={m.latest.checkStatus} size="sm" />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {t('models.list.savedBy', { name: m.latest.savedBy.displayName, at: format.dateTime(m.latest.savedAt) })}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
      {canCreate && (
        <NewModelModal opened={creating} onClose={() => setCreating(false)} engagementId={engagement.id} models={models.data ?? []} />
      )}
    </Stack>
  );
}
