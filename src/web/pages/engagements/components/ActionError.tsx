import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/errors';
import { queryKeys } from '../../../api/queryKeys';
import { ErrorAlert } from '../../../components/ErrorAlert';

interface ActionErrorProps {
  error: unknown;
  engagementId: string;
  /** Issues no field shows. */
  extra?: readonly string[];
  /** Called after reloading, to clear the failed action. */
  onReloaded?: () => void;
}

/** Someone else changed it since it was loaded (the `conflict` code; a refused state is `invalid_state`, also 409). */
export const isConflict = (error: unknown): boolean => isApiError(error) && error.code === 'conflict';

/**
 * A failed action on an engagement. A conflict means someone else changed it since it was loaded:
 * say so, and offer to reload it rather than to overwrite their change. Anything else — the
 * engagement's state forbids it now, bad input — is said in the person's words by its reason.
 */
export function ActionError({ error, engagementId, extra, onReloaded }: ActionErrorProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  if (!error) return null;
  if (isConflict(error)) {
    return (
      <Alert color="orange" variant="light" title={t('engagements.conflict.title')} role="alert">
        <Stack gap="xs">
          <Text size="sm">{t('engagements.conflict.body')}</Text>
          <Button
            size="xs"
            variant="light"
            color="orange"
            w="fit-content"
            leftSection={<IconRefresh size={14} />}
            onClick={async () => {
              await queryClient.invalidateQueries({ queryKey: queryKeys.engagement(engagementId) });
              onReloaded?.();
            }}
          >
            {t('engagements.conflict.reload')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  return <ErrorAlert error={error} {...(extra && { extra })} />;
}
