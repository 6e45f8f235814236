import { Anchor, Button, Group, NumberInput, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EngagementView } from '../../../shared/contracts/engagements';
import { categoriesOf, type EngagementTimeView } from '../../../shared/contracts/time';
import { timeApi, timeKeys } from '../../api/time';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useTranslator } from '../../hooks/useTranslator';
import { may } from '../../lib/engagements/lifecycle';
import { issuesOf } from '../../lib/errorText';
import { hoursOf, minutesOf, mondayOf, todayInJapan } from '../../lib/time';

/**
 * The engagement's Time tab: a quick entry for those who may log time on it, and the hours the
 * viewer may see — their side's people (an analyst their own), and for the client the provider
 * team's total when the SOW bills by time (never the analysts' own hours).
 */
export function EngagementTimeTab({ engagement }: { engagement: EngagementView }) {
  const { t } = useTranslation();
  const time = useQuery({ queryKey: timeKeys.engagementTime(engagement.id), queryFn: () => timeApi.engagementTime(engagement.id) });
  return (
    <Stack gap="md">
      {may(engagement, 'time.log') && <QuickEntry engagement={engagement} />}
      {time.isPending ? (
        <Loading />
      ) : time.isError ? (
        <ErrorAlert error={time.error} onRetry={() => void time.refetch()} />
      ) : (
        <PeopleHours time={time.data} />
      )}
      {time.data && time.data.providerTeamTotalMinutes !== null && (
        <Paper withBorder p="md" component="section" aria-label={t('time.engagement.providerTotalTitle')}>
          <Text fw={600} data-testid="provider-team-total">
            {t('time.engagement.providerTotal', { hours: hoursOf(time.data.providerTeamTotalMinutes) })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('time.engagement.providerTotalIntro')}
          </Text>
        </Paper>
      )}
    </Stack>
  );
}

function QuickEntry({ engagement }: { engagement: EngagementView }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const queryClient = useQueryClient();
  const [date, setDate] = useState(todayInJapan());
  const [category, setCategory] = useState<string | null>(null);
  const [hours, setHours] = useState<string | number>('');
  const [note, setNote] = useState('');
  const log = useMutation({
    mutationFn: () =>
      timeApi.log(engagement.id, {
        date,
        category: (category ?? '') as never,
        minutes: minutesOf(hours) ?? 0,
        ...(note.trim() && { note: note.trim() }),
      }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('time.engagement.logged') });
      setHours('');
      setNote('');
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: timeKeys.engagementTime(engagement.id) }),
        queryClient.invalidateQueries({ queryKey: timeKeys.all }),
      ]);
    },
  });
  const issues = issuesOf(log.error, ['date', 'category', 'minutes', 'note', 'userId'] as const, tr);
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      aria-label={t('time.engagement.quickEntry')}
      onSubmit={(e) => {
        e.preventDefault();
        log.mutate();
      }}
    >
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h5">
            {t('time.engagement.quickEntry')}
          </Title>
          <Anchor component={Link} to={`/time?week=${mondayOf(date || todayInJapan())}`} size="sm">
            {t('time.engagement.openTimesheet')}
          </Anchor>
        </Group>
        <Text size="xs" c="dimmed">
          {t('time.engagement.quickEntryIntro')}
        </Text>
        <Group align="flex-start" gap="xs">
          <TextInput
            type="date"
            label={t('time.engagement.date')}
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            error={issues.byField.date}
            w={170}
          />
          <Select
            label={t('time.timesheet.category')}
            data={categoriesOf[engagement.viewerSide].map((c) => ({ value: c, label: t(`timeCategory.${c}`) }))}
            value={category}
            onChange={setCategory}
            error={issues.byField.category}
            w={190}
          />
          <NumberInput
            label={t('time.engagement.hours')}
            value={hours}
            onChange={setHours}
            min={0}
            max={24}
            step={0.5}
            decimalScale={2}
            error={issues.byField.minutes}
            w={110}
          />
          <TextInput
            label={t('time.timesheet.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={issues.byField.note}
            maxLength={500}
            w={280}
          />
        </Group>
        <Button type="submit" w="fit-content" loading={log.isPending} disabled={!date || !category || minutesOf(hours) === null}>
          {t('time.engagement.log')}
        </Button>
        {log.error !== null && (
          <ErrorAlert error={log.error} extra={[...issues.unplaced, ...(issues.byField.userId ? [issues.byField.userId] : [])]} />
        )}
      </Stack>
    </Paper>
  );
}

function PeopleHours({ time }: { time: EngagementTimeView }) {
  const { t } = useTranslation();
  const people = new Map<string, { name: string; byCategory: Map<string, number>; total: number }>();
  const categories = new Set<string>();
  for (const e of time.entries) {
    const p = people.get(e.userId) ?? { name: e.displayName, byCategory: new Map(), total: 0 };
    p.byCategory.set(e.category, (p.byCategory.get(e.category) ?? 0) + e.minutes);
    p.total += e.minutes;
    people.set(e.userId, p);
    categories.add(e.category);
  }
  const columns = [...categories].sort();
  return (
    <Stack gap={4}>
      <Title order={2} size="h5">
        {t('time.engagement.people')}
      </Title>
      <Text size="xs" c="dimmed">
        {t('time.engagement.peopleIntro')}
      </Text>
      {people.size === 0 ? (
        <Text size="sm" c="dimmed">
          {t('time.engagement.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table withTableBorder aria-label={t('time.engagement.people')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('time.engagement.person')}</Table.Th>
                {columns.map((c) => (
                  <Table.Th key={c} ta="right">
                    {t(`timeCategory.${c}` as never)}
                  </Table.Th>
                ))}
                <Table.Th ta="right">{t('time.timesheet.total')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...people.values()].map((p) => (
                <Table.Tr key={p.name}>
                  <Table.Th scope="row">{p.name}</Table.Th>
                  {columns.map((c) => (
                    <Table.Td key={c} ta="right">
                      {p.byCategory.has(c) ? hoursOf(p.byCategory.get(c) ?? 0) : ''}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right">{hoursOf(p.total)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
