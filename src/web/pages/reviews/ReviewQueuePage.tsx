import { Alert, Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useFormatters } from '../../hooks/useFormatters';
import { engagementPath } from '../../lib/engagements/tabs';
import { RequirePermission } from '../../session/RequirePermission';
import type { ReviewQueueRow } from '../deliverables/api';
import { CheckBadge } from '../deliverables/badges';
import { useReviewQueue } from '../deliverables/hooks';

/** The address of one version of a deliverable on its engagement's deliverables tab. */
export const versionPath = (row: Pick<ReviewQueueRow, 'engagementId' | 'deliverableId' | 'version'>): string =>
  `${engagementPath(row.engagementId, 'deliverables')}?d=${encodeURIComponent(row.deliverableId)}&v=${row.version}`;

export function ReviewQueuePage() {
  return (
    <RequirePermission permission="reviews.queue">
      <ReviewQueue />
    </RequirePermission>
  );
}

/** The client's versions awaiting a decision, those the reviewers disagree on most first. */
function ReviewQueue() {
  const { t } = useTranslation();
  const queue = useReviewQueue();
  return (
    <Stack gap="md">
      <PageHeader title={t('deliverables.queue.title')} intro={t('deliverables.queue.intro')} />
      {queue.isPending ? (
        <Loading />
      ) : queue.isError ? (
        <ErrorAlert error={queue.error} onRetry={() => void queue.refetch()} />
      ) : queue.data.length === 0 ? (
        <Alert color="gray" variant="light" title={t('deliverables.queue.empty')} />
      ) : (
        <QueueTable rows={queue.data} />
      )}
    </Stack>
  );
}

function QueueTable({ rows }: { rows: readonly ReviewQueueRow[] }) {
  const { t } = useTranslation();
  const f = useFormatters();
  return (
    <Table aria-label={t('deliverables.queue.table')} striped highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('deliverables.queue.engagement')}</Table.Th>
          <Table.Th>{t('deliverables.queue.deliverable')}</Table.Th>
          <Table.Th>{t('deliverables.queue.version')}</Table.Th>
          <Table.Th>{t('deliverables.queue.received')}</Table.Th>
          <Table.Th>{t('deliverables.queue.checks')}</Table.Th>
          <Table.Th>{t('deliverables.queue.reviews')}</Table.Th>
          <Table.Th>{t('deliverables.queue.split')}</Table.Th>
          <Table.Th>{t('deliverables.queue.spread')}</Table.Th>
          <Table.Th>{t('common.actions')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={`${r.deliverableId}-${r.version}`} data-deliverable={r.deliverableTitle}>
            <Table.Td>{r.codeName ?? r.engagementTitle}</Table.Td>
            <Table.Td>{r.deliverableTitle}</Table.Td>
            <Table.Td>{t('deliverables.versionLabel', { version: r.version })}</Table.Td>
            <Table.Td>{f.dateTime(r.receivedAt)}</Table.Td>
            <Table.Td>
              <CheckBadge status={r.checkStatus} />
            </Table.Td>
            <Table.Td>
              <Group gap={4}>
                <Text size="sm">{t('deliverables.queue.reviewsValue', { count: r.reviews, wanted: r.reviewersWanted })}</Text>
                {r.reviewedByViewer && (
                  <Badge size="xs" variant="light" color="teal" tt="none">
                    {t('deliverables.queue.reviewedByYou')}
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td>
              {r.decisionSplit === null ? (
                <Text size="xs" c="dimmed">
                  {t('deliverables.queue.hidden')}
                </Text>
              ) : r.decisionSplit > 0 ? (
                <Badge color="orange" variant="light" tt="none">
                  {t('deliverables.queue.splitValue', { count: r.decisionSplit + 1 })}
                </Badge>
              ) : (
                t('deliverables.queue.agree')
              )}
            </Table.Td>
            <Table.Td>
              {r.scoreSpread === null ? (
                <Text size="xs" c="dimmed">
                  {r.decisionSplit === null ? t('deliverables.queue.hidden') : t('common.none')}
                </Text>
              ) : (
                t('deliverables.queue.spreadValue', { spread: r.scoreSpread.toFixed(1) })
              )}
            </Table.Td>
            <Table.Td>
              <Anchor
                component={Link}
                to={versionPath(r)}
                size="sm"
                aria-label={t('deliverables.queue.openName', { title: r.deliverableTitle, version: r.version })}
              >
                {t('deliverables.queue.open')}
              </Anchor>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
