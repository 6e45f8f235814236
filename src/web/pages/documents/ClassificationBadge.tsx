import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Classification } from '../../../shared/contracts/engagements';
import { classificationColor } from '../../lib/documents/documents';

/** A document's class, coloured by sensitivity. */
export function ClassificationBadge({ classification, size = 'sm' }: { classification: Classification; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={classificationColor[classification]}
      variant={classification === 'public' ? 'outline' : 'light'}
      size={size}
      tt="none"
      style={{ minWidth: 'max-content' }}
    >
      {t(`classification.${classification}`)}
    </Badge>
  );
}
