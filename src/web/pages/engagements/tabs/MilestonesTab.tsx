import { Alert, Badge, Button, Group, type MantineColor, Modal, Stack, Text, Timeline } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCircleDashed, IconPlayerPlay, IconSend } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngagementView, MilestoneView } from '../../../../shared/contracts/engagements';
import { type MilestoneMove, workApi } from '../../../api/engagements';
import { queryKeys } from '../../../api/queryKeys';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LimitedTextarea } from '../../../components/LimitedText';
import { Loading } from '../../../components/Loading';
import { useFormatters } from '../../../hooks/useFormatters';
import { daysBetween, tokyoDate } from '../../../lib/engagements/forecast';
import { ActionError } from '../components/ActionError';
import { MilestoneGantt } from '../components/MilestoneGantt';
import { useEngagementChanged, useServerNow } from '../hooks';

const statusColors: Record<MilestoneView['status'], MantineColor> = {
  planned: 'gray',
  in_progress: 'blue',
  submitted: 'orange',
  accepted: 'teal',
};
const statusIcons = { planned: IconCircleDashed, in_progress: IconPlayerPlay, submitted: IconSend, accepted: IconCheck } as const;

/** The milestones as a timeline: baseline against current due date, review rounds, and each side's next move. */
export function MilestonesTab({ engagement }: { engagement: EngagementView }) {
  const { t } = useTranslation();
  const now = useServerNow(engagement.id);
  const milestones = useQuery({
    queryKey: queryKeys.engagementPart(engagement.id, 'milestones'),
    queryFn: () => workApi.milestones(engagement.id),
  });
  if (milestones.isPending) return <Loading />;
  if (milestones.isError) return <ErrorAlert error={milestones.error} onRetry={() => void milestones.refetch()} />;
  if (milestones.data.length === 0) return <Alert color="gray">{t('engagements.milestones.none')}</Alert>;
  const lastDone = milestones.data.reduce((n, m, i) => (m.status === 'accepted' ? i : n), -1);
  return (
    <Stack gap="md">
      <MilestoneGantt milestones={milestones.data} today={tokyoDate(new Date(now))} />
      <Timeline active={lastDone} bulletSize={28} lineWidth={2} aria-label={t('engagements.tabs.milestones')}>
        {milestones.data.map((m) => {
          const Icon = statusIcons[m.status];
          return (
            <Timeline.Item key={m.id} bullet={<Icon size={14} />} color={statusColors[m.status]} title={<MilestoneTitle milestone={m} />}>
              <MilestoneBody engagement={engagement} milestone={m} />
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Stack>
  );
}

function MilestoneTitle({ milestone: m }: { milestone: MilestoneView }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      <Text fw={600}>{m.title}</Text>
      <Badge color={statusColors[m.status]} variant="light" tt="none" size="sm">
        {t(`milestoneStatus.${m.status}`)}
      </Badge>
      {m.reworkRounds > 0 && (
        <Badge color="grape" variant="light" tt="none" size="sm">
          {t('engagements.milestones.rework', { count: m.reworkRounds })}
        </Badge>
      )}
    </Group>
  );
}

function MilestoneBody({ engagement, milestone: m }: { engagement: EngagementView; milestone: MilestoneView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const now = useServerNow(engagement.id);
  const moved = daysBetween(m.baselineDueDate, m.dueDate);
  const reviewOverdue = m.status === 'submitted' && m.reviewDueAt !== null && Date.parse(m.reviewDueAt) < now;
  return (
    <Stack gap={6} mt={4} mb="md" data-testid={`milestone-${m.key}`}>
      <Group gap="lg">
        <Text size="sm">
          {t('engagements.milestones.dueOn', { date: format.date(m.dueDate) })}
          {moved !== 0 && (
            <Text span size="sm" c={moved > 0 ? 'red.7' : 'teal.7'}>
              {' '}
              {t('engagements.milestones.moved', { baseline: format.date(m.baselineDueDate), days: moved > 0 ? `+${moved}` : moved })}
            </Text>
          )}
        </Text>
        <Text size="sm" c="dimmed">
          {t('engagements.milestones.weightOf', { weight: m.weight })}
        </Text>
      </Group>
      {m.deliverables.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('engagements.milestones.deliverables', { list: m.deliverables.join('、') })}
        </Text>
      )}
      {m.submittedAt && m.status !== 'planned' && (
        <Text size="xs">{t('engagements.milestones.submittedAt', { at: format.dateTime(m.submittedAt) })}</Text>
      )}
      {m.reviewDueAt && (
        <Group gap="xs">
          <Text size="xs">{t('engagements.milestones.reviewDue', { at: format.dateTime(m.reviewDueAt) })}</Text>
          {reviewOverdue && (
            <Badge color="red" size="xs" tt="none">
              {t('engagements.overdue')}
            </Badge>
          )}
        </Group>
      )}
      {m.acceptedAt && <Text size="xs">{t('engagements.milestones.acceptedAt', { at: format.dateTime(m.acceptedAt) })}</Text>}
      <MilestoneActions engagement={engagement} milestone={m} />
    </Stack>
  );
}

function MilestoneActions({ engagement, milestone: m }: { engagement: EngagementView; milestone: MilestoneView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const changed = useEngagementChanged(engagement.id);
  const [asking, setAsking] = useState<'submit' | 'send_back' | null>(null);
  const [comment, setComment] = useState('');
  const move = useMutation({
    mutationFn: ({ action, note }: { action: MilestoneMove; note?: string }) => workApi.moveMilestone(engagement.id, m.id, action, note),
    onSuccess: async (list, { action }) => {
      queryClient.setQueryData(queryKeys.engagementPart(engagement.id, 'milestones'), list);
      setAsking(null);
      setComment('');
      await changed();
      notifications.show({ color: 'teal', message: t(`engagements.milestones.done.${action}`, { title: m.title }) });
    },
  });
  // The moves the server offers on this milestone now, nothing worked out here.
  const offered = new Set(m.allowedActions);
  const buttons: { action: MilestoneMove; label: string; color: string; ask?: 'submit' | 'send_back' }[] = [];
  if (offered.has('start')) buttons.push({ action: 'start', label: t('engagements.milestones.start'), color: 'indigo' });
  if (offered.has('submit')) buttons.push({ action: 'submit', label: t('engagements.milestones.submit'), color: 'indigo', ask: 'submit' });
  if (offered.has('accept')) buttons.push({ action: 'accept', label: t('engagements.milestones.accept'), color: 'teal' });
  if (offered.has('send_back'))
    buttons.push({ action: 'send_back', label: t('engagements.milestones.sendBack'), color: 'orange', ask: 'send_back' });
  if (buttons.length === 0) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (asking) move.mutate({ action: asking, note: comment });
  };
  return (
    <Stack gap={4}>
      {!asking && <ActionError error={move.error} engagementId={engagement.id} />}
      <Group gap="xs">
        {buttons.map((b) => (
          <Button
            key={b.action}
            size="xs"
            variant="light"
            color={b.color}
            loading={move.isPending && move.variables?.action === b.action}
            aria-label={`${b.label}: ${m.title}`}
            onClick={() => {
              move.reset();
              if (b.ask) setAsking(b.ask);
              else move.mutate({ action: b.action });
            }}
          >
            {b.label}
          </Button>
        ))}
      </Group>
      <Modal
        opened={asking !== null}
        onClose={() => setAsking(null)}
        title={
          asking === 'send_back'
            ? t('engagements.milestones.sendBackTitle', { title: m.title })
            : t('engagements.milestones.submitTitle', { title: m.title })
        }
        centered
      >
        <form onSubmit={submit}>
          <Stack>
            <ActionError error={move.error} engagementId={engagement.id} />
            <LimitedTextarea
              label={asking === 'send_back' ? t('engagements.milestones.whatToChange') : t('engagements.milestones.note')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              required={asking === 'send_back'}
              autosize
              minRows={3}
              limit={5000}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAsking(null)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={move.isPending} disabled={asking === 'send_back' && !comment.trim()}>
                {asking === 'send_back' ? t('engagements.milestones.sendBack') : t('engagements.milestones.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
