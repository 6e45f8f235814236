import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A labelled value in a read-only view; long texts keep their line breaks. */
export function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={2} data-testid={testId}>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      {typeof children === 'string' ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {children}
        </Text>
      ) : (
        children
      )}
    </Stack>
  );
}
