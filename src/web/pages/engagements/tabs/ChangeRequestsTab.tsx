import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  List,
  type MantineColor,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChangeRequestView, ChangeSet, EngagementView, SowContent } from '../../../../shared/contracts/engagements';
import { type ChangeDecision, sowApi, workApi } from '../../../api/engagements';
import { queryKeys } from '../../../api/queryKeys';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LimitedTextarea, LimitedTextInput } from '../../../components/LimitedText';
import { Loading } from '../../../components/Loading';
import { useEditedSince } from '../../../hooks/useEditedSince';
import { useFormatters } from '../../../hooks/useFormatters';
import { type ChangeDraft, changeSetFrom, draftFromSow, isEmptyChange } from '../../../lib/engagements/changeSet';
import { unplacedIssues } from '../../../lib/engagements/issues';
import { may } from '../../../lib/engagements/lifecycle';
import { draftFromFee } from '../../../lib/engagements/plan';
import { ActionError } from '../components/ActionError';
import { DateField } from '../components/DateField';
import { FeeEditor, feeKeys } from '../components/FeeEditor';
import { FeeSummary } from '../components/FeeSummary';
import { useEngagementChanged, useFieldIssueIndex } from '../hooks';

const statusColors: Record<ChangeRequestView['status'], MantineColor> = {
  proposed: 'blue',
  approved: 'teal',
  rejected: 'red',
  withdrawn: 'gray',
};

/** Changes of scope, fee or dates once the SOW is approved: proposed by one lead, decided by the other. */
export function ChangeRequestsTab({ engagement }: { engagement: EngagementView }) {
  const { t } = useTranslation();
  const changes = useQuery({
    queryKey: queryKeys.engagementPart(engagement.id, 'changes'),
    queryFn: () => workApi.changeRequests(engagement.id),
  });
  const sow = useQuery({ queryKey: queryKeys.engagementPart(engagement.id, 'sow'), queryFn: () => sowApi.get(engagement.id) });
  // The SOW in force: the newest version both sides approved (versions come newest first).
  const inForce = sow.data?.versions.find((v) => v.clientApproval && v.providerApproval)?.content ?? null;
  const proposes = may(engagement, 'change.propose');

  return (
    <Grid gutter="md">
      <Grid.Col span={{ base: 12, md: proposes ? 7 : 12 }}>
        {changes.isPending ? (
          <Loading />
        ) : changes.isError ? (
          <ErrorAlert error={changes.error} onRetry={() => void changes.refetch()} />
        ) : changes.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('engagements.changes.none')}
          </Text>
        ) : (
          <Stack gap="sm">
            {changes.data.map((c) => (
              <ChangeCard key={c.id} engagement={engagement} change={c} sow={inForce} />
            ))}
          </Stack>
        )}
      </Grid.Col>
      {proposes && (
        <Grid.Col span={{ base: 12, md: 5 }}>
          {inForce ? (
            <ProposeForm engagementId={engagement.id} sow={inForce} />
          ) : (
            <Alert color="gray" variant="light">
              {t('engagements.changes.needsApprovedSow')}
            </Alert>
          )}
        </Grid.Col>
      )}
    </Grid>
  );
}

