import { ActionIcon, Tooltip } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';

/** Puts a scenario's field back to the base case. */
export function ResetButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Tooltip label={label} withArrow>
      <ActionIcon variant="subtle" color="grape" size="sm" aria-label={label} onClick={onClick}>
        <IconArrowBackUp size={14} />
      </ActionIcon>
    </Tooltip>
  );
}
