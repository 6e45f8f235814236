import { Badge, Button, Grid, Group, type MantineColor, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngagementView, QuestionView } from '../../../../shared/contracts/engagements';
import { workApi } from '../../../api/engagements';
import { queryKeys } from '../../../api/queryKeys';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LimitedTextarea, LimitedTextInput } from '../../../components/LimitedText';
import { Loading } from '../../../components/Loading';
import { useEditedSince } from '../../../hooks/useEditedSince';
import { useFormatters } from '../../../hooks/useFormatters';
import { useFieldIssues } from '../../../hooks/useTranslator';
import { may } from '../../../lib/engagements/lifecycle';
import { ActionError } from '../components/ActionError';
import { useEngagementChanged } from '../hooks';

const statusColors: Record<QuestionView['status'], MantineColor> = { open: 'blue', answered: 'teal', closed: 'gray' };

/** Questions each way, each due within the answering side's SLA in Japanese business days. */
export function QuestionsTab({ engagement }: { engagement: EngagementView }) {
  const { t } = useTranslation();
  const questions = useQuery({
    queryKey: queryKeys.engagementPart(engagement.id, 'questions'),
    queryFn: () => workApi.questions(engagement.id),
  });
  const asks = may(engagement, 'question.ask');
  return (
    <Grid gutter="md">
      <Grid.Col span={{ base: 12, md: asks ? 7 : 12 }}>
        {questions.isPending ? (
          <Loading />
        ) : questions.isError ? (
          <ErrorAlert error={questions.error} onRetry={() => void questions.refetch()} />
        ) : questions.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('engagements.questions.none')}
          </Text>
        ) : (
          <Stack gap="sm">
            {questions.data.map((q) => (
              <QuestionThread key={q.id} engagement={engagement} question={q} />
            ))}
          </Stack>
        )}
      </Grid.Col>
      {asks && (
        <Grid.Col span={{ base: 12, md: 5 }}>
          <AskForm engagement={engagement} />
        </Grid.Col>
      )}
    </Grid>
  );
}

