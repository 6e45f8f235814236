import { Button, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionApi } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFieldIssues } from '../../hooks/useTranslator';
import { useSession, useUpdateSession } from '../../session/session';
import { Section } from './Section';

const fields = ['currentPassword', 'newPassword'] as const;

export function PasswordSection() {
  const { t } = useTranslation();
  const { user } = useSession();
  const updateSession = useUpdateSession();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const change = useMutation({
    mutationFn: () => sessionApi.changePassword({ currentPassword, newPassword }),
    onSuccess: (renewed) => {
      // The server replaced this session (new cookie, new CSRF token).
      updateSession(renewed);
      setCurrentPassword('');
      setNewPassword('');
      setConfirmation('');
      notifications.show({ color: 'teal', message: t('settings.passwordChanged') });
    },
  });
  const issues = useFieldIssues(change.error, fields);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const differ = newPassword !== confirmation;
    setMismatch(differ);
    if (!differ) change.mutate();
  };

  return (
    <Section id="password" title={t('settings.password')} intro={t('settings.passwordIntro')}>
      <form onSubmit={submit} noValidate>
        <Stack maw={420}>
          {/* Tells password managers whose password this is. */}
          <input type="text" name="username" autoComplete="username" value={user.email} readOnly hidden />
          {change.error && !issues.byField.currentPassword && !issues.byField.newPassword && (
            <ErrorAlert error={change.error} extra={issues.unplaced} />
          )}
          <PasswordInput
            label={t('settings.currentPassword')}
            autoComplete="current-password"
            required
            value={currentPassword}
            onChange={(e) => setCurrentPassword(e.currentTarget.value)}
            error={issues.byField.currentPassword}
          />
          <PasswordInput
            label={t('settings.newPassword')}
            description={t('settings.newPasswordHint')}
            autoComplete="new-password"
            required
            value={newPassword}
            onChange={(e) => setNewPassword(e.currentTarget.value)}
            error={issues.byField.newPassword}
          />
          <PasswordInput
            label={t('settings.confirmPassword')}
            autoComplete="new-password"
            required
            value={confirmation}
            onChange={(e) => setConfirmation(e.currentTarget.value)}
            error={mismatch ? t('settings.passwordMismatch') : undefined}
          />
          <Button type="submit" loading={change.isPending} w="fit-content">
            {t('settings.changePassword')}
          </Button>
        </Stack>
      </form>
    </Section>
  );
}
