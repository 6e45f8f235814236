import { Alert, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_MAX_REWORK_ROUNDS } from '../../../../shared/contracts/deliverables';
import type { SowContent, SowVersionView } from '../../../../shared/contracts/engagements';
import { sowApi } from '../../../api/engagements';
import { queryKeys } from '../../../api/queryKeys';
import { unplacedIssues } from '../../../lib/engagements/issues';
import {
  datesIssue,
  draftsFromMilestones,
  type MilestoneDraft,
  milestonesFromDrafts,
  type NumberDraft,
  planIssues,
} from '../../../lib/engagements/plan';

import { ActionError } from '../components/ActionError';
import { DateField } from '../components/DateField';
import { FeeSummary } from '../components/FeeSummary';
import { Field } from '../components/Field';
import { MilestonePlanEditor, milestonePlanKeys } from '../components/MilestonePlanEditor';
import { TextListInput } from '../components/TextListInput';
import { useEngagementChanged, useFieldIssueIndex } from '../hooks';

interface SowDraft {
  scope: string;
  deliverables: string[];
  milestones: MilestoneDraft[];
  cadenceDays: NumberDraft;
  clientAnswerDays: NumberDraft;
  providerAnswerDays: NumberDraft;
  reviewSlaBusinessDays: NumberDraft;
  maxReworkRounds: NumberDraft;
  startDate: string;
  endDate: string;
  assumptions: string;
}

const draftOf = (c: SowContent): SowDraft => ({
  scope: c.scope,
  deliverables: [...c.deliverables],
  milestones: draftsFromMilestones(c.milestones),
  cadenceDays: c.cadenceDays,
  clientAnswerDays: c.answerSla.clientBusinessDays,
  providerAnswerDays: c.answerSla.providerBusinessDays,
  reviewSlaBusinessDays: c.reviewSlaBusinessDays,
  maxReworkRounds: c.maxReworkRounds ?? DEFAULT_MAX_REWORK_ROUNDS,
  startDate: c.startDate,
  endDate: c.endDate,
  assumptions: c.assumptions,
});

const contentOf = (d: SowDraft, fee: SowContent['fee']): SowContent => ({
  scope: d.scope,
  deliverables: d.deliverables.map((x) => x.trim()).filter(Boolean),
  milestones: milestonesFromDrafts(d.milestones),
  fee,
  cadenceDays: d.cadenceDays as number,
  answerSla: { clientBusinessDays: d.clientAnswerDays as number, providerBusinessDays: d.providerAnswerDays as number },
  reviewSlaBusinessDays: d.reviewSlaBusinessDays as number,
  maxReworkRounds: d.maxReworkRounds as number,
  startDate: d.startDate,
  endDate: d.endDate,
  assumptions: d.assumptions,
});

