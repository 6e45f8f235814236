import { Textarea, type TextareaProps, TextInput, type TextInputProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** From this share of the limit on, the field shows how many characters it holds. */
const SHOW_COUNT_FROM = 0.9;

/**
 * What a length-limited field says: its own error, or that it holds more than the limit (the text
 * is kept as typed or pasted — a browser `maxlength` would cut it silently), and a count near the
 * limit. The server refuses the same length, so the two never disagree.
 */
function useLengthLimit(value: string, limit: number, error: ReactNode, description: ReactNode) {
  const { t } = useTranslation();
  // Counted as the server counts (UTF-16 units, like JavaScript's length).
  const count = value.length;
  const over = count > limit;
  const counter = count >= limit * SHOW_COUNT_FROM ? t('common.charCount', { count, limit }) : null;
  return {
    error: error || (over ? t('issues.generic.too_big_string', { maximum: limit }) : undefined),
    description:
      description && counter ? (
        <>
          {description} · {counter}
        </>
      ) : (
        (description ?? counter)
      ),
    'aria-invalid': over || undefined,
  };
}

type Limited<P> = Omit<P, 'value' | 'maxLength'> & { value: string; limit: number };

/** A one-line text input with a length limit said, not enforced by cutting. */
export function LimitedTextInput({ limit, value, error, description, ...rest }: Limited<TextInputProps>) {
  const said = useLengthLimit(value, limit, error, description);
  return <TextInput {...rest} value={value} error={said.error} description={said.description} aria-invalid={said['aria-invalid']} />;
}

/** A multi-line text input with a length limit said, not enforced by cutting. */
export function LimitedTextarea({ limit, value, error, description, ...rest }: Limited<TextareaProps>) {
  const said = useLengthLimit(value, limit, error, description);
  return <Textarea {...rest} value={value} error={said.error} description={said.description} aria-invalid={said['aria-invalid']} />;
}
