import { Alert, Button, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { IconLink } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/roles';
import { type CreatedInvitation, invitationsApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';
import { CopyField } from '../../components/CopyField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFieldIssues } from '../../hooks/useTranslator';
import { RoleCheckboxes } from './RoleCheckboxes';
import type { ManagedOrg } from './types';

const fields = ['email', 'roles', 'expiresInDays'] as const;
const DEFAULT_EXPIRY_DAYS = 7;

/** The link the invited person opens; the token travels in the fragment, which browsers never send to a server. */
const invitationLink = (created: CreatedInvitation) => `${window.location.origin}${created.acceptPath}`;

export function InviteForm({ org, defaultRoles = [] }: { org: ManagedOrg; defaultRoles?: Role[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<Role[]>(defaultRoles);
  const [expiresInDays, setExpiresInDays] = useState<number>(DEFAULT_EXPIRY_DAYS);

  const invite = useMutation({
    mutationFn: () => invitationsApi.create(org.id, { email, roles, expiresInDays }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.invitations(org.id) }),
  });
  const issues = useFieldIssues(invite.error, fields);

  if (invite.data) {
    const created = invite.data;
    return (
      <Stack>
        <Alert
          color="yellow"
          variant="light"
          icon={<IconLink size={18} />}
          title={t('invite.linkTitle', { email: created.invitation.email })}
        >
          <Text size="sm">{t('invite.linkOnce')}</Text>
        </Alert>
        <CopyField label={t('invite.linkLabel')} value={invitationLink(created)} />
        <Button
          variant="default"
          w="fit-content"
          onClick={() => {
            invite.reset();
            setEmail('');
            setRoles(defaultRoles);
            setExpiresInDays(DEFAULT_EXPIRY_DAYS);
          }}
        >
          {t('invite.another')}
        </Button>
      </Stack>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {invite.error && <ErrorAlert error={invite.error} extra={issues.unplaced} />}
        <TextInput
          label={t('invite.email')}
          type="email"
          required
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={issues.byField.email}
        />
        <RoleCheckboxes kind={org.kind} label={t('invite.roles')} value={roles} onChange={setRoles} error={issues.byField.roles} />
        <NumberInput
          label={t('invite.expiresInDays')}
          min={1}
          max={30}
          clampBehavior="strict"
          allowDecimal={false}
          value={expiresInDays}
          onChange={(value) => setExpiresInDays(typeof value === 'number' ? value : DEFAULT_EXPIRY_DAYS)}
          error={issues.byField.expiresInDays}
          maw={200}
        />
        <Button type="submit" loading={invite.isPending} w="fit-content">
          {t('invite.submit')}
        </Button>
      </Stack>
    </form>
  );
}
