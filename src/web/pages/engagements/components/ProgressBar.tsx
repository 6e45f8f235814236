import { Group, Progress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Progress in percent as a bar with its number; a dash before the first status update. */
export function ProgressBar({ pct, label, w = 120 }: { pct: number | null; label?: string; w?: number }) {
  const { t } = useTranslation();
  if (pct === null) {
    return (
      <Text size="sm" c="dimmed">
        {t('common.none')}
      </Text>
    );
  }
  return (
    <Group gap={8} wrap="nowrap">
      <Progress value={pct} w={w} size="md" aria-label={label ?? t('engagements.progress')} />
      <Text size="sm" w={40}>
        {t('engagements.percent', { value: pct })}
      </Text>
    </Group>
  );
}
