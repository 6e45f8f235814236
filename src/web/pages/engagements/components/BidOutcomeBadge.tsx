import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BidOutcome } from '../../../../shared/contracts/engagements';

/** How a provider's bid ended, in place of the engagement's status it no longer follows. */
export function BidOutcomeBadge({ outcome }: { outcome: BidOutcome }) {
  const { t } = useTranslation();
  return (
    <Badge color="gray" variant="light" tt="none">
      {t(`bidOutcome.${outcome}`)}
    </Badge>
  );
}
