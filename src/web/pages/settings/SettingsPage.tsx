import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { PasswordSection } from './PasswordSection';
import { ProfileSection } from './ProfileSection';
import { TokensSection } from './TokensSection';

export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" maw={960}>
      <PageHeader title={t('settings.title')} />
      <ProfileSection />
      <PasswordSection />
      <TokensSection />
    </Stack>
  );
}
