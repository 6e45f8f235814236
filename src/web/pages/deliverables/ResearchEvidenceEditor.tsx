import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Loader,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type Dispatch, type ReactNode, type SetStateAction, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportSurvey } from '../../../shared/contracts/deliverables';
import type { SurveyDetail } from '../../../shared/contracts/market-research-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import {
  addClaim,
  addTable,
  type ClaimCells,
  type ClaimDraft,
  claimCells,
  keyedOptions,
  meansClaimRow,
  type Option,
  removeClaim,
  removeTable,
  type SubmissionDraft,
  setSizings,
  setSizingVersion,
  setSurvey,
  type TableDraft,
  updateClaim,
  updateTable,
  withCurrent,
} from '../../lib/deliverables/draft';
import type { IssueIndex } from '../../lib/engagements/issues';
import { useSizings } from '../research/hooks';
import { surveyKeys, surveysApi } from '../surveys/api';
import { canBeBanner, canBeStub, questionLabel } from '../surveys/codebook';
import { retryTransient, useCrosstab, useSurveys } from '../surveys/hooks';
import { useWeightingOptions } from '../surveys/WeightingSelect';
import { useWeightingFallback } from './ResearchEvidenceView';

interface EditorProps {
  engagementId: string;
  draft: SubmissionDraft;
  /** The form's state setter: a claim on a means table updates its row from the latest draft. */
  onChange: Dispatch<SetStateAction<SubmissionDraft>>;
  issues: IssueIndex;
}

const corrections: readonly ReportSurvey['correction'][] = ['none', 'bonferroni', 'holm'];

/** A loader in a select's right section while its choices load. */
const loadingSection = (loading: boolean) => (loading ? <Loader size="xs" /> : undefined);

/** The dataset of the draft's survey at its version, with its codebook and weightings. */
function useSurveyDetail(engagementId: string, id: string | null, version: number | null) {
  return useQuery({
    queryKey: surveyKeys.detail(engagementId, id ?? '', version),
    queryFn: () => surveysApi.get(engagementId, id ?? '', version ?? undefined),
    enabled: id !== null,
    retry: retryTransient,
  });
}

/**
 * A market-research report's evidence: the survey dataset (version, weighting, test settings) its
 * tables are made from, the tables and the sections they are shown in, the claims the text makes
 * about them, and the market sizings it quotes. The checks recompute the tables from these.
 */
export function ResearchEvidenceEditor({ engagementId, draft, onChange, issues }: EditorProps) {
  const { t } = useTranslation();
  const survey = draft.research.survey;
  const detail = useSurveyDetail(engagementId, survey.id, survey.version);
  const shown = detail.data && detail.data.id === survey.id ? detail.data : undefined;
  const sections = keyedOptions(draft.sections);
  return (
    <Stack gap="md" data-testid="research-evidence">
      <Stack gap={4}>
        <Text fw={600} size="sm">
          {t('deliverables.evidence.title')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('deliverables.evidence.intro')}
        </Text>
      </Stack>
      <SurveyFields engagementId={engagementId} draft={draft} onChange={onChange} issues={issues} detail={shown} query={detail} />
      <TablesEditor engagementId={engagementId} draft={draft} onChange={onChange} issues={issues} detail={shown} sections={sections} />
      <ClaimsEditor engagementId={engagementId} draft={draft} onChange={onChange} issues={issues} sections={sections} />
      <SizingsEditor engagementId={engagementId} draft={draft} onChange={onChange} issues={issues} />
    </Stack>
  );
}

