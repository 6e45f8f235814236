import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rubric, RubricInput } from '../../../shared/contracts/deliverables';
import { isApiError } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useTranslator } from '../../hooks/useTranslator';
import { can } from '../../lib/access';
import { criterionWords, latestByType, rubricName, weightPercent } from '../../lib/deliverables/rubric';
import { useActiveMembership } from '../../session/session';
import { useRubrics } from '../deliverables/hooks';
import { NoAccessPage } from '../NoAccessPage';
import { RubricEditor } from './RubricEditor';

const engagementTypes: readonly RubricInput['engagementType'][] = ['market_research', 'patent_research', 'financial_modeling', 'other'];

/**
 * The client organisation's rubric templates per engagement type. Any of its people may read them
 * (the server says whether this one may: a refusal is the no-access page); those with
 * `rubrics.manage` save new versions.
 */
export function RubricTemplatesPage() {
  const editable = can(useActiveMembership(), 'rubrics.manage');
  const rubrics = useRubrics();
  if (isApiError(rubrics.error) && rubrics.error.code === 'forbidden') return <NoAccessPage />;
  return <RubricTemplates editable={editable} rubrics={rubrics} />;
}

function RubricTemplates({ editable, rubrics }: { editable: boolean; rubrics: ReturnType<typeof useRubrics> }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const latest = latestByType(rubrics.data ?? []);
  const current = editing ? latest.get(editing) : undefined;
  return (
    <Stack gap="md" maw={1100}>
      <PageHeader title={t('deliverables.rubrics.title')} intro={t('deliverables.rubrics.intro')} />
      {!editable && (
        <Alert color="gray" variant="light">
          <Text size="sm">{t('deliverables.rubrics.readOnly')}</Text>
        </Alert>
      )}
      {rubrics.isPending ? (
        <Loading />
      ) : rubrics.isError ? (
        <ErrorAlert error={rubrics.error} onRetry={() => void rubrics.refetch()} />
      ) : current ? (
        <RubricEditor key={`${current.id}-${current.version}`} rubric={current} onDone={() => setEditing(null)} />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {engagementTypes.map((type) => {
            const r = latest.get(type);
            return r ? <RubricCard key={type} rubric={r} editable={editable} onEdit={() => setEditing(type)} /> : null;
          })}
        </SimpleGrid>
      )}
    </Stack>
  );
}

function RubricCard({ rubric, editable, onEdit }: { rubric: Rubric; editable: boolean; onEdit: () => void }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const type = tr.t(`engagementType.${rubric.engagementType}`);
  return (
    <Paper withBorder p="md" component="section" aria-label={type} data-testid="rubric-card" data-type={rubric.engagementType}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h5">
            {type}
          </Title>
          {editable && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPencil size={14} />}
              onClick={onEdit}
              aria-label={t('deliverables.rubrics.editName', { type })}
            >
              {t('deliverables.rubrics.edit')}
            </Button>
          )}
        </Group>
        <Group gap="xs">
          <Text size="sm" fw={600}>
            {rubricName(rubric, tr)}
          </Text>
          <Badge variant="light" color={rubric.orgId === null ? 'gray' : 'indigo'} tt="none">
            {rubric.orgId === null ? t('deliverables.rubrics.builtIn') : t('deliverables.rubrics.own')}
          </Badge>
          <Badge variant="outline" color="gray" tt="none">
            {t('deliverables.rubrics.versionOf', { version: rubric.version })}
          </Badge>
        </Group>
        <Stack gap={2}>
          {rubric.criteria.map((c) => (
            <Group key={c.key} justify="space-between" gap="xs">
              <Text size="sm">{criterionWords(rubric, c, tr).title}</Text>
              <Text size="sm" c="dimmed">
                {weightPercent(c.weight)} %
              </Text>
            </Group>
          ))}
        </Stack>
        <Text size="xs" c="dimmed">
          {t('deliverables.rubrics.levels')} {rubric.scale.min}–{rubric.scale.max}
        </Text>
      </Stack>
    </Paper>
  );
}
