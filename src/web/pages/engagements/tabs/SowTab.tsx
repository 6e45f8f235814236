import { Accordion, Alert, Badge, Button, Group, type MantineColor, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconClock, IconEdit } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngagementView, Side, SowVersionView } from '../../../../shared/contracts/engagements';
import { sowApi } from '../../../api/engagements';
import { queryKeys } from '../../../api/queryKeys';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { useFormatters } from '../../../hooks/useFormatters';
import { may } from '../../../lib/engagements/lifecycle';
import { sowDiff } from '../../../lib/engagements/sowDiff';
import { ActionError } from '../components/ActionError';
import { useEngagementChanged } from '../hooks';
import { SowContentView } from '../sow/SowContentView';
import { SowDiffView } from '../sow/SowDiffView';
import { SowReviseForm } from '../sow/SowReviseForm';

const statusColors: Record<SowVersionView['status'], MantineColor> = { pending_approval: 'orange', approved: 'teal', superseded: 'gray' };

export function SowStatusBadge({ status }: { status: SowVersionView['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColors[status]} variant="light" tt="none">
      {t(`sowStatus.${status}`)}
    </Badge>
  );
}

/** The statement of work: the version in force with both sides' approvals, its history, and revisions before approval. */
export function SowTab({ engagement }: { engagement: EngagementView }) {
  const { t } = useTranslation();
  const [revising, setRevising] = useState(false);
  const sow = useQuery({ queryKey: queryKeys.engagementPart(engagement.id, 'sow'), queryFn: () => sowApi.get(engagement.id) });
  if (sow.isPending) return <Loading />;
  if (sow.isError) return <ErrorAlert error={sow.error} onRetry={() => void sow.refetch()} />;
  const { current, versions } = sow.data;
  if (!current) return <Alert color="gray">{t('engagements.sow.none')}</Alert>;

  return (
    <Stack gap="md">
      {revising ? (
        <SowReviseForm engagementId={engagement.id} current={current} onDone={() => setRevising(false)} />
      ) : (
        <Paper withBorder p="md" data-testid="sow-current">
          <Stack gap="md">
            <Group justify="space-between">
              <Group gap="xs">
                <Title order={2} size="h4">
                  {t('engagements.sow.version', { version: current.version })}
                </Title>
                <SowStatusBadge status={current.status} />
              </Group>
              {may(engagement, 'sow.revise') && (
                <Button variant="light" size="xs" leftSection={<IconEdit size={14} />} onClick={() => setRevising(true)}>
                  {t('engagements.sow.revise')}
                </Button>
              )}
            </Group>
            <Approvals engagement={engagement} current={current} />
            <SowContentView content={current.content} />
          </Stack>
        </Paper>
      )}
      <History versions={versions} />
    </Stack>
  );
}

function Approvals({ engagement, current }: { engagement: EngagementView; current: SowVersionView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const queryClient = useQueryClient();
  const changed = useEngagementChanged(engagement.id);
  const approve = useMutation({
    mutationFn: () => sowApi.approve(engagement.id, current.version),
    onSuccess: async (sow) => {
      queryClient.setQueryData(queryKeys.engagementPart(engagement.id, 'sow'), sow);
      await changed();
      notifications.show({ color: 'teal', message: t('engagements.sow.approvedNotice', { version: current.version }) });
    },
  });
  const approval = (side: Side) => {
    const a = side === 'client' ? current.clientApproval : current.providerApproval;
    return (
      <Paper withBorder p="sm" key={side} bg={a ? 'teal.0' : 'white'} data-testid={`sow-approval-${side}`}>
        <Group gap="xs" wrap="nowrap">
          {a ? <IconCheck size={18} color="var(--mantine-color-teal-7)" /> : <IconClock size={18} color="var(--mantine-color-orange-7)" />}
          <Stack gap={0}>
            <Text size="sm" fw={600}>
              {t(`engagements.sow.approvalOf.${side}`)}
            </Text>
            <Text size="xs" c="dimmed">
              {a ? t('engagements.sow.approvedBy', { name: a.by.displayName, at: format.dateTime(a.at) }) : t('engagements.sow.awaiting')}
            </Text>
          </Stack>
        </Group>
      </Paper>
    );
  };
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>{(['client', 'provider'] as const).map(approval)}</SimpleGrid>
      <ActionError error={approve.error} engagementId={engagement.id} onReloaded={approve.reset} />
      {may(engagement, 'sow.approve') && (
        <Group>
          <Button leftSection={<IconCheck size={16} />} onClick={() => approve.mutate()} loading={approve.isPending}>
            {t('engagements.sow.approve', { version: current.version })}
          </Button>
          <Text size="xs" c="dimmed">
            {t('engagements.sow.approveHint')}
          </Text>
        </Group>
      )}
      {current.status === 'approved' && engagement.status === 'contracted' && (
        <Text size="sm" c="teal.8">
          {t('engagements.sow.readyToStart')}
        </Text>
      )}
    </Stack>
  );
}

function History({ versions }: { versions: SowVersionView[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  // Newest first; each is compared with the one before it.
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h5">
          {t('engagements.sow.history')}
        </Title>
        <Accordion variant="separated" multiple defaultValue={versions[0] ? [String(versions[0].version)] : []}>
          {versions.map((v, i) => {
            const previous = versions[i + 1];
            return (
              <Accordion.Item key={v.version} value={String(v.version)}>
                <Accordion.Control>
                  <Group gap="xs">
                    <Text size="sm" fw={600}>
                      {t('engagements.sow.version', { version: v.version })}
                    </Text>
                    <SowStatusBadge status={v.status} />
                    <Text size="xs" c="dimmed">
                      {t(`sowReason.${v.reason}`)} · {v.createdBy.displayName} · {format.dateTime(v.createdAt)}
                    </Text>
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  {previous ? (
                    <Stack gap="xs">
                      <Text size="xs" c="dimmed">
                        {t('engagements.sow.comparedWith', { version: previous.version })}
                      </Text>
                      <SowDiffView changes={sowDiff(previous.content, v.content)} />
                    </Stack>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('engagements.sow.firstVersion')}
                    </Text>
                  )}
                </Accordion.Panel>
              </Accordion.Item>
            );
          })}
        </Accordion>
      </Stack>
    </Paper>
  );
}
