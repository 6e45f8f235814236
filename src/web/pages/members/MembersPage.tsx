import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { membersApi, organizationsApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { canManageMembersOf } from '../../lib/access';
import { useActiveMembership } from '../../session/session';
import { NoAccessPage } from '../NoAccessPage';
import { InviteForm } from './InviteForm';
import { MembersTable } from './MembersTable';
import { PendingInvitations } from './PendingInvitations';
import type { ManagedOrg } from './types';

/** /members: the active organisation's members, for its admins. */
export function ActiveOrgMembersPage() {
  const membership = useActiveMembership();
  if (!membership || !canManageMembersOf(membership, membership.orgId)) return <NoAccessPage />;
  return <MembersAdmin org={{ id: membership.orgId, name: membership.orgName, kind: membership.orgKind }} />;
}

/** /organizations/:orgId/members: any organisation's members, for the operator's platform admins. */
export function OrgMembersPage() {
  const { orgId = '' } = useParams();
  const membership = useActiveMembership();
  const allowed = canManageMembersOf(membership, orgId);
  const org = useQuery({ queryKey: queryKeys.organization(orgId), queryFn: () => organizationsApi.get(orgId), enabled: allowed });
  if (!allowed) return <NoAccessPage />;
  if (org.isPending) return <Loading />;
  if (org.isError) return <ErrorAlert error={org.error} onRetry={() => void org.refetch()} />;
  return <MembersAdmin org={org.data} backToOrganizations={membership?.orgId !== orgId} />;
}

function MembersAdmin({ org, backToOrganizations = false }: { org: ManagedOrg; backToOrganizations?: boolean }) {
  const { t } = useTranslation();
  const members = useQuery({ queryKey: queryKeys.members(org.id), queryFn: () => membersApi.list(org.id) });
  return (
    <Stack gap="lg">
      {backToOrganizations && (
        <Anchor component={Link} to="/organizations" size="sm">
          <IconArrowLeft size={14} style={{ verticalAlign: 'middle' }} /> {t('members.backToOrganizations')}
        </Anchor>
      )}
      <PageHeader title={t('members.titleOf', { org: org.name })} intro={t('members.intro')} />
      <Paper withBorder p="lg">
        {members.isPending ? (
          <Loading />
        ) : members.isError ? (
          <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />
        ) : (
          <MembersTable org={org} members={members.data} />
        )}
      </Paper>
      <PendingInvitations org={org} />
      <Paper withBorder p="lg">
        <Stack maw={720}>
          <Stack gap={4}>
            <Title order={2} size="h4">
              {t('invite.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('invite.intro')}
            </Text>
          </Stack>
          <InviteForm org={org} />
        </Stack>
      </Paper>
    </Stack>
  );
}
