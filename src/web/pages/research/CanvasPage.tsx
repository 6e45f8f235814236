import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconPencil } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isMissingVersion } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useReloadCanvas } from './hooks';

/**
 * The address names a version the canvas does not have (`?v=99`): say so, and offer the latest;
 * retrying the same address could never work.
 */
export function MissingVersion({ version, onLatest }: { version: number; onLatest: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" variant="light" role="alert" data-testid="version-missing">
      <Stack gap="xs">
        <Text size="sm">{t('research.versionMissing', { version })}</Text>
        <Button size="xs" variant="light" color="yellow" w="fit-content" onClick={onLatest}>
          {t('research.showLatest')}
        </Button>
      </Stack>
    </Alert>
  );
}

export function BackLink({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <Anchor component="button" type="button" size="sm" onClick={onBack} w="fit-content">
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t('research.back')}
      </Group>
    </Anchor>
  );
}

/**
 * A canvas page (sizing or matrix) before its canvas is there: the back link with the loading
 * state, or with the failure: a version the address names but the canvas lacks offers the latest;
 * anything else says what went wrong with a retry. `extra` goes under the failure.
 */
export function CanvasNotLoaded({
  detail,
  version,
  onBack,
  onLatest,
  extra,
}: {
  detail: { isPending: boolean; error: unknown; refetch: () => Promise<unknown> };
  /** The version the address names; null for the latest. */
  version: number | null;
  onBack: () => void;
  onLatest: () => void;
  extra?: ReactNode;
}) {
  if (detail.isPending)
    return (
      <Stack gap="sm">
        <BackLink onBack={onBack} />
        <Loading />
      </Stack>
    );
  return (
    <Stack gap="sm">
      <BackLink onBack={onBack} />
      {version !== null && isMissingVersion(detail.error) ? (
        <MissingVersion version={version} onLatest={onLatest} />
      ) : (
        <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />
      )}
      {extra}
    </Stack>
  );
}

/**
 * Whether a canvas page shows its editor, and what the editor does when it closes: a save or a
 * reload after a conflict goes to the latest version (a reload first refetching every cached view
 * of the canvas, so the one shown next is the server's).
 */
export function useCanvasEditing(engagementId: string, kind: 'sizing' | 'matrix', onLatest: () => void) {
  const reload = useReloadCanvas(engagementId);
  const [editing, setEditing] = useState(false);
  const closeToLatest = () => {
    setEditing(false);
    onLatest();
  };
  return {
    editing,
    startEditing: () => setEditing(true),
    editorProps: (id: string) => ({
      onCancel: () => setEditing(false),
      onSaved: closeToLatest,
      onReload: async () => {
        await reload(kind, id);
        closeToLatest();
      },
    }),
  };
}

/** The button on a canvas page's version bar that opens its editor. */
export function EditCanvasButton({ label, onClick, testId }: { label: string; onClick: () => void; testId: string }) {
  return (
    <Button size="sm" variant="light" leftSection={<IconPencil size={14} />} onClick={onClick} data-testid={testId}>
      {label}
    </Button>
  );
}
