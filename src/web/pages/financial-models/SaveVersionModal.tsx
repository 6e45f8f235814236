import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FinancialModel } from '../../../shared/contracts/financial-model';
import type { ModelDetail } from '../../../shared/contracts/financial-model-api';
import { isVersionConflict } from '../../api/errors';
import { financialModelsApi } from '../../api/financialModels';
import { queryKeys } from '../../api/queryKeys';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LimitedTextarea } from '../../components/LimitedText';
import { useFieldIssues } from '../../hooks/useTranslator';
import { issuesFromError } from '../../lib/financial-models/issues';
import { IssueList } from './IssueList';

interface SaveVersionModalProps {
  opened: boolean;
  onClose: () => void;
  engagementId: string;
  model: ModelDetail;
  baseVersion: number;
  draft: FinancialModel;
  onSaved: (version: number) => void;
  /** After a conflict: show the latest version (the draft is given up). */
  onReload: () => void;
}

/** Saves the draft as the next version, with a note; a newer version saved meanwhile is a conflict, not an overwrite. */
export function SaveVersionModal({ opened, onClose, engagementId, model, baseVersion, draft, onSaved, onReload }: SaveVersionModalProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const next = model.latestVersion + 1;
  const save = useMutation({
    mutationFn: () =>
      financialModelsApi.saveVersion(engagementId, model.id, { baseVersion, ...(note.trim() && { note }), document: draft }),
    onSuccess: async (detail) => {
      queryClient.setQueryData(queryKeys.model(engagementId, model.id), detail);
      await queryClient.invalidateQueries({ queryKey: queryKeys.models(engagementId), exact: true });
      notifications.show({ color: 'teal', message: t('models.save.saved', { version: detail.latestVersion }) });
      setNote('');
      save.reset();
      onSaved(detail.latestVersion);
    },
  });
  const fields = useFieldIssues(save.error, ['note']);
  const documentIssues = issuesFromError(save.error, draft).filter((i) => i.path[0] !== 'note' && i.path[0] !== 'baseVersion');
  const close = () => {
    save.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  return (
    <Modal opened={opened} onClose={close} title={t('models.save.title', { version: next })} centered size="lg">
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm">{t('models.save.body', { version: next, base: baseVersion })}</Text>
          <LimitedTextarea
            label={t('models.save.note')}
            placeholder={t('models.save.notePlaceholder')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            limit={500}
            autosize
            minRows={2}
            data-autofocus
            error={fields.byField.note}
          />
          {isVersionConflict(save.error) ? (
            <Alert color="orange" variant="light" title={t('models.save.conflictTitle')} role="alert" data-testid="save-conflict">
              <Stack gap="xs">
                <Text size="sm">{t('models.save.conflictBody', { base: baseVersion })}</Text>
                <Button
                  size="xs"
                  variant="light"
                  color="orange"
                  w="fit-content"
                  leftSection={<IconRefresh size={14} />}
                  onClick={async () => {
                    await queryClient.invalidateQueries({ queryKey: queryKeys.model(engagementId, model.id) });
                    save.reset();
                    onReload();
                  }}
                >
                  {t('models.save.reload')}
                </Button>
              </Stack>
            </Alert>
          ) : documentIssues.length > 0 ? (
            <Alert color="red" variant="light" role="alert" title={t('models.create.refused')}>
              <IssueList issues={documentIssues} doc={draft} />
            </Alert>
          ) : save.error ? (
            <ErrorAlert error={save.error} />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={isVersionConflict(save.error)}>
              {t('models.save.submit', { version: next })}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