function SurveyFields({
  engagementId,
  draft,
  onChange,
  issues,
  detail,
  query,
}: EditorProps & { detail: SurveyDetail | undefined; query: ReturnType<typeof useSurveyDetail> }) {
  const { t } = useTranslation();
  const weightingLabel = useWeightingFallback();
  const surveys = useSurveys(engagementId);
  const survey = draft.research.survey;
  const list = surveys.data ?? [];
  const detailLoading = survey.id !== null && query.isPending;
  // The name of a dataset not in the list: from its detail, else worded (never its id).
  const datasetName = () =>
    detail?.name ??
    (surveys.isPending || detailLoading ? t('deliverables.evidence.loading') : t('deliverables.evidence.surveyUnavailable'));
  const datasets = withCurrent(
    list.map((s) => ({ value: s.id, label: s.name })),
    survey.id,
    datasetName,
  );
  const versions = withCurrent(
    (detail?.versions ?? []).map((v) => ({
      value: String(v.version),
      label: t('deliverables.evidence.surveyVersionOption', { version: v.version, respondents: v.respondents }),
    })),
    survey.version === null ? null : String(survey.version),
    (v) => t('deliverables.evidence.versionValue', { version: v }),
  );
  return (
    <Stack gap="xs">
      {surveys.isError && (
        <ErrorAlert error={surveys.error} title={t('deliverables.evidence.surveysFailed')} onRetry={() => void surveys.refetch()} />
      )}
      {survey.id !== null && query.isError && (
        <ErrorAlert error={query.error} title={t('deliverables.evidence.surveyFailed')} onRetry={() => void query.refetch()} />
      )}
      {surveys.isSuccess && list.length === 0 && survey.id === null && (
        <Text size="sm" c="dimmed">
          {t('deliverables.evidence.noSurveys')}
        </Text>
      )}
      <Group align="start" grow>
        <Select
          label={t('deliverables.evidence.survey')}
          placeholder={t('deliverables.evidence.surveyPlaceholder')}
          data={datasets}
          value={survey.id}
          onChange={(id) =>
            onChange(setSurvey(draft, { id, version: id === null ? null : (list.find((s) => s.id === id)?.latestVersion ?? null) }))
          }
          error={issues.get('survey.id') ?? issues.get('survey')}
          rightSection={loadingSection(surveys.isPending)}
          searchable
          clearable
        />
        <Select
          label={t('deliverables.evidence.surveyVersion')}
          data={versions}
          value={survey.version === null ? null : String(survey.version)}
          onChange={(v) => v !== null && onChange(setSurvey(draft, { version: Number(v) }))}
          error={issues.get('survey.version')}
          disabled={survey.id === null}
          rightSection={loadingSection(detailLoading)}
          allowDeselect={false}
        />
      </Group>
      {survey.id !== null && (
        <Group align="start" grow>
          {detail ? (
            <WeightingField detail={detail} draft={draft} onChange={onChange} issues={issues} />
          ) : (
            <Select
              label={t('deliverables.evidence.weighting')}
              data={withCurrent([], survey.weighting, (w) => weightingLabel(w, detailLoading))}
              value={survey.weighting}
              error={issues.get('survey.weighting')}
              rightSection={loadingSection(detailLoading)}
              disabled
            />
          )}
          <NumberInput
            label={t('deliverables.evidence.alpha')}
            value={survey.alpha}
            onChange={(v) => typeof v === 'number' && onChange(setSurvey(draft, { alpha: v }))}
            min={0.001}
            max={0.2}
            step={0.01}
            decimalScale={3}
            error={issues.get('survey.alpha')}
          />
          <Select
            label={t('deliverables.evidence.correction')}
            data={corrections.map((c) => ({ value: c, label: t(`deliverables.evidence.correctionOption.${c}`) }))}
            value={survey.correction}
            onChange={(v) => v && onChange(setSurvey(draft, { correction: v as ReportSurvey['correction'] }))}
            error={issues.get('survey.correction')}
            allowDeselect={false}
          />
        </Group>
      )}
    </Stack>
  );
}

function WeightingField({ detail, draft, onChange, issues }: Omit<EditorProps, 'engagementId'> & { detail: SurveyDetail }) {
  const { t } = useTranslation();
  const options = useWeightingOptions(detail);
  const weightingLabel = useWeightingFallback();
  const value = draft.research.survey.weighting;
  return (
    <Select
      label={t('deliverables.evidence.weighting')}
      data={withCurrent(options, value, (w) => weightingLabel(w, false))}
      value={value}
      onChange={(v) => v && onChange(setSurvey(draft, { weighting: v }))}
      error={issues.get('survey.weighting')}
      allowDeselect={false}
    />
  );
}

/**
 * A list of the draft's evidence (its tables or its claims): the heading, the rows, the list's own
 * issue, what it waits for before a row can be added (`blocked`, none when it can) and the add button.
 */
