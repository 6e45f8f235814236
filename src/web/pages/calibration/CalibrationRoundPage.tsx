import { BarChart } from '@mantine/charts';
import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconEyeOff } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CalibrationRoundView } from '../../../shared/contracts/deliverables';
import { isApiError } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useFormatters } from '../../hooks/useFormatters';
import { useTranslator } from '../../hooks/useTranslator';
import { CALIBRATION_PERMISSIONS } from '../../lib/access';
import { criterionComparison, signed } from '../../lib/deliverables/calibration';
import { criterionWords, rubricName, weightedScore } from '../../lib/deliverables/rubric';
import { indexIssues, unplacedIssues } from '../../lib/engagements/issues';
import { RequirePermission } from '../../session/RequirePermission';
import { RubricScoring } from '../deliverables/RubricScoring';
import { VersionContent } from '../deliverables/VersionContent';
import { Section } from '../engagements/components/Section';
import { calibrationApi, calibrationKeys } from './api';
import { useCalibrationRound } from './hooks';

export function CalibrationRoundRoute() {
  return (
    <RequirePermission permission={CALIBRATION_PERMISSIONS}>
      <CalibrationRoundPage />
    </RequirePermission>
  );
}

/**
 * One calibration round: the reference as it was submitted, the rubric to score it against, and —
 * once the viewer's own scores are in (blind, like a review) — the consensus and how far they are
 * from it; whoever runs calibration sees everyone's deviation.
 */
function CalibrationRoundPage() {
  const { t } = useTranslation();
  const roundId = useParams().roundId ?? '';
  const round = useCalibrationRound(roundId);
  const back = (
    <Anchor component={Link} to="/calibration" size="sm" w="fit-content">
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t('deliverables.calibration.round.back')}
      </Group>
    </Anchor>
  );
  if (round.isPending) return <Loading />;
  if (round.isError)
    return (
      <Stack gap="sm">
        {back}
        <ErrorAlert error={round.error} onRetry={() => void round.refetch()} />
      </Stack>
    );
  return <Round round={round.data} back={back} />;
}

function Round({ round, back }: { round: CalibrationRoundView; back: React.ReactNode }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const f = useFormatters();
  const toScore = round.viewerParticipates && round.myScores === null;
  return (
    <Stack gap="md" maw={1200} data-testid="calibration-round">
      {back}
      <PageHeader
        title={round.title}
        intro={t('deliverables.calibration.round.intro', {
          name: round.createdBy?.displayName ?? t('common.none'),
          at: f.dateTime(round.createdAt),
          rubric: rubricName(round.rubric, tr),
          version: round.rubric.version,
        })}
      />
      <Section title={t('deliverables.calibration.round.people', { scored: round.scored, participants: round.participants })}>
        <Group gap="xs" data-testid="round-people">
          {round.people.map((p) => (
            <Badge key={p.userId} variant="light" color={p.scored ? 'teal' : 'gray'} tt="none" data-scored={p.scored}>
              {t(p.scored ? 'deliverables.calibration.round.personScored' : 'deliverables.calibration.round.personWaiting', {
                name: p.displayName,
              })}
            </Badge>
          ))}
        </Group>
      </Section>
      {round.myScores !== null && <MyComparison round={round} />}
      {round.deviations !== null && round.deviations.length > 0 && <EveryonesDeviation round={round} />}
      {round.consensus === null && !toScore && (
        <Alert color="gray" variant="light" icon={<IconEyeOff size={18} />}>
          <Text size="sm">{t('deliverables.calibration.round.nothingYet')}</Text>
        </Alert>
      )}
      <Section title={t('deliverables.calibration.round.reference')}>
        <Text size="sm" c="dimmed">
          {t('deliverables.calibration.round.referenceIntro')}
        </Text>
      </Section>
      <VersionContent content={round.content} referencesLabel={t('deliverables.calibration.round.referencesTable')} />
      {toScore && <ScoreForm round={round} />}
    </Stack>
  );
}