function ChangeCard({ engagement, change: c, sow }: { engagement: EngagementView; change: ChangeRequestView; sow: SowContent | null }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const queryClient = useQueryClient();
  const changed = useEngagementChanged(engagement.id);
  const [comment, setComment] = useState('');
  const decide = useMutation({
    mutationFn: (decision: ChangeDecision) => workApi.decideChange(engagement.id, c.id, decision, comment),
    onSuccess: async (list, decision) => {
      queryClient.setQueryData(queryKeys.engagementPart(engagement.id, 'changes'), list);
      await changed();
      notifications.show({ color: 'teal', message: t(`engagements.changes.decided.${decision}`) });
    },
  });
  // What the server lets the viewer decide on this change now: the proposer withdraws, the other side approves or rejects.
  const offered = new Set(c.allowedActions);
  return (
    <Paper withBorder p="md" component="article" aria-label={c.summary} data-testid="change-request">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2}>
            <Text fw={600}>{c.summary}</Text>
            <Text size="xs" c="dimmed">
              {t('engagements.changes.proposedBy', {
                name: c.proposedBy.displayName,
                side: t(`side.${c.proposedBySide}`),
                at: format.dateTime(c.proposedAt),
              })}
            </Text>
          </Stack>
          <Badge color={statusColors[c.status]} variant="light" tt="none">
            {t(`changeStatus.${c.status}`)}
          </Badge>
        </Group>
        {c.reason && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {c.reason}
          </Text>
        )}
        <ChangeSetView changes={c.changes} sow={sow} />
        {c.decidedBy && c.decidedAt && (
          <Text size="xs" c="dimmed">
            {t('engagements.changes.decidedBy', { name: c.decidedBy.displayName, at: format.dateTime(c.decidedAt) })}
            {c.resultingSowVersion !== null && ` · ${t('engagements.changes.resultingVersion', { version: c.resultingSowVersion })}`}
            {c.comment && ` · ${c.comment}`}
          </Text>
        )}
        <ActionError error={decide.error} engagementId={engagement.id} />
        {offered.size > 0 && (
          <Stack gap={6}>
            {!offered.has('withdraw') && (
              <LimitedTextInput
                label={t('engagements.changes.comment')}
                value={comment}
                onChange={(e) => setComment(e.currentTarget.value)}
                limit={5000}
              />
            )}
            <Group gap="xs">
              {offered.has('withdraw') ? (
                <Button size="xs" variant="subtle" color="gray" onClick={() => decide.mutate('withdraw')} loading={decide.isPending}>
                  {t('engagements.changes.withdraw')}
                </Button>
              ) : (
                <>
                  {offered.has('approve') && (
                    <Button
                      size="xs"
                      color="teal"
                      onClick={() => decide.mutate('approve')}
                      loading={decide.isPending && decide.variables === 'approve'}
                    >
                      {t('engagements.changes.approve')}
                    </Button>
                  )}
                  <Button
                    size="xs"
                    color="red"
                    variant="light"
                    onClick={() => decide.mutate('reject')}
                    loading={decide.isPending && decide.variables === 'reject'}
                  >
                    {t('engagements.changes.reject')}
                  </Button>
                </>
              )}
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/** What a change request asks for, against the SOW in force. */
function ChangeSetView({ changes, sow }: { changes: ChangeSet; sow: SowContent | null }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const titleOf = (key: string) => sow?.milestones.find((m) => m.key === key)?.title ?? key;
  return (
    <List size="sm" spacing={4}>
      {changes.milestones?.map((m) => (
        <List.Item key={m.key}>
          {t('engagements.changes.milestoneChange', { title: titleOf(m.key) })}
          {m.dueDate && ` ${t('engagements.changes.newDue', { date: format.date(m.dueDate) })}`}
          {m.title && ` ${t('engagements.changes.newTitle', { title: m.title })}`}
        </List.Item>
      ))}
      {changes.endDate && <List.Item>{t('engagements.changes.endDateChange', { date: format.date(changes.endDate) })}</List.Item>}
      {changes.fee && (
        <List.Item>
          {t('engagements.changes.feeChange')}
          <FeeSummary fee={changes.fee} />
        </List.Item>
      )}
      {changes.scope !== undefined && (
        <List.Item>
          {t('engagements.changes.scopeChange')}
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            {changes.scope}
          </Text>
        </List.Item>
      )}
      {changes.deliverables && (
        <List.Item>{t('engagements.changes.deliverablesChange', { list: changes.deliverables.join('、') })}</List.Item>
      )}
    </List>
  );
}

function ProposeForm({ engagementId, sow }: { engagementId: string; sow: SowContent }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const changed = useEngagementChanged(engagementId);
  const [summary, setSummary] = useState('');
  const [reason, setReason] = useState('');
  const [draft, setDraft] = useState<ChangeDraft>(() => draftFromSow(sow));
  const [nothing, setNothing] = useState(false);
  const propose = useMutation({
    mutationFn: (changes: ChangeSet) => workApi.proposeChange(engagementId, { summary, reason, changes }),
    onSuccess: async (list) => {
      queryClient.setQueryData(queryKeys.engagementPart(engagementId, 'changes'), list);
      setSummary('');
      setReason('');
      setDraft(draftFromSow(sow));
      await changed();
      notifications.show({ color: 'teal', message: t('engagements.changes.proposed') });
    },
  });
  const issues = useFieldIssueIndex(propose.error, []);
  // What the server said about a field's old value goes once the field is edited.
  const since = useEditedSince(propose.error);
  const at = (...path: (string | number)[]) => (since.edited(path.join('.')) ? undefined : issues.at(...path));
  const shown = new Set([
    'summary',
    'reason',
    'changes.scope',
    'changes.endDate',
    ...sow.milestones.flatMap((_, i) => [`changes.milestones.${i}.dueDate`, `changes.milestones.${i}.title`]),
    ...(draft.fee ? feeKeys(draft.fee, ['changes', 'fee']) : []),
  ]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const changes = changeSetFrom(sow, draft);
    setNothing(isEmptyChange(changes));
    if (!isEmptyChange(changes)) propose.mutate(changes);
  };
  const setMilestone = (key: string, change: Partial<{ title: string; dueDate: string }>) =>
    setDraft((d) => ({
      ...d,
      milestones: { ...d.milestones, [key]: { ...(d.milestones[key] ?? { title: '', dueDate: '' }), ...change } },
    }));

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h5">
            {t('engagements.changes.propose')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('engagements.changes.proposeHint')}
          </Text>
          <ActionError error={propose.error} engagementId={engagementId} extra={unplacedIssues(issues.index, shown)} />
          {nothing && (
            <Alert color="orange" variant="light">
              {t('engagements.changes.nothingChanged')}
            </Alert>
          )}
          <LimitedTextInput
            label={t('engagements.changes.summary')}
            value={summary}
            onChange={(e) => {
              setSummary(e.currentTarget.value);
              since.mark('summary');
            }}
            error={at('summary')}
            limit={200}
            required
          />
          <LimitedTextarea
            label={t('engagements.changes.reason')}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              since.mark('reason');
            }}
            error={at('reason')}
            autosize
            minRows={2}
            limit={5000}
          />
          <Text size="sm" fw={600}>
            {t('engagements.changes.milestoneDates')}
          </Text>
          <Table verticalSpacing={4}>
            <Table.Tbody>
              {sow.milestones.map((m, i) => (
                <Table.Tr key={m.key}>
                  <Table.Td>
                    <TextInput
                      aria-label={t('engagements.changes.milestoneTitle', { title: m.title })}
                      value={draft.milestones[m.key]?.title ?? m.title}
                      onChange={(e) => {
                        setMilestone(m.key, { title: e.currentTarget.value });
                        since.mark(`changes.milestones.${i}.title`);
                      }}
                      error={at('changes', 'milestones', i, 'title')}
                      size="xs"
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      type="date"
                      aria-label={t('engagements.changes.milestoneDue', { title: m.title })}
                      value={draft.milestones[m.key]?.dueDate ?? m.dueDate}
                      onChange={(e) => {
                        setMilestone(m.key, { dueDate: e.currentTarget.value });
                        since.mark(`changes.milestones.${i}.dueDate`);
                      }}
                      error={at('changes', 'milestones', i, 'dueDate')}
                      size="xs"
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <DateField
            label={t('engagements.changes.endDate')}
            value={draft.endDate}
            onChange={(endDate) => {
              setDraft((d) => ({ ...d, endDate }));
              since.mark('changes.endDate');
            }}
            error={at('changes', 'endDate')}
          />
          <Textarea
            label={t('engagements.changes.scope')}
            value={draft.scope}
            onChange={(e) => {
              const scope = e.currentTarget.value;
              setDraft((d) => ({ ...d, scope }));
              since.mark('changes.scope');
            }}
            error={at('changes', 'scope')}
            autosize
            minRows={2}
          />
          <Switch
            label={t('engagements.changes.changeFee')}
            checked={draft.fee !== null}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setDraft((d) => ({ ...d, fee: on ? draftFromFee(sow.fee) : null }));
            }}
          />
          {draft.fee && (
            <FeeEditor value={draft.fee} onChange={(fee) => setDraft((d) => ({ ...d, fee }))} issues={issues} path={['changes', 'fee']} />
          )}
          <Button type="submit" loading={propose.isPending} w="fit-content">
            {t('engagements.changes.send')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
