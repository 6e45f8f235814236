import { NumberInput } from '@mantine/core';
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

/** Whole yen (JPY has no minor unit), with thousands separators as typed. */
export function YenInput({ label, value, onChange, error, description, required = false, maw = 260 }: YenInputProps) {
  return (
    <NumberInput
      label={label}
      value={value}
      onChange={(v) => onChange(typeof v === 'number' ? v : v === '' ? '' : Number(v))}
      error={error}
      description={description}
      required={required}
      prefix="¥"
      thousandSeparator=","
      allowDecimal={false}
      allowNegative={false}
      min={0}
      max={Number.MAX_SAFE_INTEGER}
      hideControls
      maw={maw}
    />
  );
}
