import { Button, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvitationView } from '../../../shared/contracts/identity';
import { invitationsApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { RoleBadges } from '../../components/RoleBadges';
import { useFormatters } from '../../hooks/useFormatters';
import type { ManagedOrg } from './types';

export function PendingInvitations({ org }: { org: ManagedOrg }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const queryClient = useQueryClient();
  const invitations = useQuery({ queryKey: queryKeys.invitations(org.id), queryFn: () => invitationsApi.list(org.id) });
  const [revoking, setRevoking] = useState<InvitationView | null>(null);
  const revoke = useMutation({
    mutationFn: (invitation: InvitationView) => invitationsApi.revoke(org.id, invitation.id),
    onSuccess: (_, invitation) => {
      notifications.show({ color: 'teal', message: t('invitations.revoked', { email: invitation.email }) });
      setRevoking(null);
      return queryClient.invalidateQueries({ queryKey: queryKeys.invitations(org.id) });
    },
  });

  const pending = (invitations.data ?? []).filter((i) => i.status === 'pending');

  return (
    <Paper withBorder p="lg">
      <Stack>
        <Title order={2} size="h4">
          {t('invitations.title')}
        </Title>
        {invitations.isPending ? (
          <Loading />
        ) : invitations.isError ? (
          <ErrorAlert error={invitations.error} onRetry={() => void invitations.refetch()} />
        ) : pending.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('invitations.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing="xs" aria-label={t('invitations.title')} style={{ whiteSpace: 'nowrap' }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('invitations.email')}</Table.Th>
                  <Table.Th>{t('invitations.roles')}</Table.Th>
                  <Table.Th>{t('invitations.invitedBy')}</Table.Th>
                  <Table.Th>{t('invitations.expires')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {pending.map((invitation) => (
                  <Table.Tr key={invitation.id}>
                    <Table.Td>{invitation.email}</Table.Td>
                    <Table.Td>
                      <RoleBadges roles={invitation.roles} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" title={format.dateTime(invitation.createdAt)}>
                        {invitation.invitedByName ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" title={format.dateTime(invitation.expiresAt)}>
                        {format.date(invitation.expiresAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={`${t('invitations.revoke')}: ${invitation.email}`}
                        onClick={() => {
                          revoke.reset();
                          setRevoking(invitation);
                        }}
                      >
                        {t('invitations.revoke')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <ConfirmDialog
        opened={revoking !== null}
        title={t('invitations.revokeTitle', { email: revoking?.email ?? '' })}
        body={t('invitations.revokeBody')}
        confirmLabel={t('invitations.revoke')}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onCancel={() => setRevoking(null)}
        pending={revoke.isPending}
        error={revoke.error}
      />
    </Paper>
  );
}
