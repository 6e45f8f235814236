import { ActionIcon, Button, Divider, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { NotificationView } from '../../shared/contracts/notifications';
import { notificationsApi } from '../api/notifications';
import { queryKeys } from '../api/queryKeys';
import { useFormatters } from '../hooks/useFormatters';
import { notificationMessage } from '../lib/engagements/notificationText';
import { engagementPath } from '../lib/engagements/tabs';

/** How often the bell asks for news while the page is open (and again whenever the window regains focus). */
const POLL_MS = 45_000;

/** The bell: unread count, the latest notifications in the person's language, links to what they are about. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const queryClient = useQueryClient();
  const page = useQuery({
    queryKey: queryKeys.notifications,
    queryFn: () => notificationsApi.list(),
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
  const markAll = useMutation({
    mutationFn: notificationsApi.markAllRead,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications }),
  });
  const unread = page.data?.unread ?? 0;
  const label = unread > 0 ? t('bell.labelUnread', { count: unread }) : t('bell.label');

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={380} shadow="md" withinPortal>
      <Popover.Target>
        <Indicator label={unread > 99 ? '99+' : unread} size={18} color="red" disabled={unread === 0} offset={4} inline>
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label={label} onClick={() => setOpened((o) => !o)} data-testid="bell">
            <IconBell size={20} stroke={1.6} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0}>
        <Group justify="space-between" px="sm" py="xs">
          <Text fw={600} size="sm">
            {t('bell.title')}
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={() => markAll.mutate()} disabled={unread === 0} loading={markAll.isPending}>
            {t('bell.markAllRead')}
          </Button>
        </Group>
        <Divider />
        <ScrollArea.Autosize mah={420}>
          {page.data && page.data.items.length > 0 ? (
            <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('bell.title')}>
              {page.data.items.map((n) => (
                <NotificationItem key={n.id} notification={n} onOpen={() => setOpened(false)} />
              ))}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed" p="md" ta="center">
              {t('bell.empty')}
            </Text>
          )}
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}

function NotificationItem({ notification: n, onOpen }: { notification: NotificationView; onOpen: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const message = notificationMessage(n);
  const values: Record<string, string | number> = { ...message.values };
  if (!n.engagementName) values.name = t('bell.someEngagement');
  for (const key of message.dateValues) if (values[key]) values[key] = format.dateTime(String(values[key]));
  for (const [key, prefix] of Object.entries(message.codedValues)) values[key] = t(`${prefix}.${values[key]}` as never);
  const unread = n.readAt === null;
  const open = () => {
    onOpen();
    if (unread) {
      void notificationsApi.markRead([n.id]).then(() => queryClient.invalidateQueries({ queryKey: queryKeys.notifications }));
    }
    if (n.engagementId) navigate(engagementPath(n.engagementId, message.tab));
  };
  return (
    <li>
      <UnstyledButton
        onClick={open}
        w="100%"
        px="sm"
        py={8}
        bg={unread ? 'indigo.0' : 'transparent'}
        style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
        data-kind={n.kind}
        data-unread={unread}
      >
        <Group gap={8} wrap="nowrap" align="flex-start">
          <div
            aria-hidden
            style={{
              width: 8,
              height: 8,
              marginTop: 6,
              borderRadius: '50%',
              flexShrink: 0,
              background: unread ? 'var(--mantine-color-indigo-6)' : 'transparent',
            }}
          />
          <Stack gap={2}>
            <Text size="sm" fw={unread ? 600 : 400}>
              {String(t(message.key as never, values as never))}
            </Text>
            <Text size="xs" c="dimmed">
              {format.dateTime(n.createdAt)}
            </Text>
          </Stack>
        </Group>
      </UnstyledButton>
    </li>
  );
}
