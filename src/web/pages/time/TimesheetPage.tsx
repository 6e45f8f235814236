import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { categoriesOf, type TimesheetView } from '../../../shared/contracts/time';
import { isApiError } from '../../api/errors';
import { timeApi, timeKeys } from '../../api/time';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useFormatters } from '../../hooks/useFormatters';
import { useLocale } from '../../hooks/useLocale';
import { useTranslator } from '../../hooks/useTranslator';
import { intlLocale } from '../../i18n/locale';
import { issueMessage, issuesOf } from '../../lib/errorText';
import {
  addDays,
  cellKey,
  changedCells,
  type GridRow,
  gridRows,
  hoursOf,
  isMonday,
  minutesOf,
  mondayOf,
  todayInJapan,
  weekDays,
} from '../../lib/time';
import { useSession } from '../../session/session';
import { Suggestions } from './Suggestions';

const statusColor = { open: 'gray', submitted: 'yellow', approved: 'teal' } as const;

/** The signed-in person's own week (`/time?week=YYYY-MM-DD`). */
export function OwnTimesheetRoute() {
  const session = useSession();
  return <TimesheetPage orgId={session.activeOrgId} userId={session.user.id} own />;
}

/** A colleague's week, for those who approve it (`/time/people/:userId?week=`). */
export function PersonTimesheetRoute() {
  const session = useSession();
  const { userId = '' } = useParams();
  return <TimesheetPage orgId={session.activeOrgId} userId={userId} own={userId === session.user.id} />;
}

export function useWeekParam(): [string, (monday: string) => void] {
  const [params, setParams] = useSearchParams();
  const asked = params.get('week');
  const monday = isMonday(asked) ? asked : mondayOf(todayInJapan());
  return [
    monday,
    (next) =>
      setParams(
        (p) => {
          p.set('week', next);
          return p;
        },
        { replace: true },
      ),
  ];
}

