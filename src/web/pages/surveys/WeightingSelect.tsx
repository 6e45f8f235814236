import { useTranslation } from 'react-i18next';
import type { SurveyDetail } from '../../../shared/contracts/market-research-api';

/** A table's weighting choices: none, the file's own weight column (when the codebook names one), each saved weighting of the version. */
export function useWeightingOptions(survey: SurveyDetail): { value: string; label: string }[] {
  const { t } = useTranslation();
  const column = survey.version.codebook.weightColumn;
  return [
    { value: 'none', label: t('surveys.weighting.none') },
    ...(column ? [{ value: 'file', label: t('surveys.weighting.file', { column }) }] : []),
    ...survey.weightings.map((w) => ({ value: w.id, label: w.name })),
  ];
}
