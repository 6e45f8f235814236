import { Alert, Button, FileInput, Group, Modal, Progress, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconFileUpload, IconInfoCircle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_NAME_MAX, DOCUMENT_NOTE_MAX, type DocumentLibrary, type DocumentView } from '../../../shared/contracts/documents';
import { type Classification, classifications, type EngagementView } from '../../../shared/contracts/engagements';

import { type UploadProgress, uploadDocument } from '../../api/documents';
import { ApiError, isApiError } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LimitedTextarea, LimitedTextInput } from '../../components/LimitedText';
import { useLocale } from '../../hooks/useLocale';
import { useFieldIssues } from '../../hooks/useTranslator';
import { formatBytes, policyOf, sameNameDocument } from '../../lib/documents/documents';
import { ClassificationBadge } from './ClassificationBadge';
import { useDocumentChanged } from './hooks';
import { usePolicyText } from './policyText';

const isClassification = (value: string): value is Classification => (classifications as readonly string[]).includes(value);

interface UploadModalProps {
  opened: boolean;
  onClose: () => void;
  engagement: EngagementView;
  library: DocumentLibrary;
  /** A new version of this document: its name and classification are kept. */
  versionOf: DocumentView | undefined;
  /** Told of the stored document (the survey import picks the file it has just uploaded). */
  onUploaded?: (doc: DocumentView) => void;
}

const percentOf = (p: UploadProgress | null) => (p && p.total > 0 ? Math.min(100, Math.floor((p.loaded / p.total) * 100)) : 0);

/**
 * Uploads a file to the vault with a real progress bar: the file, its name, the required
 * classification (each with its policy in a line), a note. The size limit is checked before
 * sending; everything else the server checks, and its refusals are said by their reason.
 */
