import { ActionIcon, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CellValue, featureKinds, featureLevels, pricingPeriods } from '../../../shared/contracts/market-sizing';
import type { MatrixDetail, SaveMatrixRequest } from '../../../shared/contracts/market-sizing-api';
import { useTranslator } from '../../hooks/useTranslator';
import { matricesApi } from './api';
import { type CanvasEditorProps, EditorFooter, EditorHeader, useCanvasSave, VersionNoteInput } from './EditorShell';
import { placeCanvasIssues } from './editorIssues';
import { NumberFieldInput } from './fields';
import { useMatrixChanged } from './hooks';
import {
  type CompetitorForm,
  cellId,
  emptyMatrixForm,
  type FeatureForm,
  isAxisKind,
  type MatrixForm,
  newCompetitor,
  newFeature,
  newPlan,
  type PlanForm,
  positioningProblems,
  toMatrixForm,
  toMatrixRequest,
} from './matrixForm';

/** The cells the request sends, in its order (competitor by competitor, feature by feature), as form cell ids. */
function sentCellIds(form: MatrixForm, request: ReturnType<typeof toMatrixRequest>): string[] {
  const competitor = new Map(form.competitors.map((c) => [c.key.trim(), c.id]));
  const feature = new Map(form.features.map((f) => [f.key.trim(), f.id]));
  return request.matrix.cells.map((c) => cellId(competitor.get(c.competitor) ?? '', feature.get(c.feature) ?? ''));
}

/**
 * The editor of a competitor matrix for the provider's team: a new matrix, or a new version built
 * on the one shown. An empty value is unknown, never "no". The server's issues go on the fields.
 */
