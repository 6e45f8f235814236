import { Alert, Badge, Button, Group, Modal, Paper, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock, IconMessageCircle, IconShare } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelDetail, ModelVersionSummary } from '../../../shared/contracts/financial-model-api';
import { financialModelsApi } from '../../api/financialModels';
import { queryKeys } from '../../api/queryKeys';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useFormatters } from '../../hooks/useFormatters';
import { useFieldIssues } from '../../hooks/useTranslator';
import { Section } from '../engagements/components/Section';
import { CheckStatusBadge } from './CheckStatusBadge';

interface SharingPanelProps {
  engagementId: string;
  model: ModelDetail;
  version: ModelVersionSummary;
}

/**
 * Where the shown version stands with the client — the provider's draft, or shared (with the
 * reason, when its checks fail) — and the discussion of a shared version. The server says who may
 * share and comment (`canShare`, `canComment`); the client is never sent a draft.
 */
export function SharingPanel({ engagementId, model, version }: SharingPanelProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [sharing, setSharing] = useState(false);
  const shared = version.sharedAt !== null;

  return (
    <Section title={t('models.sharing.title')}>
      {shared ? (
        <Stack gap={4} data-testid="sharing-state">
          <Group gap="xs">
            <ShareBadge version={version} />
            <Text size="sm">
              {t('models.sharing.shared', {
                version: version.version,
                when: format.dateTime(version.sharedAt ?? ''),
                name: version.sharedBy?.displayName ?? '—',
              })}
            </Text>
          </Group>
          {version.shareReason && (
            <Alert color="orange" variant="light" p="xs" data-testid="share-reason">
              <Text size="sm">{t('models.sharing.sharedWithReason', { reason: version.shareReason })}</Text>
            </Alert>
          )}
        </Stack>
      ) : (
        <Alert color="gray" variant="light" icon={<IconLock size={16} />} data-testid="sharing-state">
          <Group justify="space-between" gap="xs">
            <Text size="sm">{t('models.sharing.draft', { version: version.version })}</Text>
            {model.canShare && (
              <Button size="xs" leftSection={<IconShare size={14} />} onClick={() => setSharing(true)}>
                {t('models.sharing.open')}
              </Button>
            )}
          </Group>
        </Alert>
      )}
      {shared ? (
        <Comments engagementId={engagementId} model={model} version={version.version} />
      ) : (
        <Text size="xs" c="dimmed">
          {t('models.sharing.commentsOnlyShared')}
        </Text>
      )}
      {model.canShare && !shared && (
        <ShareModal opened={sharing} onClose={() => setSharing(false)} engagementId={engagementId} model={model} version={version} />
      )}
    </Section>
  );
}

/** Draft or shared, for the versions table and the version picker. */
export function ShareBadge({ version }: { version: Pick<ModelVersionSummary, 'sharedAt'> }) {
  const { t } = useTranslation();
  return version.sharedAt === null ? (
    <Badge size="sm" color="gray" variant="outline" tt="none">
      {t('models.sharing.badgeDraft')}
    </Badge>
  ) : (
    <Badge size="sm" color="teal" variant="light" tt="none">
      {t('models.sharing.badgeShared')}
    </Badge>
  );
}

