import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EngagementListItem } from '../../../shared/contracts/engagements';
import { useFormatters } from '../../hooks/useFormatters';
import { BidOutcomeBadge } from './components/BidOutcomeBadge';
import { ProgressBar } from './components/ProgressBar';
import { RagDot } from './components/RagDot';
import { RiskFlagBadges } from './components/RiskFlagBadges';
import { StatusBadge } from './components/StatusBadge';

/** The engagements the viewer may see; the other party is the provider for a client, the client for a provider. */
export function EngagementTable({ items, viewerIsClient }: { items: EngagementListItem[]; viewerIsClient: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Table.ScrollContainer minWidth={1080}>
      <Table
        verticalSpacing="sm"
        highlightOnHover
        aria-label={t('engagements.list.title')}
        data-testid="engagement-table"
        styles={{ th: { whiteSpace: 'nowrap' } }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('engagements.list.name')}</Table.Th>
            <Table.Th>{t('engagements.list.status')}</Table.Th>
            <Table.Th>{viewerIsClient ? t('engagements.list.provider') : t('engagements.list.client')}</Table.Th>
            <Table.Th>{t('engagements.list.targetEnd')}</Table.Th>
            <Table.Th>{t('engagements.list.nextMilestone')}</Table.Th>
            <Table.Th>{t('engagements.progress')}</Table.Th>
            <Table.Th>{t('rag.label')}</Table.Th>
            <Table.Th>{t('engagements.list.risk')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id} data-engagement-id={item.id}>
              <Table.Td>
                <Stack gap={2}>
                  <Anchor component={Link} to={`/engagements/${item.id}`} fw={600} size="sm">
                    {item.displayName}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {t(`engagementType.${item.type}`)}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                {item.status ? <StatusBadge status={item.status} /> : item.bidOutcome && <BidOutcomeBadge outcome={item.bidOutcome} />}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{viewerIsClient ? (item.provider?.name ?? t('engagements.list.noProvider')) : item.client.name}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {item.targetEnd ? format.date(item.targetEnd) : t('common.none')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {item.nextMilestoneDue ? format.date(item.nextMilestoneDue) : t('common.none')}
                </Text>
              </Table.Td>
              <Table.Td>
                <ProgressBar pct={item.progressPct} w={80} />
              </Table.Td>
              <Table.Td>
                <RagDot rag={item.rag} />
              </Table.Td>
              <Table.Td>
                <RiskFlagBadges flags={item.riskFlags} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