function TimesheetPage({ orgId, userId, own }: { orgId: string; userId: string; own: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [monday, setMonday] = useWeekParam();
  const week = useQuery({ queryKey: timeKeys.week(orgId, userId, monday), queryFn: () => timeApi.week(orgId, userId, monday) });
  const name = week.data?.entries[0]?.displayName;
  const title = own || !name ? t('time.timesheet.title') : t('time.timesheet.titleOf', { name });

  return (
    <Stack gap="md">
      <PageHeader
        title={title}
        {...(own && { intro: t('time.timesheet.intro') })}
        actions={
          <Anchor component={Link} to={own ? '/time/load' : `/time/load/${encodeURIComponent(userId)}`} size="sm">
            {t('time.timesheet.load')}
          </Anchor>
        }
      />
      <Group gap="xs">
        <Button
          variant="default"
          size="xs"
          leftSection={<IconChevronLeft size={14} />}
          onClick={() => setMonday(addDays(monday, -7))}
          aria-label={t('time.timesheet.previous')}
        >
          {t('time.timesheet.previous')}
        </Button>
        <Title order={2} size="h4" data-testid="week-title">
          {t('time.timesheet.weekOf', { date: format.date(monday) })}
        </Title>
        <Button variant="default" size="xs" rightSection={<IconChevronRight size={14} />} onClick={() => setMonday(addDays(monday, 7))}>
          {t('time.timesheet.next')}
        </Button>
        <Button variant="subtle" size="xs" onClick={() => setMonday(mondayOf(todayInJapan()))}>
          {t('time.timesheet.thisWeek')}
        </Button>
        {week.data && (
          <Badge color={statusColor[week.data.status]} variant="light" data-testid="week-status">
            {t(`timesheetStatus.${week.data.status}`)}
          </Badge>
        )}
      </Group>
      {week.isPending ? (
        <Loading />
      ) : week.isError ? (
        <ErrorAlert error={week.error} onRetry={() => void week.refetch()} />
      ) : (
        <Week key={`${userId}|${monday}|${week.data.version}`} sheet={week.data} own={own} />
      )}
    </Stack>
  );
}

function Week({ sheet, own }: { sheet: TimesheetView; own: boolean }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const format = useFormatters();
  const queryClient = useQueryClient();
  const days = weekDays(sheet.weekStart);
  const locale = useLocale();
  // Column heads: the day and its weekday (7/20(月), Mon, 7/20); the full date is in each cell's label.
  const dayLabel = new Intl.DateTimeFormat(intlLocale(locale), { month: 'numeric', day: 'numeric', weekday: 'short', timeZone: 'UTC' });
  const allowed = new Set(sheet.allowedActions);
  const editable = allowed.has('log');
  const names = new Map(sheet.engagements.map((e) => [e.id, e]));
  const [extraRows, setExtraRows] = useState<{ engagementId: string; category: string }[]>([]);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const rows = gridRows(sheet.entries, extraRows);
  const refresh = () => queryClient.invalidateQueries({ queryKey: timeKeys.all });

  const save = useMutation({
    mutationFn: async () => {
      const changes = changedCells(rows, typed);
      for (const c of changes) {
        await timeApi.log(c.engagementId, {
          ...(own ? {} : { userId: sheet.userId }),
          date: c.date,
          category: c.category as never,
          minutes: c.minutes,
          ...(note.trim() && { note: note.trim() }),
        });
      }
      return changes.length;
    },
    onSuccess: async (count) => {
      notifications.show({
        color: count > 0 ? 'teal' : 'gray',
        message: t(count > 0 ? 'time.timesheet.saved' : 'time.timesheet.nothingToSave'),
      });
      await refresh();
    },
    // What was saved before a refusal stays saved: show it.
    onError: () => void refresh(),
  });
  const move = useMutation({
    mutationFn: (args: { move: 'submit' | 'approve' | 'return'; note?: string }) =>
      timeApi.move(sheet.orgId, sheet.userId, sheet.weekStart, args.move, {
        version: sheet.version,
        ...(args.note && { note: args.note }),
      }),
    onSuccess: async (view, args) => {
      queryClient.setQueryData(timeKeys.week(sheet.orgId, sheet.userId, sheet.weekStart), view);
      notifications.show({
        color: 'teal',
        message: t(
          args.move === 'submit'
            ? 'time.timesheet.submitted'
            : args.move === 'approve'
              ? 'time.timesheet.approved'
              : 'time.timesheet.sentBack',
        ),
      });
      await refresh();
    },
  });
  const [returnNote, setReturnNote] = useState('');
  const dirty = changedCells(rows, typed).length > 0;
  const rowLabel = (r: GridRow) =>
    `${names.get(r.engagementId)?.displayName ?? r.engagementId} · ${t(`timeCategory.${r.category}` as never)}`;
  const dayTotal = (date: string) => sheet.days.find((d) => d.date === date)?.minutes ?? 0;
  const weekTotal = sheet.days.reduce((s, d) => s + d.minutes, 0);

  return (
    <Stack gap="md">
      {sheet.status === 'open' && sheet.returnNote !== null && (
        <Alert color="orange" variant="light" role="status">
          {sheet.returnNote ? t('time.timesheet.returned', { note: sheet.returnNote }) : t('time.timesheet.returnedNoNote')}
        </Alert>
      )}
      {sheet.status === 'submitted' && (
        <Alert color="yellow" variant="light">
          {t('time.timesheet.lockedSubmitted')}
        </Alert>
      )}
      {sheet.status === 'approved' && (
        <Alert color="teal" variant="light">
          {t('time.timesheet.lockedApproved')}
        </Alert>
      )}
      {editable && own && !sheet.engagements.some((e) => e.mayLog) && (
        <Text size="sm" c="dimmed">
          {t('time.timesheet.noEngagements')}
        </Text>
      )}

      {own && editable && <Suggestions sheet={sheet} />}

      <Table.ScrollContainer minWidth={860}>
        <Table withTableBorder striped aria-label={t('time.timesheet.grid')} data-testid="timesheet-grid">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('time.timesheet.engagement')}</Table.Th>
              {days.map((d) => (
                <Table.Th key={d} ta="right" title={format.date(d)}>
                  {dayLabel.format(new Date(`${d}T00:00:00Z`))}
                </Table.Th>
              ))}
              <Table.Th ta="right">{t('time.timesheet.total')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={9}>
                  <Text size="sm" c="dimmed">
                    {t('time.timesheet.noRows')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {rows.map((r) => (
              <Table.Tr key={r.key}>
                <Table.Th scope="row" fw={500}>
                  {rowLabel(r)}
                </Table.Th>
                {days.map((d) => {
                  const saved = r.minutes[d] ?? 0;
                  const cell = cellKey(r.key, d);
                  return (
                    <Table.Td key={d} ta="right">
                      {editable ? (
                        <NumberInput
                          size="xs"
                          w={72}
                          ml="auto"
                          hideControls
                          min={0}
                          max={24}
                          step={0.5}
                          decimalScale={2}
                          decimalSeparator="."
                          aria-label={t('time.timesheet.hoursOn', { row: rowLabel(r), date: format.date(d) })}
                          value={typed[cell] ?? (saved === 0 ? '' : hoursOf(saved))}
                          onChange={(v) => setTyped((x) => ({ ...x, [cell]: String(v) }))}
                        />
                      ) : saved === 0 ? (
                        ''
                      ) : (
                        hoursOf(saved)
                      )}
                    </Table.Td>
                  );
                })}
                <Table.Td ta="right">{hoursOf(Object.values(r.minutes).reduce((s, m) => s + m, 0))}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row">{t('time.timesheet.dayTotal')}</Table.Th>
              {days.map((d) => (
                <Table.Th key={d} ta="right" data-testid={`day-total-${d}`}>
                  {hoursOf(dayTotal(d))}
                </Table.Th>
              ))}
              <Table.Th ta="right" data-testid="week-total">
                {hoursOf(weekTotal)}
              </Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>

      {editable && (
        <Stack gap="xs">
          <AddRow sheet={sheet} existing={rows} onAdd={(row) => setExtraRows((x) => [...x, row])} />
          <Group align="flex-end" gap="xs">
            <TextInput
              label={t('time.timesheet.note')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              maxLength={500}
              w={360}
            />
            <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!dirty}>
              {t('time.timesheet.save')}
            </Button>
            {allowed.has('submit') && (
              <Button
                variant="light"
                onClick={() => move.mutate({ move: 'submit' })}
                loading={move.isPending}
                disabled={dirty || save.isPending}
              >
                {t('time.timesheet.submit')}
              </Button>
            )}
          </Group>
          {save.error !== null && <ErrorAlert error={save.error} extra={issuesOf(save.error, [], tr).unplaced} />}
        </Stack>
      )}
      {!editable && allowed.has('submit') && (
        <Button variant="light" w="fit-content" onClick={() => move.mutate({ move: 'submit' })} loading={move.isPending}>
          {t('time.timesheet.submit')}
        </Button>
      )}
      {allowed.has('approve') && (
        <Group align="flex-end" gap="xs">
          <Button color="teal" onClick={() => move.mutate({ move: 'approve' })} loading={move.isPending}>
            {t('time.timesheet.approve')}
          </Button>
          <Textarea
            label={t('time.timesheet.sendBackNote')}
            value={returnNote}
            onChange={(e) => setReturnNote(e.currentTarget.value)}
            autosize
            minRows={1}
            w={360}
            maxLength={1000}
          />
          <Button
            variant="light"
            color="orange"
            onClick={() => move.mutate({ move: 'return', ...(returnNote.trim() && { note: returnNote.trim() }) })}
            loading={move.isPending}
          >
            {t('time.timesheet.sendBack')}
          </Button>
        </Group>
      )}
      {move.error !== null && <ErrorAlert error={move.error} onRetry={() => void refresh()} />}
      {allowed.has('correct') && <CorrectionForm sheet={sheet} own={own} />}
      {editable && own && <ImportForm sheet={sheet} />}
      <EntryList sheet={sheet} />
    </Stack>
  );
}

function AddRow({
  sheet,
  existing,
  onAdd,
}: {
  sheet: TimesheetView;
  existing: readonly GridRow[];
  onAdd: (row: { engagementId: string; category: string }) => void;
}) {
  const { t } = useTranslation();
  const loggable = sheet.engagements.filter((e) => e.mayLog);
  const [engagementId, setEngagementId] = useState<string | null>(loggable.length === 1 ? (loggable[0]?.id ?? null) : null);
  const [category, setCategory] = useState<string | null>(null);
  const side = loggable.find((e) => e.id === engagementId)?.side;
  if (loggable.length === 0) return null;
  const taken = new Set(existing.map((r) => r.key));
  return (
    <Group align="flex-end" gap="xs" role="group" aria-label={t('time.timesheet.addRow')}>
      <Select
        label={t('time.timesheet.engagement')}
        data={loggable.map((e) => ({ value: e.id, label: e.displayName }))}
        value={engagementId}
        onChange={(v) => {
          setEngagementId(v);
          setCategory(null);
        }}
        w={300}
      />
      <Select
        label={t('time.timesheet.category')}
        data={(side ? categoriesOf[side] : []).map((c) => ({
          value: c,
          label: t(`timeCategory.${c}`),
          disabled: taken.has(`${engagementId}|${c}`),
        }))}
        value={category}
        onChange={setCategory}
        w={200}
      />
      <Button
        variant="default"
        disabled={!engagementId || !category}
        onClick={() => {
          if (engagementId && category) onAdd({ engagementId, category });
          setCategory(null);
        }}
      >
        {t('time.timesheet.addRowButton')}
      </Button>
    </Group>
  );
}

function CorrectionForm({ sheet, own }: { sheet: TimesheetView; own: boolean }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const format = useFormatters();
  const queryClient = useQueryClient();
  const choices = sheet.engagements;
  const [engagementId, setEngagementId] = useState<string | null>(choices.length === 1 ? (choices[0]?.id ?? null) : null);
  const [category, setCategory] = useState<string | null>(null);
  const [date, setDate] = useState<string | null>(sheet.weekStart);
  const [hours, setHours] = useState<string | number>('');
  const [reason, setReason] = useState('');
  const side = choices.find((e) => e.id === engagementId)?.side;
  const correct = useMutation({
    mutationFn: () =>
      timeApi.log(engagementId ?? '', {
        ...(own ? {} : { userId: sheet.userId }),
        date: date ?? sheet.weekStart,
        category: (category ?? '') as never,
        minutes: minutesOf(hours) ?? 0,
        correctionReason: reason.trim(),
      }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('time.correction.done') });
      setHours('');
      setReason('');
      await queryClient.invalidateQueries({ queryKey: timeKeys.all });
    },
  });
  const issues = issuesOf(correct.error, ['date', 'category', 'minutes', 'correctionReason'] as const, tr);
  return (
    <Paper withBorder p="md" component="section" aria-label={t('time.correction.title')}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('time.correction.title')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('time.correction.intro')}
        </Text>
        <Group align="flex-start" gap="xs">
          <Select
            label={t('time.timesheet.engagement')}
            data={choices.map((e) => ({ value: e.id, label: e.displayName }))}
            value={engagementId}
            onChange={setEngagementId}
            w={260}
          />
          <Select
            label={t('time.timesheet.category')}
            data={(side ? categoriesOf[side] : []).map((c) => ({ value: c, label: t(`timeCategory.${c}`) }))}
            value={category}
            onChange={setCategory}
            error={issues.byField.category}
            w={180}
          />
          <Select
            label={t('time.correction.date')}
            data={weekDays(sheet.weekStart).map((d) => ({ value: d, label: format.date(d) }))}
            value={date}
            onChange={setDate}
            error={issues.byField.date}
            w={160}
          />
          <NumberInput
            label={t('time.correction.hours')}
            value={hours}
            onChange={setHours}
            step={0.5}
            decimalScale={2}
            min={-24}
            max={24}
            error={issues.byField.minutes}
            w={120}
          />
        </Group>
        <TextInput
          label={t('time.correction.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={issues.byField.correctionReason}
          maxLength={500}
          required
        />
        <Button
          w="fit-content"
          onClick={() => correct.mutate()}
          loading={correct.isPending}
          disabled={!engagementId || !category || minutesOf(hours) === null || !reason.trim()}
        >
          {t('time.correction.submit')}
        </Button>
        {correct.error !== null && <ErrorAlert error={correct.error} extra={issues.unplaced} />}
      </Stack>
    </Paper>
  );
}

function ImportForm({ sheet }: { sheet: TimesheetView }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const queryClient = useQueryClient();
  const loggable = sheet.engagements.filter((e) => e.mayLog);
  const [engagementId, setEngagementId] = useState<string | null>(loggable.length === 1 ? (loggable[0]?.id ?? null) : null);
  const [file, setFile] = useState<File | null>(null);
  const run = useMutation({
    mutationFn: async () => timeApi.import(engagementId ?? '', await (file as File).text()),
    onSuccess: async (result) => {
      notifications.show({ color: 'teal', message: t('time.import.done', { count: result.entries.length }) });
      setFile(null);
      await queryClient.invalidateQueries({ queryKey: timeKeys.all });
    },
  });
  if (loggable.length === 0) return null;
  // Each refused line, by its number: the server lists them all (csv.<line>.<field>).
  const lines = isApiError(run.error)
    ? run.error.issues.map((i) =>
        typeof i.path[1] === 'number' ? t('time.import.line', { line: i.path[1], message: issueMessage(i, tr) }) : issueMessage(i, tr),
      )
    : [];
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      aria-label={t('time.import.title')}
      onSubmit={(e) => {
        e.preventDefault();
        run.mutate();
      }}
    >
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('time.import.title')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('time.import.intro')}
        </Text>
        <Group align="flex-end" gap="xs">
          <Select
            label={t('time.import.engagement')}
            data={loggable.map((e) => ({ value: e.id, label: e.displayName }))}
            value={engagementId}
            onChange={setEngagementId}
            w={280}
          />
          <FileInput label={t('time.import.file')} accept=".csv,text/csv" value={file} onChange={setFile} w={260} clearable />
          <Button type="submit" loading={run.isPending} disabled={!engagementId || !file}>
            {t('time.import.submit')}
          </Button>
        </Group>
        {run.error !== null && <ErrorAlert error={run.error} extra={lines} />}
      </Stack>
    </Paper>
  );
}

function EntryList({ sheet }: { sheet: TimesheetView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const names = new Map(sheet.engagements.map((e) => [e.id, e.displayName]));
  if (sheet.entries.length === 0) return null;
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">
        {t('time.timesheet.entries')}
      </Title>
      <Table aria-label={t('time.timesheet.entries')} fz="sm">
        <Table.Tbody>
          {sheet.entries.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{format.date(e.date)}</Table.Td>
              <Table.Td>{names.get(e.engagementId) ?? e.engagementId}</Table.Td>
              <Table.Td>{t(`timeCategory.${e.category}` as never)}</Table.Td>
              <Table.Td ta="right">{t('time.hours', { hours: hoursOf(e.minutes) })}</Table.Td>
              <Table.Td>
                {e.correctionReason !== null && (
                  <Badge color="orange" variant="light" tt="none" mr="xs">
                    {t('time.timesheet.correction', { reason: e.correctionReason })}
                  </Badge>
                )}
                {e.note}
                {e.enteredBy !== null && e.enteredBy !== e.userId && (
                  <Text span size="xs" c="dimmed" ml="xs">
                    {t('time.timesheet.enteredBy')}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
