import { ActionIcon, Button, Fieldset, Group, NumberInput, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rubric } from '../../../shared/contracts/deliverables';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useTranslator } from '../../hooks/useTranslator';
import { slug, unique } from '../../lib/deliverables/draft';
import {
  type CriterionDraft,
  criterionUid,
  percentTotal,
  type RubricDraft,
  resizeAnchors,
  rubricDraftOf,
  rubricInputOf,
} from '../../lib/deliverables/rubric';
import { indexIssues, unplacedIssues } from '../../lib/engagements/issues';
import { deliverableKeys, deliverablesApi } from '../deliverables/api';

/** Edits a rubric template and saves it as the organisation's next version for its engagement type. */
export function RubricEditor({ rubric, onDone }: { rubric: Rubric; onDone: () => void }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const queryClient = useQueryClient();
  const [draft, setDraftState] = useState<RubricDraft>(() => rubricDraftOf(rubric, tr));
  const type = tr.t(`engagementType.${rubric.engagementType}`);
  const levels = draft.scale.max - draft.scale.min + 1;
  const total = percentTotal(draft.criteria);

  const save = useMutation({
    mutationFn: () => deliverablesApi.saveRubric(rubricInputOf(draft)),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: deliverableKeys.rubrics });
      await queryClient.invalidateQueries({ queryKey: ['engagements', 'one'] });
      notifications.show({ color: 'teal', message: t('deliverables.rubrics.saved', { version: saved.version, type }) });
      onDone();
    },
  });
  const issues = useMemo(() => indexIssues(save.error, [], tr), [save.error, tr]);
  /** The server's issues are about the draft it was sent: an edit makes them stale. */
  const setDraft = (next: RubricDraft) => {
    setDraftState(next);
    if (save.error) save.reset();
  };
  const placed = (key: string) => key === 'criteria' || /^criteria\.\d+\.(key|title|weight|anchors)/.test(key) || /^(name|scale)/.test(key);
  const unplaced = unplacedIssues(issues, new Set([...issues.keys()].filter(placed)));
  const issueUnder = (prefix: string) => [...issues.entries()].find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1];

  const setScale = (scale: { min: number; max: number }) =>
    setDraft({
      ...draft,
      scale,
      criteria: draft.criteria.map((c) => ({ ...c, anchors: resizeAnchors(c.anchors, scale.max - scale.min + 1) })),
    });
  const setCriterion = (i: number, change: Partial<CriterionDraft>) =>
    setDraft({ ...draft, criteria: draft.criteria.map((c, j) => (j === i ? { ...c, ...change } : c)) });
  const addCriterion = () => {
    const key = unique('criterion', new Set(draft.criteria.map((c) => c.key)));
    setDraft({
      ...draft,
      criteria: [...draft.criteria, { uid: criterionUid(), key, title: '', weight: '', anchors: resizeAnchors([], levels) }],
    });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const totalError = issues.get('criteria') ?? (total !== 100 ? t('deliverables.rubrics.totalWrong', { total }) : undefined);

  return (
    <Paper withBorder p="md" component="section" aria-label={t('deliverables.rubrics.editTitle', { type })}>
      <form onSubmit={submit} data-testid="rubric-editor">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('deliverables.rubrics.editTitle', { type })}
          </Title>
          <Group align="start">
            <TextInput
              label={t('deliverables.rubrics.name')}
              value={draft.name}
              onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
              error={issueUnder('name')}
              maxLength={200}
              required
              w={320}
            />
            <NumberInput
              label={t('deliverables.rubrics.scaleMin')}
              value={draft.scale.min}
              onChange={(v) => typeof v === 'number' && v < draft.scale.max && setScale({ ...draft.scale, min: v })}
              min={0}
              max={9}
              allowDecimal={false}
              error={issues.get('scale.min')}
              w={120}
            />
            <NumberInput
              label={t('deliverables.rubrics.scaleMax')}
              value={draft.scale.max}
              onChange={(v) => typeof v === 'number' && v > draft.scale.min && setScale({ ...draft.scale, max: v })}
              min={1}
              max={10}
              allowDecimal={false}
              error={issues.get('scale.max')}
              w={120}
            />
          </Group>
          <Text fw={600} size="sm">
            {t('deliverables.rubrics.criteria')}
          </Text>
          {draft.criteria.map((c, i) => (
            <Fieldset key={c.uid} legend={t('deliverables.rubrics.criterion', { n: i + 1 })} data-testid="criterion-editor">
              <Stack gap="xs">
                <Group align="start" grow>
                  <TextInput
                    label={t('deliverables.rubrics.criterionTitle')}
                    value={c.title}
                    onChange={(e) => setCriterion(i, { title: e.currentTarget.value })}
                    error={issueUnder(`criteria.${i}.title`)}
                    maxLength={200}
                    required
                  />
                  <TextInput
                    label={t('deliverables.rubrics.key')}
                    value={c.key}
                    onChange={(e) => setCriterion(i, { key: slug(e.currentTarget.value) || e.currentTarget.value })}
                    error={issueUnder(`criteria.${i}.key`)}
                    maxLength={60}
                    ff="monospace"
                  />
                  <NumberInput
                    label={t('deliverables.rubrics.weight')}
                    value={c.weight}
                    onChange={(v) => setCriterion(i, { weight: typeof v === 'number' ? v : '' })}
                    min={0}
                    max={100}
                    decimalScale={1}
                    suffix=" %"
                    error={issueUnder(`criteria.${i}.weight`)}
                  />
                </Group>
                <Stack gap={4}>
                  <Text size="sm" fw={500}>
                    {t('deliverables.rubrics.anchors')}
                  </Text>
                  {c.anchors.map((anchor, level) => (
                    <TextInput
                      // biome-ignore lint/suspicious/noArrayIndexKey: one input per level of the scale, in order
                      key={level}
                      label={t('deliverables.rubrics.anchor', { level: draft.scale.min + level })}
                      value={anchor}
                      onChange={(e) => setCriterion(i, { anchors: c.anchors.map((a, j) => (j === level ? e.currentTarget.value : a)) })}
                      error={issues.get(`criteria.${i}.anchors.${level}`)}
                      maxLength={500}
                      required
                    />
                  ))}
                  {issues.get(`criteria.${i}.anchors`) && (
                    <Text size="sm" c="red" data-testid="anchor-issue">
                      {issues.get(`criteria.${i}.anchors`)}
                    </Text>
                  )}
                </Stack>
                <Group justify="flex-end">
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('deliverables.rubrics.removeCriterion', { n: i + 1 })}
                    onClick={() => setDraft({ ...draft, criteria: draft.criteria.filter((_, j) => j !== i) })}
                    disabled={draft.criteria.length === 1}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              </Stack>
            </Fieldset>
          ))}
          <Group justify="space-between">
            <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={addCriterion}>
              {t('deliverables.rubrics.addCriterion')}
            </Button>
            <Stack gap={0} align="flex-end" data-testid="weights-total">
              <Text size="sm" fw={600} c={totalError ? 'red' : 'teal'}>
                {t('deliverables.rubrics.total', { total })}
              </Text>
              {totalError && (
                <Text size="sm" c="red" role="alert">
                  {totalError}
                </Text>
              )}
            </Stack>
          </Group>
          {save.error !== null && <ErrorAlert error={save.error} extra={unplaced} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('deliverables.rubrics.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
