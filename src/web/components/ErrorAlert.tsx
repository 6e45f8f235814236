import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/useTranslator';

interface ErrorAlertProps {
  error: unknown;
  title?: string;
  /** Issues that no form field shows, listed under the message. */
  extra?: readonly string[];
  onRetry?: () => void;
}

/** A failed request as people read it: translated message, the server's detail, the request id to quote. */
export function ErrorAlert({ error, title, extra = [], onRetry }: ErrorAlertProps) {
  const { t } = useTranslation();
  const text = useErrorText()(error);
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={title ?? t('errors.title')} role="alert">
      <Stack gap={4}>
        <Text size="sm">{text.message}</Text>
        {extra.map((line) => (
          <Text size="sm" key={line}>
            {line}
          </Text>
        ))}
        {text.detail && (
          <Text size="xs" c="dimmed">
            {t('errors.detail', { message: text.detail })}
          </Text>
        )}
        {text.requestId && (
          <Text size="xs" c="dimmed">
            {t('errors.requestId', { id: text.requestId })}
          </Text>
        )}
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry} w="fit-content">
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
