import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type ErrorText, errorText, issuesOf, type PlacedIssues, type Translator } from '../lib/errorText';

/** i18next seen as a plain translator, for keys built at run time (error reasons, issue codes). */
export function useTranslator(): Translator {
  const { t, i18n } = useTranslation();
  return useMemo(
    () => ({
      t: (key: string, options?: Record<string, unknown>) => String(t(key as never, options as never)),
      exists: (key: string) => i18n.exists(key),
    }),
    [t, i18n],
  );
}

export function useErrorText(): (error: unknown) => ErrorText {
  const tr = useTranslator();
  return (error) => errorText(error, tr);
}

/** The validation issues of a failed request, placed on the form's fields. */
export function useFieldIssues<F extends string>(error: unknown, fields: readonly F[]): PlacedIssues<F> {
  const tr = useTranslator();
  return issuesOf(error, fields, tr);
}
