import { useCallback } from 'react';
import { type CheckMessage, checkMessageText } from '../../../shared/check-messages';
import type { FinancialModel } from '../../../shared/contracts/financial-model';
import { modelPathLabel } from '../../../shared/model-paths';
import { useLocale } from '../../hooks/useLocale';
import { useTranslator } from '../../hooks/useTranslator';
import { intlLocale } from '../../i18n/locale';
import { issueMessage } from '../../lib/errorText';
import { valueKind } from '../../lib/financial-models/changes';
import { BASE } from '../../lib/financial-models/edit';
import type { DraftIssue, Path } from '../../lib/financial-models/issues';
import { formatMultiple } from '../../lib/financial-models/numbers';

/** A case's name for people: "Base case", else the scenario's label, else its name. */
export function useCaseLabel(doc: FinancialModel | undefined): (scenario: string) => string {
  const tr = useTranslator();
  return useCallback(
    (scenario: string) => {
      if (scenario === BASE) return tr.t('models.baseCase');
      return doc?.scenarios.find((s) => s.name === scenario)?.label ?? scenario;
    },
    [doc, tr],
  );
}

/** Where a path points, for people ("Bear: Revenue growth (FY2025)"); "this field" when kpo has no words for it, never the path. */
export function useLocationText(doc: FinancialModel | undefined): (path: Path) => string {
  const locale = useLocale();
  return useCallback((path: Path) => modelPathLabel(path, locale, doc), [doc, locale]);
}

/** A finding of the model checks, in the reader's language. */
export function useCheckText(doc: FinancialModel | undefined): (message: CheckMessage) => string {
  const locale = useLocale();
  const caseLabel = useCaseLabel(doc);
  return useCallback((message: CheckMessage) => checkMessageText(message, locale, caseLabel), [locale, caseLabel]);
}

/** A bridge driver id as people read it. */
export function useDriverLabel(): (driver: string) => string {
  const tr = useTranslator();
  return useCallback(
    (driver: string) => {
      const key = `models.driver.${driver.replaceAll('.', '_')}`;
      return tr.exists(key) ? tr.t(key) : driver;
    },
    [tr],
  );
}

/** A problem of the draft in the person's language where kpo can say it (an empty field, a bound in the field's own terms), else the schema's words. */
export function useIssueText(): (issue: DraftIssue | undefined) => string | undefined {
  const tr = useTranslator();
  const locale = useLocale();
  return useCallback(
    (issue: DraftIssue | undefined) => {
      if (!issue) return undefined;
      if (issue.empty) return tr.t('models.editor.empty');
      if (!issue.limit) return issueMessage(issue.issue, tr);
      const { side, value, inclusive } = issue.limit;
      const kind = valueKind(issue.path);
      const limit =
        kind === 'rate'
          ? new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 2 }).format(value)
          : kind === 'multiple'
            ? formatMultiple(value, locale, 0)
            : new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 4 }).format(value);
      const key = side === 'max' ? (inclusive ? 'atMost' : 'below') : inclusive ? 'atLeast' : 'above';
      return tr.t(`models.editor.${key}`, { limit });
    },
    [tr, locale],
  );
}
