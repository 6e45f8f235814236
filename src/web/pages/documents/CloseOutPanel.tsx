import {
  Alert,
  Badge,
  Blockquote,
  Button,
  Code,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCertificate, IconDownload, IconShieldCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTESTATION_MAX, type CloseOutView } from '../../../shared/contracts/documents';
import type { EngagementView } from '../../../shared/contracts/engagements';
import { certificateUrl, documentsApi } from '../../api/documents';
import { isApiError } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useFormatters } from '../../hooks/useFormatters';
import { useLocale } from '../../hooks/useLocale';
import { useFieldIssues } from '../../hooks/useTranslator';
import { confirmationMatches, nameToType, verifyCommand } from '../../lib/documents/closeOut';
import { formatBytes } from '../../lib/documents/documents';
import { Section } from '../engagements/components/Section';
import { closeOutKey, useCloseOut, useDocumentChanged } from './hooks';

/** After a close-out step: the server's answer in place, and the library (emptied by destruction) fetched again. */
function useCloseOutChanged(engagementId: string) {
  const queryClient = useQueryClient();
  const changed = useDocumentChanged(engagementId);
  return async (view: CloseOutView) => {
    queryClient.setQueryData(closeOutKey(engagementId), view);
    await changed();
  };
}

/**
 * The end of an engagement's vault (issue #9.9), once it is closed or cancelled: the client's lead
 * destroys its data (crypto-shredding, confirmed by typing the engagement's name) and downloads
 * the signed certificate; the provider's lead states its own copies are deleted. What each person
 * may do is what the server says (mayDestroy, mayAttest, mayDownloadCertificate).
 */
export function CloseOutPanel({ engagement }: { engagement: EngagementView }) {
  const { t } = useTranslation();
  const closeOut = useCloseOut(engagement.id, true);
  if (closeOut.isError && isApiError(closeOut.error) && (closeOut.error.code === 'forbidden' || closeOut.error.code === 'not_found'))
    return null;
  return (
    <Section title={t('documents.closeOut.title')}>
      <Text size="sm" c="dimmed">
        {t('documents.closeOut.intro')}
      </Text>
      {closeOut.isPending ? (
        <Loading />
      ) : closeOut.isError ? (
        <ErrorAlert error={closeOut.error} onRetry={() => void closeOut.refetch()} />
      ) : (
        <Stack gap="md" data-testid="close-out">
          {closeOut.data.destroyed ? (
            <Destroyed engagement={engagement} view={closeOut.data} />
          ) : closeOut.data.mayDestroy ? (
            <DangerZone engagement={engagement} />
          ) : (
            <Text size="sm">{t('documents.closeOut.pending')}</Text>
          )}
          <Attestation engagement={engagement} view={closeOut.data} />
        </Stack>
      )}
    </Section>
  );
}

function DangerZone({ engagement }: { engagement: EngagementView }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  return (
    <Paper withBorder p="md" radius="md" style={{ borderColor: 'var(--mantine-color-red-5)' }} data-testid="close-out-danger">
      <Stack gap="sm">
        <Group gap="xs">
          <IconAlertTriangle size={18} color="var(--mantine-color-red-6)" />
          <Title order={3} size="h6" c="red.7">
            {t('documents.closeOut.dangerTitle')}
          </Title>
        </Group>
        <Text size="sm">{t('documents.closeOut.danger')}</Text>
        <Button color="red" variant="outline" w="fit-content" onClick={() => setConfirming(true)}>
          {t('documents.closeOut.destroy')}
        </Button>
      </Stack>
      {confirming && <DestroyDialog engagement={engagement} onClose={() => setConfirming(false)} />}
    </Paper>
  );
}

