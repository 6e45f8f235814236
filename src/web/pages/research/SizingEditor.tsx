import { ActionIcon, Button, Group, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { factorUnits, type MarketSizing, type SizingLevel, sizingApproaches, sizingLevels } from '../../../shared/contracts/market-sizing';
import type { SaveSizingRequest, SizingDetail } from '../../../shared/contracts/market-sizing-api';
import { useTranslator } from '../../hooks/useTranslator';
import { sizingsApi } from './api';
import { type CanvasEditorProps, EditorFooter, EditorHeader, useCanvasSave, VersionNoteInput } from './EditorShell';
import { placeCanvasIssues } from './editorIssues';
import { NumberFieldInput } from './fields';
import { findingLocation } from './findings';
import { useSizingChanged } from './hooks';
import {
  emptySizingForm,
  type FactorForm,
  factorKeys,
  factorPlace,
  newFactor,
  type SizingForm,
  toSizing,
  toSizingForm,
} from './sizingForm';

const factorFields = ['key', 'label', 'unit', 'low', 'base', 'high', 'source', 'source.title', 'source.url', 'source.note'] as const;

/** Every place of the form an issue can be shown on. */
function formPlaces(form: SizingForm): Set<string> {
  const places = new Set(['title', 'market', 'approach', 'currency', 'notes', 'note']);
  for (const level of sizingLevels) {
    places.add(`levels.${level}.label`);
    places.add(`levels.${level}.factors`);
    form.levels[level].factors.forEach((_, i) => {
      for (const field of factorFields) places.add(factorPlace(level, i, field));
    });
  }
  return places;
}

/**
 * The editor of a market sizing for the provider's team: a new sizing, or a new version built on
 * the one shown (saved as the latest + 1; refused with a conflict when someone saved in between).
 * The server's issues are shown on the fields they name.
 */
export function SizingEditor({ engagement, base, onCancel, onSaved, onReload }: CanvasEditorProps<SizingDetail>) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const changed = useSizingChanged(engagement.id);
  const { form, setForm, note, setNote, baseVersion, save, conflict } = useCanvasSave({
    initialForm: () => (base ? toSizingForm(base.sizing) : emptySizingForm()),
    latestVersion: base?.latestVersion,
    send: (form: SizingForm, note, baseVersion) => {
      // Blank numbers go as NaN (sent as null): the server names the field rather than the form guessing.
      const sizing = toSizing(form) as SaveSizingRequest['sizing'];
      return base && baseVersion !== undefined
        ? sizingsApi.saveVersion(engagement.id, base.id, { baseVersion, sizing, ...note })
        : sizingsApi.create(engagement.id, { sizing, ...note });
    },
    changed,
    savedMessage: (detail) => (base ? t('research.sizingEditor.saved', { version: detail.version }) : t('research.sizingEditor.created')),
    onSaved,
  });

  const places = useMemo(() => formPlaces(form), [form]);
  const issues = placeCanvasIssues(conflict ? null : save.error, tr, {
    root: 'sizing',
    fields: places,
    describe: (path) => findingLocation(path, toSizing(form) as MarketSizing, tr),
  });
  const err = (place: string) => issues.byPlace.get(place);

  const update = (patch: Partial<SizingForm>) => setForm((f) => ({ ...f, ...patch }));
  const updateLevel = (level: SizingLevel, patch: Partial<SizingForm['levels'][SizingLevel]>) =>
    setForm((f) => ({ ...f, levels: { ...f.levels, [level]: { ...f.levels[level], ...patch } } }));
  const updateFactor = (level: SizingLevel, index: number, patch: Partial<FactorForm>) =>
    setForm((f) => ({
      ...f,
      levels: {
        ...f.levels,
        [level]: { ...f.levels[level], factors: f.levels[level].factors.map((x, i) => (i === index ? { ...x, ...patch } : x)) },
      },
    }));

  return (
    <Stack gap="md" data-testid="sizing-editor">
      <EditorHeader
        title={base ? t('research.sizingEditor.editTitle', { version: (baseVersion ?? 0) + 1 }) : t('research.sizingEditor.newTitle')}
        intro={t('research.sizingEditor.intro')}
        version={base?.version}
        baseVersion={baseVersion}
        onBack={onCancel}
      />
      <Paper withBorder p="md">
        <Stack gap="sm">
          <TextInput
            label={t('research.sizingEditor.title')}
            value={form.title}
            onChange={(e) => update({ title: e.currentTarget.value })}
            error={err('title')}
            required
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('research.sizingEditor.market')}
              description={t('research.sizingEditor.marketHint')}
              value={form.market}
              onChange={(e) => update({ market: e.currentTarget.value })}
              error={err('market')}
              required
            />
            <NativeSelect
              label={t('research.sizingEditor.approach')}
              data={sizingApproaches.map((a) => ({ value: a, label: t(`research.approach.${a}`) }))}
              value={form.approach}
              onChange={(e) => update({ approach: e.currentTarget.value as SizingForm['approach'] })}
              error={err('approach')}
            />
          </Group>
        </Stack>
      </Paper>
      {sizingLevels.map((level) => (
        <Paper key={level} withBorder p="md" component="section" aria-label={t(`research.levelName.${level}`)}>
          <Stack gap="sm">
            <Title order={3} size="h5">
              {t(`research.level.${level}`)} — {t(`research.levelName.${level}`)}
            </Title>
            <TextInput
              label={t('research.sizingEditor.levelLabel', { level: t(`research.level.${level}`) })}
              value={form.levels[level].label}
              onChange={(e) => updateLevel(level, { label: e.currentTarget.value })}
              error={err(`levels.${level}.label`)}
            />
            {err(`levels.${level}.factors`) && (
              <Text size="sm" c="red">
                {err(`levels.${level}.factors`)}
              </Text>
            )}
            {form.levels[level].factors.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('research.sizing.noFactors')}
              </Text>
            )}
            {form.levels[level].factors.map((f, i) => (
              <FactorFields
                key={f.id}
                level={level}
                index={i}
                factor={f}
                err={err}
                onChange={(patch) => updateFactor(level, i, patch)}
                onRemove={() => updateLevel(level, { factors: form.levels[level].factors.filter((_, j) => j !== i) })}
              />
            ))}
            <Button
              size="xs"
              variant="light"
              w="fit-content"
              leftSection={<IconPlus size={14} />}
              onClick={() => updateLevel(level, { factors: [...form.levels[level].factors, newFactor(factorKeys(form))] })}
            >
              {t('research.sizingEditor.addFactor')}
            </Button>
          </Stack>
        </Paper>
      ))}
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Textarea
            label={t('research.sizingEditor.notes')}
            value={form.notes}
            onChange={(e) => update({ notes: e.currentTarget.value })}
            error={err('notes')}
            autosize
            minRows={2}
          />
          <VersionNoteInput value={note} onChange={setNote} error={err('note')} />
        </Stack>
      </Paper>
      <EditorFooter
        save={save}
        baseVersion={baseVersion}
        onReload={onReload}
        issues={issues}
        onSave={() => save.mutate()}
        saveLabel={base ? t('research.sizingEditor.save', { version: (baseVersion ?? 0) + 1 }) : t('research.sizingEditor.create')}
        saveTestId="save-sizing"
        onCancel={onCancel}
      />
    </Stack>
  );
}

