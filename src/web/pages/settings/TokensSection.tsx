import { Alert, Badge, Button, Checkbox, Code, Group, Select, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiTokenView, TokenScope } from '../../../shared/contracts/identity';
import { tokensApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CopyField } from '../../components/CopyField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LimitedTextInput } from '../../components/LimitedText';
import { Loading } from '../../components/Loading';
import { useFormatters } from '../../hooks/useFormatters';
import { useFieldIssues } from '../../hooks/useTranslator';
import { DEFAULT_TOKEN_EXPIRY_DAYS, type TokenStatus, tokenExpiryChoices, tokenStatus } from '../../lib/tokens';
import { useActiveMembership, useSession } from '../../session/session';
import { Section } from './Section';

export function TokensSection() {
  const { t } = useTranslation();
  const membership = useActiveMembership();
  const tokens = useQuery({ queryKey: queryKeys.tokens, queryFn: tokensApi.list });
  return (
    <Section id="tokens" title={t('tokens.title')} intro={t('tokens.intro', { org: membership?.orgName ?? '' })}>
      <CreateTokenForm />
      {tokens.isPending ? (
        <Loading />
      ) : tokens.isError ? (
        <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : (
        <TokensTable tokens={tokens.data} />
      )}
    </Section>
  );
}

const fields = ['name', 'scopes', 'expiresInDays'] as const;

function CreateTokenForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<TokenScope[]>(['read']);
  const [expiry, setExpiry] = useState(String(DEFAULT_TOKEN_EXPIRY_DAYS));
  const create = useMutation({
    mutationFn: () => tokensApi.create({ name, scopes, expiresInDays: Number(expiry) }),
    onSuccess: () => {
      setName('');
      return queryClient.invalidateQueries({ queryKey: queryKeys.tokens });
    },
  });
  const issues = useFieldIssues(create.error, fields);

  if (create.data) {
    const { token, secret } = create.data;
    return (
      <Stack>
        <Alert color="yellow" variant="light" icon={<IconKey size={18} />} title={t('tokens.secretTitle', { name: token.name })}>
          {t('tokens.secretOnce')}
        </Alert>
        <CopyField label={t('tokens.secretLabel')} value={secret} />
        <Button variant="default" w="fit-content" onClick={() => create.reset()}>
          {t('common.close')}
        </Button>
      </Stack>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const expiryOptions = tokenExpiryChoices.map((days) => ({ value: String(days), label: t('tokens.expiryDays', { count: days }) }));

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {create.error && <ErrorAlert error={create.error} extra={issues.unplaced} />}
        <Group align="flex-start" gap="md" wrap="wrap">
          <LimitedTextInput
            label={t('tokens.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={issues.byField.name}
            limit={120}
            w={280}
          />
          <Checkbox.Group
            label={t('tokens.scopes')}
            value={scopes}
            onChange={(value) => setScopes((['read', 'write'] as const).filter((s) => value.includes(s)))}
            error={issues.byField.scopes}
            withAsterisk
          >
            <Group mt={10}>
              <Checkbox value="read" label={t('tokens.scopeRead')} />
              <Checkbox value="write" label={t('tokens.scopeWrite')} />
            </Group>
          </Checkbox.Group>
          <Select
            label={t('tokens.expiry')}
            data={expiryOptions}
            value={expiry}
            onChange={(value) => setExpiry(value ?? String(DEFAULT_TOKEN_EXPIRY_DAYS))}
            allowDeselect={false}
            error={issues.byField.expiresInDays}
            w={160}
          />
        </Group>
        <Button type="submit" loading={create.isPending} w="fit-content">
          {t('tokens.create')}
        </Button>
      </Stack>
    </form>
  );
}

const statusColor: Record<TokenStatus, string> = { active: 'teal', revoked: 'gray', expired: 'orange' };

function TokensTable({ tokens }: { tokens: ApiTokenView[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { memberships } = useSession();
  // Tokens belong to one organisation each; name it when the person is in several.
  const showOrganization = memberships.length > 1;
  const orgName = (orgId: string) => memberships.find((m) => m.orgId === orgId)?.orgName ?? orgId;
  const queryClient = useQueryClient();
  const [revoking, setRevoking] = useState<ApiTokenView | null>(null);
  const revoke = useMutation({
    mutationFn: (token: ApiTokenView) => tokensApi.revoke(token.id),
    onSuccess: (_, token) => {
      notifications.show({ color: 'teal', message: t('tokens.revoked', { name: token.name }) });
      setRevoking(null);
      return queryClient.invalidateQueries({ queryKey: queryKeys.tokens });
    },
  });
  if (tokens.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('tokens.empty')}
      </Text>
    );
  }
  const now = new Date();
  const statusLabel: Record<TokenStatus, string> = {
    active: t('tokens.statusActive'),
    revoked: t('tokens.statusRevoked'),
    expired: t('tokens.statusExpired'),
  };
  return (
    <>
      <Table.ScrollContainer minWidth={820}>
        <Table verticalSpacing="xs" aria-label={t('tokens.title')} style={{ whiteSpace: 'nowrap' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('tokens.name')}</Table.Th>
              <Table.Th>{t('tokens.prefix')}</Table.Th>
              {showOrganization && <Table.Th>{t('tokens.organization')}</Table.Th>}
              <Table.Th>{t('tokens.scopes')}</Table.Th>
              <Table.Th>{t('tokens.created')}</Table.Th>
              <Table.Th>{t('tokens.expires')}</Table.Th>
              <Table.Th>{t('tokens.lastUsed')}</Table.Th>
              <Table.Th>{t('tokens.status')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.map((token) => {
              const status = tokenStatus(token, now);
              return (
                <Table.Tr key={token.id}>
                  <Table.Td fw={500}>{token.name}</Table.Td>
                  <Table.Td>
                    <Code>{token.prefix}…</Code>
                  </Table.Td>
                  {showOrganization && <Table.Td>{orgName(token.orgId)}</Table.Td>}
                  <Table.Td>
                    {token.scopes.map((s) => (s === 'read' ? t('tokens.scopeRead') : t('tokens.scopeWrite'))).join(' / ')}
                  </Table.Td>
                  <Table.Td>{format.date(token.createdAt)}</Table.Td>
                  <Table.Td>{token.expiresAt ? format.date(token.expiresAt) : t('tokens.never')}</Table.Td>
                  <Table.Td>{token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t('tokens.neverUsed')}</Table.Td>
                  <Table.Td>
                    <Badge color={statusColor[status]} variant="light" tt="none">
                      {statusLabel[status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    {status === 'active' && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={`${t('tokens.revoke')}: ${token.name}`}
                        onClick={() => {
                          revoke.reset();
                          setRevoking(token);
                        }}
                      >
                        {t('tokens.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmDialog
        opened={revoking !== null}
        title={t('tokens.revokeTitle', { name: revoking?.name ?? '' })}
        body={t('tokens.revokeBody')}
        confirmLabel={t('tokens.revoke')}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onCancel={() => setRevoking(null)}
        pending={revoke.isPending}
        error={revoke.error}
      />
    </>
  );
}