export function UploadModal({ opened, onClose, engagement, library, versionOf, onUploaded }: UploadModalProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const policyText = usePolicyText();
  const changed = useDocumentChanged(engagement.id);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [classification, setClassification] = useState<Classification | null>(null);
  const [note, setNote] = useState('');
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const sending = useRef(false);

  const max = formatBytes(library.maxUploadBytes, locale);

  const upload = useMutation({
    mutationFn: (input: { file: File; name: string; classification: Classification; note: string }) =>
      uploadDocument({
        engagementId: engagement.id,
        file: input.file,
        query: { name: input.name, classification: input.classification, ...(input.note.trim() && { note: input.note }) },
        onProgress: setProgress,
      }),
    onSuccess: async (doc) => {
      notifications.show({ color: 'teal', message: t('documents.upload.uploaded', { name: doc.name, version: doc.latestVersion }) });
      await changed(doc);
      onUploaded?.(doc);
    },
    onSettled: () => {
      sending.current = false;
    },
  });

  // Once stored, the file is that document's latest version, not one to add a version to.
  const existing = upload.isSuccess ? undefined : (versionOf ?? sameNameDocument(library.documents, name, engagement.viewerSide));
  const chosenClass = existing?.classification ?? classification;

  const reset = () => {
    setFile(null);
    setName('');
    setClassification(null);
    setNote('');
    setProgress(null);
    upload.reset();
  };
  const close = () => {
    if (upload.isPending) return;
    reset();
    onClose();
  };

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setProgress(null);
    upload.reset();
    if (chosen && !versionOf) setName(chosen.name);
  };

  // Checked before sending, in the server's words: a file the server would refuse for its size.
  const localProblem = !file
    ? null
    : file.size > library.maxUploadBytes
      ? t('errors.reason.file_too_large', { max })
      : file.size === 0
        ? t('errors.reason.empty_file')
        : null;
  const uploadName = versionOf ? versionOf.name : name.trim();
  const ready = file !== null && localProblem === null && uploadName !== '' && chosenClass !== null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // A double-click is one upload: the second click finds the first on its way.
    if (!ready || sending.current || upload.isPending || upload.isSuccess) return;
    sending.current = true;
    setProgress({ loaded: 0, total: file.size });
    upload.mutate({ file, name: uploadName, classification: chosenClass, note });
  };

  const error = upload.error ? readableError(upload.error, (c) => (isClassification(c) ? t(`classification.${c}`) : c)) : null;
  const fieldIssues = useFieldIssues(error, ['name', 'classification', 'note']);
  const percent = percentOf(progress);
  const done = upload.data;

  const classOptions = classifications.map((c) => {
    const policy = policyOf(library.policies, c);
    return { value: c, label: t(`classification.${c}`), description: policy ? policyText(policy) : '' };
  });
  const chosenPolicy = chosenClass ? policyOf(library.policies, chosenClass) : undefined;

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={versionOf ? t('documents.upload.titleVersion', { name: versionOf.name }) : t('documents.upload.title')}
      size="lg"
      centered
      closeOnClickOutside={!upload.isPending}
      closeOnEscape={!upload.isPending}
    >
      <form onSubmit={submit}>
        <Stack gap="md">
          <FileInput
            label={t('documents.upload.file')}
            description={t('documents.upload.fileHint', { max })}
            placeholder={t('documents.upload.filePlaceholder')}
            value={file}
            onChange={choose}
            leftSection={<IconFileUpload size={16} />}
            clearable
            required
            disabled={upload.isPending || done !== undefined}
            error={localProblem}
          />
          {!versionOf && (
            <LimitedTextInput
              label={t('documents.upload.name')}
              description={t('documents.upload.nameHint')}
              value={name}
              onChange={(e) => {
                setName(e.currentTarget.value);
                upload.reset();
              }}
              limit={DOCUMENT_NAME_MAX}
              required
              disabled={upload.isPending || done !== undefined}
              error={fieldIssues.byField.name}
            />
          )}
          {existing && !done && (
            <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} data-testid="upload-new-version">
              {t('documents.upload.newVersion', { name: existing.name, version: existing.latestVersion + 1 })}
            </Alert>
          )}
          <Select
            label={t('documents.upload.classification')}
            description={existing ? t('documents.upload.classificationLocked') : t('documents.upload.classificationHint')}
            placeholder={t('documents.upload.classificationPlaceholder')}
            data={classOptions.map(({ value, label }) => ({ value, label }))}
            value={chosenClass}
            onChange={(v) => {
              setClassification(v as Classification | null);
              upload.reset();
            }}
            renderOption={({ option }) => {
              const described = classOptions.find((o) => o.value === option.value);
              return (
                <Stack gap={0}>
                  <Text size="sm">{option.label}</Text>
                  <Text size="xs" c="dimmed">
                    {described?.description}
                  </Text>
                </Stack>
              );
            }}
            allowDeselect={false}
            required
            disabled={existing !== undefined || upload.isPending || done !== undefined}
            error={fieldIssues.byField.classification}
          />
          {chosenPolicy && (
            <Text size="xs" c="dimmed" mt={-8} data-testid="upload-policy">
              {policyText(chosenPolicy)}
            </Text>
          )}
          <LimitedTextarea
            label={t('documents.upload.note')}
            placeholder={t('documents.upload.notePlaceholder')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            limit={DOCUMENT_NOTE_MAX}
            autosize
            minRows={2}
            disabled={upload.isPending || done !== undefined}
            error={fieldIssues.byField.note}
          />
          {progress && (
            <Stack gap={4}>
              <Group justify="space-between">
                <Text size="sm" c="dimmed">
                  {done
                    ? null
                    : percent < 100
                      ? t('documents.upload.sending', {
                          sent: formatBytes(progress.loaded, locale),
                          total: formatBytes(progress.total, locale),
                        })
                      : upload.isPending
                        ? t('documents.upload.processing')
                        : null}
                </Text>
                <Text size="sm" fw={600} data-testid="upload-percent" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {t('documents.upload.percent', { percent })}
                </Text>
              </Group>
              <Progress
                value={percent}
                size="lg"
                color={done ? 'teal' : upload.isError ? 'red' : 'blue'}
                animated={upload.isPending}
                aria-label={t('documents.upload.progressLabel')}
              />
            </Stack>
          )}
          {done && (
            <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} role="status" data-testid="upload-done">
              <Group gap="xs">
                <Text size="sm">
                  {t('documents.upload.done', {
                    name: done.name,
                    version: done.latestVersion,
                    classification: t(`classification.${done.classification}`),
                  })}
                </Text>
                <ClassificationBadge classification={done.classification} />
              </Group>
            </Alert>
          )}
          {error ? <ErrorAlert error={error} extra={fieldIssues.unplaced} /> : null}
          <Group justify="flex-end">
            {done ? (
              <>
                <Button variant="default" onClick={reset}>
                  {t('documents.upload.another')}
                </Button>
                <Button onClick={close}>{t('common.close')}</Button>
              </>
            ) : (
              <>
                <Button variant="default" onClick={close} disabled={upload.isPending}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={upload.isPending} disabled={!ready}>
                  {t('documents.upload.submit')}
                </Button>
              </>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The server names a class by its code (classification_mismatch): said in the reader's words. */
function readableError(error: unknown, classLabel: (c: string) => string): unknown {
  if (!isApiError(error) || typeof error.params.classification !== 'string') return error;
  return new ApiError({
    status: error.status,
    code: error.code,
    message: error.message,
    reason: error.reason,
    issues: error.issues,
    params: { ...error.params, classification: classLabel(error.params.classification) },
    requestId: error.requestId,
    retryAfterSeconds: error.retryAfterSeconds,
  });
}
