import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconMailOpened } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { type InvitationPreview, invitationsApi } from '../api/endpoints';
import { queryKeys } from '../api/queryKeys';
import { ErrorAlert } from '../components/ErrorAlert';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { LimitedTextInput } from '../components/LimitedText';
import { Loading } from '../components/Loading';
import { RoleBadges } from '../components/RoleBadges';
import { useFormatters } from '../hooks/useFormatters';
import { useLocale } from '../hooks/useLocale';
import { useFieldIssues } from '../hooks/useTranslator';
import { loginPath } from '../lib/redirect';
import { useSessionQuery, useStartSession, useUpdateSession } from '../session/session';

/** The invitation token travels in the address fragment (#…), which the browser never sends to a server. */
function tokenFromHash(hash: string): string {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  try {
    return decodeURIComponent(raw).trim();
  } catch {
    return raw.trim();
  }
}

export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const { hash } = useLocation();
  const token = tokenFromHash(hash);
  const preview = useQuery({
    queryKey: queryKeys.invitationPreview(token),
    queryFn: () => invitationsApi.preview(token),
    enabled: token !== '',
    retry: false,
  });

  let content: ReactNode;
  if (token === '') content = <Alert color="red">{t('accept.noToken')}</Alert>;
  else if (preview.isPending) content = <Loading />;
  else if (preview.isError)
    content = (
      <Stack>
        <ErrorAlert error={preview.error} />
        <Button component={Link} to="/login" variant="light" w="fit-content">
          {t('accept.goToLogin')}
        </Button>
      </Stack>
    );
  else
    content = preview.data.existingUser ? (
      <AcceptSignedIn token={token} invitation={preview.data} />
    ) : (
      <AcceptForm token={token} invitation={preview.data} />
    );

  return (
    <Box mih="100vh" bg="gray.0">
      <Group justify="flex-end" p="md">
        <LanguageSwitch />
      </Group>
      <Center px="md" pb="xl">
        <Paper component="main" withBorder shadow="sm" p="xl" radius="md" w="100%" maw={520}>
          {content}
        </Paper>
      </Center>
    </Box>
  );
}

const fields = ['displayName', 'password'] as const;

function InvitationSummary({ invitation }: { invitation: InvitationPreview }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <>
      <Group gap="sm" wrap="nowrap">
        <IconMailOpened size={28} stroke={1.5} color="var(--mantine-color-indigo-6)" aria-hidden />
        <Title order={1} size="h3">
          {t('accept.title', { org: invitation.orgName })}
        </Title>
      </Group>
      <Stack gap={6}>
        <Text size="sm">{t('accept.invitedAs', { email: invitation.email })}</Text>
        <RoleBadges roles={invitation.roles} />
        <Text size="xs" c="dimmed">
          {t('accept.expires', { date: format.dateTime(invitation.expiresAt) })}
        </Text>
      </Stack>
    </>
  );
}

/**
 * Someone who already has an account accepts while signed in as it: the link alone never takes a
 * password (it would be a second, unthrottled place to guess one).
 */
function AcceptSignedIn({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const updateSession = useUpdateSession();
  const current = useSessionQuery();
  useDocumentTitle(`${t('accept.title', { org: invitation.orgName })} · ${t('app.name')}`);
  const accept = useMutation({
    mutationFn: () => invitationsApi.accept({ token }),
    onSuccess: (session) => {
      updateSession(session);
      void navigate('/', { replace: true });
    },
  });
  const here = `/invitations/accept#${encodeURIComponent(token)}`;
  const signedInAs = current.data?.user.email ?? null;

  let action: ReactNode;
  if (current.isPending) action = <Loading />;
  else if (signedInAs === null) {
    action = (
      <Stack>
        <Text size="sm">{t('accept.signInToAccept', { email: invitation.email, org: invitation.orgName })}</Text>
        <Button component={Link} to={loginPath(here)} w="fit-content">
          {t('accept.signIn')}
        </Button>
      </Stack>
    );
  } else if (signedInAs !== invitation.email) {
    action = <Alert color="yellow">{t('accept.wrongAccount', { current: signedInAs, email: invitation.email })}</Alert>;
  } else {
    action = (
      <Stack>
        <Text size="sm">{t('accept.signedInAs', { email: signedInAs })}</Text>
        {accept.error && <ErrorAlert error={accept.error} />}
        <Button onClick={() => accept.mutate()} loading={accept.isPending} w="fit-content">
          {t('accept.submit', { org: invitation.orgName })}
        </Button>
      </Stack>
    );
  }
  return (
    <Stack>
      <InvitationSummary invitation={invitation} />
      {action}
    </Stack>
  );
}

/** A new person joins: a name and a password make the account. */
function AcceptForm({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const startSession = useStartSession();
  const updateSession = useUpdateSession();
  useDocumentTitle(`${t('accept.title', { org: invitation.orgName })} · ${t('app.name')}`);
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const accept = useMutation({
    mutationFn: async () => {
      // A new account starts in the language the person just used to join.
      const session = await invitationsApi.accept({ token, password, displayName, locale });
      startSession(session, { adoptLocale: false });
      return session;
    },
    onSuccess: (session) => {
      updateSession(session);
      void navigate('/', { replace: true });
    },
  });
  const issues = useFieldIssues(accept.error, fields);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const differ = password !== confirmation;
    setMismatch(differ);
    if (!differ) accept.mutate();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <InvitationSummary invitation={invitation} />
        <Text size="sm">{t('accept.newUserIntro')}</Text>
        {accept.error && !issues.byField.password && !issues.byField.displayName && (
          <ErrorAlert error={accept.error} extra={issues.unplaced} />
        )}
        <LimitedTextInput
          label={t('accept.displayName')}
          required
          autoComplete="name"
          value={displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
          error={issues.byField.displayName}
          limit={120}
        />
        <TextInput type="email" label={t('login.email')} value={invitation.email} readOnly autoComplete="username" />
        <PasswordInput
          label={t('accept.newPassword')}
          description={t('accept.passwordHint')}
          required
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={issues.byField.password}
        />
        <PasswordInput
          label={t('accept.confirmPassword')}
          required
          autoComplete="new-password"
          value={confirmation}
          onChange={(e) => setConfirmation(e.currentTarget.value)}
          error={mismatch ? t('accept.passwordMismatch') : undefined}
        />
        <Button type="submit" loading={accept.isPending}>
          {t('accept.submit', { org: invitation.orgName })}
        </Button>
      </Stack>
    </form>
  );
}
