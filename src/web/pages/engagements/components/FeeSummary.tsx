import { List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FeeTerms } from '../../../../shared/contracts/engagements';
import { useFormatters } from '../../../hooks/useFormatters';

/** A fee as read: the fixed amount, or the rate card with its cap. */
export function FeeSummary({ fee }: { fee: FeeTerms }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (fee.type === 'fixed') {
    return (
      <Text size="sm">
        {t('feeType.fixed')}: {format.money(fee.amount)}
      </Text>
    );
  }
  return (
    <Stack gap={2}>
      <Text size="sm">{t('feeType.time_and_materials')}</Text>
      <List size="xs" spacing={0}>
        {fee.rateCard.map((r) => (
          <List.Item key={`${r.role}:${r.hourlyRate.amount}`}>
            {t('engagements.fee.rateLine', { role: r.role, rate: format.money(r.hourlyRate), hours: r.estimatedHours })}
          </List.Item>
        ))}
      </List>
      <Text size="xs" c="dimmed">
        {fee.cap ? t('engagements.fee.capOf', { cap: format.money(fee.cap) }) : t('engagements.fee.noCap')}
      </Text>
    </Stack>
  );
}
