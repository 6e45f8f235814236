import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeeTerms, PlannedMilestone } from '../../../../shared/contracts/engagements';
import { useFormatters } from '../../../hooks/useFormatters';
import type { SowChange, SowValueField } from '../../../lib/engagements/sowDiff';
import { FeeSummary } from '../components/FeeSummary';

const Before = ({ children }: { children: ReactNode }) => (
  <Text size="sm" c="red.8" td="line-through" style={{ whiteSpace: 'pre-wrap' }} component="div">
    {children}
  </Text>
);
const After = ({ children }: { children: ReactNode }) => (
  <Text size="sm" c="teal.9" style={{ whiteSpace: 'pre-wrap' }} component="div">
    {children}
  </Text>
);

/** What one SOW version changed from the one before: field, before (struck through), after. */
export function SowDiffView({ changes }: { changes: SowChange[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (changes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('engagements.sow.noChanges')}
      </Text>
    );
  }
  const valueText = (field: SowValueField, v: string | number) =>
    field === 'startDate' || field === 'endDate'
      ? format.date(String(v))
      : field === 'cadenceDays'
        ? t('engagements.proposals.everyDays', { count: Number(v) })
        : t('engagements.sow.businessDays', { count: Number(v) });
  const milestoneFacts = (m: Partial<PlannedMilestone>) =>
    [
      m.title,
      m.dueDate && format.date(m.dueDate),
      m.weight !== undefined && t('engagements.percent', { value: m.weight }),
      m.deliverables && (m.deliverables.join('、') || t('common.none')),
    ]
      .filter(Boolean)
      .join(' · ');

  const rows = changes.map((c, i): { label: ReactNode; before: ReactNode; after: ReactNode; key: string } => {
    switch (c.kind) {
      case 'text':
        return {
          key: c.field,
          label: t(`engagements.sow.${c.field}`),
          before: <Before>{c.before}</Before>,
          after: <After>{c.after}</After>,
        };
      case 'value':
        return {
          key: c.field,
          label: t(`engagements.sow.field.${c.field}`),
          before: <Before>{valueText(c.field, c.before)}</Before>,
          after: <After>{valueText(c.field, c.after)}</After>,
        };
      case 'list':
        return {
          key: c.field,
          label: t('engagements.sow.deliverables'),
          before: c.removed.map((d) => <Before key={d}>{d}</Before>),
          after: c.added.map((d) => <After key={d}>{d}</After>),
        };
      case 'fee':
        return {
          key: 'fee',
          label: t('engagements.sow.fee'),
          before: <FeeBlock fee={c.before} struck />,
          after: <FeeBlock fee={c.after} />,
        };
    }
    return {
      key: `${c.key}:${i}`,
      label: (
        <Group gap={4}>
          <Text size="sm">{c.milestone.title}</Text>
          <Badge size="xs" variant="light" tt="none" color={c.change === 'added' ? 'teal' : c.change === 'removed' ? 'red' : 'blue'}>
            {t(`engagements.sow.milestone_${c.change}`)}
          </Badge>
        </Group>
      ),
      before: c.change === 'added' ? null : <Before>{milestoneFacts(c.change === 'changed' ? c.before : c.milestone)}</Before>,
      after: c.change === 'removed' ? null : <After>{milestoneFacts(c.change === 'changed' ? c.after : c.milestone)}</After>,
    };
  });

  return (
    <Table verticalSpacing={4} withTableBorder aria-label={t('engagements.sow.changes')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="22%">{t('engagements.sow.changedField')}</Table.Th>
          <Table.Th>{t('engagements.sow.before')}</Table.Th>
          <Table.Th>{t('engagements.sow.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Td style={{ verticalAlign: 'top' }}>{typeof r.label === 'string' ? <Text size="sm">{r.label}</Text> : r.label}</Table.Td>
            <Table.Td style={{ verticalAlign: 'top' }}>
              <Stack gap={2}>{r.before}</Stack>
            </Table.Td>
            <Table.Td style={{ verticalAlign: 'top' }}>
              <Stack gap={2}>{r.after}</Stack>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function FeeBlock({ fee, struck = false }: { fee: FeeTerms; struck?: boolean }) {
  return (
    <div style={struck ? { textDecoration: 'line-through', opacity: 0.7 } : undefined}>
      <FeeSummary fee={fee} />
    </div>
  );
}
