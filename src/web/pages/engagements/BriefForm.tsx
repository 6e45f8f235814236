import { Button, Group, MultiSelect, NativeSelect, Paper, SimpleGrid, Stack } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Classification,
  type CreateEngagementRequest,
  classifications,
  type EngagementType,
  engagementTypes,
} from '../../../shared/contracts/engagements';
import type { OrgRef } from '../../api/engagements';
import { LimitedTextarea, LimitedTextInput } from '../../components/LimitedText';
import { useEditedSince } from '../../hooks/useEditedSince';
import { useFormatters } from '../../hooks/useFormatters';
import { type BriefDraft, briefRequest } from '../../lib/engagements/brief';
import { unplacedIssues } from '../../lib/engagements/issues';
import { CURRENCY, datesIssue, type PlanIssue } from '../../lib/engagements/plan';
import { ActionError } from './components/ActionError';
import { DateField } from './components/DateField';
import { TextListInput } from './components/TextListInput';
import { YenInput } from './components/YenInput';
import { useFieldIssueIndex } from './hooks';

interface BriefFormProps {
  initial: BriefDraft;
  engagementId?: string;
  /** With a directory, the form also invites providers (a new brief). */
  providers?: OrgRef[] | undefined;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (brief: CreateEngagementRequest, providerOrgIds: string[]) => void;
  onCancel: () => void;
  /** After a conflict the engagement was reloaded: forget the failed attempt. */
  onReloaded?: () => void;
}

const NO_LOCAL_ISSUES: readonly PlanIssue[] = [];

const SHOWN = new Set([
  'type',
  'title',
  'codeName',
  'objectives',
  'scope',
  'expectedDeliverables',
  'classification',
  'budget',
  'budget.amount',
  'targetStart',
  'targetEnd',
]);

/** The brief: what the client wants done, by when, for how much; a new one may invite providers at once. */
export function BriefForm(props: BriefFormProps) {
  const { initial, engagementId, providers, submitLabel, pending, error, onSubmit, onCancel, onReloaded } = props;
  const { t } = useTranslation();
  const format = useFormatters();
  const [draft, setDraft] = useState<BriefDraft>(initial);
  const [providerOrgIds, setProviderOrgIds] = useState<string[]>([]);
  const [checked, setChecked] = useState(false);
  const since = useEditedSince(error);
  const set = <K extends keyof BriefDraft>(key: K, value: BriefDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    since.mark(key);
  };
  const local = checked ? datesIssue(draft.targetStart, draft.targetEnd, ['targetEnd']) : [];
  const found = useFieldIssueIndex(error, local);
  const server = useFieldIssueIndex(error, NO_LOCAL_ISSUES);
  const checkedHere = useFieldIssueIndex(null, local);
  // A field edited since the failed request no longer shows what the server said about its old
  // value; what the form itself finds (the dates' order) stays live.
  const issues = {
    index: found.index,
    at: (...path: (string | number)[]) => checkedHere.at(...path) ?? (since.edited(String(path[0])) ? undefined : server.at(...path)),
  };
  const shown = new Set([...SHOWN, ...draft.expectedDeliverables.map((_, i) => `expectedDeliverables.${i}`)]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (datesIssue(draft.targetStart, draft.targetEnd, ['targetEnd']).length > 0) return;
    onSubmit(briefRequest(draft), providerOrgIds);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {error ? (
          <ActionError
            error={error}
            engagementId={engagementId ?? ''}
            extra={unplacedIssues(issues.index, shown)}
            {...(onReloaded && { onReloaded })}
          />
        ) : null}
        <Paper withBorder p="lg">
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect
                label={t('engagements.brief.type')}
                value={draft.type}
                onChange={(e) => set('type', e.currentTarget.value as EngagementType)}
                data={engagementTypes.map((v) => ({ value: v, label: t(`engagementType.${v}`) }))}
                error={issues.at('type')}
                required
              />
              <NativeSelect
                label={t('engagements.brief.classification')}
                description={t('engagements.brief.classificationHint')}
                value={draft.classification}
                onChange={(e) => set('classification', e.currentTarget.value as Classification)}
                data={classifications.map((v) => ({ value: v, label: t(`classification.${v}`) }))}
                error={issues.at('classification')}
                required
              />
            </SimpleGrid>
            <LimitedTextInput
              label={t('engagements.brief.title')}
              value={draft.title}
              onChange={(e) => set('title', e.currentTarget.value)}
              error={issues.at('title')}
              limit={200}
              required
            />
            <LimitedTextInput
              label={t('engagements.brief.codeName')}
              description={t('engagements.brief.codeNameHint')}
              value={draft.codeName}
              onChange={(e) => set('codeName', e.currentTarget.value)}
              error={issues.at('codeName')}
              limit={60}
              maw={360}
            />
            <LimitedTextarea
              label={t('engagements.brief.objectives')}
              value={draft.objectives}
              onChange={(e) => set('objectives', e.currentTarget.value)}
              error={issues.at('objectives')}
              autosize
              minRows={3}
              limit={5000}
            />
            <LimitedTextarea
              label={t('engagements.brief.scope')}
              value={draft.scope}
              onChange={(e) => set('scope', e.currentTarget.value)}
              error={issues.at('scope')}
              autosize
              minRows={3}
              limit={10000}
            />
            <TextListInput
              label={t('engagements.brief.deliverables')}
              description={t('engagements.brief.deliverablesHint')}
              itemLabel={(n) => t('engagements.brief.deliverableN', { n })}
              addLabel={t('engagements.brief.addDeliverable')}
              value={draft.expectedDeliverables}
              onChange={(v) => set('expectedDeliverables', v)}
              errors={(i) => issues.at('expectedDeliverables', i)}
              error={issues.at('expectedDeliverables')}
            />
          </Stack>
        </Paper>
        <Paper withBorder p="lg">
          <Stack gap="md">
            <YenInput
              label={t('engagements.brief.budget')}
              description={
                draft.budget === ''
                  ? t('engagements.brief.budgetHint')
                  : `${t('engagements.brief.budgetHint')} · ${format.money({ amount: draft.budget, currency: CURRENCY })}`
              }
              value={draft.budget}
              onChange={(v) => set('budget', v)}
              error={issues.at('budget', 'amount') ?? issues.at('budget')}
            />
            <Group align="flex-start" gap="lg">
              <DateField
                label={t('engagements.brief.targetStart')}
                value={draft.targetStart}
                onChange={(v) => set('targetStart', v)}
                error={issues.at('targetStart')}
                required
              />
              <DateField
                label={t('engagements.brief.targetEnd')}
                value={draft.targetEnd}
                onChange={(v) => set('targetEnd', v)}
                error={issues.at('targetEnd')}
                min={draft.targetStart || undefined}
                required
              />
            </Group>
            {providers && (
              <MultiSelect
                label={t('engagements.brief.providers')}
                description={t('engagements.brief.providersHint')}
                data={providers.map((p) => ({ value: p.orgId, label: p.name }))}
                value={providerOrgIds}
                onChange={setProviderOrgIds}
                searchable
                clearable
                nothingFoundMessage={t('engagements.brief.noProviders')}
                maw={560}
              />
            )}
          </Stack>
        </Paper>
        <Group>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={pending}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
