import {
  Alert,
  Anchor,
  Badge,
  Button,
  Divider,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconDeviceFloppy, IconFileImport, IconFileSpreadsheet, IconFileTypePdf, IconLock } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { FinancialModel } from '../../../shared/contracts/financial-model';
import type { ModelDetail, ModelVersion } from '../../../shared/contracts/financial-model-api';
import { isApiError } from '../../api/errors';
import { modelExportUrls } from '../../api/financialModels';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useFormatters } from '../../hooks/useFormatters';
import { useLocale } from '../../hooks/useLocale';
import { engagementPath } from '../../lib/engagements/tabs';
import { BASE, caseNames, sameDocument } from '../../lib/financial-models/edit';
import { replaceHistoricals } from '../../lib/financial-models/historicalsImport';
import { draftIssues, indexIssues } from '../../lib/financial-models/issues';
import { amountUnitLabel } from '../../lib/financial-models/numbers';
import { modelPath } from '../../lib/financial-models/paths';
import { type Axes, axisPartsOf, defaultAxes, fitAxes } from '../../lib/financial-models/sensitivity';
import { Section } from '../engagements/components/Section';
import { useEngagement } from '../engagements/hooks';
import { CheckStatusBadge } from './CheckStatusBadge';
import { ChecksPanel } from './ChecksPanel';
import { AdjustmentsPanel } from './editor/AdjustmentsPanel';
import { AssumptionGrid } from './editor/AssumptionGrid';
import { CustomLinesPanel } from './editor/CustomLinesPanel';
import { ForecastBasisPanel } from './editor/ForecastBasisPanel';
import { OptionsPanel } from './editor/OptionsPanel';
import { ReinvestmentPanel } from './editor/ReinvestmentPanel';
import { SegmentsPanel } from './editor/SegmentsPanel';
import { TerminalPanel } from './editor/TerminalPanel';
import { WaccPanel } from './editor/WaccPanel';
import { WaccPathPanel } from './editor/WaccPathPanel';
import { FootballField } from './FootballField';
import { useLiveAnalysis, useModel, useModelVersion } from './hooks';
import { ImportHistoricalsModal } from './ImportHistoricalsModal';
import { useCaseLabel } from './labels';
import { AdjustmentsOutputs } from './outputs/AdjustmentsOutputs';
import { DepthOutputs } from './outputs/DepthOutputs';
import { OutputsPanel } from './outputs/OutputsPanel';
import { ProjectionTable } from './outputs/ProjectionTable';
import { SaveVersionModal } from './SaveVersionModal';
import { SensitivityHeatMap } from './SensitivityHeatMap';
import { SharingPanel } from './SharingPanel';
import { LeaveDialog, useUnsavedChangesGuard } from './useUnsavedChangesGuard';
import { VersionsPanel } from './VersionsPanel';

interface ViewState {
  scenario: string;
  axes: Axes;
  /** The versions compared, chosen while looking at `version`; otherwise the one before it → it. */
  compare: { version: number; from: number | null; to: number | null } | null;
}

const parseVersion = (value: string | null): number | undefined => {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n >= 1 ? n : undefined;
};

/** /engagements/:id/models/:modelId[?version=N]: one model's workbench. */
export function WorkbenchPage() {
  const { t } = useTranslation();
  const { id = '', modelId = '' } = useParams();
  const [params] = useSearchParams();
  const engagement = useEngagement(id);
  const model = useModel(id, modelId);
  const version = parseVersion(params.get('version')) ?? model.data?.latestVersion;
  const saved = useModelVersion(id, modelId, version);
  // What the person is looking at survives moving between versions.
  const [view, setView] = useState<ViewState>({ scenario: BASE, axes: defaultAxes, compare: null });

  if (model.isPending || engagement.isPending || (version !== undefined && saved.isPending)) return <Loading />;
  if (model.isError) {
    const missing = isApiError(model.error) && model.error.code === 'not_found';
    return (
      <ErrorAlert error={model.error} {...(missing && { title: t('models.workbench.notFound') })} onRetry={() => void model.refetch()} />
    );
  }
  if (saved.isError) return <ErrorAlert error={saved.error} onRetry={() => void saved.refetch()} />;
  if (!saved.data || version === undefined) return <Loading />;
  return (
    <Workbench
      key={`${modelId}:${version}`}
      engagementId={id}
      engagementName={engagement.data?.displayName}
      model={model.data}
      saved={saved.data}
      view={view}
      onView={setView}
    />
  );
}

interface WorkbenchProps {
  engagementId: string;
  engagementName: string | undefined;
  model: ModelDetail;
  saved: ModelVersion;
  view: ViewState;
  onView: (change: (view: ViewState) => ViewState) => void;
}

