import { Alert, Anchor, Badge, Button, type MantineColor, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { CalibrationRoundSummary } from '../../../shared/contracts/deliverables';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useFormatters } from '../../hooks/useFormatters';
import { CALIBRATION_PERMISSIONS, can } from '../../lib/access';
import { roundPath, roundSourceOf, roundStanding } from '../../lib/deliverables/calibration';
import { RequirePermission } from '../../session/RequirePermission';
import { useActiveMembership } from '../../session/session';
import { Section } from '../engagements/components/Section';
import { DriftPanel } from './DriftPanel';
import { useCalibrationRounds } from './hooks';
import { StartRoundForm } from './StartRoundForm';

export function CalibrationRoute() {
  return (
    <RequirePermission permission={CALIBRATION_PERMISSIONS}>
      <CalibrationPage />
    </RequirePermission>
  );
}

const standingColors: Record<ReturnType<typeof roundStanding>, MantineColor> = { to_score: 'orange', scored: 'teal', watching: 'gray' };

/**
 * Calibration of the client's reviewers: the rounds the viewer takes part in (every round, for
 * whoever runs them), starting a round on a version of a deliverable, and who drifts.
 */
function CalibrationPage() {
  const { t } = useTranslation();
  const manage = can(useActiveMembership(), 'calibration.manage');
  const [params, setParams] = useSearchParams();
  const starting = manage && params.get('start') === '1';
  const source = roundSourceOf(params);
  const setStarting = (open: boolean) => setParams(open ? { start: '1' } : {});
  const rounds = useCalibrationRounds();
  return (
    <Stack gap="md" maw={1200}>
      <PageHeader
        title={t('deliverables.calibration.title')}
        intro={t('deliverables.calibration.intro')}
        actions={
          manage &&
          !starting && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setStarting(true)}>
              {t('deliverables.calibration.start.button')}
            </Button>
          )
        }
      />
      {starting && <StartRoundForm key={params.toString()} source={source} onCancel={() => setStarting(false)} />}
      <Section title={t('deliverables.calibration.rounds.title')}>
        {rounds.isPending ? (
          <Loading />
        ) : rounds.isError ? (
          <ErrorAlert error={rounds.error} onRetry={() => void rounds.refetch()} />
        ) : rounds.data.length === 0 ? (
          <Alert color="gray" variant="light">
            <Text size="sm">{manage ? t('deliverables.calibration.rounds.emptyManage') : t('deliverables.calibration.rounds.empty')}</Text>
          </Alert>
        ) : (
          <RoundsTable rounds={rounds.data} />
        )}
      </Section>
      {manage && <DriftPanel />}
    </Stack>
  );
}

function RoundsTable({ rounds }: { rounds: readonly CalibrationRoundSummary[] }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const sorted = [...rounds].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <Table aria-label={t('deliverables.calibration.rounds.table')} striped highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('deliverables.calibration.rounds.name')}</Table.Th>
          <Table.Th>{t('deliverables.calibration.rounds.started')}</Table.Th>
          <Table.Th>{t('deliverables.calibration.rounds.progress')}</Table.Th>
          <Table.Th>{t('deliverables.calibration.rounds.you')}</Table.Th>
          <Table.Th>{t('common.actions')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sorted.map((r) => {
          const standing = roundStanding(r);
          return (
            <Table.Tr key={r.id} data-round={r.title}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {r.title}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {t('deliverables.calibration.rounds.startedBy', {
                    name: r.createdBy?.displayName ?? t('common.none'),
                    at: f.dateTime(r.createdAt),
                  })}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t('deliverables.calibration.rounds.scoredOf', { scored: r.scored, participants: r.participants })}</Text>
              </Table.Td>
              <Table.Td>
                <Badge color={standingColors[standing]} variant="light" tt="none" data-standing={standing}>
                  {t(`deliverables.calibration.standing.${standing}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={roundPath(r.id)}
                  size="sm"
                  aria-label={t('deliverables.calibration.rounds.openName', { title: r.title })}
                >
                  {standing === 'to_score' ? t('deliverables.calibration.rounds.score') : t('deliverables.calibration.rounds.open')}
                </Anchor>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
