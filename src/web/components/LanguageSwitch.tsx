import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useChangeLocale } from '../hooks/useChangeLocale';
import { useLocale } from '../hooks/useLocale';
import { isLocale } from '../i18n/locale';

/** 日本語 | English, always written in its own language so people find theirs. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const locale = useLocale();
  const changeLocale = useChangeLocale();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={locale}
      onChange={(value) => {
        if (isLocale(value)) changeLocale(value);
      }}
      data={[
        { value: 'ja', label: t('language.ja') },
        { value: 'en', label: t('language.en') },
      ]}
    />
  );
}
