import { Alert, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { type CreateEngagementRequest, type EngagementView, isClosedBid } from '../../../shared/contracts/engagements';
import { engagementsApi } from '../../api/engagements';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { briefFromEngagement } from '../../lib/engagements/brief';
import { may } from '../../lib/engagements/lifecycle';
import { BriefForm } from './BriefForm';
import { useEngagement, useEngagementChanged } from './hooks';

/** Editing the brief, until the award (after it, the SOW and change requests take over). */
export function EditBriefPage() {
  const { id = '' } = useParams();
  const engagement = useEngagement(id);
  if (engagement.isPending) return <Loading />;
  if (engagement.isError) return <ErrorAlert error={engagement.error} onRetry={() => void engagement.refetch()} />;
  if (isClosedBid(engagement.data)) return <Navigate to={`/engagements/${id}`} replace />;
  return <EditBrief engagement={engagement.data} />;
}

function EditBrief({ engagement }: { engagement: EngagementView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const changed = useEngagementChanged(engagement.id);
  const back = () => navigate(`/engagements/${engagement.id}`);
  const save = useMutation({
    mutationFn: (brief: CreateEngagementRequest) => engagementsApi.updateBrief(engagement.id, { ...brief, version: engagement.version }),
    onSuccess: async (view) => {
      await changed(view);
      notifications.show({ color: 'teal', message: t('engagements.brief.saved') });
      back();
    },
  });

  return (
    <Stack gap="md" maw={960}>
      <PageHeader title={t('engagements.brief.editTitle', { name: engagement.displayName })} />
      {may(engagement, 'engagement.edit_brief') ? (
        <BriefForm
          // A reload after a conflict shows the brief as it is now.
          key={engagement.version}
          initial={briefFromEngagement(engagement)}
          engagementId={engagement.id}
          submitLabel={t('engagements.brief.save')}
          pending={save.isPending}
          error={save.error}
          onSubmit={(brief) => save.mutate(brief)}
          onCancel={back}
          onReloaded={save.reset}
        />
      ) : (
        <Alert color="gray" variant="light">
          {t('engagements.brief.locked')}
        </Alert>
      )}
    </Stack>
  );
}
