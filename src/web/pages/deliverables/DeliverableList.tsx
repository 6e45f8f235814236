import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DeliverableView } from '../../../shared/contracts/deliverables';
import type { MilestoneView } from '../../../shared/contracts/engagements';
import { CheckBadge, DeliverableStatusBadge } from './badges';

interface DeliverableListProps {
  deliverables: readonly DeliverableView[];
  milestones: readonly Pick<MilestoneView, 'id' | 'title'>[];
  onOpen: (deliverableId: string) => void;
}

/** The deliverables, milestone by milestone: status, latest version, rework rounds against the SOW's maximum, checks. */
export function DeliverableList({ deliverables, milestones, onOpen }: DeliverableListProps) {
  const order = new Map(milestones.map((m, i) => [m.id, i]));
  const groups = [...new Set(deliverables.map((d) => d.milestoneId))]
    .sort((a, b) => (order.get(a) ?? Number.MAX_SAFE_INTEGER) - (order.get(b) ?? Number.MAX_SAFE_INTEGER))
    .map((milestoneId) => ({
      milestoneId,
      title: deliverables.find((d) => d.milestoneId === milestoneId)?.milestoneTitle ?? '',
      items: deliverables.filter((d) => d.milestoneId === milestoneId),
    }));
  return (
    <Stack gap="md">
      {groups.map((g) => (
        <MilestoneGroup key={g.milestoneId} title={g.title} items={g.items} onOpen={onOpen} />
      ))}
    </Stack>
  );
}

function MilestoneGroup({ title, items, onOpen }: { title: string; items: readonly DeliverableView[]; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const heading = t('deliverables.list.milestone', { title });
  return (
    <Stack gap={4}>
      <Title order={3} size="h6">
        {heading}
      </Title>
      <Table aria-label={t('deliverables.list.table', { milestone: title })} striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('deliverables.list.name')}</Table.Th>
            <Table.Th>{t('deliverables.list.typeColumn')}</Table.Th>
            <Table.Th>{t('deliverables.list.statusColumn')}</Table.Th>
            <Table.Th>{t('deliverables.list.versionColumn')}</Table.Th>
            <Table.Th>{t('deliverables.list.reworkColumn')}</Table.Th>
            <Table.Th>{t('deliverables.list.checksColumn')}</Table.Th>
            <Table.Th>{t('deliverables.list.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((d) => (
            <Table.Tr key={d.id} data-deliverable={d.title}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {d.title}
                </Text>
              </Table.Td>
              <Table.Td>{t(`deliverables.type.${d.type}`)}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <DeliverableStatusBadge status={d.status} />
                  {d.escalated && (
                    <Badge color="red" variant="filled" tt="none" size="sm">
                      {t('deliverables.list.escalated')}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                {d.latestVersion > 0 ? t('deliverables.versionLabel', { version: d.latestVersion }) : t('deliverables.list.notSubmitted')}
              </Table.Td>
              <Table.Td>
                <Text size="sm" {...(d.reworkRounds > d.maxReworkRounds && { c: 'red' })}>
                  {t('deliverables.list.rounds', { rounds: d.reworkRounds, max: d.maxReworkRounds })}
                </Text>
              </Table.Td>
              <Table.Td>{d.latestCheckStatus ? <CheckBadge status={d.latestCheckStatus} /> : t('common.none')}</Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => onOpen(d.id)}
                  aria-label={t('deliverables.list.openName', { title: d.title })}
                >
                  {t('deliverables.list.open')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
