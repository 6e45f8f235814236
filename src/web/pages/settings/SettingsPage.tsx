import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { can } from '../../lib/access';
import { useActiveMembership } from '../../session/session';
import { PasswordSection } from './PasswordSection';
import { ProfileSection } from './ProfileSection';
import { TokensSection } from './TokensSection';
import { WebhooksSection } from './WebhooksSection';

export function SettingsPage() {
  const { t } = useTranslation();
  const membership = useActiveMembership();
  return (
    <Stack gap="lg" maw={960}>
      <PageHeader title={t('settings.title')} />
      <ProfileSection />
      <PasswordSection />
      <TokensSection />
      {can(membership, 'webhooks.manage') && <WebhooksSection />}
    </Stack>
  );
}
