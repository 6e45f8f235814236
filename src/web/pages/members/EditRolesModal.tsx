import { Button, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberView } from '../../../shared/contracts/identity';
import type { Role } from '../../../shared/roles';
import { membersApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFieldIssues } from '../../hooks/useTranslator';
import { RoleCheckboxes } from './RoleCheckboxes';
import type { ManagedOrg } from './types';

const fields = ['roles'] as const;

export function EditRolesModal({ org, member, onClose }: { org: ManagedOrg; member: MemberView; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [roles, setRoles] = useState<Role[]>(member.roles);
  const save = useMutation({
    mutationFn: () => membersApi.setRoles(org.id, member.userId, roles),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.members(org.id) });
      notifications.show({ color: 'teal', message: t('members.rolesSaved', { name: member.displayName }) });
      onClose();
    },
  });
  const issues = useFieldIssues(save.error, fields);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={t('members.editRolesOf', { name: member.displayName })} centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {save.error && <ErrorAlert error={save.error} extra={issues.unplaced} />}
          <RoleCheckboxes kind={org.kind} label={t('members.roles')} value={roles} onChange={setRoles} error={issues.byField.roles} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
