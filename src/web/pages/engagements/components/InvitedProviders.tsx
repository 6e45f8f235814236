import { Badge, Button, Group, type MantineColor, MultiSelect, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngagementView } from '../../../../shared/contracts/engagements';
import { engagementsApi, providersApi } from '../../../api/engagements';
import { queryKeys } from '../../../api/queryKeys';
import { may } from '../../../lib/engagements/lifecycle';
import { useEngagementChanged } from '../hooks';
import { ActionError } from './ActionError';

type InvitedStatus = EngagementView['invitedProviders'][number]['status'];
const colors: Record<InvitedStatus, MantineColor> = {
  invited: 'gray',
  proposed: 'blue',
  declined: 'orange',
  awarded: 'teal',
  not_awarded: 'gray',
  cancelled: 'gray',
};

/** The providers asked to propose (a provider sees only itself), and for the client lead, inviting more. */
export function InvitedProviders({ engagement }: { engagement: EngagementView }) {
  const { t } = useTranslation();
  const mayInvite = may(engagement, 'engagement.invite_providers');
  return (
    <Stack gap="xs">
      {engagement.invitedProviders.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('engagements.overview.noneInvited')}
        </Text>
      ) : (
        <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {engagement.invitedProviders.map((p) => (
            <Group key={p.orgId} gap="xs" component="li">
              <Text size="sm">{p.name}</Text>
              <Badge size="sm" variant="light" color={colors[p.status]} tt="none">
                {t(`invitedStatus.${p.status}`)}
              </Badge>
            </Group>
          ))}
        </Stack>
      )}
      {mayInvite && <InviteMore engagement={engagement} />}
    </Stack>
  );
}

function InviteMore({ engagement }: { engagement: EngagementView }) {
  const { t } = useTranslation();
  const changed = useEngagementChanged(engagement.id);
  const [chosen, setChosen] = useState<string[]>([]);
  const directory = useQuery({ queryKey: queryKeys.providerDirectory, queryFn: providersApi.directory });
  const already = new Set(engagement.invitedProviders.map((p) => p.orgId));
  const invite = useMutation({
    mutationFn: () => engagementsApi.inviteProviders(engagement.id, chosen),
    onSuccess: async (view) => {
      setChosen([]);
      await changed(view);
      notifications.show({ color: 'teal', message: t('engagements.overview.invitedNotice') });
    },
  });
  return (
    <Stack gap="xs">
      <ActionError error={invite.error} engagementId={engagement.id} />
      <Group align="flex-end" gap="xs">
        <MultiSelect
          label={t('engagements.overview.inviteLabel')}
          data={(directory.data ?? []).filter((p) => !already.has(p.orgId)).map((p) => ({ value: p.orgId, label: p.name }))}
          value={chosen}
          onChange={setChosen}
          searchable
          nothingFoundMessage={t('engagements.brief.noProviders')}
          w={360}
        />
        <Button variant="light" onClick={() => invite.mutate()} loading={invite.isPending} disabled={chosen.length === 0}>
          {t('engagements.overview.invite')}
        </Button>
      </Group>
    </Stack>
  );
}