function DraftList({
  title,
  hint,
  error,
  blocked,
  addLabel,
  onAdd,
  children,
}: {
  title: string;
  hint?: string;
  error: string | undefined;
  blocked: string | null;
  addLabel: string;
  onAdd: () => void;
  children: ReactNode;
}) {
  const heading = (
    <Text fw={600} size="sm">
      {title}
    </Text>
  );
  return (
    <Stack gap="sm">
      {hint ? (
        <Stack gap={2}>
          {heading}
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        </Stack>
      ) : (
        heading
      )}
      {children}
      {error && (
        <Text size="sm" c="red">
          {error}
        </Text>
      )}
      {blocked !== null && (
        <Text size="sm" c="dimmed">
          {blocked}
        </Text>
      )}
      <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} w="fit-content" onClick={onAdd} disabled={blocked !== null}>
        {addLabel}
      </Button>
    </Stack>
  );
}

/** The remove button of one row of a list. */
function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <ActionIcon variant="subtle" color="red" aria-label={label} onClick={onClick}>
      <IconTrash size={16} />
    </ActionIcon>
  );
}

function TablesEditor({
  draft,
  onChange,
  issues,
  detail,
  sections,
}: EditorProps & { detail: SurveyDetail | undefined; sections: Option[] }) {
  const { t } = useTranslation();
  const questions = detail?.version.codebook.questions ?? [];
  const stubs = questions.filter(canBeStub).map((q) => ({ value: q.key, label: questionLabel(q) }));
  const banners = questions.filter(canBeBanner).map((q) => ({ value: q.key, label: questionLabel(q) }));
  const noSurvey = draft.research.survey.id === null;
  return (
    <DraftList
      title={t('deliverables.evidence.tables')}
      error={issues.get('tables')}
      blocked={noSurvey ? t('deliverables.evidence.needsSurvey') : null}
      addLabel={t('deliverables.evidence.addTable')}
      onAdd={() => onChange(addTable(draft))}
    >
      {draft.research.tables.map((table, i) => (
        <TableRow
          key={table.uid}
          table={table}
          index={i}
          draft={draft}
          onChange={onChange}
          issues={issues}
          stubs={stubs}
          banners={banners}
          sections={sections}
        />
      ))}
    </DraftList>
  );
}

function TableRow({
  table,
  index,
  draft,
  onChange,
  issues,
  stubs,
  banners,
  sections,
}: Omit<EditorProps, 'engagementId'> & { table: TableDraft; index: number; stubs: Option[]; banners: Option[]; sections: Option[] }) {
  const { t } = useTranslation();
  const n = index + 1;
  const at = (field: string) => issues.get(`tables.${index}.${field}`);
  const set = (change: Partial<Omit<TableDraft, 'uid'>>) => onChange(updateTable(draft, table.uid, change));
  return (
    <Fieldset legend={t('deliverables.evidence.table', { n })} data-testid="table-editor">
      <Stack gap="xs">
        <Group align="flex-start" grow>
          <TextInput
            label={t('deliverables.evidence.tableTitle')}
            value={table.title}
            onChange={(e) => set({ title: e.currentTarget.value })}
            error={at('title')}
            maxLength={200}
            required
          />
          <TextInput
            label={t('deliverables.evidence.tableKey')}
            description={t('deliverables.evidence.tableKeyHint')}
            value={table.key}
            onChange={(e) => set({ key: e.currentTarget.value })}
            error={at('key')}
            maxLength={60}
            ff="monospace"
          />
        </Group>
        <Group align="flex-start" grow>
          <Select
            label={t('deliverables.evidence.stub')}
            data={withCurrent(stubs, table.stub)}
            value={table.stub}
            onChange={(stub) => set({ stub })}
            error={at('stub')}
            searchable
            required
          />
          <Select
            label={t('deliverables.evidence.banner')}
            data={withCurrent(banners, table.banner)}
            value={table.banner}
            onChange={(banner) => set({ banner })}
            error={at('banner')}
            searchable
            required
          />
          <Select
            label={t('deliverables.evidence.tableSection')}
            placeholder={t('deliverables.evidence.tableSectionNone')}
            data={withCurrent(sections, table.section)}
            value={table.section}
            onChange={(section) => set({ section })}
            error={at('section')}
            clearable
          />
        </Group>
        <Group justify="space-between">
          <Checkbox
            label={t('deliverables.evidence.showsBase')}
            checked={table.showsBase}
            onChange={(e) => set({ showsBase: e.currentTarget.checked })}
            error={at('showsBase')}
          />
          <RemoveButton label={t('deliverables.evidence.removeTable', { n })} onClick={() => onChange(removeTable(draft, table.uid))} />
        </Group>
      </Stack>
    </Fieldset>
  );
}