function ScoreForm({ round }: { round: CalibrationRoundView }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const queryClient = useQueryClient();
  const [scores, setScores] = useState<Record<string, number>>({});
  const complete = weightedScore(round.rubric, scores) !== null;
  const send = useMutation({
    mutationFn: () => calibrationApi.score(round.id, { scores }),
    onSuccess: async (next) => {
      queryClient.setQueryData(calibrationKeys.round(round.id), next);
      await queryClient.invalidateQueries({ queryKey: calibrationKeys.rounds });
      await queryClient.invalidateQueries({ queryKey: calibrationKeys.drift });
      notifications.show({ color: 'teal', message: t('deliverables.calibration.round.scoredNotice') });
      window.scrollTo({ top: 0 });
    },
    // Scored meanwhile (another tab): the round as it stands is the answer.
    onError: async (error) => {
      if (isApiError(error) && error.reason === 'already_scored')
        await queryClient.invalidateQueries({ queryKey: calibrationKeys.round(round.id) });
    },
  });
  const issues = useMemo(() => indexIssues(send.error, [], tr), [send.error, tr]);
  const unplaced = unplacedIssues(issues, new Set([...issues.keys()].filter((k) => k.startsWith('scores.'))));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (complete) send.mutate();
  };
  return (
    <Section title={t('deliverables.calibration.round.scoreTitle')}>
      <form onSubmit={submit} data-testid="calibration-score-form">
        <Stack gap="md">
          <Alert color="gray" variant="light" icon={<IconEyeOff size={18} />}>
            <Text size="sm">{t('deliverables.calibration.round.blind')}</Text>
          </Alert>
          <Text size="sm" fw={600}>
            {t('deliverables.review.rubric', { name: rubricName(round.rubric, tr), version: round.rubric.version })}
          </Text>
          <RubricScoring rubric={round.rubric} scores={scores} onChange={setScores} errorOf={(key) => issues.get(`scores.${key}`)} />
          {send.error !== null && <ErrorAlert error={send.error} extra={unplaced} />}
          {!complete && (
            <Text size="sm" c="dimmed">
              {t('deliverables.review.scoreAll')}
            </Text>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={send.isPending} disabled={!complete}>
              {t('deliverables.calibration.round.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

/** The viewer's scores beside the consensus, criterion by criterion, and their deviation as bars. */
function MyComparison({ round }: { round: CalibrationRoundView }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const rows = criterionComparison(round.rubric, round);
  const title = (key: string) => {
    const c = round.rubric.criteria.find((x) => x.key === key);
    return c ? criterionWords(round.rubric, c, tr).title : key;
  };
  const chart = rows.filter((r) => r.deviation !== null).map((r) => ({ criterion: title(r.key), deviation: r.deviation ?? 0 }));
  const none = t('common.none');
  return (
    <Section title={t('deliverables.calibration.mine.title')}>
      <Text size="sm" c="dimmed">
        {t('deliverables.calibration.mine.intro')}
      </Text>
      {round.scored < 2 && (
        <Text size="sm" c="dimmed" data-testid="only-you">
          {t('deliverables.calibration.mine.onlyYou')}
        </Text>
      )}
      <Table aria-label={t('deliverables.calibration.mine.table')} striped data-testid="my-deviation">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('deliverables.reviews.criterion')}</Table.Th>
            <Table.Th>{t('deliverables.calibration.mine.own')}</Table.Th>
            <Table.Th>{t('deliverables.calibration.mine.consensus')}</Table.Th>
            <Table.Th>{t('deliverables.calibration.mine.deviation')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key} data-criterion={r.key}>
              <Table.Td>{title(r.key)}</Table.Td>
              <Table.Td>{r.own ?? none}</Table.Td>
              <Table.Td>{r.consensus ?? none}</Table.Td>
              <Table.Td>
                {r.deviation === null ? (
                  none
                ) : (
                  <Text
                    size="sm"
                    fw={r.deviation === 0 ? 400 : 600}
                    {...(r.deviation !== 0 && { c: r.deviation > 0 ? 'orange.8' : 'blue.8' })}
                    data-testid="deviation"
                  >
                    {signed(r.deviation)}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        {t('deliverables.calibration.mine.signExplained')}
      </Text>
      {chart.length > 0 && (
        <BarChart
          h={Math.max(140, chart.length * 40)}
          data={chart}
          dataKey="criterion"
          orientation="vertical"
          yAxisProps={{ width: 180 }}
          xAxisProps={{ domain: [-(round.rubric.scale.max - round.rubric.scale.min), round.rubric.scale.max - round.rubric.scale.min] }}
          series={[{ name: 'deviation', label: t('deliverables.calibration.mine.deviation'), color: 'orange.6' }]}
          getBarColor={(v) => (v > 0 ? 'orange.6' : v < 0 ? 'blue.6' : 'gray.5')}
          referenceLines={[{ x: 0, color: 'gray.6' }]}
          valueFormatter={(v) => signed(v)}
          aria-label={t('deliverables.calibration.mine.chart')}
        />
      )}
    </Section>
  );
}

/** Everyone's scores and deviation from the consensus: the view of whoever runs calibration. */
function EveryonesDeviation({ round }: { round: CalibrationRoundView }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const deviations = round.deviations ?? [];
  const criteria = round.rubric.criteria;
  const chart = deviations.map((d) => ({ person: d.person.displayName, mad: d.meanAbsoluteDeviation }));
  return (
    <Section title={t('deliverables.calibration.all.title')}>
      <Text size="sm" c="dimmed">
        {t('deliverables.calibration.all.intro')}
      </Text>
      <Table.ScrollContainer minWidth={700}>
        <Table aria-label={t('deliverables.calibration.all.table')} striped data-testid="all-deviations">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('deliverables.calibration.drift.reviewer')}</Table.Th>
              {criteria.map((c) => (
                <Table.Th key={c.key}>{criterionWords(round.rubric, c, tr).title}</Table.Th>
              ))}
              <Table.Th>{t('deliverables.calibration.drift.mad')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr data-consensus>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {t('deliverables.calibration.mine.consensus')}
                </Text>
              </Table.Td>
              {criteria.map((c) => (
                <Table.Td key={c.key}>{round.consensus?.[c.key] ?? t('common.none')}</Table.Td>
              ))}
              <Table.Td />
            </Table.Tr>
            {deviations.map((d) => (
              <Table.Tr key={d.person.userId} data-person={d.person.displayName}>
                <Table.Td>{d.person.displayName}</Table.Td>
                {criteria.map((c) => {
                  const dev = d.deviation[c.key];
                  return (
                    <Table.Td key={c.key}>
                      {t('deliverables.calibration.all.cell', {
                        score: d.scores[c.key] ?? t('common.none'),
                        deviation: dev === undefined ? t('common.none') : signed(dev),
                      })}
                    </Table.Td>
                  );
                })}
                <Table.Td>
                  <Text size="sm" fw={600} data-testid="person-mad">
                    {d.meanAbsoluteDeviation.toFixed(2)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <BarChart
        h={Math.max(120, chart.length * 40)}
        data={chart}
        dataKey="person"
        orientation="vertical"
        yAxisProps={{ width: 160 }}
        series={[{ name: 'mad', label: t('deliverables.calibration.drift.mad'), color: 'grape.6' }]}
        valueFormatter={(v) => v.toFixed(2)}
        aria-label={t('deliverables.calibration.all.chart')}
      />
    </Section>
  );
}
