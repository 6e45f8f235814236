import { Badge, Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberView } from '../../../shared/contracts/identity';
import { membersApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { RoleBadges } from '../../components/RoleBadges';
import { useFormatters } from '../../hooks/useFormatters';
import { useSession } from '../../session/session';
import { EditRolesModal } from './EditRolesModal';
import type { ManagedOrg } from './types';

export function MembersTable({ org, members }: { org: ManagedOrg; members: MemberView[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<MemberView | null>(null);
  const [removing, setRemoving] = useState<MemberView | null>(null);
  const remove = useMutation({
    mutationFn: (member: MemberView) => membersApi.remove(org.id, member.userId),
    onSuccess: (_, member) => {
      notifications.show({ color: 'teal', message: t('members.removed', { name: member.displayName }) });
      setRemoving(null);
      return queryClient.invalidateQueries({ queryKey: queryKeys.members(org.id) });
    },
  });

  if (members.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('members.empty')}
      </Text>
    );
  }

  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="sm" highlightOnHover aria-label={t('members.title')} style={{ whiteSpace: 'nowrap' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('members.name')}</Table.Th>
              <Table.Th>{t('members.email')}</Table.Th>
              <Table.Th>{t('members.roles')}</Table.Th>
              <Table.Th>{t('members.status')}</Table.Th>
              <Table.Th>{t('members.joined')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((member) => (
              <Table.Tr key={member.userId}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={500}>
                      {member.displayName}
                    </Text>
                    {member.userId === user.id && (
                      <Badge size="xs" variant="dot" tt="none">
                        {t('common.you')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{member.email}</Text>
                </Table.Td>
                <Table.Td>
                  <RoleBadges roles={member.roles} />
                </Table.Td>
                <Table.Td>
                  <Badge color={member.status === 'active' ? 'teal' : 'gray'} variant="light" tt="none">
                    {member.status === 'active' ? t('members.statusActive') : t('members.statusDisabled')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{format.date(member.joinedAt)}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="subtle"
                      aria-label={`${t('members.editRoles')}: ${member.displayName}`}
                      onClick={() => setEditing(member)}
                    >
                      {t('members.editRoles')}
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      aria-label={`${t('members.remove')}: ${member.displayName}`}
                      onClick={() => {
                        remove.reset();
                        setRemoving(member);
                      }}
                    >
                      {t('members.remove')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && <EditRolesModal org={org} member={editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        opened={removing !== null}
        title={t('members.removeTitle', { name: removing?.displayName ?? '' })}
        body={t('members.removeBody', { name: removing?.displayName ?? '', org: org.name })}
        confirmLabel={t('members.removeConfirm')}
        onConfirm={() => removing && remove.mutate(removing)}
        onCancel={() => setRemoving(null)}
        pending={remove.isPending}
        error={remove.error}
      />
    </>
  );
}
