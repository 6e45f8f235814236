import { Anchor, Badge, Box, Button, Group, Paper, ScrollArea, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconChevronLeft, IconChevronRight, IconFlag, IconHeartbeat } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BoardPersonView, CapacityBoardView } from '../../../shared/contracts/capacity';
import { capacityApi, capacityKeys } from '../../api/capacity';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { addDays, type Band, bandOf, hoursOf, mondayOf } from '../../lib/capacity';
import { useSession } from '../../session/session';
import { StrainMarker } from '../time/StrainSignals';

type Cell = BoardPersonView['weeks'][number];

const WEEKS = 12;
const todayInJapan = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
const hours = hoursOf;
const shortDate = (date: string) => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;

const bandColour: Record<Band, string> = {
  none: 'var(--mantine-color-gray-1)',
  low: 'var(--mantine-color-teal-0)',
  normal: 'var(--mantine-color-teal-2)',
  high: 'var(--mantine-color-yellow-3)',
  over: 'var(--mantine-color-red-3)',
};

/** The provider's capacity board (`/capacity`), for its delivery managers and admin; the server decides who may read it. */
export function CapacityBoardRoute() {
  const session = useSession();
  return <CapacityBoardPage orgId={session.activeOrgId} />;
}

function CapacityBoardPage({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const thisWeek = mondayOf(todayInJapan());
  const [from, setFrom] = useState(thisWeek);
  const board = useQuery({
    queryKey: capacityKeys.board(orgId, from),
    queryFn: () => capacityApi.board(orgId, { from, to: addDays(from, (WEEKS - 1) * 7) }),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack gap="md">
      <PageHeader
        title={t('capacity.board.title')}
        intro={t('capacity.board.intro')}
        actions={
          <Group gap="xs">
            <Button
              variant="default"
              size="xs"
              leftSection={<IconChevronLeft size={14} />}
              onClick={() => setFrom(addDays(from, -WEEKS * 7))}
            >
              {t('capacity.board.previous')}
            </Button>
            <Button variant="default" size="xs" onClick={() => setFrom(thisWeek)} disabled={from === thisWeek}>
              {t('capacity.board.thisWeek')}
            </Button>
            <Button
              variant="default"
              size="xs"
              rightSection={<IconChevronRight size={14} />}
              onClick={() => setFrom(addDays(from, WEEKS * 7))}
            >
              {t('capacity.board.next')}
            </Button>
          </Group>
        }
      />
      {board.isPending ? (
        <Loading />
      ) : board.isError ? (
        <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />
      ) : (
        <>
          <Legend />
          <Board board={board.data} />
        </>
      )}
    </Stack>
  );
}

function Legend() {
  const { t } = useTranslation();
  const swatch = (band: Band, label: string) => (
    <Group gap={6} key={band}>
      <Box w={14} h={14} style={{ background: bandColour[band], borderRadius: 3, border: '1px solid var(--mantine-color-gray-4)' }} />
      <Text size="xs">{label}</Text>
    </Group>
  );
  return (
    <Group gap="md" aria-label={t('capacity.board.legend.title')}>
      {swatch('low', t('capacity.board.legend.low'))}
      {swatch('normal', t('capacity.board.legend.normal'))}
      {swatch('high', t('capacity.board.legend.high'))}
      {swatch('over', t('capacity.board.legend.over'))}
      <Group gap={6}>
        <IconAlertTriangle size={14} color="var(--mantine-color-orange-6)" />
        <Text size="xs">{t('capacity.board.legend.warning')}</Text>
      </Group>
      <Group gap={6}>
        <IconAlertTriangle size={14} color="var(--mantine-color-red-7)" />
        <Text size="xs">{t('capacity.board.legend.breach')}</Text>
      </Group>
      <Group gap={6}>
        <IconFlag size={14} color="var(--mantine-color-grape-7)" />
        <Text size="xs">{t('capacity.board.legend.cluster')}</Text>
      </Group>
      <Group gap={6}>
        <IconHeartbeat size={14} color="var(--mantine-color-orange-7)" />
        <Text size="xs">{t('capacity.board.legend.strain')}</Text>
      </Group>
    </Group>
  );
}

function Board({ board }: { board: CapacityBoardView }) {
  const { t } = useTranslation();
  if (board.people.length === 0) return <Text c="dimmed">{t('capacity.board.none')}</Text>;
  return (
    <Paper withBorder radius="md">
      <ScrollArea type="auto">
        <Table aria-label={t('capacity.board.table')} withColumnBorders stickyHeader miw={960}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th miw={160}>{t('capacity.board.person')}</Table.Th>
              {board.weeks.map((w) => (
                <Table.Th key={w} ta="center" title={t('capacity.board.weekOf', { date: w })}>
                  <Text size="xs" fw={600}>
                    {shortDate(w)}
                  </Text>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {board.people.map((p) => (
              <Table.Tr key={p.userId}>
                <Table.Th scope="row">
                  <Group gap={6} wrap="nowrap">
                    <Anchor
                      component={Link}
                      to={`/time/load/${encodeURIComponent(p.userId)}`}
                      size="sm"
                      aria-label={t('capacity.board.openLoad', { name: p.displayName })}
                    >
                      {p.displayName}
                    </Anchor>
                    <StrainMarker signals={p.strain} />
                  </Group>
                </Table.Th>
                {p.weeks.map((c) => (
                  <WeekCell key={c.week} person={p} cell={c} />
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Paper>
  );
}

function WeekCell({ person, cell }: { person: BoardPersonView; cell: Cell }) {
  const { t } = useTranslation();
  const band = bandOf(cell.utilisation, cell.plannedMinutes);
  const month = person.months.find((m) => m.month === addDays(cell.week, 3).slice(0, 7));
  const details = [
    t('capacity.board.available', { hours: hours(cell.availableMinutes), days: cell.workingDays, leave: cell.leaveDays }),
    t('capacity.board.planned', { hours: hours(cell.plannedMinutes) }),
    ...(cell.tentativeMinutes > 0 ? [t('staffing.tentative', { hours: hours(cell.tentativeMinutes) })] : []),
    t('capacity.board.actual', { hours: hours(cell.actualMinutes) }),
    cell.utilisation === null
      ? t('capacity.board.noCapacity')
      : t('capacity.board.utilisation', { percent: `${Math.round(cell.utilisation * 100)}%` }),
    ...(month ? [t('capacity.board.forecast', { hours: hours(month.overtimeMinutes), holiday: hours(month.holidayWorkMinutes) })] : []),
    ...(cell.overtime ? [t(cell.overtime === 'breach' ? 'capacity.board.overtimeBreach' : 'capacity.board.overtimeWarning')] : []),
    ...cell.deadlines.map((d) => `${d.dueDate} ${d.engagementName}: ${d.milestoneTitle}`),
  ];
  return (
    <Table.Td p={4} style={{ background: bandColour[band], verticalAlign: 'top' }} data-band={band}>
      <Tooltip label={details.map((line) => <div key={line}>{line}</div>)} multiline w={300} withArrow openDelay={200}>
        <Stack
          gap={2}
          align="center"
          tabIndex={0}
          aria-label={t('capacity.board.cellLabel', {
            name: person.displayName,
            week: cell.week,
            planned: hours(cell.plannedMinutes),
            available: hours(cell.availableMinutes),
          })}
        >
          <Text size="xs" fw={600}>
            {t('capacity.board.cell', { planned: hours(cell.plannedMinutes), available: hours(cell.availableMinutes) })}
          </Text>
          {cell.tentativeMinutes > 0 && (
            // Open bids' staffing plans: apart from the plan, and not in the overtime forecast.
            <Text size="xs" c="dimmed" fs="italic">
              {t('staffing.tentative', { hours: hours(cell.tentativeMinutes) })}
            </Text>
          )}
          <Group gap={4} justify="center" wrap="nowrap">
            {cell.overtime && (
              <IconAlertTriangle
                size={14}
                color={cell.overtime === 'breach' ? 'var(--mantine-color-red-7)' : 'var(--mantine-color-orange-6)'}
                aria-label={t(cell.overtime === 'breach' ? 'capacity.board.overtimeBreach' : 'capacity.board.overtimeWarning')}
              />
            )}
            {cell.deadlines.length > 0 && (
              <Badge
                size="xs"
                variant={cell.deadlineCluster ? 'filled' : 'light'}
                color="grape"
                leftSection={cell.deadlineCluster ? <IconFlag size={10} /> : undefined}
              >
                {t(cell.deadlineCluster ? 'capacity.board.deadlinesCluster' : 'capacity.board.deadlines', { count: cell.deadlines.length })}
              </Badge>
            )}
          </Group>
        </Stack>
      </Tooltip>
    </Table.Td>
  );
}
