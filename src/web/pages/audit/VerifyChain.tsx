import { Alert, Button, Stack } from '@mantine/core';
import { IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { auditApi } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';

/** Re-checks the whole hash chain on the server (the operator's auditors only). */
export function VerifyChain() {
  const { t } = useTranslation();
  const verify = useMutation({ mutationFn: auditApi.verify });
  const result = verify.data;
  return (
    <Stack gap="xs">
      <Button variant="default" leftSection={<IconShieldCheck size={16} />} loading={verify.isPending} onClick={() => verify.mutate()}>
        {t('audit.verify')}
      </Button>
      {verify.error && <ErrorAlert error={verify.error} />}
      {result?.ok && (
        <Alert color="teal" variant="light" icon={<IconShieldCheck size={18} />} role="status">
          {t('audit.verifyOk', { count: result.count })}
        </Alert>
      )}
      {result && !result.ok && (
        <Alert color="red" variant="light" icon={<IconShieldX size={18} />} role="alert">
          {t('audit.verifyBroken', { seq: result.broken?.seq ?? '?', message: result.broken?.message ?? '' })}
        </Alert>
      )}
    </Stack>
  );
}
