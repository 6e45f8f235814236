import { Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CreateEngagementRequest } from '../../../shared/contracts/engagements';
import { engagementsApi, providersApi } from '../../api/engagements';
import { isApiError } from '../../api/errors';
import { queryKeys } from '../../api/queryKeys';
import { PageHeader } from '../../components/PageHeader';
import { emptyBrief } from '../../lib/engagements/brief';
import { RequirePermission } from '../../session/RequirePermission';
import { BriefForm } from './BriefForm';

export function NewEngagementRoute() {
  return (
    <RequirePermission permission="engagements.create">
      <NewEngagementPage />
    </RequirePermission>
  );
}

/** A new brief, saved as a draft; the providers chosen are invited at once. The request is sent from the engagement page. */
function NewEngagementPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const providers = useQuery({ queryKey: queryKeys.providerDirectory, queryFn: providersApi.directory });
  const create = useMutation({
    mutationFn: async ({ brief, providerOrgIds }: { brief: CreateEngagementRequest; providerOrgIds: string[] }) => {
      const created = await engagementsApi.create(brief);
      if (providerOrgIds.length === 0) return { engagement: created, inviteError: null };
      try {
        return { engagement: await engagementsApi.inviteProviders(created.id, providerOrgIds), inviteError: null };
      } catch (e) {
        // The draft exists; the invitation can be made again from its page.
        if (isApiError(e)) return { engagement: created, inviteError: e };
        throw e;
      }
    },
    onSuccess: async ({ engagement, inviteError }) => {
      queryClient.setQueryData(queryKeys.engagement(engagement.id), engagement);
      await queryClient.invalidateQueries({ queryKey: ['engagements', 'list'] });
      notifications.show({
        color: inviteError ? 'orange' : 'teal',
        message: inviteError ? t('engagements.brief.createdNotInvited') : t('engagements.brief.created'),
      });
      navigate(`/engagements/${engagement.id}`);
    },
  });

  return (
    <Stack gap="md" maw={960}>
      <PageHeader title={t('engagements.brief.newTitle')} intro={t('engagements.brief.newIntro')} />
      <BriefForm
        initial={emptyBrief}
        providers={providers.data}
        submitLabel={t('engagements.brief.create')}
        pending={create.isPending}
        error={create.error}
        onSubmit={(brief, providerOrgIds) => create.mutate({ brief, providerOrgIds })}
        onCancel={() => navigate('/engagements')}
      />
    </Stack>
  );
}
