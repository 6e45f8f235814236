import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useFormatters } from '../../hooks/useFormatters';
import { Section } from '../engagements/components/Section';
import { ClassificationBadge } from './ClassificationBadge';
import { GrantTimeCells } from './GrantTimeCells';
import { useAccessReview } from './hooks';

/**
 * Every live grant of the engagement with its last use, for those the server lets review access
 * (the client's leads, auditors and finance). A refusal hides the panel: it is not theirs to see.
 */
export function AccessReviewPanel({ engagementId }: { engagementId: string }) {
  const { t } = useTranslation();
  const _format = useFormatters();
  const review = useAccessReview(engagementId, true);
  if (review.isError && isApiError(review.error) && (review.error.code === 'forbidden' || review.error.code === 'not_found')) return null;
  return (
    <Section title={t('documents.review.title')}>
      <Text size="sm" c="dimmed">
        {t('documents.review.intro')}
      </Text>
      {review.isPending ? (
        <Loading />
      ) : review.isError ? (
        <ErrorAlert error={review.error} onRetry={() => void review.refetch()} />
      ) : review.data.grants.length === 0 ? (
        <Text size="sm">{t('documents.review.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="xs" fz="sm" aria-label={t('documents.review.table')} data-testid="access-review">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('documents.review.document')}</Table.Th>
                <Table.Th>{t('documents.review.grantee')}</Table.Th>
                <Table.Th>{t('documents.review.access')}</Table.Th>
                <Table.Th>{t('documents.review.expires')}</Table.Th>
                <Table.Th>{t('documents.review.lastUsed')}</Table.Th>
                <Table.Th>{t('documents.review.grantedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {review.data.grants.map((g) => (
                <Table.Tr key={g.id}>
                  <Table.Td>
                    <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {g.documentName}
                    </Text>
                    <ClassificationBadge classification={g.classification} size="xs" />
                  </Table.Td>
                  <Table.Td>{g.grantee.kind === 'team' ? t('documents.grants.team') : g.grantee.displayName}</Table.Td>
                  <Table.Td>
                    <Badge
                      variant="light"
                      color={g.access === 'download' ? 'orange' : 'gray'}
                      size="sm"
                      tt="none"
                      style={{ minWidth: 'max-content' }}
                    >
                      {t(`documents.access.${g.access}`)}
                    </Badge>
                  </Table.Td>
                  <GrantTimeCells grant={g} />
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
