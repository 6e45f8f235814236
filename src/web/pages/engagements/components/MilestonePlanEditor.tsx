import { ActionIcon, Badge, Button, Group, NumberInput, Paper, Stack, Text, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LimitedTextInput } from '../../../components/LimitedText';
import { emptyMilestone, type MilestoneDraft, weightTotal } from '../../../lib/engagements/plan';
import type { FieldIssues } from '../hooks';
import { DateField } from './DateField';

interface MilestonePlanEditorProps {
  value: MilestoneDraft[];
  onChange: (value: MilestoneDraft[]) => void;
  issues: FieldIssues;
  /** The path of the plan in the request, e.g. ['milestones']. */
  path?: string[];
}

/** The milestones of a proposal or SOW: title, due date, weight (they add up to 100) and deliverables. */
export function MilestonePlanEditor({ value, onChange, issues, path = ['milestones'] }: MilestonePlanEditorProps) {
  const { t } = useTranslation();
  const set = (index: number, change: Partial<MilestoneDraft>) => onChange(value.map((m, i) => (i === index ? { ...m, ...change } : m)));
  const total = weightTotal(value);
  const at = (i: number, field: string) => issues.at(...path, i, field);
  return (
    <Stack gap="sm">
      {value.map((m, i) => {
        const n = i + 1;
        return (
          <Paper key={m.key} withBorder p="sm" bg="gray.0">
            <Stack gap="xs">
              <Group justify="space-between">
                <Text size="sm" fw={600}>
                  {t('engagements.plan.milestoneN', { n })}
                </Text>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={t('engagements.plan.remove', { n })}
                  onClick={() => onChange(value.filter((_, j) => j !== i))}
                  disabled={value.length === 1}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
              <Group align="flex-start" gap="sm" wrap="wrap">
                <LimitedTextInput
                  label={t('engagements.plan.title', { n })}
                  value={m.title}
                  onChange={(e) => set(i, { title: e.currentTarget.value })}
                  error={at(i, 'title')}
                  limit={200}
                  required
                  style={{ flex: '1 1 260px' }}
                />
                <DateField
                  label={t('engagements.plan.dueDate', { n })}
                  value={m.dueDate}
                  onChange={(dueDate) => set(i, { dueDate })}
                  error={at(i, 'dueDate')}
                  required
                />
                <NumberInput
                  label={t('engagements.plan.weight', { n })}
                  value={m.weight}
                  onChange={(v) => set(i, { weight: typeof v === 'number' ? v : '' })}
                  error={at(i, 'weight')}
                  min={0}
                  clampBehavior="none"
                  max={100}
                  suffix="%"
                  w={180}
                  required
                />
              </Group>
              <Textarea
                label={t('engagements.plan.deliverables', { n })}
                description={t('engagements.plan.deliverablesHint')}
                value={m.deliverables.join('\n')}
                onChange={(e) => set(i, { deliverables: e.currentTarget.value.split('\n') })}
                error={at(i, 'deliverables')}
                autosize
                minRows={1}
              />
            </Stack>
          </Paper>
        );
      })}
      <Group justify="space-between">
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...value, emptyMilestone(value.map((m) => m.key))])}
        >
          {t('engagements.plan.add')}
        </Button>
        <Badge color={total === 100 ? 'teal' : 'orange'} variant="light" tt="none" aria-live="polite">
          {t('engagements.plan.total', { total })}
        </Badge>
      </Group>
      {issues.at(...path) && (
        <Text size="sm" c="red" role="alert">
          {issues.at(...path)}
        </Text>
      )}
    </Stack>
  );
}

/** The field paths the editor shows issues on. */
export function milestonePlanKeys(value: readonly MilestoneDraft[], path: string[] = ['milestones']): string[] {
  const base = path.join('.');
  return [base, ...value.flatMap((_, i) => ['title', 'dueDate', 'weight', 'deliverables', 'key'].map((f) => `${base}.${i}.${f}`))];
}
