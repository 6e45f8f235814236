import { Alert, Badge, Paper, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DeliverableVersionView, Rubric } from '../../../shared/contracts/deliverables';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useTranslator } from '../../hooks/useTranslator';
import { criterionWords, DISAGREEMENT_LEVELS, decisionSplit, spreadOf, weightPercent } from '../../lib/deliverables/rubric';
import { Section } from '../engagements/components/Section';
import { useAnchorLabel } from './anchors';
import { DecisionBadge } from './badges';
import { useRubricOf } from './hooks';

/** The reviews of a version side by side, criterion by criterion, with where the reviewers are far apart marked. */
export function ReviewsComparison({ engagementId, version }: { engagementId: string; version: DeliverableVersionView }) {
  const { t } = useTranslation();
  const rubric = useRubricOf(engagementId, version);
  return (
    <Section title={t('deliverables.reviews.title')}>
      <Text size="sm">{t('deliverables.reviews.count', { count: version.reviewCount, wanted: version.reviewersWanted })}</Text>
      {version.reviews.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('deliverables.reviews.none')}
        </Text>
      ) : rubric.isPending ? (
        <Loading />
      ) : rubric.isError ? (
        <ErrorAlert error={rubric.error} onRetry={() => void rubric.refetch()} />
      ) : (
        <ReviewsTable version={version} rubric={rubric.data} />
      )}
    </Section>
  );
}

function ReviewsTable({ version, rubric }: { version: DeliverableVersionView; rubric: Rubric }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const anchorLabel = useAnchorLabel(version);
  const reviews = version.reviews;
  const spreads = rubric.criteria.map((c) => ({ key: c.key, spread: spreadOf(reviews.map((r) => r.scores?.[c.key])) }));
  const disagreements = rubric.criteria.filter((c) => (spreads.find((s) => s.key === c.key)?.spread ?? 0) >= DISAGREEMENT_LEVELS);
  const widest = Math.max(0, ...spreads.map((s) => s.spread ?? 0));
  const split = decisionSplit(reviews);
  const hidden = reviews.some((r) => r.scores === null);
  const comments = reviews.flatMap((r) => r.comments.map((c) => ({ ...c, by: r.reviewer?.displayName ?? '' })));
  return (
    <Stack gap="sm">
      {split.split && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="decision-split">
          <Text size="sm">{t('deliverables.reviews.split')}</Text>
        </Alert>
      )}
      {disagreements.length > 0 && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="score-disagreement">
          <Text size="sm">
            {t('deliverables.reviews.disagree', {
              spread: widest,
              criteria: disagreements.map((c) => criterionWords(rubric, c, tr).title).join(', '),
            })}
          </Text>
        </Alert>
      )}
      <ScrollArea>
        <Table aria-label={t('deliverables.reviews.table', { version: version.version })} withTableBorder withColumnBorders>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('deliverables.reviews.criterion')}</Table.Th>
              <Table.Th>{t('deliverables.reviews.weight')}</Table.Th>
              {reviews.map((r) => (
                <Table.Th key={r.id}>{r.reviewer?.displayName}</Table.Th>
              ))}
              <Table.Th>{t('deliverables.reviews.spread')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rubric.criteria.map((c) => {
              const spread = spreads.find((s) => s.key === c.key)?.spread ?? null;
              const far = spread !== null && spread >= DISAGREEMENT_LEVELS;
              return (
                <Table.Tr key={c.key} data-criterion={c.key} {...(far && { bg: 'red.0' })}>
                  <Table.Td>{criterionWords(rubric, c, tr).title}</Table.Td>
                  <Table.Td>{weightPercent(c.weight)} %</Table.Td>
                  {reviews.map((r) => (
                    <Table.Td key={r.id}>
                      {r.scores === null ? (
                        <Text size="xs" c="dimmed">
                          {t('deliverables.reviews.hidden')}
                        </Text>
                      ) : (
                        (r.scores[c.key] ?? t('common.none'))
                      )}
                    </Table.Td>
                  ))}
                  <Table.Td data-testid={`spread-${c.key}`} data-disagree={far ? 'true' : 'false'}>
                    {spread === null ? (
                      t('common.none')
                    ) : (
                      <Badge color={far ? 'red' : 'gray'} variant={far ? 'filled' : 'light'}>
                        {spread}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
            <Table.Tr>
              <Table.Th colSpan={2}>{t('deliverables.reviews.weighted')}</Table.Th>
              {reviews.map((r) => (
                <Table.Td key={r.id} fw={600}>
                  {r.weightedScore === null ? t('deliverables.reviews.hidden') : r.weightedScore.toFixed(2)}
                </Table.Td>
              ))}
              <Table.Td />
            </Table.Tr>
            <Table.Tr>
              <Table.Th colSpan={2}>{t('deliverables.reviews.decision')}</Table.Th>
              {reviews.map((r) => (
                <Table.Td key={r.id}>{r.decision ? <DecisionBadge decision={r.decision} /> : t('deliverables.reviews.hidden')}</Table.Td>
              ))}
              <Table.Td />
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {hidden && (
        <Text size="xs" c="dimmed">
          {t('deliverables.reviews.hiddenNote')}
        </Text>
      )}
      {comments.length > 0 && (
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            {t('deliverables.reviews.comments')}
          </Text>
          {comments.map((c) => (
            <Paper key={c.id} withBorder p="xs">
              <Text size="xs" c="dimmed">
                {anchorLabel(c.anchor)} — {c.by}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {c.body}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