function Workbench({ engagementId, engagementName, model, saved, view, onView }: WorkbenchProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const format = useFormatters();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<FinancialModel>(saved.document);
  const [saving, setSaving] = useState(false);
  const [importing, setImporting] = useState(false);
  const version = saved.version;
  const isLatest = version === model.latestVersion;
  const editable = model.canEdit && isLatest;
  const dirty = !sameDocument(draft, saved.document);
  const issues = useMemo(() => (dirty ? draftIssues(draft) : []), [dirty, draft]);
  const cases = caseNames(draft);
  const scenario = cases.some((c) => c.name === view.scenario) ? view.scenario : BASE;
  const caseLabel = useCaseLabel(draft);
  const axes = fitAxes(view.axes, draft.wacc.method, axisPartsOf(draft));
  const live = useLiveAnalysis({
    engagementId,
    modelId: model.id,
    version,
    saved: saved.document,
    draft,
    scenario,
    x: axes.x,
    y: axes.y,
  });
  const issueIndex = useMemo(() => indexIssues(live.issues), [live.issues]);
  const { blocker, allowNext } = useUnsavedChangesGuard(dirty);
  const go = (to: string, discard = false) => {
    if (discard) allowNext();
    navigate(to);
  };

  const previous = model.versions.find((v) => v.version < version)?.version ?? null;
  const shownSummary = model.versions.find((v) => v.version === version);
  const compare = view.compare?.version === version ? view.compare : { version, from: previous, to: previous === null ? null : version };
  const exports = modelExportUrls(engagementId, model.id, version, locale);
  const meta = draft.meta;
  const unit = amountUnitLabel(meta.unit, meta.currency, locale);
  const introValues = { date: format.date(meta.valuationDate), unit, currency: amountUnitLabel('ones', meta.currency, locale) };
  const valuation = live.analysis?.valuation ?? null;
  const editorProps = { doc: draft, scenario, editable, edit: setDraft, issues: issueIndex };

  return (
    <Stack gap="sm">
      <Anchor component={Link} to={engagementPath(engagementId, 'models')} size="sm" w="fit-content">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {engagementName ? t('models.workbench.back', { engagement: engagementName }) : t('models.workbench.backPlain')}
        </Group>
      </Anchor>
      <PageHeader
        title={model.name}
        intro={
          meta.company
            ? t('models.workbench.intro', { ...introValues, company: `${meta.codeName} · ${meta.company.name}` })
            : t('models.workbench.introNoCompany', introValues)
        }
        actions={
          <Group gap="xs">
            {dirty && (
              <Badge color="yellow" variant="filled" tt="none" data-testid="unsaved-badge">
                {t('models.workbench.unsaved')}
              </Badge>
            )}
            {live.analysis && <CheckStatusBadge status={live.analysis.checks.status} />}
          </Group>
        }
      />

      <Paper withBorder p="sm">
        <Group justify="space-between" align="flex-end" gap="sm">
          <Group gap="md" align="flex-end">
            <Select
              label={t('models.workbench.versionLabel')}
              w={360}
              value={String(version)}
              allowDeselect={false}
              data={model.versions.map((v) => ({
                value: String(v.version),
                label: `${t('models.workbench.versionOption', {
                  version: v.version,
                  when: format.date(v.savedAt),
                  name: v.savedBy.displayName,
                })}${v.version === model.latestVersion ? ` (${t('models.workbench.latestTag')})` : ''}`,
              }))}
              onChange={(v) => v && go(modelPath(engagementId, model.id, Number(v)))}
            />
            <Stack gap={2}>
              <Text size="sm" fw={500} id="case-label">
                {t('models.workbench.caseLabel')}
              </Text>
              <SegmentedControl
                aria-labelledby="case-label"
                value={scenario}
                onChange={(s) => onView((v) => ({ ...v, scenario: s }))}
                data={cases.map((c) => ({ value: c.name, label: caseLabel(c.name) }))}
              />
            </Stack>
          </Group>
          <Group gap="xs">
            <Tooltip label={t('models.workbench.exportsOfSaved', { version })} disabled={!dirty} withArrow>
              <Button
                component="a"
                href={exports.xlsx}
                download
                variant="default"
                size="sm"
                leftSection={<IconFileSpreadsheet size={16} />}
              >
                {t('models.workbench.exportXlsx')}
              </Button>
            </Tooltip>
            <Tooltip label={t('models.workbench.exportsOfSaved', { version })} disabled={!dirty} withArrow>
              <Button component="a" href={exports.pdf} download variant="default" size="sm" leftSection={<IconFileTypePdf size={16} />}>
                {t('models.workbench.exportPdf')}
              </Button>
            </Tooltip>
            {editable && (
              <Tooltip label={t('models.save.fixFirst')} disabled={issues.length === 0} withArrow>
                <Button
                  size="sm"
                  leftSection={<IconDeviceFloppy size={16} />}
                  disabled={!dirty || issues.length > 0}
                  onClick={() => setSaving(true)}
                >
                  {t('models.save.open')}
                </Button>
              </Tooltip>
            )}
          </Group>
        </Group>
      </Paper>

      {!model.canEdit ? (
        <Alert color="gray" variant="light" icon={<IconLock size={16} />} data-testid="read-only-notice">
          {t('models.workbench.readOnly')}
        </Alert>
      ) : !isLatest ? (
        <Alert color="blue" variant="light" icon={<IconLock size={16} />}>
          <Group justify="space-between" gap="xs">
            <Text size="sm">{t('models.workbench.oldVersion', { version, latest: model.latestVersion })}</Text>
            <Button size="xs" variant="light" onClick={() => go(modelPath(engagementId, model.id, model.latestVersion))}>
              {t('models.workbench.openLatest')}
            </Button>
          </Group>
        </Alert>
      ) : null}

      {shownSummary && <SharingPanel engagementId={engagementId} model={model} version={shownSummary} />}

      <Grid gutter="md" align="flex-start">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Section
            title={scenario === BASE ? t('models.editor.title') : t('models.editor.titleScenario', { scenario: caseLabel(scenario) })}
            actions={
              editable && (
                <Button size="xs" variant="light" leftSection={<IconFileImport size={14} />} onClick={() => setImporting(true)}>
                  {t('models.import.open')}
                </Button>
              )
            }
          >
            {scenario !== BASE && (
              <Text size="xs" c="grape.8">
                {t('models.editor.scenarioHint', { scenario: caseLabel(scenario) })}
              </Text>
            )}
            <AssumptionGrid {...editorProps} />
            <Divider />
            <Title order={3} size="h6">
              {t('models.lines.revenue')}
            </Title>
            <SegmentsPanel {...editorProps} />
            <Divider />
            <Title order={3} size="h6">
              {t('models.depth.forecastBasis')}
            </Title>
            <ForecastBasisPanel {...editorProps} />
            <Divider />
            <Title order={3} size="h6">
              {t('models.depth.reinvestment')}
            </Title>
            <ReinvestmentPanel {...editorProps} valuation={valuation} />
            <Divider />
            <Title order={3} size="h6">
              {t('models.editor.wacc')}
            </Title>
            <WaccPanel {...editorProps} computed={valuation?.wacc} />
            <WaccPathPanel {...editorProps} />
            <Divider />
            <Title order={3} size="h6">
              {t('models.editor.terminal')}
            </Title>
            <TerminalPanel {...editorProps} valuation={valuation} />
            <Divider />
            <Title order={3} size="h6">
              {t('models.depth.options')}
            </Title>
            <OptionsPanel {...editorProps} />
            <Divider />
            <Title order={3} size="h6">
              {t('models.adjustments.title')}
            </Title>
            <AdjustmentsPanel {...editorProps} />
            <Divider />
            <Title order={3} size="h6">
              {t('models.lines.customLines')}
            </Title>
            <CustomLinesPanel {...editorProps} />
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <OutputsPanel
              doc={draft}
              analysis={live.analysis}
              recalculating={live.recalculating}
              issues={live.issues}
              error={live.error}
              onRetry={live.refetch}
            />
            {valuation && <DepthOutputs doc={draft} valuation={valuation} />}
            {valuation && <AdjustmentsOutputs doc={draft} valuation={valuation} />}
            <ChecksPanel checks={live.analysis?.checks} doc={draft} />
          </Stack>
        </Grid.Col>
      </Grid>

      {valuation && <ProjectionTable doc={draft} valuation={valuation} />}

      <SensitivityHeatMap
        grid={live.analysis?.sensitivity ?? null}
        currency={meta.currency}
        waccMethod={draft.wacc.method}
        parts={axisPartsOf(draft)}
        x={axes.x}
        y={axes.y}
        onAxes={(axes) => onView((v) => ({ ...v, axes }))}
      />

      <FootballField field={live.analysis?.footballField ?? null} currency={meta.currency} />

      <VersionsPanel
        engagementId={engagementId}
        model={model}
        shownVersion={version}
        doc={draft}
        compare={compare}
        onCompare={(c) => onView((v) => ({ ...v, compare: { version, ...c } }))}
      />

      {editable && (
        <ImportHistoricalsModal
          opened={importing}
          onClose={() => setImporting(false)}
          engagementId={engagementId}
          doc={draft}
          onUse={(historicals) => {
            setDraft((doc) => replaceHistoricals(doc, historicals));
            notifications.show({ color: 'teal', message: t('models.import.used') });
          }}
        />
      )}
      {editable && (
        <SaveVersionModal
          opened={saving}
          onClose={() => setSaving(false)}
          engagementId={engagementId}
          model={model}
          baseVersion={version}
          draft={draft}
          onSaved={(next) => {
            setSaving(false);
            go(modelPath(engagementId, model.id, next), true);
          }}
          onReload={() => {
            setSaving(false);
            go(modelPath(engagementId, model.id), true);
          }}
        />
      )}
      <LeaveDialog blocker={blocker} />
    </Stack>
  );
}
