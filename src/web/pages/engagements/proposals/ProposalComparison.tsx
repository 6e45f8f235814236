import { Alert, Badge, Button, Spoiler, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAward } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngagementView, ProposalView } from '../../../../shared/contracts/engagements';
import { proposalsApi } from '../../../api/engagements';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useFormatters } from '../../../hooks/useFormatters';
import { may } from '../../../lib/engagements/lifecycle';
import { ActionError } from '../components/ActionError';
import { FeeSummary } from '../components/FeeSummary';
import { MilestoneList } from '../components/MilestoneList';
import { useEngagementChanged } from '../hooks';
import { ProposalStatusBadge } from './ProposalStatusBadge';
import { TeamTable } from './ProposalView';

/** The client's side-by-side view of the proposals submitted, with the award. */
export function ProposalComparison({ engagement, proposals }: { engagement: EngagementView; proposals: ProposalView[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const changed = useEngagementChanged(engagement.id);
  const [awarding, setAwarding] = useState<ProposalView | null>(null);
  const award = useMutation({
    mutationFn: (p: ProposalView) => proposalsApi.award(engagement.id, p.id, engagement.version),
    onSuccess: async (view, p) => {
      setAwarding(null);
      await changed(view);
      notifications.show({ color: 'teal', message: t('engagements.proposals.awarded', { provider: p.provider.name }) });
    },
  });
  const waiting = engagement.invitedProviders.filter((i) => i.status === 'invited');
  const lowest = Math.min(...proposals.filter((p) => p.status === 'submitted').map((p) => p.feeEstimate.amount));
  const mayAward = may(engagement, 'proposal.award');

  if (proposals.length === 0) {
    return (
      <Alert color="gray" variant="light">
        {t('engagements.proposals.noneYet', { count: waiting.length })}
      </Alert>
    );
  }

  const row = (label: string, cell: (p: ProposalView) => ReactNode) => (
    <Table.Tr>
      <Table.Th scope="row" w={160} style={{ verticalAlign: 'top' }}>
        <Text size="sm" fw={600}>
          {label}
        </Text>
      </Table.Th>
      {proposals.map((p) => (
        <Table.Td key={p.id} style={{ verticalAlign: 'top' }}>
          {cell(p)}
        </Table.Td>
      ))}
    </Table.Tr>
  );

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('engagements.proposals.compareIntro')}
      </Text>
      {waiting.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('engagements.proposals.stillWaiting', { names: waiting.map((w) => w.name).join('、') })}
        </Text>
      )}
      <ActionError error={award.error} engagementId={engagement.id} onReloaded={award.reset} />
      <Table.ScrollContainer minWidth={320 + proposals.length * 300}>
        <Table
          withTableBorder
          withColumnBorders
          verticalSpacing="sm"
          aria-label={t('engagements.proposals.comparison')}
          data-testid="proposal-comparison"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              {proposals.map((p) => (
                <Table.Th key={p.id} scope="col">
                  <Stack gap={4}>
                    <Text fw={700}>{p.provider.name}</Text>
                    <ProposalStatusBadge status={p.status} />
                  </Stack>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {row(t('engagements.proposals.feeEstimate'), (p) => (
              <Stack gap={4}>
                <Text fw={700}>{format.money(p.feeEstimate)}</Text>
                {p.feeEstimate.amount === lowest && proposals.length > 1 && (
                  <Badge color="teal" variant="light" size="sm" tt="none" w="fit-content">
                    {t('engagements.proposals.lowest')}
                  </Badge>
                )}
                {engagement.budget && engagement.budget.amount > 0 && (
                  <Text size="xs" c={p.feeEstimate.amount > engagement.budget.amount ? 'red' : 'dimmed'}>
                    {t('engagements.proposals.ofBudget', { pct: Math.round((p.feeEstimate.amount / engagement.budget.amount) * 100) })}
                  </Text>
                )}
              </Stack>
            ))}
            {row(t('engagements.proposals.fee'), (p) => (
              <FeeSummary fee={p.content.fee} />
            ))}
            {row(t('engagements.proposals.milestones'), (p) => (
              <MilestoneList milestones={p.content.milestones} />
            ))}
            {row(t('engagements.proposals.team'), (p) => (
              <TeamTable team={p.content.team} />
            ))}
            {row(t('engagements.proposals.cadence'), (p) => (
              <Text size="sm">{t('engagements.proposals.everyDays', { count: p.content.cadenceDays })}</Text>
            ))}
            {row(t('engagements.proposals.approach'), (p) => (
              <Spoiler maxHeight={96} showLabel={t('engagements.proposals.more')} hideLabel={t('engagements.proposals.less')}>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {p.content.approach || t('common.none')}
                </Text>
              </Spoiler>
            ))}
            {row(t('engagements.proposals.assumptions'), (p) => (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {p.content.assumptions || t('common.none')}
              </Text>
            ))}
            {row(t('engagements.proposals.submittedAt'), (p) => (
              <Text size="sm">{p.submittedAt ? format.dateTime(p.submittedAt) : t('common.none')}</Text>
            ))}
            {mayAward &&
              row('', (p) =>
                p.status === 'submitted' ? (
                  <Button
                    leftSection={<IconAward size={16} />}
                    onClick={() => setAwarding(p)}
                    aria-label={t('engagements.proposals.awardTo', { provider: p.provider.name })}
                  >
                    {t('engagements.proposals.award')}
                  </Button>
                ) : null,
              )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <AwardDialog
        proposal={awarding}
        pending={award.isPending}
        error={award.error}
        onConfirm={(p) => award.mutate(p)}
        onCancel={() => setAwarding(null)}
      />
    </Stack>
  );
}

function AwardDialog(props: {
  proposal: ProposalView | null;
  pending: boolean;
  error: unknown;
  onConfirm: (p: ProposalView) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const name = props.proposal?.provider.name ?? '';
  return (
    <ConfirmDialog
      opened={props.proposal !== null}
      title={t('engagements.proposals.awardTitle', { provider: name })}
      body={t('engagements.proposals.awardBody', { provider: name })}
      confirmLabel={t('engagements.proposals.award')}
      onConfirm={() => props.proposal && props.onConfirm(props.proposal)}
      onCancel={props.onCancel}
      pending={props.pending}
      error={props.error}
      confirmColor="indigo"
    />
  );
}
