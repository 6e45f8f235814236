import { Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProposalView as Proposal } from '../../../../shared/contracts/engagements';
import { useFormatters } from '../../../hooks/useFormatters';
import { FeeSummary } from '../components/FeeSummary';
import { Field } from '../components/Field';
import { MilestoneList } from '../components/MilestoneList';
import { ProposalStatusBadge } from './ProposalStatusBadge';

/** One proposal, read only (the provider's own, once bidding has closed for it). */
export function ProposalView({ proposal: p }: { proposal: Proposal }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h5">
            {t('engagements.proposals.yours')}
          </Title>
          <ProposalStatusBadge status={p.status} />
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Field label={t('engagements.proposals.feeEstimate')}>{format.money(p.feeEstimate)}</Field>
          <Field label={t('engagements.proposals.cadence')}>{t('engagements.proposals.everyDays', { count: p.content.cadenceDays })}</Field>
          <Field label={t('engagements.proposals.submittedAt')}>{p.submittedAt ? format.dateTime(p.submittedAt) : t('common.none')}</Field>
        </SimpleGrid>
        <Field label={t('engagements.proposals.fee')}>
          <FeeSummary fee={p.content.fee} />
        </Field>
        <Field label={t('engagements.proposals.milestones')}>
          <MilestoneList milestones={p.content.milestones} />
        </Field>
        <Field label={t('engagements.proposals.team')}>
          <TeamTable team={p.content.team} />
        </Field>
        <Field label={t('engagements.proposals.approach')}>{p.content.approach || t('common.none')}</Field>
        <Field label={t('engagements.proposals.assumptions')}>{p.content.assumptions || t('common.none')}</Field>
      </Stack>
    </Paper>
  );
}

export function TeamTable({ team }: { team: Proposal['content']['team'] }) {
  const { t } = useTranslation();
  if (team.length === 0) return <Text size="sm">{t('common.none')}</Text>;
  return (
    <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing={4}>
      <Table.Tbody>
        {team.map((m, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: team lines have no identity but their place
          <Table.Tr key={i}>
            <Table.Td>
              <Text size="sm">{m.role}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{m.name ?? t('common.none')}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="xs" c="dimmed">
                {m.hoursPerWeek === null ? '' : t('engagements.proposals.hoursPerWeek', { hours: m.hoursPerWeek })}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
