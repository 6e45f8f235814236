import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngagementView, TransitionAction } from '../../../../shared/contracts/engagements';
import { engagementsApi } from '../../../api/engagements';
import { LimitedTextarea } from '../../../components/LimitedText';
import { isDestructive, needsReason, transitionsAllowed } from '../../../lib/engagements/lifecycle';
import { useEngagementChanged } from '../hooks';
import { ActionError } from './ActionError';

/**
 * The lifecycle moves the viewer may make now (the server's `allowedActions`). Each carries the
 * version the viewer saw, so a move on a stale view is refused (409) instead of applied blindly.
 */
export function TransitionActions({ engagement }: { engagement: EngagementView }) {
  const { t } = useTranslation();
  const changed = useEngagementChanged(engagement.id);
  const [asking, setAsking] = useState<TransitionAction | null>(null);
  const [reason, setReason] = useState('');
  const move = useMutation({
    mutationFn: ({ action, why }: { action: TransitionAction; why?: string }) =>
      engagementsApi.transition(engagement.id, { action, version: engagement.version, ...(why?.trim() && { reason: why.trim() }) }),
    onSuccess: async (view) => {
      setAsking(null);
      setReason('');
      await changed(view);
      notifications.show({ color: 'teal', message: t('engagements.transition.done', { status: t(`engagementStatus.${view.status}`) }) });
    },
  });
  const actions = transitionsAllowed(engagement.allowedActions);

  if (actions.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('engagements.transition.none')}
      </Text>
    );
  }

  const submitReason = (e: FormEvent) => {
    e.preventDefault();
    if (asking) move.mutate({ action: asking, why: reason });
  };

  return (
    <Stack gap="sm">
      {!asking && <ActionError error={move.error} engagementId={engagement.id} onReloaded={move.reset} />}
      <Group gap="xs">
        {actions.map((action) => (
          <Button
            key={action}
            size="sm"
            color={isDestructive(action) ? 'red' : 'indigo'}
            variant={isDestructive(action) ? 'light' : 'filled'}
            loading={move.isPending && move.variables?.action === action}
            disabled={move.isPending}
            onClick={() => {
              move.reset();
              if (needsReason(action)) setAsking(action);
              else move.mutate({ action });
            }}
          >
            {t(`transition.${action}`)}
          </Button>
        ))}
      </Group>
      <Modal opened={asking !== null} onClose={() => setAsking(null)} title={asking ? t(`transition.${asking}`) : ''} centered>
        <form onSubmit={submitReason}>
          <Stack>
            {asking && <Text size="sm">{t(`engagements.transition.why.${asking as 'send_back' | 'hold' | 'cancel'}`)}</Text>}
            <ActionError error={move.error} engagementId={engagement.id} onReloaded={() => setAsking(null)} />
            <LimitedTextarea
              label={t('engagements.transition.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              required
              autosize
              minRows={3}
              limit={2000}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAsking(null)} disabled={move.isPending}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="red" loading={move.isPending} disabled={!reason.trim()}>
                {asking ? t(`transition.${asking}`) : ''}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