function ClaimsEditor({ engagementId, draft, onChange, issues, sections }: EditorProps & { sections: Option[] }) {
  const { t } = useTranslation();
  return (
    <DraftList
      title={t('deliverables.evidence.claims')}
      hint={t('deliverables.evidence.claimsHint')}
      error={issues.get('claims')}
      blocked={draft.research.tables.length === 0 ? t('deliverables.evidence.needsTable') : null}
      addLabel={t('deliverables.evidence.addClaim')}
      onAdd={() => onChange(addClaim(draft))}
    >
      {draft.research.claims.map((claim, i) => (
        <ClaimRow
          key={claim.uid}
          engagementId={engagementId}
          claim={claim}
          index={i}
          draft={draft}
          onChange={onChange}
          issues={issues}
          sections={sections}
        />
      ))}
    </DraftList>
  );
}

/** The crosstab a claim names, as the checks will compute it: its row and column labels feed the claim's choices. */
function useClaimCells(engagementId: string, draft: SubmissionDraft, tableKey: string | null): ClaimCells {
  const survey = draft.research.survey;
  const table = draft.research.tables.find((x) => x.key === tableKey);
  const ready = survey.id !== null && survey.version !== null && table?.stub && table.banner;
  const result = useCrosstab(
    engagementId,
    survey.id ?? '',
    ready
      ? {
          stub: table.stub ?? '',
          banner: table.banner ?? '',
          yates: false,
          version: survey.version ?? 1,
          weighting: survey.weighting,
          alpha: survey.alpha,
          correction: survey.correction,
        }
      : null,
  );
  return claimCells({ ready: Boolean(ready), data: result.data, isPlaceholderData: result.isPlaceholderData, isError: result.isError });
}

function ClaimRow({
  engagementId,
  claim,
  index,
  draft,
  onChange,
  issues,
  sections,
}: EditorProps & { claim: ClaimDraft; index: number; sections: Option[] }) {
  const { t } = useTranslation();
  const n = index + 1;
  const at = (field: string) => issues.get(`claims.${index}.${field}`);
  const set = (change: Partial<Omit<ClaimDraft, 'uid'>>) => onChange(updateClaim(draft, claim.uid, change));
  const cells = useClaimCells(engagementId, draft, claim.table);
  const tables = keyedOptions(draft.research.tables);
  const stub = draft.research.tables.find((x) => x.key === claim.table)?.stub ?? null;
  const means = cells.kind === 'means' && stub !== null;
  // A means table has no row to pick: the claim names the stub question (from the latest draft,
  // so that several claims filled in one render all keep their row).
  useEffect(() => {
    if (means && stub !== null && claim.row !== stub) onChange((d) => meansClaimRow(d, claim.uid, stub));
  }, [means, stub, claim.row, claim.uid, onChange]);
  const rows = cells.kind === 'crosstab' ? cells.rows : null;
  const cols = cells.kind === 'crosstab' || cells.kind === 'means' ? cells.cols : null;
  const cell = (field: 'row' | 'column' | 'than', label: string, labels: readonly string[] | null) =>
    labels ? (
      <Select
        label={label}
        data={withCurrent(
          labels.map((l) => ({ value: l, label: l })),
          claim[field] || null,
        )}
        value={claim[field] || null}
        onChange={(v) => set({ [field]: v ?? '' })}
        error={at(field)}
        searchable
        required
      />
    ) : (
      <TextInput
        label={label}
        value={claim[field]}
        onChange={(e) => set({ [field]: e.currentTarget.value })}
        error={at(field)}
        maxLength={200}
        required
      />
    );
  return (
    <Fieldset legend={t('deliverables.evidence.claim', { n })} data-testid="claim-editor" data-cells={cells.kind}>
      <Stack gap="xs">
        <Group align="flex-start" grow>
          <Select
            label={t('deliverables.evidence.claimTable')}
            data={withCurrent(tables, claim.table)}
            value={claim.table}
            onChange={(table) => set({ table })}
            error={at('table')}
            allowDeselect={false}
            required
          />
          <Select
            label={t('deliverables.evidence.claimSection')}
            data={withCurrent(sections, claim.section)}
            value={claim.section}
            onChange={(section) => set({ section })}
            error={at('section')}
            allowDeselect={false}
            required
          />
        </Group>
        {cells.kind === 'loading' && (
          <Group gap="xs" role="status">
            <Loader size="xs" />
            <Text size="xs" c="dimmed">
              {t('deliverables.evidence.cellsLoading')}
            </Text>
          </Group>
        )}
        {means && (
          <Text size="xs" c="dimmed">
            {t('deliverables.evidence.meansHint')}
          </Text>
        )}
        <Group align="flex-start" grow>
          {cells.kind !== 'loading' && !means && cell('row', t('deliverables.evidence.row'), rows)}
          {cells.kind !== 'loading' && cell('column', t('deliverables.evidence.column'), cols)}
          <Select
            label={t('deliverables.evidence.claimKind')}
            data={(['higher', 'no_difference'] as const).map((k) => ({ value: k, label: t(`deliverables.evidence.claimKindOption.${k}`) }))}
            value={claim.claim}
            onChange={(v) => v && set({ claim: v as ClaimDraft['claim'] })}
            error={at('claim')}
            allowDeselect={false}
          />
          {cells.kind !== 'loading' && cell('than', t('deliverables.evidence.than'), cols)}
        </Group>
        <Group justify="flex-end">
          <RemoveButton label={t('deliverables.evidence.removeClaim', { n })} onClick={() => onChange(removeClaim(draft, claim.uid))} />
        </Group>
      </Stack>
    </Fieldset>
  );
}

