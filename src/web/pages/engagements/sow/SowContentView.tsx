import { List, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DEFAULT_MAX_REWORK_ROUNDS } from '../../../../shared/contracts/deliverables';
import type { SowContent } from '../../../../shared/contracts/engagements';
import { useFormatters } from '../../../hooks/useFormatters';
import { FeeSummary } from '../components/FeeSummary';
import { Field } from '../components/Field';

/** A SOW version's content, read only. */
export function SowContentView({ content: c }: { content: SowContent }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
        <Field label={t('engagements.sow.period')}>
          {t('engagements.overview.dateRange', { from: format.date(c.startDate), to: format.date(c.endDate) })}
        </Field>
        <Field label={t('engagements.sow.cadence')}>{t('engagements.proposals.everyDays', { count: c.cadenceDays })}</Field>
        <Field label={t('engagements.sow.answerSla')}>
          {t('engagements.sow.answerSlaValue', { client: c.answerSla.clientBusinessDays, provider: c.answerSla.providerBusinessDays })}
        </Field>
        <Field label={t('engagements.sow.reviewSla')}>{t('engagements.sow.businessDays', { count: c.reviewSlaBusinessDays })}</Field>
        <Field label={t('engagements.sow.maxRework')}>
          {t('engagements.sow.reworkRounds', { count: c.maxReworkRounds ?? DEFAULT_MAX_REWORK_ROUNDS })}
        </Field>
      </SimpleGrid>
      <Field label={t('engagements.sow.fee')}>
        <FeeSummary fee={c.fee} />
      </Field>
      <Field label={t('engagements.sow.scope')}>{c.scope || t('common.none')}</Field>
      <Field label={t('engagements.sow.deliverables')}>
        {c.deliverables.length ? (
          <List size="sm" spacing={2}>
            {c.deliverables.map((d) => (
              <List.Item key={d}>{d}</List.Item>
            ))}
          </List>
        ) : (
          t('common.none')
        )}
      </Field>
      <Field label={t('engagements.sow.milestones')}>
        <Table withTableBorder verticalSpacing={4} aria-label={t('engagements.sow.milestones')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('engagements.milestones.milestone')}</Table.Th>
              <Table.Th>{t('engagements.milestones.due')}</Table.Th>
              <Table.Th>{t('engagements.milestones.weight')}</Table.Th>
              <Table.Th>{t('engagements.sow.deliverables')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {c.milestones.map((m) => (
              <Table.Tr key={m.key}>
                <Table.Td>
                  <Text size="sm">{m.title}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {format.date(m.dueDate)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t('engagements.percent', { value: m.weight })}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{m.deliverables.join('、') || t('common.none')}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Field>
      <Field label={t('engagements.sow.assumptions')}>{c.assumptions || t('common.none')}</Field>
    </Stack>
  );
}
