import { Alert, Button, FileInput, Group, Modal, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileTypeJs } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { FinancialModel } from '../../../shared/contracts/financial-model';
import type { ModelSummary } from '../../../shared/contracts/financial-model-api';
import { isApiError } from '../../api/errors';
import { financialModelsApi } from '../../api/financialModels';
import { queryKeys } from '../../api/queryKeys';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LimitedTextarea, LimitedTextInput } from '../../components/LimitedText';
import { useFieldIssues } from '../../hooks/useTranslator';
import { issuesFromError } from '../../lib/financial-models/issues';
import { type ModelFileResult, readModelFile, uniqueName } from '../../lib/financial-models/modelFile';
import { modelPath } from '../../lib/financial-models/paths';
import { IssueList } from './IssueList';

type Mode = 'file' | 'copy';

interface NewModelModalProps {
  opened: boolean;
  onClose: () => void;
  engagementId: string;
  models: readonly ModelSummary[];
}

/** Starts a model from a model file (checked in the browser first) or as a copy of another model's latest version. */
export function NewModelModal({ opened, onClose, engagementId, models }: NewModelModalProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>('file');
  const [file, setFile] = useState<File | null>(null);
  const [read, setRead] = useState<ModelFileResult | null>(null);
  const [sourceId, setSourceId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const names = models.map((m) => m.name);

  const create = useMutation({
    mutationFn: async () => {
      let document: FinancialModel;
      if (mode === 'file') {
        if (!read?.ok) throw new Error('No model file.');
        document = read.document;
      } else {
        const source = models.find((m) => m.id === sourceId);
        if (!source) throw new Error('No model to copy.');
        const latest = await queryClient.fetchQuery({
          queryKey: queryKeys.modelVersion(engagementId, source.id, source.latestVersion),
          queryFn: () => financialModelsApi.version(engagementId, source.id, source.latestVersion),
          staleTime: Number.POSITIVE_INFINITY,
        });
        document = latest.document;
      }
      return financialModelsApi.create(engagementId, { name, ...(note.trim() && { note }), document });
    },
    onSuccess: async (model) => {
      queryClient.setQueryData(queryKeys.model(engagementId, model.id), model);
      await queryClient.invalidateQueries({ queryKey: queryKeys.models(engagementId) });
      notifications.show({ color: 'teal', message: t('models.create.created', { name: model.name }) });
      reset();
      onClose();
      navigate(modelPath(engagementId, model.id));
    },
  });

  const reset = () => {
    setMode('file');
    setFile(null);
    setRead(null);
    setSourceId(null);
    setName('');
    setNote('');
    create.reset();
  };
  const close = () => {
    reset();
    onClose();
  };

  const chooseFile = async (chosen: File | null) => {
    setFile(chosen);
    create.reset();
    if (!chosen) {
      setRead(null);
      return;
    }
    const result = readModelFile(await chosen.text(), chosen.name, chosen.size);
    setRead(result);
    if (result.ok) setName(uniqueName(result.suggestedName, names));
  };

  const chooseSource = (id: string | null) => {
    setSourceId(id);
    create.reset();
    const source = models.find((m) => m.id === id);
    if (source) setName(uniqueName(source.name, names));
  };

  const fieldIssues = useFieldIssues(create.error, ['name', 'note']);
  const documentIssues = mode === 'file' && read?.ok ? issuesFromError(create.error, read.document) : [];
  const serverDocumentIssues = documentIssues.filter((i) => i.path[0] !== 'name' && i.path[0] !== 'note');
  const ready = name.trim() !== '' && (mode === 'file' ? read?.ok === true : sourceId !== null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (ready) create.mutate();
  };

  return (
    <Modal opened={opened} onClose={close} title={t('models.create.title')} size="lg" centered>
      <form onSubmit={submit}>
        <Stack gap="md">
          <SegmentedControl
            value={mode}
            onChange={(v) => {
              setMode(v as Mode);
              create.reset();
            }}
            data={[
              { value: 'file', label: t('models.create.fromFile') },
              { value: 'copy', label: t('models.create.fromCopy'), disabled: models.length === 0 },
            ]}
          />
          {mode === 'file' ? (
            <Stack gap="xs">
              <FileInput
                label={t('models.create.file')}
                description={t('models.create.fileHint')}
                placeholder={t('models.create.filePlaceholder')}
                accept="application/json,.json"
                value={file}
                onChange={(f) => void chooseFile(f)}
                leftSection={<IconFileTypeJs size={16} />}
                clearable
              />
              <FileReadResult result={read} />
            </Stack>
          ) : (
            <Select
              label={t('models.create.source')}
              description={t('models.create.sourceHint')}
              data={models.map((m) => ({
                value: m.id,
                label: t('models.create.sourceOption', { name: m.name, version: m.latestVersion }),
              }))}
              value={sourceId}
              onChange={chooseSource}
              allowDeselect={false}
            />
          )}
          <LimitedTextInput
            label={t('models.create.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            limit={120}
            required
            error={fieldIssues.byField.name}
          />
          <LimitedTextarea
            label={t('models.create.note')}
            placeholder={t('models.create.notePlaceholder')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            limit={500}
            autosize
            minRows={2}
            error={fieldIssues.byField.note}
          />
          {create.error ? (
            isApiError(create.error) && serverDocumentIssues.length > 0 ? (
              <Alert color="red" variant="light" title={t('models.create.refused')} role="alert">
                <IssueList issues={serverDocumentIssues} doc={read?.ok ? read.document : undefined} />
              </Alert>
            ) : (
              <ErrorAlert error={create.error} />
            )
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={create.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!ready}>
              {t('models.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function FileReadResult({ result }: { result: ModelFileResult | null }) {
  const { t } = useTranslation();
  if (!result) return null;
  if (result.ok) {
    const doc = result.document;
    return (
      <Text size="sm" c="teal.8" data-testid="model-file-ok">
        {t('models.create.fileOk', { codeName: doc.meta.codeName, years: doc.forecast.years.length, scenarios: doc.scenarios.length })}
      </Text>
    );
  }
  if (result.problem === 'invalid') {
    return (
      <Alert color="red" variant="light" role="alert" title={t('models.create.invalid', { count: result.issues.length })}>
        <IssueList issues={result.issues} />
      </Alert>
    );
  }
  const message = {
    too_large: t('models.create.tooLarge'),
    empty: t('models.create.empty'),
    not_json: result.problem === 'not_json' && result.at ? t('models.create.notJsonAt', result.at) : t('models.create.notJson'),
    not_object: t('models.create.notObject'),
  }[result.problem];
  return (
    <Alert color="red" variant="light" role="alert">
      {message}
    </Alert>
  );
}
