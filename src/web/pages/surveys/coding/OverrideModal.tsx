import { Button, Group, Modal, MultiSelect, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CodeframeDetail } from '../../../../shared/contracts/coding-api';
import type { Issue } from '../../../../shared/errors';
import { isApiError } from '../../../api/errors';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useTranslator } from '../../../hooks/useTranslator';
import { issueMessage } from '../../../lib/errorText';
import { codingApi } from '../api';
import { useCodeframeChanged } from '../hooks';
import { codingIssueKeys, placeOverrideIssues, toOverrideRequest } from './form';

export interface OverrideTarget {
  respondent: number;
  text: string;
  /** The codes the answer has now, as far as the page knows. */
  codes: string[];
}

/** Sets one answer's codes by hand, against the codeframe's latest codes (the server keeps it for later versions). */
export function OverrideModal({
  engagementId,
  frame,
  target,
  onClose,
}: {
  engagementId: string;
  /** The codeframe's latest version. */
  frame: CodeframeDetail;
  target: OverrideTarget;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const changed = useCodeframeChanged(engagementId, frame.surveyId);
  const known = frame.codes.map((c) => c.key);
  const [picked, setPicked] = useState<string[]>(() => target.codes.filter((k) => known.includes(k)));
  const n = target.respondent + 1;
  const save = useMutation({
    mutationFn: () => codingApi.override(engagementId, frame.surveyId, frame.id, toOverrideRequest(target.respondent, picked, known)),
    onSuccess: async (detail) => {
      notifications.show({ color: 'teal', message: t('coding.override.saved', { n }) });
      await changed(detail);
      onClose();
    },
  });
  const word = (issue: Issue) => issueMessage(issue, tr, codingIssueKeys(issue));
  const issues = placeOverrideIssues(isApiError(save.error) ? save.error.issues : [], word);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!save.isPending) save.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={t('coding.override.title', { n })} size="lg">
      <form onSubmit={submit} data-testid="override-form">
        <Stack gap="sm">
          <Text size="sm">{t('coding.quote', { text: target.text })}</Text>
          {issues.respondent.length > 0 && (
            <Text size="sm" c="red" role="alert">
              {issues.respondent.join(' ')}
            </Text>
          )}
          <MultiSelect
            label={t('coding.override.codes')}
            description={t('coding.override.codesDescription')}
            data={frame.codes.map((c) => ({ value: c.key, label: c.label }))}
            value={picked}
            onChange={(v) => {
              setPicked(v);
              if (save.isError) save.reset();
            }}
            error={issues.codes.join(' ') || undefined}
            searchable
            clearable
            disabled={save.isPending}
            comboboxProps={{ withinPortal: true }}
          />
          {save.error && <ErrorAlert error={save.error} extra={issues.unplaced} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('coding.override.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
