import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../hooks/useLocale';
import { intlLocale } from '../i18n/locale';
import { useActiveMembership } from '../session/session';

/** What someone sees on a page their roles do not open (the server refuses it too). */
export function NoAccessPage() {
  const { t } = useTranslation();
  const membership = useActiveMembership();
  const locale = useLocale();
  useDocumentTitle(`${t('noAccess.title')} · ${t('app.name')}`);
  const roles = new Intl.ListFormat(intlLocale(locale)).format((membership?.roles ?? []).map((r) => t(`roles.${r}`)));
  return (
    <Paper withBorder p="xl" maw={640} mx="auto" mt="xl" data-testid="no-access">
      <Stack align="flex-start">
        <IconLock size={40} stroke={1.4} color="var(--mantine-color-orange-6)" aria-hidden />
        <Title order={1} size="h2">
          {t('noAccess.title')}
        </Title>
        <Text>{t('noAccess.body', { org: membership?.orgName ?? '' })}</Text>
        {roles && (
          <Text size="sm" c="dimmed">
            {t('noAccess.yourRoles', { roles })}
          </Text>
        )}
        <Button component={Link} to="/" variant="light">
          {t('noAccess.home')}
        </Button>
      </Stack>
    </Paper>
  );
}