function ShareModal({
  opened,
  onClose,
  engagementId,
  model,
  version,
}: {
  opened: boolean;
  onClose: () => void;
  engagementId: string;
  model: ModelDetail;
  version: ModelVersionSummary;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const failing = version.checkStatus === 'fail';
  const share = useMutation({
    mutationFn: () => financialModelsApi.share(engagementId, model.id, version.version, reason.trim() ? { reason } : {}),
    onSuccess: async (detail) => {
      queryClient.setQueryData(queryKeys.model(engagementId, model.id), detail);
      await queryClient.invalidateQueries({ queryKey: queryKeys.models(engagementId), exact: true });
      notifications.show({ color: 'teal', message: t('models.sharing.done', { version: version.version }) });
      setReason('');
      share.reset();
      onClose();
    },
  });
  const fields = useFieldIssues(share.error, ['reason']);
  const close = () => {
    share.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    share.mutate();
  };
  const checksText = { pass: 'models.sharing.checksPass', warn: 'models.sharing.checksWarn', fail: 'models.sharing.checksFail' } as const;

  return (
    <Modal opened={opened} onClose={close} title={t('models.sharing.modalTitle', { version: version.version })} centered size="lg">
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm">{t('models.sharing.modalBody')}</Text>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <CheckStatusBadge status={version.checkStatus} size="sm" />
            <Text size="sm">{t(checksText[version.checkStatus])}</Text>
          </Group>
          <Textarea
            label={failing ? t('models.sharing.reasonRequired') : t('models.sharing.reason')}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              if (share.error) share.reset();
            }}
            withAsterisk={failing}
            autosize
            minRows={2}
            data-autofocus
            error={fields.byField.reason}
          />
          {share.error && !fields.byField.reason && <ErrorAlert error={share.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={share.isPending}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={share.isPending}
              disabled={failing && reason.trim() === ''}
              leftSection={<IconShare size={16} />}
            >
              {t('models.sharing.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Comments({ engagementId, model, version }: { engagementId: string; model: ModelDetail; version: number }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const comments = useQuery({
    queryKey: queryKeys.modelComments(engagementId, model.id, version),
    queryFn: () => financialModelsApi.comments(engagementId, model.id, version),
  });
  const post = useMutation({
    mutationFn: () => financialModelsApi.comment(engagementId, model.id, version, { body }),
    onSuccess: async (list) => {
      queryClient.setQueryData(queryKeys.modelComments(engagementId, model.id, version), list);
      await queryClient.invalidateQueries({ queryKey: queryKeys.model(engagementId, model.id), exact: true });
      notifications.show({ color: 'teal', message: t('models.sharing.commented') });
      setBody('');
      post.reset();
    },
  });
  const fields = useFieldIssues(post.error, ['body']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    post.mutate();
  };

  return (
    <Stack gap="xs" data-testid="model-comments">
      <Group gap={6}>
        <IconMessageCircle size={16} />
        <Text size="sm" fw={600}>
          {t('models.sharing.comments')}
        </Text>
      </Group>
      {comments.isPending ? (
        <Loading />
      ) : comments.isError ? (
        <ErrorAlert error={comments.error} onRetry={() => void comments.refetch()} />
      ) : comments.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('models.sharing.noComments')}
        </Text>
      ) : (
        comments.data.map((c) => (
          <Paper key={c.id} withBorder p="xs" {...(c.authorSide === 'client' && { bg: 'blue.0' })} data-testid="model-comment">
            <Group gap="xs">
              <Text size="sm" fw={600}>
                {c.author.displayName}
              </Text>
              <Badge size="xs" variant="light" color={c.authorSide === 'client' ? 'blue' : 'grape'} tt="none">
                {c.authorSide === 'client' ? t('models.sharing.sideClient') : t('models.sharing.sideProvider')}
              </Badge>
              <Text size="xs" c="dimmed">
                {format.dateTime(c.createdAt)}
              </Text>
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {c.body}
            </Text>
          </Paper>
        ))
      )}
      {model.canComment && (
        <form onSubmit={submit}>
          <Stack gap="xs">
            <Textarea
              label={t('models.sharing.commentLabel')}
              placeholder={t('models.sharing.commentPlaceholder')}
              value={body}
              onChange={(e) => {
                setBody(e.currentTarget.value);
                if (post.error) post.reset();
              }}
              autosize
              minRows={2}
              error={fields.byField.body}
            />
            {post.error && !fields.byField.body && <ErrorAlert error={post.error} />}
            <Button type="submit" size="xs" w="fit-content" loading={post.isPending} disabled={body.trim() === ''}>
              {t('models.sharing.commentSubmit')}
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
