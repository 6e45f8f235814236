import { Alert, Badge, Button, Grid, Group, NumberInput, Paper, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type EngagementView, type Rag, ragSchema, type StatusUpdateView } from '../../../../shared/contracts/engagements';
import { workApi } from '../../../api/engagements';
import { queryKeys } from '../../../api/queryKeys';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LimitedTextarea } from '../../../components/LimitedText';
import { Loading } from '../../../components/Loading';
import { useEditedSince } from '../../../hooks/useEditedSince';
import { useFormatters } from '../../../hooks/useFormatters';
import { useFieldIssues } from '../../../hooks/useTranslator';
import { may } from '../../../lib/engagements/lifecycle';
import type { NumberDraft } from '../../../lib/engagements/plan';
import { ActionError } from '../components/ActionError';
import { ProgressBar } from '../components/ProgressBar';
import { RagDot } from '../components/RagDot';
import { useControlFigures, useEngagementChanged } from '../hooks';

/** Status updates on the cadence the SOW sets: the feed, when the next is due, and the provider's form. */
export function UpdatesTab({ engagement }: { engagement: EngagementView }) {
  const { t } = useTranslation();
  const updates = useQuery({ queryKey: queryKeys.engagementPart(engagement.id, 'updates'), queryFn: () => workApi.updates(engagement.id) });
  return (
    <Grid gutter="md">
      <Grid.Col span={{ base: 12, md: may(engagement, 'update.post') ? 7 : 12 }}>
        <Stack gap="sm">
          <NextUpdateDue engagementId={engagement.id} />
          {updates.isPending ? (
            <Loading />
          ) : updates.isError ? (
            <ErrorAlert error={updates.error} onRetry={() => void updates.refetch()} />
          ) : updates.data.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('engagements.updates.none')}
            </Text>
          ) : (
            <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('engagements.updates.feed')}>
              {updates.data.map((u) => (
                <UpdateCard key={u.id} update={u} />
              ))}
            </Stack>
          )}
        </Stack>
      </Grid.Col>
      {may(engagement, 'update.post') && (
        <Grid.Col span={{ base: 12, md: 5 }}>
          <PostUpdateForm engagementId={engagement.id} />
        </Grid.Col>
      )}
    </Grid>
  );
}

function NextUpdateDue({ engagementId }: { engagementId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const control = useControlFigures(engagementId);
  const due = control.data?.sla.nextUpdateDue;
  const missed = control.data?.sla.breaches.filter((b) => b.kind === 'update' && b.resolvedAt === null).length ?? 0;
  if (!due) return null;
  return (
    <Alert
      color={missed > 0 ? 'red' : 'blue'}
      variant="light"
      icon={missed > 0 ? <IconAlertTriangle size={18} /> : undefined}
      title={missed > 0 ? t('engagements.updates.missed', { count: missed }) : undefined}
    >
      {t('engagements.updates.nextDue', { at: format.dateTime(due) })}
    </Alert>
  );
}

function UpdateCard({ update: u }: { update: StatusUpdateView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const sections = (['done', 'next', 'blockers', 'risks'] as const).filter((k) => u[k].trim());
  return (
    <Paper withBorder p="md" component="li" data-testid="status-update">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Group gap="sm">
            <RagDot rag={u.rag} withLabel />
            <ProgressBar pct={u.progressPct} />
            {u.late && (
              <Badge color="red" variant="filled" size="sm" tt="none">
                {t('engagements.updates.late')}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {u.author.displayName} · {format.dateTime(u.postedAt)}
          </Text>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          {sections.map((k) => (
            <Stack key={k} gap={0}>
              <Text size="xs" fw={600} c={k === 'blockers' || k === 'risks' ? 'orange.8' : 'dimmed'}>
                {t(`engagements.updates.${k}`)}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {u[k]}
              </Text>
            </Stack>
          ))}
        </SimpleGrid>
        {u.hoursSpent !== null && (
          <Text size="xs" c="dimmed">
            {t('engagements.updates.hoursSpent', { hours: u.hoursSpent })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

const fields = ['progressPct', 'rag', 'done', 'next', 'blockers', 'risks', 'hoursSpent'] as const;

function PostUpdateForm({ engagementId }: { engagementId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const changed = useEngagementChanged(engagementId);
  const [progressPct, setProgress] = useState<NumberDraft>('');
  const [rag, setRag] = useState<Rag>('green');
  const [text, setText] = useState({ done: '', next: '', blockers: '', risks: '' });
  const [hours, setHours] = useState<NumberDraft>('');
  const post = useMutation({
    mutationFn: () =>
      workApi.postUpdate(engagementId, {
        progressPct: progressPct as number,
        rag,
        ...text,
        hoursSpent: hours === '' ? null : hours,
      }),
    onSuccess: async (list) => {
      queryClient.setQueryData(queryKeys.engagementPart(engagementId, 'updates'), list);
      setProgress('');
      setText({ done: '', next: '', blockers: '', risks: '' });
      setHours('');
      await changed();
      notifications.show({ color: 'teal', message: t('engagements.updates.posted') });
    },
  });
  const found = useFieldIssues(post.error, fields);
  const since = useEditedSince(post.error);
  // What the server said about a field's old value goes once the field is edited.
  const issues = {
    unplaced: found.unplaced,
    byField: Object.fromEntries(fields.map((f) => [f, since.edited(f) ? undefined : found.byField[f]])) as typeof found.byField,
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    post.mutate();
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h5">
            {t('engagements.updates.post')}
          </Title>
          <ActionError error={post.error} engagementId={engagementId} extra={issues.unplaced} />
          <NumberInput
            label={t('engagements.updates.progress')}
            value={progressPct}
            onChange={(v) => {
              setProgress(typeof v === 'number' ? v : '');
              since.mark('progressPct');
            }}
            error={issues.byField.progressPct}
            min={0}
            max={100}
            clampBehavior="none"
            allowDecimal={false}
            suffix="%"
            required
            w={160}
          />
          <Radio.Group
            label={t('engagements.updates.rag')}
            value={rag}
            onChange={(v) => setRag(v as Rag)}
            error={issues.byField.rag}
            required
          >
            <Group mt={4}>
              {ragSchema.options.map((r) => (
                <Radio key={r} value={r} label={t(`engagements.updates.ragOption.${r}`)} />
              ))}
            </Group>
          </Radio.Group>
          {(['done', 'next', 'blockers', 'risks'] as const).map((k) => (
            <LimitedTextarea
              key={k}
              label={t(`engagements.updates.${k}`)}
              value={text[k]}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setText((s) => ({ ...s, [k]: value }));
                since.mark(k);
              }}
              error={issues.byField[k]}
              autosize
              minRows={2}
              limit={5000}
            />
          ))}
          <NumberInput
            label={t('engagements.updates.hours')}
            description={t('engagements.updates.hoursHint')}
            value={hours}
            onChange={(v) => {
              setHours(typeof v === 'number' ? v : '');
              since.mark('hoursSpent');
            }}
            error={issues.byField.hoursSpent}
            min={0}
            clampBehavior="none"
            w={220}
          />
          <Button type="submit" loading={post.isPending} w="fit-content">
            {t('engagements.updates.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
