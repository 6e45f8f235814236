import { ActionIcon, Alert, Button, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngagementView, ProposalInput, ProposalView } from '../../../../shared/contracts/engagements';
import type { ProviderProposalView } from '../../../../shared/contracts/staffing';
import { proposalsApi } from '../../../api/engagements';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { LimitedTextarea, LimitedTextInput } from '../../../components/LimitedText';
import { useFormatters } from '../../../hooks/useFormatters';
import { unplacedIssues } from '../../../lib/engagements/issues';
import {
  draftFromFee,
  draftsFromMilestones,
  emptyFee,
  emptyMilestone,
  type FeeDraft,
  feeFromDraft,
  type MilestoneDraft,
  milestonesFromDrafts,
  type NumberDraft,
  planIssues,
} from '../../../lib/engagements/plan';
import { type StaffingDraft, staffingDrafts, staffingPlanOf, staffingWeeks } from '../../../lib/staffing';
import { ActionError } from '../components/ActionError';
import { FeeEditor, feeKeys } from '../components/FeeEditor';
import { MilestonePlanEditor, milestonePlanKeys } from '../components/MilestonePlanEditor';
import { useEngagementChanged, useFieldIssueIndex } from '../hooks';
import { ProposalStatusBadge } from './ProposalStatusBadge';
import { StaffingEditor, StaffingOutcome } from './StaffingEditor';

interface TeamDraft {
  role: string;
  name: string;
  hoursPerWeek: NumberDraft;
}

interface ProposalDraft {
  approach: string;
  team: TeamDraft[];
  milestones: MilestoneDraft[];
  fee: FeeDraft;
  assumptions: string;
  cadenceDays: NumberDraft;
}

const DEFAULT_CADENCE_DAYS = 7;

function draftOf(p: ProposalView | null): ProposalDraft {
  if (!p) {
    return {
      approach: '',
      team: [{ role: '', name: '', hoursPerWeek: '' }],
      milestones: [emptyMilestone([])],
      fee: emptyFee(),
      assumptions: '',
      cadenceDays: DEFAULT_CADENCE_DAYS,
    };
  }
  const c = p.content;
  return {
    approach: c.approach,
    team: c.team.map((m) => ({ role: m.role, name: m.name ?? '', hoursPerWeek: m.hoursPerWeek ?? '' })),
    milestones: draftsFromMilestones(c.milestones),
    fee: draftFromFee(c.fee),
    assumptions: c.assumptions,
    cadenceDays: c.cadenceDays,
  };
}

function inputOf(d: ProposalDraft): ProposalInput {
  return {
    approach: d.approach,
    team: d.team
      .filter((m) => m.role.trim() || m.name.trim())
      .map((m) => ({ role: m.role.trim(), name: m.name.trim() || null, hoursPerWeek: m.hoursPerWeek === '' ? null : m.hoursPerWeek })),
    milestones: milestonesFromDrafts(d.milestones),
    fee: feeFromDraft(d.fee),
    assumptions: d.assumptions,
    cadenceDays: d.cadenceDays as number,
  };
}

/** The provider's own proposal carries its internal staffing plan; anything else has none. */
const staffingOf = (p: ProposalView | ProviderProposalView | null) => (p && 'staffing' in p ? p.staffing : []);

