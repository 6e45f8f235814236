import { Button, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionApi } from '../../api/endpoints';
import { usePreferences } from '../../app/preferences';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LimitedTextInput } from '../../components/LimitedText';
import { useChangeLocale } from '../../hooks/useChangeLocale';
import { useFormatters } from '../../hooks/useFormatters';
import { useLocale } from '../../hooks/useLocale';
import { useFieldIssues } from '../../hooks/useTranslator';
import { isLocale } from '../../i18n/locale';
import { parseCalendar } from '../../lib/preferences';
import { useSession, useUpdateSession } from '../../session/session';
import { Section } from './Section';

const fields = ['displayName'] as const;

export function ProfileSection() {
  const { t } = useTranslation();
  const { user } = useSession();
  const updateSession = useUpdateSession();
  const locale = useLocale();
  const changeLocale = useChangeLocale();
  const { calendar, setCalendar } = usePreferences();
  const format = useFormatters();
  const [displayName, setDisplayName] = useState(user.displayName);

  const save = useMutation({
    mutationFn: () => sessionApi.updateProfile({ displayName }),
    onSuccess: (session) => {
      updateSession(session);
      setDisplayName(session.user.displayName);
      notifications.show({ color: 'teal', message: t('settings.profileSaved') });
    },
  });
  const issues = useFieldIssues(save.error, fields);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  return (
    <Section id="profile" title={t('settings.profile')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {save.error && <ErrorAlert error={save.error} extra={issues.unplaced} />}
          <TextInput label={t('settings.email')} value={user.email} readOnly description={t('settings.emailHint')} maw={480} />
          <Group align="flex-end" gap="sm">
            <LimitedTextInput
              label={t('settings.displayName')}
              value={displayName}
              onChange={(e) => setDisplayName(e.currentTarget.value)}
              error={issues.byField.displayName}
              limit={120}
              w={360}
            />
            <Button type="submit" loading={save.isPending} disabled={displayName.trim() === user.displayName}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Radio.Group
        label={t('settings.language')}
        value={locale}
        onChange={(value) => {
          if (isLocale(value)) changeLocale(value);
        }}
      >
        <Group mt={6}>
          <Radio value="ja" label={t('language.ja')} />
          <Radio value="en" label={t('language.en')} />
        </Group>
      </Radio.Group>
      <Radio.Group label={t('settings.calendar')} value={calendar} onChange={(value) => setCalendar(parseCalendar(value))}>
        <Group mt={6}>
          <Radio value="gregory" label={t('settings.calendarGregory')} />
          <Radio value="japanese" label={t('settings.calendarJapanese')} />
        </Group>
        <Text size="sm" c="dimmed" mt={6} data-testid="calendar-example">
          {t('settings.calendarExample', { date: format.date(new Date().toISOString()) })}
        </Text>
      </Radio.Group>
    </Section>
  );
}
