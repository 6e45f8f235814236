import { Alert, Badge, Button, Checkbox, Group, SimpleGrid, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconWebhook } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type NotificationKind, notificationKinds, type WebhookView } from '../../../shared/contracts/notifications';
import { queryKeys } from '../../api/queryKeys';
import { webhooksApi } from '../../api/webhooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CopyField } from '../../components/CopyField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LimitedTextInput } from '../../components/LimitedText';
import { Loading } from '../../components/Loading';
import { useFormatters } from '../../hooks/useFormatters';
import { useFieldIssues } from '../../hooks/useTranslator';
import { useActiveMembership } from '../../session/session';
import { Section } from './Section';

/** The host a webhook calls, to name it in lists and messages. */
const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

const deliveryColor = { pending: 'gray', delivered: 'teal', failed: 'red' } as const;

/** The active organisation's webhooks, for its administrators: add (secret shown once), test, remove. */
export function WebhooksSection() {
  const { t } = useTranslation();
  const membership = useActiveMembership();
  const orgId = membership?.orgId ?? '';
  const hooks = useQuery({ queryKey: queryKeys.webhooks(orgId), queryFn: () => webhooksApi.list(orgId), enabled: orgId !== '' });
  return (
    <Section id="webhooks" title={t('webhooks.title')} intro={t('webhooks.intro', { org: membership?.orgName ?? '' })}>
      <AddWebhookForm orgId={orgId} />
      {hooks.isPending ? (
        <Loading />
      ) : hooks.isError ? (
        <ErrorAlert error={hooks.error} onRetry={() => void hooks.refetch()} />
      ) : (
        <WebhooksTable orgId={orgId} hooks={hooks.data} />
      )}
    </Section>
  );
}

const fields = ['url', 'kinds'] as const;

function AddWebhookForm({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState('');
  const [kinds, setKinds] = useState<NotificationKind[]>([...notificationKinds]);
  const create = useMutation({
    mutationFn: () => webhooksApi.create(orgId, { url, kinds }),
    onSuccess: () => {
      setUrl('');
      return queryClient.invalidateQueries({ queryKey: queryKeys.webhooks(orgId) });
    },
  });
  const issues = useFieldIssues(create.error, fields);

  if (create.data) {
    const { webhook, secret } = create.data;
    return (
      <Stack>
        <Alert
          color="yellow"
          variant="light"
          icon={<IconWebhook size={18} />}
          title={t('webhooks.secretTitle', { host: hostOf(webhook.url) })}
        >
          {t('webhooks.secretOnce')}
        </Alert>
        <CopyField label={t('webhooks.secretLabel')} value={secret} />
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
  const all = kinds.length === notificationKinds.length;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {create.error && <ErrorAlert error={create.error} extra={issues.unplaced} />}
        <LimitedTextInput
          label={t('webhooks.url')}
          required
          type="url"
          placeholder="https://"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          error={issues.byField.url}
          limit={2000}
        />
        <Checkbox.Group
          label={t('webhooks.kinds')}
          value={kinds}
          onChange={(value) => setKinds(notificationKinds.filter((k) => value.includes(k)))}
          error={issues.byField.kinds}
          withAsterisk
        >
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} mt="xs" spacing="xs">
            {notificationKinds.map((k) => (
              <Checkbox key={k} value={k} label={t(`webhooks.kind.${k}`)} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Button variant="subtle" size="compact-sm" w="fit-content" onClick={() => setKinds(all ? [] : [...notificationKinds])}>
          {all ? t('webhooks.clearKinds') : t('webhooks.selectAllKinds')}
        </Button>
        <Button type="submit" loading={create.isPending} w="fit-content">
          {t('webhooks.add')}
        </Button>
      </Stack>
    </form>
  );
}

function WebhooksTable({ orgId, hooks }: { orgId: string; hooks: WebhookView[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.webhooks(orgId) });
  const [removing, setRemoving] = useState<WebhookView | null>(null);
  const remove = useMutation({
    mutationFn: (hook: WebhookView) => webhooksApi.remove(orgId, hook.id),
    onSuccess: (_, hook) => {
      notifications.show({ color: 'teal', message: t('webhooks.removed', { host: hostOf(hook.url) }) });
      setRemoving(null);
      return refresh();
    },
  });
  const ping = useMutation({
    mutationFn: (hook: WebhookView) => webhooksApi.ping(orgId, hook.id),
    onSuccess: (result, hook) => {
      const host = hostOf(hook.url);
      notifications.show(
        result.status === 'delivered'
          ? { color: 'teal', message: t('webhooks.pingDelivered', { host, status: result.httpStatus ?? '' }) }
          : { color: 'red', message: t('webhooks.pingFailed', { host, error: result.error ?? String(result.httpStatus ?? '') }) },
      );
      return refresh();
    },
  });
  if (hooks.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('webhooks.empty')}
      </Text>
    );
  }
  return (
    <>
      {ping.error && <ErrorAlert error={ping.error} />}
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="xs" aria-label={t('webhooks.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('webhooks.url')}</Table.Th>
              <Table.Th>{t('webhooks.kinds')}</Table.Th>
              <Table.Th>{t('webhooks.created')}</Table.Th>
              <Table.Th>{t('webhooks.lastDelivery')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {hooks.map((hook) => {
              const last = hook.recentDeliveries[0];
              const host = hostOf(hook.url);
              return (
                <Table.Tr key={hook.id} data-webhook-host={host}>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{hook.url}</Table.Td>
                  <Table.Td>
                    {hook.kinds.length === notificationKinds.length
                      ? t('webhooks.allKinds')
                      : hook.kinds.map((k) => t(`webhooks.kind.${k}`)).join(' / ')}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(hook.createdAt)}</Table.Td>
                  <Table.Td>
                    {last ? (
                      <Stack gap={2}>
                        <Badge color={deliveryColor[last.status]} variant="light" tt="none" w="fit-content">
                          {t(`webhooks.delivery.${last.status}`)}
                        </Badge>
                        <Text size="xs" c="dimmed">
                          {format.dateTime(last.at)}
                          {last.lastError ? ` · ${last.lastError}` : ''}
                        </Text>
                      </Stack>
                    ) : (
                      t('webhooks.noDelivery')
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={`${t('webhooks.ping')}: ${host}`}
                        loading={ping.isPending && ping.variables?.id === hook.id}
                        onClick={() => ping.mutate(hook)}
                      >
                        {t('webhooks.ping')}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={`${t('webhooks.remove')}: ${host}`}
                        onClick={() => {
                          remove.reset();
                          setRemoving(hook);
                        }}
                      >
                        {t('webhooks.remove')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmDialog
        opened={removing !== null}
        title={t('webhooks.removeTitle', { host: removing ? hostOf(removing.url) : '' })}
        body={t('webhooks.removeBody')}
        confirmLabel={t('webhooks.remove')}
        onConfirm={() => removing && remove.mutate(removing)}
        onCancel={() => setRemoving(null)}
        pending={remove.isPending}
        error={remove.error}
      />
    </>
  );
}
