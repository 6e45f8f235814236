import { useTranslation } from 'react-i18next';
import type { ClassificationPolicy } from '../../../shared/contracts/documents';

/** A class's policy in one line, from what the server says it is (library.policies). */
export function usePolicyText(): (policy: ClassificationPolicy) => string {
  const { t } = useTranslation();
  return (policy) =>
    t('documents.policy.line', {
      who: policy.grantees.includes('team') ? t('documents.policy.teamOrPeople') : t('documents.policy.peopleOnly'),
      access: policy.maxAccess === 'download' ? t('documents.policy.download') : t('documents.policy.view'),
      days: policy.maxGrantDays,
      mark: policy.watermark ? t('documents.policy.watermark') : t('documents.policy.noWatermark'),
    });
}