function QuestionThread({ engagement, question: q }: { engagement: EngagementView; question: QuestionView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const queryClient = useQueryClient();
  const changed = useEngagementChanged(engagement.id);
  const [reply, setReply] = useState('');
  const onList = async (list: QuestionView[]) => {
    queryClient.setQueryData(queryKeys.engagementPart(engagement.id, 'questions'), list);
    await changed();
  };
  const answer = useMutation({
    mutationFn: () => workApi.reply(engagement.id, q.id, reply),
    onSuccess: async (list) => {
      setReply('');
      await onList(list);
      notifications.show({ color: 'teal', message: t('engagements.questions.replied') });
    },
  });
  const close = useMutation({ mutationFn: () => workApi.closeQuestion(engagement.id, q.id), onSuccess: onList });
  const asked = engagement.viewerSide === q.askedBySide;
  // The first reply from the answering side answers the question; later ones add to the thread.
  const answering = !asked && q.status === 'open';
  const mayReply = q.allowedActions.includes('reply');
  const mayClose = q.allowedActions.includes('close');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reply.trim()) answer.mutate();
  };

  return (
    <Paper withBorder p="md" component="article" aria-label={q.title} data-testid="question">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Text fw={600}>{q.title}</Text>
            <Text size="xs" c="dimmed">
              {t('engagements.questions.askedBy', {
                name: q.askedBy.displayName,
                side: t(`side.${q.askedBySide}`),
                at: format.dateTime(q.askedAt),
              })}
              {q.assignee && ` · ${t('engagements.questions.assignedTo', { name: q.assignee.displayName })}`}
            </Text>
          </Stack>
          <Group gap={4} wrap="nowrap">
            {q.overdue && (
              <Badge color="red" variant="filled" size="sm" tt="none">
                {t('engagements.overdue')}
              </Badge>
            )}
            <Badge color={statusColors[q.status]} variant="light" size="sm" tt="none">
              {t(`questionStatus.${q.status}`)}
            </Badge>
          </Group>
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {q.body}
        </Text>
        <Text size="xs" c={q.overdue ? 'red.7' : 'dimmed'}>
          {q.answeredAt
            ? t('engagements.questions.answeredAt', { at: format.dateTime(q.answeredAt) })
            : t('engagements.questions.dueAt', {
                side: t(`side.${q.askedBySide === 'client' ? 'provider' : 'client'}`),
                at: format.dateTime(q.dueAt),
              })}
        </Text>
        {q.messages.length > 0 && (
          <Stack gap={6} pl="md" style={{ borderLeft: '3px solid var(--mantine-color-gray-3)' }}>
            {q.messages.map((m) => (
              <Stack key={m.id} gap={0}>
                <Text size="xs" c="dimmed">
                  {m.author.displayName} ({t(`side.${m.side}`)}) · {format.dateTime(m.at)}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {m.body}
                </Text>
              </Stack>
            ))}
          </Stack>
        )}
        <ActionError error={answer.error ?? close.error} engagementId={engagement.id} />
        {mayReply && (
          <form onSubmit={submit}>
            <Stack gap={6}>
              <LimitedTextarea
                label={answering ? t('engagements.questions.yourAnswer') : t('engagements.questions.addReply')}
                value={reply}
                onChange={(e) => setReply(e.currentTarget.value)}
                autosize
                minRows={2}
                limit={10000}
              />
              <Group gap="xs">
                <Button type="submit" size="xs" loading={answer.isPending} disabled={!reply.trim()}>
                  {answering ? t('engagements.questions.answer') : t('engagements.questions.reply')}
                </Button>
                {mayClose && (
                  <Button size="xs" variant="subtle" color="gray" onClick={() => close.mutate()} loading={close.isPending}>
                    {t('engagements.questions.close')}
                  </Button>
                )}
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

const askFields = ['title', 'body', 'assigneeUserId'] as const;

function AskForm({ engagement }: { engagement: EngagementView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const changed = useEngagementChanged(engagement.id);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [assignee, setAssignee] = useState<string | null>(null);
  const otherSide = engagement.viewerSide === 'client' ? 'provider' : 'client';
  const ask = useMutation({
    mutationFn: () => workApi.ask(engagement.id, { title, body, assigneeUserId: assignee }),
    onSuccess: async (list) => {
      queryClient.setQueryData(queryKeys.engagementPart(engagement.id, 'questions'), list);
      setTitle('');
      setBody('');
      setAssignee(null);
      await changed();
      notifications.show({ color: 'teal', message: t('engagements.questions.asked') });
    },
  });
  const found = useFieldIssues(ask.error, askFields);
  const since = useEditedSince(ask.error);
  // What the server said about a field's old value goes once the field is edited.
  const issues = {
    unplaced: found.unplaced,
    byField: Object.fromEntries(askFields.map((f) => [f, since.edited(f) ? undefined : found.byField[f]])) as typeof found.byField,
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ask.mutate();
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h5">
            {t('engagements.questions.ask', { side: t(`side.${otherSide}`) })}
          </Title>
          <Text size="xs" c="dimmed">
            {t('engagements.questions.slaHint')}
          </Text>
          <ActionError error={ask.error} engagementId={engagement.id} extra={issues.unplaced} />
          <LimitedTextInput
            label={t('engagements.questions.title')}
            value={title}
            onChange={(e) => {
              setTitle(e.currentTarget.value);
              since.mark('title');
            }}
            error={issues.byField.title}
            limit={200}
            required
          />
          <LimitedTextarea
            label={t('engagements.questions.body')}
            value={body}
            onChange={(e) => {
              setBody(e.currentTarget.value);
              since.mark('body');
            }}
            error={issues.byField.body}
            autosize
            minRows={3}
            limit={10000}
          />
          <Select
            label={t('engagements.questions.assignee')}
            placeholder={t('engagements.questions.anyone')}
            data={engagement.team.filter((m) => m.side === otherSide).map((m) => ({ value: m.userId, label: m.displayName }))}
            value={assignee}
            onChange={setAssignee}
            error={issues.byField.assigneeUserId}
            clearable
          />
          <Button type="submit" loading={ask.isPending} w="fit-content">
            {t('engagements.questions.send')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
