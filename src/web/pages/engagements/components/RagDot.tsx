import { Box, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Rag } from '../../../../shared/contracts/engagements';

export const ragColors: Record<Rag, string> = {
  red: 'var(--mantine-color-red-6)',
  amber: 'var(--mantine-color-yellow-5)',
  green: 'var(--mantine-color-teal-6)',
};

/** The red/amber/green status as a dot, named for screen readers; a dash while there is none. */
export function RagDot({ rag, withLabel = false }: { rag: Rag | null; withLabel?: boolean }) {
  const { t } = useTranslation();
  if (!rag) {
    return (
      <Text size="sm" c="dimmed" aria-label={t('rag.none')}>
        {t('common.none')}
      </Text>
    );
  }
  const label = t(`rag.${rag}`);
  return (
    <Tooltip label={label} withArrow disabled={withLabel}>
      <Group gap={6} wrap="nowrap" role="img" aria-label={`${t('rag.label')}: ${label}`} data-rag={rag}>
        <Box w={12} h={12} style={{ borderRadius: '50%', background: ragColors[rag], flexShrink: 0 }} />
        {withLabel && (
          <Text size="sm" aria-hidden>
            {label}
          </Text>
        )}
      </Group>
    </Tooltip>
  );
}
