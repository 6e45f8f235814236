import { Alert, Button, Code, Stack, Text } from '@mantine/core';
import { IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { auditApi } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { type VerifyLine, verifyOutcome } from './verifyOutcome';

/**
 * Re-checks the hash chain on the server: the whole chain for the operator's auditors, the
 * active organisation's events (as links of the one chain) for its admins and auditors.
 */
export function VerifyChain({ scope }: { scope: 'instance' | 'organization' }) {
  const { t } = useTranslation();
  const verify = useMutation({ mutationFn: auditApi.verify });
  const outcome = verify.data ? verifyOutcome(verify.data) : null;

  const sentence = (line: VerifyLine) => {
    switch (line.key) {
      case 'audit.verifyOk':
      case 'audit.verifyOrgOk':
      case 'audit.verifyUnsealed':
        return <Text size="sm">{t(line.key, line.values)}</Text>;
      case 'audit.verifyLastEvent':
        return (
          <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
            {t('audit.verifyLastEvent', { seq: line.values.seq })} <Code>{line.values.hash}</Code>
          </Text>
        );
      default:
        return <Text size="sm">{t(line.key, { ...line.values, problem: t(`audit.chainProblem.${line.problem}`) })}</Text>;
    }
  };

  return (
    <Stack gap="xs">
      <Button
        variant="default"
        leftSection={<IconShieldCheck size={16} />}
        loading={verify.isPending}
        onClick={() => verify.mutate()}
        title={scope === 'organization' ? t('audit.verifyOrgHint') : undefined}
      >
        {t('audit.verify')}
      </Button>
      {verify.error && <ErrorAlert error={verify.error} />}
      {outcome?.ok && (
        <Alert color="teal" variant="light" icon={<IconShieldCheck size={18} />} role="status" data-testid="audit-verify-result">
          <Stack gap={4}>
            {outcome.lines.map((line) => (
              <div key={line.key}>{sentence(line)}</div>
            ))}
          </Stack>
        </Alert>
      )}
      {outcome && !outcome.ok && (
        <Alert color="red" variant="light" icon={<IconShieldX size={18} />} role="alert" data-testid="audit-verify-result">
          <Stack gap={4}>
            {outcome.lines.map((line) => (
              <div key={line.key}>{sentence(line)}</div>
            ))}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
