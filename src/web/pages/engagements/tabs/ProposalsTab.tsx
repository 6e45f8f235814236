import { Alert, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EngagementView } from '../../../../shared/contracts/engagements';
import type { ProviderProposalView } from '../../../../shared/contracts/staffing';
import { proposalsApi } from '../../../api/engagements';
import { queryKeys } from '../../../api/queryKeys';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { may } from '../../../lib/engagements/lifecycle';
import { ProposalComparison } from '../proposals/ProposalComparison';
import { ProposalEditor } from '../proposals/ProposalEditor';
import { ProposalView } from '../proposals/ProposalView';
import { StaffingOutcome } from '../proposals/StaffingEditor';

/** The client compares every submitted proposal; a provider writes (or reads back) its own. */
export function ProposalsTab({ engagement }: { engagement: EngagementView }) {
  const { t } = useTranslation();
  const proposals = useQuery({
    queryKey: queryKeys.engagementPart(engagement.id, 'proposals'),
    queryFn: () => proposalsApi.list(engagement.id),
  });
  if (proposals.isPending) return <Loading />;
  if (proposals.isError) return <ErrorAlert error={proposals.error} onRetry={() => void proposals.refetch()} />;

  if (engagement.viewerSide === 'client') return <ProposalComparison engagement={engagement} proposals={proposals.data} />;

  const own = proposals.data[0] ?? null;
  if (may(engagement, 'proposal.write')) return <ProposalEditor engagement={engagement} proposal={own} />;
  return (
    <Stack>
      {own ? (
        <>
          <ProposalView proposal={own} />
          {'staffing' in own && <StaffingOutcome engagementId={engagement.id} staffing={(own as ProviderProposalView).staffing} />}
        </>
      ) : (
        <Alert color="gray" variant="light">
          <Text size="sm">{t('engagements.proposals.noneOwn')}</Text>
        </Alert>
      )}
    </Stack>
  );
}
