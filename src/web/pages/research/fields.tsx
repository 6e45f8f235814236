import { NumberInput, type NumberInputProps } from '@mantine/core';
import { useState } from 'react';
import type { NumberField } from './sizingForm';

/**
 * A number input that keeps what the person is typing ("0.", "-") as text and reports a number,
 * or '' while it is empty or not a number yet.
 */
export function NumberFieldInput({
  value,
  onValue,
  ...props
}: Omit<NumberInputProps, 'value' | 'onChange'> & { value: NumberField; onValue: (value: NumberField) => void }) {
  const [text, setText] = useState<string | number>(value);
  const shown = typeof text === 'number' || text === '' ? value : text;
  return (
    <NumberInput
      {...props}
      value={shown}
      onChange={(next) => {
        setText(next);
        onValue(typeof next === 'number' && Number.isFinite(next) ? next : '');
      }}
    />
  );
}
