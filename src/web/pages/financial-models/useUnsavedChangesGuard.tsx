import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { type Blocker, useBlocker } from 'react-router';

/**
 * Asks before leaving a page with unsaved changes: inside the app (another page, another
 * version) with a dialog, and when the tab is closed or reloaded with the browser's own prompt.
 * `allowNext()` lets one navigation through (after saving, or reloading on purpose).
 */
export function useUnsavedChangesGuard(dirty: boolean): { blocker: Blocker; allowNext: () => void } {
  const bypass = useRef(false);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => {
    if (bypass.current) {
      bypass.current = false;
      return false;
    }
    return dirty && (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search);
  });
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  const allowNext = useCallback(() => {
    bypass.current = true;
    // The router asks the blocker synchronously; a navigation to where we already are never asks.
    setTimeout(() => {
      bypass.current = false;
    }, 0);
  }, []);
  return { blocker, allowNext };
}

export function LeaveDialog({ blocker }: { blocker: Blocker }) {
  const { t } = useTranslation();
  const opened = blocker.state === 'blocked';
  return (
    <Modal opened={opened} onClose={() => blocker.reset?.()} title={t('models.leave.title')} centered>
      <Stack>
        <Text size="sm">{t('models.leave.body')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => blocker.reset?.()} data-autofocus>
            {t('models.leave.stay')}
          </Button>
          <Button color="red" onClick={() => blocker.proceed?.()}>
            {t('models.leave.leave')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
