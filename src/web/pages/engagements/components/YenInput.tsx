import { NumberInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { NumberDraft } from '../../../lib/engagements/plan';

interface YenInputProps {
  label: string;
  value: NumberDraft;
  onChange: (value: NumberDraft) => void;
  error?: string | undefined;
  description?: string | undefined;
  required?: boolean;
  maw?: number;
}

/**
 * Whole yen (JPY has no minor unit), with thousands separators as typed. A minus sign is kept
 * and refused with a message: dropping it would turn "-500" into ¥500 without a word.
 */
export function YenInput({ label, value, onChange, error, description, required = false, maw = 260 }: YenInputProps) {
  const { t } = useTranslation();
  const negative = typeof value === 'number' && value < 0;
  return (
    <NumberInput
      label={label}
      value={value}
      onChange={(v) => onChange(typeof v === 'number' ? v : v === '' || v === '-' ? '' : Number(v))}
      error={error ?? (negative ? t('engagements.issues.field.amount.too_small') : undefined)}
      description={description}
      required={required}
      prefix="¥"
      thousandSeparator=","
      allowDecimal={false}
      clampBehavior="none"
      min={0}
      max={Number.MAX_SAFE_INTEGER}
      hideControls
      maw={maw}
    />
  );
}
