import { NumberInput, type NumberInputProps } from '@mantine/core';
import { useEffect, useState } from 'react';
import { fromPercent, sameNumber, toPercent } from '../../../lib/financial-models/numbers';

export type NumberScale = 'percent' | 'multiple' | 'plain';

interface NumberFieldProps extends Omit<NumberInputProps, 'value' | 'onChange' | 'error' | 'styles'> {
  /** In the model's terms: a decimal rate for percentages (0.08 shows as 8%). */
  value: number;
  /** Called with the model's value; NaN when the field is emptied (the draft's check then names it). */
  onValue: (value: number) => void;
  scale: NumberScale;
  /** The case overrides the base here: drawn in the scenario colour. */
  overridden?: boolean;
  error?: string | boolean | undefined;
}

const shown = (value: number, scale: NumberScale): number | string =>
  Number.isNaN(value) ? '' : scale === 'percent' ? toPercent(value) : value;

const overriddenStyle = {
  backgroundColor: 'var(--mantine-color-grape-0)',
  borderColor: 'var(--mantine-color-grape-5)',
  fontWeight: 600,
};

/**
 * A number of the model as people type it: rates in percent, multiples in turns. What is typed
 * stays as typed ("14." on the way to "14.5") and reaches the model once it is a number; a value
 * changed from outside (another case chosen, an override reset) replaces it.
 */
export function NumberField({ value, onValue, scale, overridden = false, error, readOnly, ...rest }: NumberFieldProps) {
  const [text, setText] = useState<number | string>(() => shown(value, scale));
  useEffect(() => {
    setText((current) => {
      const typed = typeof current === 'number' ? current : current.trim() === '' ? Number.NaN : Number(current);
      const model = scale === 'percent' && !Number.isNaN(typed) ? fromPercent(typed) : typed;
      return sameNumber(model, value) ? current : shown(value, scale);
    });
  }, [value, scale]);

  return (
    <NumberInput
      {...rest}
      value={text}
      onChange={(next) => {
        setText(next);
        if (typeof next === 'number') onValue(scale === 'percent' ? fromPercent(next) : next);
        else if (next.trim() === '') onValue(Number.NaN);
      }}
      readOnly={readOnly === true}
      hideControls
      {...(scale !== 'plain' && { suffix: scale === 'percent' ? '%' : 'x' })}
      decimalScale={4}
      {...(error !== undefined && { error })}
      {...(overridden && {
        'data-overridden': true,
        styles: { input: error ? { ...overriddenStyle, borderColor: undefined } : overriddenStyle },
      })}
      variant={readOnly ? 'filled' : 'default'}
    />
  );
}
