import { Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngagementView } from '../../../shared/contracts/engagements';
import { isVersionConflict } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { BackLink } from './CanvasPage';
import type { PlacedCanvasIssues } from './editorIssues';

/** What a canvas editor (sizing or matrix) is given. */
export interface CanvasEditorProps<D> {
  engagement: EngagementView;
  /** The version the edit starts from; none for a new canvas. */
  base?: D;
  onCancel: () => void;
  onSaved: (id: string) => void;
  /** After a conflict: fetch the latest and close the editor (the button waits for it). */
  onReload?: () => void | Promise<void>;
}

/**
 * What a canvas editor (sizing or matrix) keeps: the form, the version's note, the version the edit
 * builds on and the save. `send` gets the note ready to spread into the request (none when blank)
 * and the base version (none for a new canvas). A save updates the cached canvas (`changed`), says
 * so (`savedMessage`) and hands the canvas's id to `onSaved`.
 */
export function useCanvasSave<F, D extends { id: string }>({
  initialForm,
  latestVersion,
  send,
  changed,
  savedMessage,
  onSaved,
}: {
  initialForm: () => F;
  /** The latest version of the canvas when the editor opens; none for a new canvas. */
  latestVersion: number | undefined;
  send: (form: F, note: { note?: string }, baseVersion: number | undefined) => Promise<D>;
  changed: (detail: D) => Promise<void>;
  savedMessage: (detail: D) => string;
  onSaved: (id: string) => void;
}) {
  const [form, setFormState] = useState<F>(initialForm);
  const [note, setNoteState] = useState('');
  // The version the edit builds on, fixed when the editor opens: a refetch meanwhile must not raise
  // it, or the save would overwrite someone else's version instead of being refused as a conflict.
  const [baseVersion] = useState(latestVersion);
  const save = useMutation({
    mutationFn: () => {
      const trimmed = note.trim();
      return send(form, trimmed ? { note: trimmed } : {}, baseVersion);
    },
    onSuccess: async (detail) => {
      await changed(detail);
      notifications.show({ color: 'teal', message: savedMessage(detail) });
      onSaved(detail.id);
    },
  });
  // What the server said was about the form as sent (its rows by place): any edit starts a fresh
  // round, so an issue never lands on the row that moved into a removed one's place.
  const clearSaveError = () => {
    if (save.isError && !isVersionConflict(save.error)) save.reset();
  };
  const setForm = (change: (prev: F) => F) => {
    setFormState(change);
    clearSaveError();
  };
  const setNote = (value: string) => {
    setNoteState(value);
    clearSaveError();
  };
  return { form, setForm, note, setNote, baseVersion, save, conflict: isVersionConflict(save.error) };
}

/**
 * The top of a canvas editor (sizing or matrix): back link, title, intro, and a note when the edit
 * starts from an older version than the latest (the save builds on the latest).
 */
export function EditorHeader({
  title,
  intro,
  version,
  baseVersion,
  onBack,
}: {
  title: string;
  intro: string;
  /** The version shown when the editor opened; none for a new canvas. */
  version: number | undefined;
  /** The latest version when the editor opened, which the save builds on. */
  baseVersion: number | undefined;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <BackLink onBack={onBack} />
      <Title order={2} size="h4">
        {title}
      </Title>
      <Text size="sm" c="dimmed">
        {intro}
      </Text>
      {version !== undefined && baseVersion !== undefined && version !== baseVersion && (
        <Alert color="blue" variant="light">
          {t('research.sizingEditor.fromOlder', { version, next: baseVersion + 1 })}
        </Alert>
      )}
    </>
  );
}

/** The optional note saved with a version. */
export function VersionNoteInput({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('research.note')}
      placeholder={t('research.notePlaceholder')}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
    />
  );
}

/**
 * The bottom of a canvas editor: the version conflict (with a reload), the save's other errors with
 * the issues no field shows, and the save and cancel buttons.
 */
export function EditorFooter({
  save,
  baseVersion,
  onReload,
  issues,
  onSave,
  saveLabel,
  saveTestId,
  onCancel,
}: {
  /** The save's state: refused because someone saved a newer version meanwhile, failed otherwise, or under way. */
  save: { isError: boolean; error: unknown; isPending: boolean };
  baseVersion: number | undefined;
  /** After a conflict: fetch the latest and close the editor (the button waits for it). */
  onReload: (() => void | Promise<void>) | undefined;
  issues: PlacedCanvasIssues;
  onSave: () => void;
  saveLabel: string;
  saveTestId: string;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [reloading, setReloading] = useState(false);
  const conflict = isVersionConflict(save.error);
  return (
    <>
      {conflict && baseVersion !== undefined && (
        <Alert color="orange" variant="light" title={t('research.conflictTitle')} role="alert" data-testid="conflict">
          <Stack gap="xs">
            <Text size="sm">{t('research.conflictBody', { base: baseVersion })}</Text>
            {onReload && (
              <Button
                size="xs"
                variant="light"
                color="orange"
                w="fit-content"
                loading={reloading}
                onClick={() => {
                  setReloading(true);
                  void Promise.resolve(onReload()).finally(() => setReloading(false));
                }}
              >
                {t('research.reload')}
              </Button>
            )}
          </Stack>
        </Alert>
      )}
      {save.isError && !conflict && (
        <ErrorAlert
          error={save.error}
          {...(issues.byPlace.size + issues.unplaced.length > 0 && { title: t('research.sizingEditor.problems') })}
          extra={issues.unplaced}
        />
      )}
      <Group>
        <Button onClick={onSave} loading={save.isPending} data-testid={saveTestId}>
          {saveLabel}
        </Button>
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </Group>
    </>
  );
}
