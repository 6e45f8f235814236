import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { sessionApi } from '../api/endpoints';
import { ErrorAlert } from '../components/ErrorAlert';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Loading } from '../components/Loading';
import { useFieldIssues } from '../hooks/useTranslator';
import { currentLocale } from '../i18n';
import { safeNextPath } from '../lib/redirect';
import { useSessionQuery, useStartSession } from '../session/session';

const fields = ['email', 'password'] as const;

export function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('login.title')}`);
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const sessionEnded = params.get('ended') === '1';
  const navigate = useNavigate();
  const session = useSessionQuery();
  const startSession = useStartSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const signIn = useMutation({
    mutationFn: sessionApi.signIn,
    onSuccess: (view) => {
      startSession(view, { adoptLocale: true });
      void navigate(next, { replace: true });
    },
  });
  const issues = useFieldIssues(signIn.error, fields);

  if (session.isPending) return <Loading fullPage />;
  if (session.data) return <Navigate to={next} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The language this page is shown in becomes the account's, if it has none yet.
    signIn.mutate({ email, password, locale: currentLocale() });
  };

  return (
    <Box mih="100vh" bg="gray.0">
      <Group justify="flex-end" p="md">
        <LanguageSwitch />
      </Group>
      <Center px="md" pb="xl" mih="calc(100vh - 80px)">
        <Paper component="main" withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
          <form onSubmit={submit} noValidate>
            <Stack>
              <Stack gap={4}>
                <Text fw={800} size="xl" c="indigo.8">
                  {t('app.name')}
                </Text>
                <Title order={1} size="h3">
                  {t('login.title')}
                </Title>
                <Text size="sm" c="dimmed">
                  {t('app.tagline')}
                </Text>
              </Stack>
              {sessionEnded && !signIn.error && (
                <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
                  {t('login.sessionEnded')}
                </Alert>
              )}
              {signIn.error && <ErrorAlert error={signIn.error} title={t('login.failed')} extra={issues.unplaced} />}
              <TextInput
                label={t('login.email')}
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={issues.byField.email}
              />
              <PasswordInput
                label={t('login.password')}
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={issues.byField.password}
              />
              <Button type="submit" loading={signIn.isPending} fullWidth>
                {t('login.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Center>
    </Box>
  );
}
