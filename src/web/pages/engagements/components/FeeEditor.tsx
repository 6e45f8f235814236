import { ActionIcon, Button, Group, NumberInput, Radio, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LimitedTextInput } from '../../../components/LimitedText';
import { useFormatters } from '../../../hooks/useFormatters';
import { draftEstimate, emptyRate, type FeeDraft } from '../../../lib/engagements/plan';
import type { FieldIssues } from '../hooks';
import { YenInput } from './YenInput';

interface FeeEditorProps {
  value: FeeDraft;
  onChange: (value: FeeDraft) => void;
  issues: FieldIssues;
  /** The path of the fee in the request, e.g. ['fee']. */
  path?: string[];
}

/** A fixed fee, or time and materials at a rate card with an optional cap; the estimate is shown as typed. */
export function FeeEditor({ value, onChange, issues, path = ['fee'] }: FeeEditorProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const estimate = draftEstimate(value);
  const set = (change: Partial<FeeDraft>) => onChange({ ...value, ...change });
  const setRate = (index: number, change: Partial<FeeDraft['rateCard'][number]>) =>
    set({ rateCard: value.rateCard.map((r, i) => (i === index ? { ...r, ...change } : r)) });
  const at = (...rest: (string | number)[]) => issues.at(...path, ...rest);

  return (
    <Stack gap="sm">
      <Radio.Group
        label={t('engagements.fee.type')}
        value={value.type}
        onChange={(type) => set({ type: type as FeeDraft['type'] })}
        error={at('type')}
      >
        <Group mt={4}>
          <Radio value="fixed" label={t('feeType.fixed')} />
          <Radio value="time_and_materials" label={t('feeType.time_and_materials')} />
        </Group>
      </Radio.Group>
      {value.type === 'fixed' ? (
        <YenInput
          label={t('engagements.fee.fixedAmount')}
          value={value.fixedAmount}
          onChange={(fixedAmount) => set({ fixedAmount })}
          error={at('amount', 'amount') ?? at('amount')}
          required
        />
      ) : (
        <Stack gap="xs">
          <Text size="sm" fw={500}>
            {t('engagements.fee.rateCard')}
          </Text>
          {value.rateCard.map((r, i) => {
            const n = i + 1;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rate lines have no identity but their place
              <Group key={i} align="flex-start" gap="xs" wrap="wrap">
                <LimitedTextInput
                  label={t('engagements.fee.role', { n })}
                  value={r.role}
                  onChange={(e) => setRate(i, { role: e.currentTarget.value })}
                  error={at('rateCard', i, 'role')}
                  limit={80}
                  w={220}
                />
                <YenInput
                  label={t('engagements.fee.hourlyRate', { n })}
                  value={r.hourlyRate}
                  onChange={(hourlyRate) => setRate(i, { hourlyRate })}
                  error={at('rateCard', i, 'hourlyRate', 'amount')}
                  maw={180}
                />
                <NumberInput
                  label={t('engagements.fee.estimatedHours', { n })}
                  value={r.estimatedHours}
                  onChange={(v) => setRate(i, { estimatedHours: typeof v === 'number' ? v : '' })}
                  error={at('rateCard', i, 'estimatedHours')}
                  min={0}
                  clampBehavior="none"
                  w={150}
                />
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  mt={26}
                  aria-label={t('engagements.fee.removeRate', { n })}
                  onClick={() => set({ rateCard: value.rateCard.filter((_, j) => j !== i) })}
                  disabled={value.rateCard.length === 1}
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
            onClick={() => set({ rateCard: [...value.rateCard, emptyRate()] })}
          >
            {t('engagements.fee.addRate')}
          </Button>
          {at('rateCard') && (
            <Text size="sm" c="red">
              {at('rateCard')}
            </Text>
          )}
          <YenInput
            label={t('engagements.fee.cap')}
            description={t('engagements.fee.capHint')}
            value={value.cap}
            onChange={(cap) => set({ cap })}
            error={at('cap', 'amount')}
          />
        </Stack>
      )}
      {at() && (
        <Text size="sm" c="red">
          {at()}
        </Text>
      )}
      <Text size="sm" aria-live="polite">
        {t('engagements.fee.estimate')}: <b>{estimate ? format.money(estimate) : t('common.none')}</b>
      </Text>
    </Stack>
  );
}

/** The field paths the editor shows issues on. */
export function feeKeys(value: FeeDraft, path: string[] = ['fee']): string[] {
  const base = path.join('.');
  return [
    base,
    `${base}.type`,
    `${base}.amount`,
    `${base}.amount.amount`,
    `${base}.rateCard`,
    `${base}.cap.amount`,
    ...value.rateCard.flatMap((_, i) => ['role', 'hourlyRate.amount', 'estimatedHours'].map((f) => `${base}.rateCard.${i}.${f}`)),
  ];
}