/** A new SOW version before both sides approve it. The fee stays as awarded (it changes only through a change request). */
export function SowReviseForm({ engagementId, current, onDone }: { engagementId: string; current: SowVersionView; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const changed = useEngagementChanged(engagementId);
  const [draft, setDraft] = useState(() => draftOf(current.content));
  const [checked, setChecked] = useState(false);
  const set = <K extends keyof SowDraft>(key: K, value: SowDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const findIssues = () => [
    ...planIssues(draft.milestones, { start: draft.startDate, end: draft.endDate }),
    ...datesIssue(draft.startDate, draft.endDate, ['endDate']),
  ];
  const local = checked ? findIssues() : [];
  const revise = useMutation({
    mutationFn: () => sowApi.revise(engagementId, contentOf(draft, current.content.fee), current.version),
    onSuccess: async (sow) => {
      queryClient.setQueryData(queryKeys.engagementPart(engagementId, 'sow'), sow);
      await changed();
      notifications.show({ color: 'teal', message: t('engagements.sow.revised', { version: sow.current?.version ?? '' }) });
      onDone();
    },
  });
  const issues = useFieldIssueIndex(revise.error, local, ['content'], draft);
  const shown = new Set([
    'scope',
    'deliverables',
    ...draft.deliverables.map((_, i) => `deliverables.${i}`),
    ...milestonePlanKeys(draft.milestones),
    'cadenceDays',
    'answerSla.clientBusinessDays',
    'answerSla.providerBusinessDays',
    'reviewSlaBusinessDays',
    'maxReworkRounds',
    'startDate',
    'endDate',
    'assumptions',
  ]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (findIssues().length === 0) revise.mutate();
  };
  const days = (
    label: string,
    key: 'cadenceDays' | 'clientAnswerDays' | 'providerAnswerDays' | 'reviewSlaBusinessDays',
    max: number,
    path: string[],
  ) => (
    <NumberInput
      label={label}
      value={draft[key]}
      onChange={(v) => set(key, typeof v === 'number' ? v : '')}
      error={issues.at(...path)}
      min={1}
      clampBehavior="none"
      max={max}
      allowDecimal={false}
    />
  );

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={3} size="h5">
            {t('engagements.sow.reviseTitle', { version: current.version + 1 })}
          </Title>
          <Alert color="blue" variant="light">
            {t('engagements.sow.reviseIntro')}
          </Alert>
          <ActionError error={revise.error} engagementId={engagementId} extra={unplacedIssues(issues.index, shown)} onReloaded={onDone} />
          <Group align="flex-start">
            <DateField
              label={t('engagements.sow.startDate')}
              value={draft.startDate}
              onChange={(v) => set('startDate', v)}
              error={issues.at('startDate')}
              required
            />
            <DateField
              label={t('engagements.sow.endDate')}
              value={draft.endDate}
              onChange={(v) => set('endDate', v)}
              error={issues.at('endDate')}
              required
            />
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            {days(t('engagements.sow.cadenceLabel'), 'cadenceDays', 31, ['cadenceDays'])}
            {days(t('engagements.sow.clientAnswerDays'), 'clientAnswerDays', 20, ['answerSla', 'clientBusinessDays'])}
            {days(t('engagements.sow.providerAnswerDays'), 'providerAnswerDays', 20, ['answerSla', 'providerBusinessDays'])}
            {days(t('engagements.sow.reviewDays'), 'reviewSlaBusinessDays', 30, ['reviewSlaBusinessDays'])}
            <NumberInput
              label={t('engagements.sow.maxReworkLabel')}
              value={draft.maxReworkRounds}
              onChange={(v) => set('maxReworkRounds', typeof v === 'number' ? v : '')}
              error={issues.at('maxReworkRounds')}
              min={0}
              max={10}
              clampBehavior="none"
              allowDecimal={false}
            />
          </SimpleGrid>
          <Field label={t('engagements.sow.feeLocked')}>
            <FeeSummary fee={current.content.fee} />
          </Field>
          <Textarea
            label={t('engagements.sow.scope')}
            value={draft.scope}
            onChange={(e) => set('scope', e.currentTarget.value)}
            error={issues.at('scope')}
            autosize
            minRows={3}
          />
          <TextListInput
            label={t('engagements.sow.deliverables')}
            itemLabel={(n) => t('engagements.brief.deliverableN', { n })}
            addLabel={t('engagements.brief.addDeliverable')}
            value={draft.deliverables}
            onChange={(v) => set('deliverables', v)}
            errors={(i) => issues.at('deliverables', i)}
          />
          <MilestonePlanEditor value={draft.milestones} onChange={(v) => set('milestones', v)} issues={issues} />
          <Textarea
            label={t('engagements.sow.assumptions')}
            value={draft.assumptions}
            onChange={(e) => set('assumptions', e.currentTarget.value)}
            error={issues.at('assumptions')}
            autosize
            minRows={2}
          />
          <Group>
            <Button type="submit" loading={revise.isPending}>
              {t('engagements.sow.saveRevision')}
            </Button>
            <Button variant="default" onClick={onDone} disabled={revise.isPending}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