/** A bidder's proposal: approach, team, milestones, fee and update cadence; saved as a draft, then submitted. */
export function ProposalEditor({
  engagement,
  proposal,
}: {
  engagement: EngagementView;
  proposal: ProposalView | ProviderProposalView | null;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const changed = useEngagementChanged(engagement.id);
  const [draft, setDraft] = useState<ProposalDraft>(() => draftOf(proposal));
  // The internal staffing plan (#14): hours per week over the proposal's weeks, never shown to the client.
  const [staffing, setStaffing] = useState<StaffingDraft[]>(() => staffingDrafts(staffingOf(proposal)));
  const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
  const lastDue = draft.milestones
    .map((m) => m.dueDate)
    .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
    .sort()
    .at(-1);
  const planEnd = lastDue && lastDue > engagement.targetEnd ? lastDue : engagement.targetEnd;
  const weeksOf = (minutes: number) => staffingWeeks(today, engagement.targetStart, planEnd, minutes);
  const planned = weeksOf(1);
  const range = planned.length > 0 ? { from: planned[0]?.week ?? '', to: planned.at(-1)?.week ?? '', count: planned.length } : null;
  const [checked, setChecked] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const set = <K extends keyof ProposalDraft>(key: K, value: ProposalDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const local = checked ? planIssues(draft.milestones) : [];

  const save = useMutation({
    mutationFn: async (submit: boolean) => {
      const saved = await proposalsApi.save(engagement.id, inputOf(draft), proposal?.version ?? 0, staffingPlanOf(staffing, weeksOf));
      return submit ? proposalsApi.submit(engagement.id, saved.version) : saved;
    },
    onSuccess: async (p, submitted) => {
      await changed();
      notifications.show({
        color: 'teal',
        message: submitted ? t('engagements.proposals.submittedNotice') : t('engagements.proposals.savedNotice'),
      });
      setDraft(draftOf(p));
      setStaffing(staffingDrafts(p.staffing));
    },
    // A save may have gone through before the submission failed: take the proposal's new version.
    onError: () => changed(),
  });
  const withdraw = useMutation({
    // Withdrawn as the person saw it: a proposal changed since by a colleague is a conflict, not a surprise.
    mutationFn: () => proposalsApi.withdraw(engagement.id, proposal?.version ?? 0),
    onSuccess: async () => {
      setWithdrawing(false);
      await changed();
      notifications.show({ color: 'teal', message: t('engagements.proposals.withdrawnNotice') });
    },
  });
  const issues = useFieldIssueIndex(save.error, local, ['proposal'], draft);
  const shown = new Set([
    'approach',
    'assumptions',
    'cadenceDays',
    ...milestonePlanKeys(draft.milestones),
    ...feeKeys(draft.fee),
    ...draft.team.flatMap((_, i) => [`team.${i}.role`, `team.${i}.name`, `team.${i}.hoursPerWeek`]),
  ]);

  const submit = (asSubmission: boolean) => (e?: FormEvent) => {
    e?.preventDefault();
    setChecked(true);
    if (planIssues(draft.milestones).length > 0) return;
    save.mutate(asSubmission);
  };
  const status = proposal?.status ?? null;
  const editable = status === null || status === 'draft' || status === 'submitted';

  return (
    <form onSubmit={submit(false)} noValidate>
      <Stack gap="md" maw={1000}>
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('engagements.proposals.yours')}
          </Title>
          {status ? (
            <ProposalStatusBadge status={status} />
          ) : (
            <Text size="sm" c="dimmed">
              {t('engagements.proposals.notStarted')}
            </Text>
          )}
        </Group>
        {status === 'submitted' && proposal?.submittedAt && (
          <Alert color="blue" variant="light">
            {t('engagements.proposals.submittedOn', { at: format.dateTime(proposal.submittedAt) })}
          </Alert>
        )}
        {!editable && <Alert color="gray">{t('engagements.proposals.closed')}</Alert>}
        <ActionError error={save.error} engagementId={engagement.id} extra={unplacedIssues(issues.index, shown)} onReloaded={save.reset} />
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={3} size="h5">
              {t('engagements.proposals.approachSection')}
            </Title>
            <LimitedTextarea
              label={t('engagements.proposals.approach')}
              description={t('engagements.proposals.approachHint')}
              value={draft.approach}
              onChange={(e) => set('approach', e.currentTarget.value)}
              error={issues.at('approach')}
              autosize
              minRows={4}
              limit={20000}
            />
            <LimitedTextarea
              label={t('engagements.proposals.assumptions')}
              value={draft.assumptions}
              onChange={(e) => set('assumptions', e.currentTarget.value)}
              error={issues.at('assumptions')}
              autosize
              minRows={2}
              limit={10000}
            />
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={3} size="h5">
              {t('engagements.proposals.milestones')}
            </Title>
            <MilestonePlanEditor value={draft.milestones} onChange={(v) => set('milestones', v)} issues={issues} />
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={3} size="h5">
              {t('engagements.proposals.fee')}
            </Title>
            <FeeEditor value={draft.fee} onChange={(v) => set('fee', v)} issues={issues} />
            <NumberInput
              label={t('engagements.proposals.cadenceLabel')}
              description={t('engagements.proposals.cadenceHint')}
              value={draft.cadenceDays}
              onChange={(v) => set('cadenceDays', typeof v === 'number' ? v : '')}
              error={issues.at('cadenceDays')}
              min={1}
              clampBehavior="none"
              max={31}
              allowDecimal={false}
              w={260}
            />
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={3} size="h5">
              {t('engagements.proposals.team')}
            </Title>
            <TeamEditor value={draft.team} onChange={(v) => set('team', v)} at={(i, f) => issues.at('team', i, f)} />
          </Stack>
        </Paper>
        {editable ? (
          <StaffingEditor engagementId={engagement.id} value={staffing} onChange={setStaffing} weeksOf={weeksOf} range={range} />
        ) : (
          <StaffingOutcome engagementId={engagement.id} staffing={staffingOf(proposal)} />
        )}
        {editable && (
          <Group>
            <Button type="submit" variant="default" loading={save.isPending && save.variables === false}>
              {t('engagements.proposals.save')}
            </Button>
            <Button onClick={() => submit(true)()} loading={save.isPending && save.variables === true}>
              {status === 'submitted' ? t('engagements.proposals.resubmit') : t('engagements.proposals.submit')}
            </Button>
            {status === 'submitted' && (
              <Button color="red" variant="subtle" onClick={() => setWithdrawing(true)}>
                {t('engagements.proposals.withdraw')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
      <ConfirmDialog
        opened={withdrawing}
        title={t('engagements.proposals.withdrawTitle')}
        body={t('engagements.proposals.withdrawBody')}
        confirmLabel={t('engagements.proposals.withdraw')}
        onConfirm={() => withdraw.mutate()}
        onCancel={() => setWithdrawing(false)}
        pending={withdraw.isPending}
        error={withdraw.error}
      />
    </form>
  );
}

function TeamEditor({
  value,
  onChange,
  at,
}: {
  value: TeamDraft[];
  onChange: (v: TeamDraft[]) => void;
  at: (i: number, field: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const set = (i: number, change: Partial<TeamDraft>) => onChange(value.map((m, j) => (j === i ? { ...m, ...change } : m)));
  return (
    <Stack gap="xs">
      {value.map((m, i) => {
        const n = i + 1;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: team lines have no identity but their place
          <Group key={i} gap="xs" align="flex-start" wrap="wrap">
            <LimitedTextInput
              label={t('engagements.proposals.teamRole', { n })}
              value={m.role}
              onChange={(e) => set(i, { role: e.currentTarget.value })}
              error={at(i, 'role')}
              limit={80}
              w={220}
            />
            <LimitedTextInput
              label={t('engagements.proposals.teamName', { n })}
              value={m.name}
              onChange={(e) => set(i, { name: e.currentTarget.value })}
              error={at(i, 'name')}
              limit={120}
              w={220}
            />
            <NumberInput
              label={t('engagements.proposals.teamHours', { n })}
              value={m.hoursPerWeek}
              onChange={(v) => set(i, { hoursPerWeek: typeof v === 'number' ? v : '' })}
              error={at(i, 'hoursPerWeek')}
              min={0}
              clampBehavior="none"
              max={80}
              w={160}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              mt={26}
              aria-label={t('engagements.proposals.removeMember', { n })}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        );
      })}
      <Button
        variant="subtle"
        size="compact-sm"
        leftSection={<IconPlus size={14} />}
        w="fit-content"
        onClick={() => onChange([...value, { role: '', name: '', hoursPerWeek: '' }])}
      >
        {t('engagements.proposals.addMember')}
      </Button>
    </Stack>
  );
}
