import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { can } from '../../lib/access';
import { useActiveMembership } from '../../session/session';
import { ConflictDeclarationsSection } from '../conflicts/DeclarationsSection';
import { RestrictedListSection } from '../conflicts/RestrictedListSection';
import { PasswordSection } from './PasswordSection';
import { ProfileSection } from './ProfileSection';
import { RatesSection } from './RatesSection';
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
      {can(membership, 'rates.manage') && <RatesSection />}
      {/* Conflict walls: each section shows itself only to those the server lets in (a provider's people; a client's admins). */}
      <ConflictDeclarationsSection />
      <RestrictedListSection />
    </Stack>
  );
}
