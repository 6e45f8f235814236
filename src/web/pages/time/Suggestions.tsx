import { Badge, Button, Group, List, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SuggestionPart, TimeSuggestion, TimesheetView } from '../../../shared/contracts/time';
import { timeApi, timeKeys } from '../../api/time';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormatters } from '../../hooks/useFormatters';
import { useLocale } from '../../hooks/useLocale';
import { intlLocale } from '../../i18n/locale';
import { hoursOf, minutesOf } from '../../lib/time';

/**
 * The week's suggested entries (decision 0011, "Suggested entries"): each with how it was derived,
 * to accept as it is, change first, or dismiss. Only on one's own open week.
 */
export function Suggestions({ sheet }: { sheet: TimesheetView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: timeKeys.suggestions(sheet.orgId, sheet.userId, sheet.weekStart),
    queryFn: () => timeApi.suggestions(sheet.orgId, sheet.userId, sheet.weekStart),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: timeKeys.all });
  const accept = useMutation({
    mutationFn: (args: { s: TimeSuggestion; minutes?: number }) =>
      timeApi.acceptSuggestion(args.s.engagementId, {
        date: args.s.date,
        category: args.s.category as never,
        ...(args.minutes !== undefined && { minutes: args.minutes }),
      }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('timeSuggestion.accepted') });
      await refresh();
    },
  });
  const dismiss = useMutation({
    mutationFn: (s: TimeSuggestion) => timeApi.dismissSuggestion(s.engagementId, { date: s.date, category: s.category as never }),
    onSuccess: async () => {
      notifications.show({ color: 'gray', message: t('timeSuggestion.dismissed') });
      await refresh();
    },
  });
  if (q.isPending) return null;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const names = new Map(sheet.engagements.map((e) => [e.id, e.displayName]));
  return (
    <Paper withBorder p="md" data-testid="time-suggestions">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('timeSuggestion.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('timeSuggestion.intro')}
        </Text>
        {accept.error && <ErrorAlert error={accept.error} />}
        {dismiss.error && <ErrorAlert error={dismiss.error} />}
        {q.data.suggestions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('timeSuggestion.none')}
          </Text>
        ) : (
          q.data.suggestions.map((s) => (
            <SuggestionRow
              key={s.key}
              s={s}
              engagement={names.get(s.engagementId) ?? s.engagementId}
              busy={accept.isPending || dismiss.isPending}
              onAccept={(minutes) => accept.mutate({ s, ...(minutes !== undefined && { minutes }) })}
              onDismiss={() => dismiss.mutate(s)}
            />
          ))
        )}
      </Stack>
    </Paper>
  );
}

function SuggestionRow(props: {
  s: TimeSuggestion;
  engagement: string;
  busy: boolean;
  onAccept: (minutes?: number) => void;
  onDismiss: () => void;
}) {
  const { s } = props;
  const { t } = useTranslation();
  const format = useFormatters();
  const locale = useLocale();
  const [changing, setChanging] = useState(false);
  const [hours, setHours] = useState<string | number>(hoursOf(s.minutes));
  const clock = new Intl.DateTimeFormat(intlLocale(locale), { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Tokyo' });
  const partText = (p: SuggestionPart) =>
    `${t(`timeSuggestion.kind.${p.kind}` as never, { ref: p.ref })}: ${t(`timeSuggestion.basis.${p.basis}` as never, {
      opened: p.openedAt ? clock.format(new Date(p.openedAt)) : '',
      at: clock.format(new Date(p.at)),
      span: p.spanMinutes ?? 0,
      minutes: p.minutes,
    })}`;
  const label = `${format.date(s.date)} · ${props.engagement} · ${t(`timeCategory.${s.category}` as never)}`;
  const changed = minutesOf(String(hours));
  return (
    <Paper withBorder p="sm" radius="sm" data-testid={`suggestion-${s.date}-${s.category}`}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap">
          <Text fw={500} size="sm">
            {label}
          </Text>
          <Badge variant="light">{t('time.hours', { hours: hoursOf(s.minutes) })}</Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {t('timeSuggestion.derivation')}
        </Text>
        <List size="sm" spacing={2}>
          {s.parts.map((p) => (
            <List.Item key={`${p.kind}|${p.refId}`}>{partText(p)}</List.Item>
          ))}
        </List>
        {s.capped && (
          <Text size="xs" c="orange">
            {t('timeSuggestion.capped', { hours: hoursOf(s.derivedMinutes) })}
          </Text>
        )}
        {s.dayFull && (
          <Text size="xs" c="orange">
            {t('timeSuggestion.dayFull')}
          </Text>
        )}
        {changing ? (
          <Group gap="xs" align="flex-end">
            <NumberInput
              size="xs"
              w={96}
              label={t('timeSuggestion.hours')}
              aria-label={`${t('timeSuggestion.hours')} ${label}`}
              min={0}
              max={24}
              step={0.25}
              decimalScale={2}
              decimalSeparator="."
              value={hours}
              onChange={setHours}
            />
            <Button
              size="xs"
              onClick={() => changed !== null && changed > 0 && props.onAccept(changed)}
              disabled={props.busy || changed === null || changed <= 0}
            >
              {t('timeSuggestion.log')}
            </Button>
            <Button size="xs" variant="subtle" onClick={() => setChanging(false)}>
              {t('timeSuggestion.cancel')}
            </Button>
          </Group>
        ) : (
          <Group gap="xs">
            <Button size="xs" onClick={() => props.onAccept()} disabled={props.busy} aria-label={`${t('timeSuggestion.accept')} ${label}`}>
              {t('timeSuggestion.accept')}
            </Button>
            <Button size="xs" variant="default" onClick={() => setChanging(true)} disabled={props.busy}>
              {t('timeSuggestion.change')}
            </Button>
            <Button size="xs" variant="subtle" color="gray" onClick={props.onDismiss} disabled={props.busy}>
              {t('timeSuggestion.dismiss')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