export function MatrixEditor({ engagement, base, onCancel, onSaved, onReload }: CanvasEditorProps<MatrixDetail>) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const changed = useMatrixChanged(engagement.id);
  const [sent, setSent] = useState<string[]>([]);
  // Whether a save was tried: the form's own problems show from then on.
  const [tried, setTried] = useState(false);
  const { form, setForm, note, setNote, baseVersion, save, conflict } = useCanvasSave({
    initialForm: () => (base ? toMatrixForm(base.matrix, base.positioning) : emptyMatrixForm()),
    latestVersion: base?.latestVersion,
    send: (form: MatrixForm, note, baseVersion) => {
      const request = toMatrixRequest(form);
      setSent(sentCellIds(form, request));
      const matrix = request.matrix as SaveMatrixRequest['matrix'];
      const rest = { ...(request.positioning && { positioning: request.positioning }), ...note };
      return base && baseVersion !== undefined
        ? matricesApi.saveVersion(engagement.id, base.id, { baseVersion, matrix, ...rest })
        : matricesApi.create(engagement.id, { matrix, ...rest });
    },
    changed,
    savedMessage: (detail) => (base ? t('research.matrixEditor.saved', { version: detail.version }) : t('research.matrixEditor.created')),
    onSaved,
  });
  const axisProblems = positioningProblems(form);
  const axisError = (axis: 'x' | 'y') => {
    const problem = axisProblems[axis];
    return tried && problem ? t(`research.matrixEditor.axisProblem.${problem}`) : undefined;
  };
  const submit = () => {
    setTried(true);
    if (Object.keys(axisProblems).length === 0 && !save.isPending) save.mutate();
  };

  const competitorName = (i: number) => form.competitors[i]?.name.trim() || t('research.matrixEditor.unnamed', { number: i + 1 });
  const featureName = (i: number) => form.features[i]?.label.trim() || t('research.matrixEditor.featureLabelOf', { number: i + 1 });
  const places = new Set(['title', 'currency', 'note', 'positioning.x', 'positioning.y', 'positioning']);
  form.competitors.forEach((c, i) => {
    for (const f of ['key', 'name', 'url']) places.add(`competitors.${i}.${f}`);
    c.plans.forEach((_, j) => {
      for (const f of ['name', 'amount', 'period']) places.add(`competitors.${i}.plans.${j}.${f}`);
    });
  });
  form.features.forEach((_, i) => {
    for (const f of ['key', 'label', 'kind', 'unit']) places.add(`features.${i}.${f}`);
  });
  sent.forEach((_, k) => {
    places.add(`cells.${k}.value`);
  });
  const issues = placeCanvasIssues(conflict ? null : save.error, tr, {
    root: 'matrix',
    fields: places,
    describe: (path) => {
      const [head, index] = path;
      if (typeof index !== 'number') return null;
      if (head === 'competitors') return competitorName(index);
      if (head === 'features') return featureName(index);
      if (head === 'cells') {
        const [c, f] = (sent[index] ?? '').split('|');
        const ci = form.competitors.findIndex((x) => x.id === c);
        const fi = form.features.findIndex((x) => x.id === f);
        return ci >= 0 && fi >= 0 ? t('research.matrixEditor.valueOf', { feature: featureName(fi), competitor: competitorName(ci) }) : null;
      }
      return null;
    },
  });
  const err = (place: string) => issues.byPlace.get(place);
  const cellErr = (id: string) => {
    const k = sent.indexOf(id);
    return k >= 0 ? err(`cells.${k}.value`) : undefined;
  };

  const setCompetitor = (i: number, patch: Partial<CompetitorForm>) =>
    setForm((f) => ({ ...f, competitors: f.competitors.map((c, j) => (j === i ? { ...c, ...patch } : c)) }));
  const setPlan = (i: number, j: number, patch: Partial<PlanForm>) =>
    setForm((f) => ({
      ...f,
      competitors: f.competitors.map((c, ci) =>
        ci === i ? { ...c, plans: c.plans.map((p, pj) => (pj === j ? { ...p, ...patch } : p)) } : c,
      ),
    }));
  const setFeature = (i: number, patch: Partial<FeatureForm>) =>
    setForm((f) => ({ ...f, features: f.features.map((x, j) => (j === i ? { ...x, ...patch } : x)) }));
  const setCell = (id: string, value: CellValue | undefined) =>
    setForm((f) => {
      const cells = { ...f.cells };
      if (value === undefined) delete cells[id];
      else cells[id] = value;
      return { ...f, cells };
    });
  const axisFeatures = form.features.filter((f) => isAxisKind(f.kind));
  const axisOptions = [
    { value: '', label: t('research.matrixEditor.noPositioning') },
    ...axisFeatures.map((f) => ({ value: f.id, label: f.label || f.key })),
  ];
  const setAxis = (axis: 'x' | 'y', id: string) =>
    setForm((f) => {
      const current = f.positioning ?? { x: '', y: '' };
      const next = { ...current, [axis]: id };
      return { ...f, positioning: next.x || next.y ? next : null };
    });

  return (
    <Stack gap="md" data-testid="matrix-editor">
      <EditorHeader
        title={base ? t('research.matrixEditor.editTitle', { version: (baseVersion ?? 0) + 1 }) : t('research.matrixEditor.newTitle')}
        intro={t('research.matrixEditor.intro')}
        version={base?.version}
        baseVersion={baseVersion}
        onBack={onCancel}
      />
      <Paper withBorder p="md">
        <TextInput
          label={t('research.matrixEditor.title')}
          value={form.title}
          onChange={(e) => setForm((f) => ({ ...f, title: e.currentTarget.value }))}
          error={err('title')}
        />
      </Paper>

      <Paper withBorder p="md" component="section" aria-label={t('research.matrixEditor.competitors')}>
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t('research.matrixEditor.competitors')}
          </Title>
          {form.competitors.map((c, i) => (
            <Paper key={c.id} withBorder p="sm" bg="var(--mantine-color-gray-light)">
              <Stack gap="xs">
                <Group align="flex-start" gap="xs">
                  <TextInput
                    label={t('research.matrixEditor.competitorNameOf', { number: i + 1 })}
                    value={c.name}
                    onChange={(e) => setCompetitor(i, { name: e.currentTarget.value })}
                    error={err(`competitors.${i}.name`)}
                    style={{ flex: '2 1 220px' }}
                  />
                  <TextInput
                    label={t('research.matrixEditor.competitorKeyOf', { number: i + 1 })}
                    value={c.key}
                    onChange={(e) => setCompetitor(i, { key: e.currentTarget.value })}
                    error={err(`competitors.${i}.key`)}
                    w={150}
                  />
                  <TextInput
                    label={t('research.matrixEditor.competitorUrlOf', { number: i + 1 })}
                    value={c.url}
                    onChange={(e) => setCompetitor(i, { url: e.currentTarget.value })}
                    error={err(`competitors.${i}.url`)}
                    style={{ flex: '2 1 220px' }}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mt={24}
                    aria-label={t('research.matrixEditor.removeCompetitor', { name: competitorName(i) })}
                    title={t('research.matrixEditor.removeCompetitor', { name: competitorName(i) })}
                    onClick={() => setForm((f) => ({ ...f, competitors: f.competitors.filter((_, j) => j !== i) }))}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
                {c.plans.map((p, j) => {
                  const at = { number: j + 1, name: competitorName(i) };
                  return (
                    <Group key={p.id} align="flex-start" gap="xs" pl="md">
                      <TextInput
                        label={t('research.matrixEditor.planNameOf', at)}
                        value={p.name}
                        onChange={(e) => setPlan(i, j, { name: e.currentTarget.value })}
                        error={err(`competitors.${i}.plans.${j}.name`)}
                        style={{ flex: '2 1 200px' }}
                      />
                      <NumberFieldInput
                        label={t('research.matrixEditor.planAmountOf', at)}
                        value={p.amount}
                        onValue={(amount) => setPlan(i, j, { amount })}
                        error={err(`competitors.${i}.plans.${j}.amount`)}
                        thousandSeparator=","
                        min={0}
                        allowDecimal={false}
                        w={160}
                      />
                      <NativeSelect
                        label={t('research.matrixEditor.planPeriodOf', at)}
                        data={pricingPeriods.map((period) => ({ value: period, label: t(`research.matrix.period.${period}`) }))}
                        value={p.period}
                        onChange={(e) => setPlan(i, j, { period: e.currentTarget.value as PlanForm['period'] })}
                        error={err(`competitors.${i}.plans.${j}.period`)}
                        w={200}
                      />
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        mt={24}
                        aria-label={t('research.matrixEditor.removePlan', at)}
                        title={t('research.matrixEditor.removePlan', at)}
                        onClick={() => setCompetitor(i, { plans: c.plans.filter((_, k) => k !== j) })}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  );
                })}
                <Button
                  size="compact-xs"
                  variant="subtle"
                  w="fit-content"
                  leftSection={<IconPlus size={12} />}
                  onClick={() => setCompetitor(i, { plans: [...c.plans, newPlan()] })}
                >
                  {t('research.matrixEditor.addPlan', { name: competitorName(i) })}
                </Button>
              </Stack>
            </Paper>
          ))}
          <Button
            size="xs"
            variant="light"
            w="fit-content"
            leftSection={<IconPlus size={14} />}
            onClick={() => setForm((f) => ({ ...f, competitors: [...f.competitors, newCompetitor(f.competitors.map((c) => c.key))] }))}
          >
            {t('research.matrixEditor.addCompetitor')}
          </Button>
        </Stack>
      </Paper>

      <Paper withBorder p="md" component="section" aria-label={t('research.matrixEditor.features')}>
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t('research.matrixEditor.features')}
          </Title>
          {form.features.map((f, i) => (
            <Group key={f.id} align="flex-start" gap="xs">
              <TextInput
                label={t('research.matrixEditor.featureLabelOf', { number: i + 1 })}
                value={f.label}
                onChange={(e) => setFeature(i, { label: e.currentTarget.value })}
                error={err(`features.${i}.label`)}
                style={{ flex: '2 1 220px' }}
              />
              <TextInput
                label={t('research.matrixEditor.featureKeyOf', { number: i + 1 })}
                value={f.key}
                onChange={(e) => setFeature(i, { key: e.currentTarget.value })}
                error={err(`features.${i}.key`)}
                w={150}
              />
              <NativeSelect
                label={t('research.matrixEditor.featureKindOf', { number: i + 1 })}
                data={featureKinds.map((k) => ({ value: k, label: t(`research.matrix.kind.${k}`) }))}
                value={f.kind}
                onChange={(e) => setFeature(i, { kind: e.currentTarget.value as FeatureForm['kind'] })}
                error={err(`features.${i}.kind`)}
                w={170}
              />
              {f.kind === 'number' && (
                <TextInput
                  label={t('research.matrixEditor.featureUnitOf', { number: i + 1 })}
                  value={f.unit}
                  onChange={(e) => setFeature(i, { unit: e.currentTarget.value })}
                  error={err(`features.${i}.unit`)}
                  w={120}
                />
              )}
              <ActionIcon
                variant="subtle"
                color="red"
                mt={24}
                aria-label={t('research.matrixEditor.removeFeature', { name: featureName(i) })}
                title={t('research.matrixEditor.removeFeature', { name: featureName(i) })}
                onClick={() => setForm((x) => ({ ...x, features: x.features.filter((_, j) => j !== i) }))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Button
            size="xs"
            variant="light"
            w="fit-content"
            leftSection={<IconPlus size={14} />}
            onClick={() => setForm((f) => ({ ...f, features: [...f.features, newFeature(f.features.map((x) => x.key))] }))}
          >
            {t('research.matrixEditor.addFeature')}
          </Button>
        </Stack>
      </Paper>

      {form.competitors.length > 0 && form.features.length > 0 && (
        <Paper withBorder p="md" component="section" aria-label={t('research.matrixEditor.values')}>
          <Stack gap="sm">
            <Title order={3} size="h5">
              {t('research.matrixEditor.values')}
            </Title>
            <Table.ScrollContainer minWidth={200 + form.competitors.length * 160}>
              <Table verticalSpacing="xs" withColumnBorders>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('research.matrix.feature')}</Table.Th>
                    {form.competitors.map((c, i) => (
                      <Table.Th key={c.id}>{competitorName(i)}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {form.features.map((f, fi) => (
                    <Table.Tr key={f.id}>
                      <Table.Th scope="row">{featureName(fi)}</Table.Th>
                      {form.competitors.map((c, ci) => {
                        const id = cellId(c.id, f.id);
                        return (
                          <Table.Td key={c.id}>
                            <CellInput
                              feature={f}
                              value={form.cells[id]}
                              label={t('research.matrixEditor.valueOf', { feature: featureName(fi), competitor: competitorName(ci) })}
                              error={cellErr(id)}
                              onChange={(v) => setCell(id, v)}
                            />
                          </Table.Td>
                        );
                      })}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        </Paper>
      )}

      <Paper withBorder p="md">
        <Stack gap="sm">
          <Text size="sm" fw={600}>
            {t('research.matrixEditor.positioning')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('research.matrixEditor.positioningHint')}
          </Text>
          <Group gap="sm">
            <NativeSelect
              label={t('research.matrix.mapX')}
              data={axisOptions}
              value={form.positioning?.x ?? ''}
              onChange={(e) => setAxis('x', e.currentTarget.value)}
              error={axisError('x') ?? err('positioning.x')}
              data-testid="positioning-x"
              w={260}
            />
            <NativeSelect
              label={t('research.matrix.mapY')}
              data={axisOptions}
              value={form.positioning?.y ?? ''}
              onChange={(e) => setAxis('y', e.currentTarget.value)}
              error={axisError('y') ?? err('positioning.y')}
              data-testid="positioning-y"
              w={260}
            />
          </Group>
          {err('positioning') && (
            <Text size="sm" c="red">
              {err('positioning')}
            </Text>
          )}
          <VersionNoteInput value={note} onChange={setNote} error={err('note')} />
        </Stack>
      </Paper>

      <EditorFooter
        save={save}
        baseVersion={baseVersion}
        onReload={onReload}
        issues={issues}
        onSave={submit}
        saveLabel={base ? t('research.matrixEditor.save', { version: (baseVersion ?? 0) + 1 }) : t('research.matrixEditor.create')}
        saveTestId="save-matrix"
        onCancel={onCancel}
      />
    </Stack>
  );
}

/** One value of the matrix as its feature's kind wants it; the empty choice is "unknown". */
function CellInput({
  feature,
  value,
  label,
  error,
  onChange,
}: {
  feature: FeatureForm;
  value: CellValue | undefined;
  label: string;
  error: string | undefined;
  onChange: (value: CellValue | undefined) => void;
}) {
  const { t } = useTranslation();
  const unknown = { value: '', label: t('research.matrixEditor.unknownOption') };
  switch (feature.kind) {
    case 'boolean':
      return (
        <NativeSelect
          aria-label={label}
          size="xs"
          data={[unknown, { value: 'true', label: t('research.matrix.yes') }, { value: 'false', label: t('research.matrix.no') }]}
          value={typeof value === 'boolean' ? String(value) : ''}
          onChange={(e) => onChange(e.currentTarget.value === '' ? undefined : e.currentTarget.value === 'true')}
          error={error}
        />
      );
    case 'level':
      return (
        <NativeSelect
          aria-label={label}
          size="xs"
          data={[unknown, ...featureLevels.map((l, i) => ({ value: String(i), label: `${i} ${t(`research.matrix.levelValue.${l}`)}` }))]}
          value={typeof value === 'number' ? String(value) : ''}
          onChange={(e) => onChange(e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value))}
          error={error}
        />
      );
    case 'number':
      return (
        <NumberFieldInput
          aria-label={label}
          size="xs"
          value={typeof value === 'number' ? value : ''}
          onValue={(v) => onChange(v === '' ? undefined : v)}
          error={error}
          thousandSeparator=","
          placeholder={t('research.matrixEditor.unknownOption')}
        />
      );
    case 'text':
      return (
        <TextInput
          aria-label={label}
          size="xs"
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value === '' ? undefined : e.currentTarget.value)}
          error={error}
          placeholder={t('research.matrixEditor.unknownOption')}
        />
      );
  }
}
