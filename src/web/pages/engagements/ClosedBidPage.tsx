import { Alert, Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ClosedBidView } from '../../../shared/contracts/engagements';
import { proposalsApi } from '../../api/engagements';
import { queryKeys } from '../../api/queryKeys';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useFormatters } from '../../hooks/useFormatters';
import { BidOutcomeBadge } from './components/BidOutcomeBadge';
import { ProposalView } from './proposals/ProposalView';

/**
 * What a provider sees of an engagement once its bid is over without the award: the name it bid
 * on, the client, how and when the bid ended, and its own proposal. The engagement's life after
 * that (who won, its state, its figures) is no longer its business.
 */
export function ClosedBidPage({ bid }: { bid: ClosedBidView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const proposals = useQuery({ queryKey: queryKeys.engagementPart(bid.id, 'proposals'), queryFn: () => proposalsApi.list(bid.id) });
  const own = proposals.data?.[0] ?? null;
  return (
    <Stack gap="sm" maw={960}>
      <Anchor component={Link} to="/engagements" size="sm" w="fit-content">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('engagements.page.back')}
        </Group>
      </Anchor>
      <PageHeader
        title={bid.displayName}
        actions={
          <Group gap="xs">
            <BidOutcomeBadge outcome={bid.outcome} />
            <Badge variant="outline" color="gray" tt="none">
              {t(`engagementType.${bid.type}`)}
            </Badge>
          </Group>
        }
      />
      <Text size="sm" c="dimmed" mt={-12}>
        {t('engagements.page.clientIs', { client: bid.client.name })}
      </Text>
      <Alert color="gray" variant="light" title={t(`engagements.closedBid.title.${bid.outcome}`)}>
        <Text size="sm">{t(`engagements.closedBid.body.${bid.outcome}`, { date: format.date(bid.closedAt) })}</Text>
      </Alert>
      {proposals.isPending && <Loading />}
      {proposals.isError && <ErrorAlert error={proposals.error} onRetry={() => void proposals.refetch()} />}
      {proposals.isSuccess &&
        (own ? (
          <ProposalView proposal={own} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('engagements.proposals.noneOwn')}
          </Text>
        ))}
    </Stack>
  );
}
