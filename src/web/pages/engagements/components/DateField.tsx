import { TextInput } from '@mantine/core';
import { useFormatters } from '../../../hooks/useFormatters';

interface DateFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  required?: boolean;
  min?: string | undefined;
  max?: string | undefined;
  description?: string | undefined;
  maw?: number;
}

/**
 * A calendar day (YYYY-MM-DD) in the browser's own date picker; below it the date as the person
 * reads dates in kpo (和暦 when they chose it).
 */
export function DateField({ label, value, onChange, error, required = false, min, max, description, maw = 220 }: DateFieldProps) {
  const format = useFormatters();
  const shown = value ? format.date(value) : undefined;
  return (
    <TextInput
      type="date"
      label={label}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      required={required}
      min={min}
      max={max}
      description={[description, shown].filter(Boolean).join(' · ') || undefined}
      maw={maw}
    />
  );
}