/** Destroying cannot be undone: the engagement's name typed again, checked here and again by the server. */
function DestroyDialog({ engagement, onClose }: { engagement: EngagementView; onClose: () => void }) {
  const { t } = useTranslation();
  const changed = useCloseOutChanged(engagement.id);
  const [typed, setTyped] = useState('');
  const name = nameToType(engagement);
  const destroy = useMutation({
    mutationFn: (confirm: string) => documentsApi.destroy(engagement.id, { confirm }),
    onSuccess: async (view) => {
      notifications.show({ color: 'teal', message: t('documents.closeOut.destroyed') });
      await changed(view);
      onClose();
    },
    onError: async (error) => {
      // Someone else was quicker: show what the server now says.
      if (isApiError(error) && error.reason === 'already_destroyed') await changed(await documentsApi.closeOut(engagement.id));
    },
  });
  const issues = useFieldIssues(destroy.error, ['confirm']);
  const matches = confirmationMatches(typed, engagement);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!matches || destroy.isPending) return;
    destroy.mutate(typed);
  };
  return (
    <Modal opened onClose={() => !destroy.isPending && onClose()} title={t('documents.closeOut.confirmTitle')} centered>
      <form onSubmit={submit}>
        <Stack gap="md">
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
            <Text size="sm">{t('documents.closeOut.confirmBody')}</Text>
          </Alert>
          <TextInput
            label={t('documents.closeOut.confirmLabel')}
            description={
              <>
                <span data-testid="close-out-name">{t('documents.closeOut.confirmName', { name })}</span>
                {engagement.title && engagement.codeName && (
                  <>
                    <br />
                    {t('documents.closeOut.confirmCodeName', { codeName: engagement.codeName })}
                  </>
                )}
              </>
            }
            value={typed}
            onChange={(e) => {
              setTyped(e.currentTarget.value);
              destroy.reset();
            }}
            autoComplete="off"
            data-autofocus
            required
            disabled={destroy.isPending}
            error={issues.byField.confirm}
          />
          {destroy.error && !issues.byField.confirm ? <ErrorAlert error={destroy.error} extra={issues.unplaced} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={destroy.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={destroy.isPending} disabled={!matches}>
              {t('documents.closeOut.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Stack>
  );
}

function Destroyed({ engagement, view }: { engagement: EngagementView; view: CloseOutView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const locale = useLocale();
  const [language, setLanguage] = useState<'ja' | 'en'>(locale);
  const d = view.destroyed;
  if (!d) return null;
  const fileName = `destruction-certificate-${d.certificateId}.pdf`;
  return (
    <Paper withBorder p="md" radius="md" data-testid="close-out-destroyed">
      <Stack gap="sm">
        <Group gap="xs">
          <IconShieldCheck size={18} color="var(--mantine-color-teal-6)" />
          <Title order={3} size="h6">
            {t('documents.closeOut.destroyedTitle')}
          </Title>
        </Group>
        <Text size="sm">{t('documents.closeOut.destroyedNotice')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          <Fact label={t('documents.closeOut.at')}>{format.dateTime(d.at)}</Fact>
          <Fact label={t('documents.closeOut.by')}>{d.by?.displayName ?? t('common.none')}</Fact>
          {d.documents !== null && d.versions !== null && (
            <Fact label={t('documents.closeOut.documents')}>
              {t('documents.closeOut.documentsValue', { documents: d.documents, versions: d.versions })}
            </Fact>
          )}
          {d.totalBytes !== null && <Fact label={t('documents.closeOut.size')}>{formatBytes(d.totalBytes, locale)}</Fact>}
          <Fact label={t('documents.closeOut.certificateId')} testId="close-out-certificate-id">
            <Text span ff="monospace" size="xs">
              {d.certificateId}
            </Text>
          </Fact>
          <Fact label={t('documents.closeOut.dataKeyId')}>
            {d.dataKeyId ? (
              <Text span ff="monospace" size="xs">
                {d.dataKeyId}
              </Text>
            ) : (
              t('documents.closeOut.noKey')
            )}
          </Fact>
        </SimpleGrid>
        {view.mayDownloadCertificate && (
          <Stack gap="xs" mt="xs">
            <Group gap="xs">
              <IconCertificate size={18} />
              <Title order={4} size="h6">
                {t('documents.closeOut.certificate')}
              </Title>
            </Group>
            <Group gap="sm" align="center">
              <SegmentedControl
                size="xs"
                value={language}
                onChange={(v) => setLanguage(v as 'ja' | 'en')}
                aria-label={t('documents.closeOut.certificateLanguage')}
                data={[
                  { value: 'ja', label: t('documents.closeOut.japanese') },
                  { value: 'en', label: t('documents.closeOut.english') },
                ]}
              />
              <Button
                component="a"
                href={certificateUrl(engagement.id, language)}
                download={fileName}
                size="xs"
                leftSection={<IconDownload size={14} />}
              >
                {t('documents.closeOut.download')}
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              {t('documents.closeOut.verify')}
            </Text>
            <Code block>{verifyCommand(fileName)}</Code>
            <Text size="xs" c="dimmed">
              {t('documents.closeOut.verifyElsewhere')}
            </Text>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function Attestation({ engagement, view }: { engagement: EngagementView; view: CloseOutView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const provider = engagement.viewerSide === 'provider';
  return (
    <Stack gap="xs" data-testid="close-out-attestation">
      <Group gap="xs">
        <Title order={3} size="h6">
          {t('documents.closeOut.attestationTitle')}
        </Title>
        {!view.attestation && !view.mayAttest && (
          <Badge color="gray" variant="light" tt="none">
            {provider ? t('documents.closeOut.notSubmitted') : t('documents.closeOut.notReceived')}
          </Badge>
        )}
      </Group>
      {view.attestation ? (
        <Blockquote
          color="teal"
          p="sm"
          cite={t('documents.closeOut.attestationBy', {
            name: view.attestation.by?.displayName ?? t('common.none'),
            at: format.dateTime(view.attestation.at),
          })}
        >
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="close-out-statement">
            {view.attestation.statement}
          </Text>
        </Blockquote>
      ) : view.mayAttest ? (
        <AttestForm engagementId={engagement.id} />
      ) : (
        !provider && (
          <Text size="sm" c="dimmed">
            {t('documents.closeOut.notReceivedHint')}
          </Text>
        )
      )}
    </Stack>
  );
}

function AttestForm({ engagementId }: { engagementId: string }) {
  const { t } = useTranslation();
  const changed = useCloseOutChanged(engagementId);
  const [statement, setStatement] = useState('');
  const attest = useMutation({
    mutationFn: (text: string) => documentsApi.attest(engagementId, { statement: text }),
    onSuccess: async (view) => {
      notifications.show({ color: 'teal', message: t('documents.closeOut.attested') });
      await changed(view);
    },
    onError: async (error) => {
      if (isApiError(error) && error.reason === 'already_attested') await changed(await documentsApi.closeOut(engagementId));
    },
  });
  const issues = useFieldIssues(attest.error, ['statement']);
  const ready = statement.trim().length > 0;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready || attest.isPending) return;
    attest.mutate(statement.trim());
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm">{t('documents.closeOut.attestIntro')}</Text>
        <Textarea
          label={t('documents.closeOut.statement')}
          placeholder={t('documents.closeOut.statementPlaceholder')}
          value={statement}
          onChange={(e) => {
            setStatement(e.currentTarget.value);
            attest.reset();
          }}
          autosize
          minRows={3}
          maxLength={ATTESTATION_MAX}
          required
          disabled={attest.isPending}
          error={issues.byField.statement}
        />
        {attest.error && !issues.byField.statement ? <ErrorAlert error={attest.error} extra={issues.unplaced} /> : null}
        <Button type="submit" w="fit-content" loading={attest.isPending} disabled={!ready}>
          {t('documents.closeOut.attest')}
        </Button>
      </Stack>
    </form>
  );
}