function SizingsEditor({ engagementId, draft, onChange, issues }: EditorProps) {
  const { t } = useTranslation();
  const sizings = useSizings(engagementId);
  const list = sizings.data ?? [];
  const chosen = draft.research.sizings;
  const titleOf = (id: string) =>
    list.find((s) => s.id === id)?.title ??
    (sizings.isPending ? t('deliverables.evidence.loading') : t('deliverables.evidence.sizingUnavailable'));
  const options = [
    ...list.map((s) => ({ value: s.id, label: s.title })),
    ...chosen.filter((c) => !list.some((s) => s.id === c.id)).map((c) => ({ value: c.id, label: titleOf(c.id) })),
  ];
  if (sizings.isSuccess && list.length === 0 && chosen.length === 0) {
    return (
      <Stack gap={2}>
        <Text fw={600} size="sm">
          {t('deliverables.evidence.sizings')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('deliverables.evidence.noSizings')}
        </Text>
      </Stack>
    );
  }
  return (
    <Stack gap="xs">
      {sizings.isError && (
        <ErrorAlert error={sizings.error} title={t('deliverables.evidence.sizingsFailed')} onRetry={() => void sizings.refetch()} />
      )}
      <MultiSelect
        label={t('deliverables.evidence.sizings')}
        description={t('deliverables.evidence.sizingsHint')}
        data={options}
        value={chosen.map((c) => c.id)}
        onChange={(ids) => onChange(setSizings(draft, ids, (id) => list.find((s) => s.id === id)?.latestVersion ?? null))}
        error={issues.get('sizings')}
        rightSection={loadingSection(sizings.isPending)}
        searchable
        clearable
      />
      {chosen.map((c, i) => {
        const latest = list.find((s) => s.id === c.id)?.latestVersion;
        const error = issues.get(`sizings.${i}.version`) ?? issues.get(`sizings.${i}.id`) ?? issues.get(`sizings.${i}`);
        return (
          <NumberInput
            key={c.uid}
            label={t('deliverables.evidence.sizingVersion', { title: titleOf(c.id) })}
            description={latest ? t('deliverables.evidence.sizingVersionHint', { latest }) : undefined}
            value={c.version ?? ''}
            onChange={(v) => onChange(setSizingVersion(draft, c.uid, typeof v === 'number' ? v : null))}
            min={1}
            {...(latest ? { max: latest } : {})}
            allowDecimal={false}
            error={error}
            maw={420}
          />
        );
      })}
    </Stack>
  );
}