function FactorFields({
  level,
  index,
  factor: f,
  err,
  onChange,
  onRemove,
}: {
  level: SizingLevel;
  index: number;
  factor: FactorForm;
  err: (place: string) => string | undefined;
  onChange: (patch: Partial<FactorForm>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const at = { level: t(`research.level.${level}`), number: index + 1 };
  const place = (field: string) => factorPlace(level, index, field);
  return (
    <Paper withBorder p="sm" bg="var(--mantine-color-gray-light)" data-testid="factor-fields" data-key={f.key}>
      <Stack gap="xs">
        <Group align="flex-start" gap="xs" wrap="wrap">
          <TextInput
            label={t('research.sizingEditor.factorLabel', at)}
            value={f.label}
            onChange={(e) => onChange({ label: e.currentTarget.value })}
            error={err(place('label'))}
            style={{ flex: '2 1 240px' }}
          />
          <TextInput
            label={t('research.sizingEditor.keyOf', at)}
            value={f.key}
            onChange={(e) => onChange({ key: e.currentTarget.value })}
            error={err(place('key'))}
            w={150}
          />
          <NativeSelect
            label={t('research.sizingEditor.unitOf', at)}
            data={factorUnits.map((u) => ({ value: u, label: t(`research.unit.${u}`) }))}
            value={f.unit}
            onChange={(e) => onChange({ unit: e.currentTarget.value as FactorForm['unit'] })}
            error={err(place('unit'))}
            w={170}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            mt={24}
            onClick={onRemove}
            aria-label={t('research.sizingEditor.removeOf', at)}
            title={t('research.sizingEditor.removeOf', at)}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
        <Group align="flex-start" gap="xs" grow>
          {(['low', 'base', 'high'] as const).map((b) => (
            <NumberFieldInput
              key={b}
              label={t(`research.sizingEditor.${b}Of`, at)}
              value={f[b]}
              onValue={(v) => onChange({ [b]: v })}
              error={err(place(b))}
              thousandSeparator=","
              min={0}
            />
          ))}
        </Group>
        <Group align="flex-start" gap="xs" grow>
          <TextInput
            label={t('research.sizingEditor.sourceTitleOf', at)}
            placeholder={t('research.sizingEditor.sourcePlaceholder')}
            value={f.sourceTitle}
            onChange={(e) => onChange({ sourceTitle: e.currentTarget.value })}
            error={err(place('source.title')) ?? err(place('source'))}
          />
          <TextInput
            label={t('research.sizingEditor.sourceUrlOf', at)}
            value={f.sourceUrl}
            onChange={(e) => onChange({ sourceUrl: e.currentTarget.value })}
            error={err(place('source.url'))}
          />
          <TextInput
            label={t('research.sizingEditor.sourceNoteOf', at)}
            value={f.sourceNote}
            onChange={(e) => onChange({ sourceNote: e.currentTarget.value })}
            error={err(place('source.note'))}
          />
        </Group>
      </Stack>
    </Paper>
  );
}
