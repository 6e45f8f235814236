import {
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  List,
  Loader,
  Modal,
  NumberInput,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Stepper,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconFileSpreadsheet } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FinancialModel, HistoricalYear } from '../../../shared/contracts/financial-model';
import type { ImportFile, ImportPreview } from '../../../shared/contracts/financial-model-api';
import { isApiError } from '../../api/errors';
import { financialModelsApi } from '../../api/financialModels';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLocale } from '../../hooks/useLocale';
import { useTranslator } from '../../hooks/useTranslator';
import { issueMessage } from '../../lib/errorText';
import {
  base64FromDataUrl,
  buildMapping,
  type Cell,
  checkImportFile,
  columnLetters,
  duplicateLines,
  formFromPreview,
  type ImportFileCheck,
  importFit,
  importIssueWords,
  keyLines,
  lineLabelKey,
  type MappingForm,
  mappedYears,
  type PlacedImportIssue,
  placeImportIssues,
  scaleOptions,
  setLine,
  tableHeaders,
  tableLabels,
  tableShape,
  withLayout,
} from '../../lib/financial-models/historicalsImport';
import { amountUnitLabel, formatNumber } from '../../lib/financial-models/numbers';

/** The file as FileReader gives it, base64 without the data-URL prefix. */
function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      try {
        resolve(base64FromDataUrl(String(reader.result)));
      } catch (e) {
        reject(e);
      }
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

const scaleKeys: Record<(typeof scaleOptions)[number], 'ones' | 'thousandths' | 'millionths' | 'thousands'> = {
  1: 'ones',
  0.001: 'thousandths',
  0.000001: 'millionths',
  1000: 'thousands',
};

interface ImportHistoricalsModalProps {
  opened: boolean;
  onClose: () => void;
  engagementId: string;
  /** The draft as it is: its last historical year and unit are compared with the file's. */
  doc: FinancialModel;
  onUse: (historicals: HistoricalYear[]) => void;
}

type Step = 0 | 1 | 2;

/**
 * Historical statements from a .csv or .xlsx file, in three steps: choose the file (and the
 * sheet), correct the suggested mapping of labels to lines and headers to years, check what came
 * out and put it into the draft (which the editor then treats as any other edit).
 */
export function ImportHistoricalsModal({ opened, onClose, engagementId, doc, onUse }: ImportHistoricalsModalProps) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>(0);
  const [file, setFile] = useState<File | null>(null);
  const [check, setCheck] = useState<ImportFileCheck | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [upload, setUpload] = useState<ImportFile | null>(null);
  const [form, setForm] = useState<MappingForm | null>(null);
  /** The last table read: it stays while another sheet is read, or when that fails. */
  const [shown, setShown] = useState<ImportPreview | null>(null);

  const apply = useMutation({
    mutationFn: (mapping: MappingForm) => {
      if (!upload) throw new Error('No file.');
      return financialModelsApi.importHistoricals(engagementId, { ...upload, mapping: buildMapping(mapping) });
    },
    onSuccess: () => setStep(2),
  });

  const preview = useMutation({
    mutationFn: (body: ImportFile) => financialModelsApi.importPreview(engagementId, body),
    onSuccess: (p, body) => {
      setShown(p);
      setUpload({ ...body, ...(p.sheet !== null && { sheet: p.sheet }) });
      setForm(formFromPreview(p));
      apply.reset();
    },
  });
  const reset = () => {
    setStep(0);
    setFile(null);
    setCheck(null);
    setReadError(null);
    setUpload(null);
    setForm(null);
    setShown(null);
    preview.reset();
    apply.reset();
  };
  const close = () => {
    reset();
    onClose();
  };

  const chooseFile = async (chosen: File | null) => {
    reset();
    setFile(chosen);
    if (!chosen) return;
    const checked = checkImportFile(chosen);
    setCheck(checked);
    if (!checked.ok) return;
    try {
      const contentBase64 = await readAsBase64(chosen);
      preview.mutate({ fileName: chosen.name, contentBase64 });
    } catch (e) {
      setReadError(e instanceof Error ? e.message : String(e));
    }
  };

  const chooseSheet = (sheet: string | null) => {
    if (!sheet || !upload || sheet === (preview.variables?.sheet ?? upload.sheet)) return;
    preview.mutate({ fileName: upload.fileName, contentBase64: upload.contentBase64, sheet });
  };

  const p = shown;
  const ready = !!p && !!form && !preview.isPending && !preview.error;

  return (
    <Modal opened={opened} onClose={close} title={t('models.import.title')} size="xl">
      <Stack gap="md">
        <Stepper active={step} size="sm" onStepClick={(s) => s < step && setStep(s as Step)} allowNextStepsSelect={false}>
          <Stepper.Step label={t('models.import.stepFile')} description={t('models.import.stepFileHint')} />
          <Stepper.Step label={t('models.import.stepMapping')} description={t('models.import.stepMappingHint')} />
          <Stepper.Step label={t('models.import.stepResult')} description={t('models.import.stepResultHint')} />
        </Stepper>

        {step === 0 && (
          <Stack gap="sm">
            <FileInput
              label={t('models.import.file')}
              description={t('models.import.fileHint')}
              placeholder={t('models.import.filePlaceholder')}
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              value={file}
              onChange={(f) => void chooseFile(f)}
              leftSection={<IconFileSpreadsheet size={16} />}
              clearable
            />
            {check && !check.ok && (
              <Alert color="red" variant="light" role="alert" data-testid="import-file-problem">
                {t(`models.import.${check.problem === 'type' ? 'wrongType' : check.problem === 'too_large' ? 'tooLarge' : 'empty'}`)}
              </Alert>
            )}
            {readError && (
              <Alert color="red" variant="light" role="alert">
                {t('models.import.unreadable', { detail: readError })}
              </Alert>
            )}
            {preview.isPending && (
              <Group gap="xs">
                <Loader size="xs" />
                <Text size="sm">{t('models.import.reading')}</Text>
              </Group>
            )}
            {preview.error &&
              (isApiError(preview.error) && preview.error.code === 'payload_too_large' ? (
                <Alert color="red" variant="light" role="alert">
                  {t('models.import.serverTooLarge')}
                </Alert>
              ) : (
                <ImportErrorAlert error={preview.error} />
              ))}
            {p && p.sheets.length > 1 && (
              <Select
                label={t('models.import.sheet')}
                description={t('models.import.sheetHint')}
                data={p.sheets}
                value={preview.variables?.sheet ?? p.sheet}
                onChange={chooseSheet}
                allowDeselect={false}
                w={320}
              />
            )}
            {p && upload && (
              <Text size="sm" c="teal.8" data-testid="import-read">
                {t('models.import.read', { file: upload.fileName, rows: p.totalRows })}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button disabled={!ready} onClick={() => setStep(1)}>
                {t('models.import.next')}
              </Button>
            </Group>
          </Stack>
        )}

        {step === 1 && p && form && (
          <MappingStep
            preview={p}
            form={form}
            doc={doc}
            onForm={(next, layoutChanged) => {
              setForm(next);
              if (layoutChanged) apply.reset();
            }}
            issues={apply.error}
            applying={apply.isPending}
            onBack={() => setStep(0)}
            onApply={() => apply.mutate(form)}
          />
        )}

        {step === 2 && apply.data && (
          <ResultStep
            historicals={apply.data.historicals}
            unmapped={apply.data.unmappedLabels}
            doc={doc}
            onBack={() => setStep(1)}
            onUse={() => {
              onUse(apply.data.historicals);
              close();
            }}
          />
        )}
      </Stack>
    </Modal>
  );
}

/** A refused file or mapping, and each of its problems, in the reader's language. */
function ImportErrorAlert({ error }: { error: unknown }) {
  const tr = useTranslator();
  return <ErrorAlert error={error} extra={isApiError(error) ? error.issues.map((i) => issueMessage(i, tr)) : []} />;
}

// ---------- step 2: the mapping ----------

interface MappingStepProps {
  preview: ImportPreview;
  form: MappingForm;
  doc: FinancialModel;
  onForm: (form: MappingForm, layoutChanged: boolean) => void;
  issues: unknown;
  applying: boolean;
  onBack: () => void;
  onApply: () => void;
}

function MappingStep({ preview, form, doc, onForm, issues, applying, onBack, onApply }: MappingStepProps) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const locale = useLocale();
  const rows = preview.rows;
  const inRows = form.orientation === 'linesInRows';
  const shape = tableShape(rows, form.orientation);
  const labels = useMemo(
    () => tableLabels(rows, form.orientation, form.headerIndex, form.labelIndex),
    [rows, form.orientation, form.headerIndex, form.labelIndex],
  );
  const headers = useMemo(
    () => tableHeaders(rows, form.orientation, form.headerIndex, form.labelIndex),
    [rows, form.orientation, form.headerIndex, form.labelIndex],
  );
  const twice = duplicateLines(form);
  const placed = useMemo(
    () =>
      isApiError(issues) && issues.code === 'invalid_input' && issues.issues.length > 0
        ? placeImportIssues(issues.issues, form, rows, mappedYears(rows, form))
        : null,
    [issues, form, rows],
  );
  const lineName = (id: string) => (tr.exists(lineLabelKey(id)) ? tr.t(lineLabelKey(id)) : id);
  const lineData = [
    { value: '', label: t('models.import.leaveOut') },
    ...(['incomeStatement', 'balanceSheet', 'cashFlow'] as const).map((section) => ({
      group: t(`models.import.group.${section}`),
      items: preview.lineIds.filter((id) => id.startsWith(`${section}.`)).map((id) => ({ value: id, label: lineName(id) })),
    })),
  ];
  const leftOut = labels.filter((l) => form.lines[l.label] === null).map((l) => l.label);
  const noYear = headers.every((h) => (form.years[h.header] ?? h.detected) === null);

  const lineOptions = (count: number, kind: 'row' | 'column') =>
    Array.from({ length: count }, (_, i) => ({
      value: String(i),
      label: kind === 'row' ? t('models.import.rowOption', { row: i + 1 }) : t('models.import.columnOption', { column: columnLetters(i) }),
    }));
  const layout = (change: Partial<Pick<MappingForm, 'orientation' | 'headerIndex' | 'labelIndex'>>) =>
    onForm(withLayout(form, preview, change), true);

  const issueText = (p: PlacedImportIssue): string => {
    const words = importIssueWords(p, rows);
    return words ? tr.t(`models.import.issue.${words.key}`, words.values) : issueMessage(p.issue, tr);
  };
  const issueWhere = (p: PlacedImportIssue, withLabel: boolean): string | null => {
    if (p.cell) return t('models.import.issueCell', { cell: p.cell });
    if (p.year !== null && p.lineId)
      return t('models.import.issueYearLine', { year: t('models.fy', { year: p.year }), line: lineName(p.lineId) });
    const [head, second, third] = p.issue.path;
    if (withLabel && head === 'mapping' && second === 'lines' && typeof third === 'string')
      return t('models.import.issueLabel', { label: third });
    return p.issue.path.length > 0 ? p.issue.path.join('.') : null;
  };

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={3} size="h6">
          {t('models.import.table')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('models.import.tableLegend')}
          {preview.totalRows > rows.length && ` ${t('models.import.tableShown', { shown: rows.length, total: preview.totalRows })}`}
        </Text>
        <PreviewTable rows={rows} form={form} />
      </Stack>

      <Group gap="md" align="flex-end" wrap="wrap">
        <Stack gap={2}>
          <Text size="sm" fw={500} id="import-orientation">
            {t('models.import.orientation')}
          </Text>
          <SegmentedControl
            aria-labelledby="import-orientation"
            size="xs"
            value={form.orientation}
            onChange={(v) => layout({ orientation: v as MappingForm['orientation'], headerIndex: 0, labelIndex: 0 })}
            data={[
              { value: 'linesInRows', label: t('models.import.linesInRows') },
              { value: 'linesInColumns', label: t('models.import.linesInColumns') },
            ]}
          />
        </Stack>
        <Select
          size="xs"
          w={170}
          label={inRows ? t('models.import.headerRow') : t('models.import.headerColumn')}
          data={lineOptions(shape.lines, inRows ? 'row' : 'column')}
          value={String(form.headerIndex)}
          onChange={(v) => v !== null && layout({ headerIndex: Number(v) })}
          allowDeselect={false}
        />
        <Select
          size="xs"
          w={170}
          label={inRows ? t('models.import.labelColumn') : t('models.import.labelRow')}
          data={lineOptions(shape.across, inRows ? 'column' : 'row')}
          value={String(form.labelIndex)}
          onChange={(v) => v !== null && layout({ labelIndex: Number(v) })}
          allowDeselect={false}
        />
      </Group>

      <Stack gap={4}>
        <Title order={3} size="h6">
          {t('models.import.lines')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('models.import.linesIntro')}
        </Text>
        {labels.length === 0 ? (
          <Alert color="yellow" variant="light">
            {t('models.import.noLabels')}
          </Alert>
        ) : (
          <Table withTableBorder verticalSpacing={4} data-testid="import-lines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('models.import.label')}</Table.Th>
                <Table.Th w={70}>{t('models.import.cell')}</Table.Th>
                <Table.Th w={300}>{t('models.import.mapsTo')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {labels.map(({ label, address }) => {
                const chosen = form.lines[label] ?? null;
                const rowIssues = placed?.byLabel.get(label) ?? [];
                const duplicate = chosen !== null && twice.has(chosen);
                return (
                  <Table.Tr key={label} data-testid="import-line" data-label={label} data-invalid={rowIssues.length > 0 || undefined}>
                    <Table.Td>
                      <Text size="sm">{label}</Text>
                      {rowIssues.map((p) => (
                        <Text key={`${p.cell}-${p.issue.code}-${p.issue.message}`} size="xs" c="red.8" data-testid="import-line-issue">
                          {p.cell ? `${p.cell}: ` : ''}
                          {issueText(p)}
                        </Text>
                      ))}
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {address}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Select
                        size="xs"
                        aria-label={t('models.import.mapsToLabel', { label })}
                        data={lineData}
                        value={chosen ?? ''}
                        onChange={(v) => onForm(setLine(form, label, v ? v : null), false)}
                        allowDeselect={false}
                        maxDropdownHeight={320}
                        error={duplicate ? t('models.import.duplicate') : rowIssues.length > 0}
                        comboboxProps={{ withinPortal: true }}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        <Text size="xs" c="dimmed" data-testid="import-left-out">
          {leftOut.length > 0 ? t('models.import.leftOut', { labels: leftOut.join('、') }) : t('models.import.allMapped')}
        </Text>
      </Stack>

      <Stack gap={4}>
        <Title order={3} size="h6">
          {t('models.import.years')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('models.import.yearsIntro')}
        </Text>
        <Table withTableBorder verticalSpacing={4} data-testid="import-years">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('models.import.header')}</Table.Th>
              <Table.Th w={70}>{t('models.import.cell')}</Table.Th>
              <Table.Th>{t('models.import.detected')}</Table.Th>
              <Table.Th w={170}>{t('models.import.override')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {headers.map((h) => (
              <Table.Tr key={h.address}>
                <Table.Td>
                  <Text size="sm">{h.header}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {h.address}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {h.detected === null ? (
                    <Text size="sm" c="dimmed">
                      {t('models.import.notDetected')}
                    </Text>
                  ) : (
                    <Text size="sm">{t('models.fy', { year: h.detected })}</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    size="xs"
                    aria-label={t('models.import.overrideLabel', { header: h.header })}
                    placeholder={h.detected === null ? '' : String(h.detected)}
                    value={form.years[h.header] ?? ''}
                    onChange={(v) => {
                      const year = typeof v === 'number' && Number.isInteger(v) ? v : null;
                      onForm({ ...form, years: { ...form.years, [h.header]: year } }, false);
                    }}
                    allowDecimal={false}
                    allowNegative={false}
                    thousandSeparator={false}
                    min={1900}
                    max={2200}
                    hideControls
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {noYear && (
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={16} />}>
            {t('models.import.noYears')}
          </Alert>
        )}
      </Stack>

      <Stack gap={4}>
        <Title order={3} size="h6">
          {t('models.import.amounts')}
        </Title>
        <Group gap="lg" align="flex-end">
          <Select
            size="xs"
            w={280}
            label={t('models.import.scale')}
            description={t('models.import.scaleHint', { unit: amountUnitLabel(doc.meta.unit, doc.meta.currency, locale) })}
            data={scaleOptions.map((s) => ({ value: String(s), label: t(`models.import.scaleOption.${scaleKeys[s]}`) }))}
            value={String(form.scale)}
            onChange={(v) => v !== null && onForm({ ...form, scale: Number(v) }, false)}
            allowDeselect={false}
          />
          <Switch
            label={t('models.import.expensesAsPositive')}
            description={t('models.import.expensesHint')}
            checked={form.expensesAsPositive}
            onChange={(e) => onForm({ ...form, expensesAsPositive: e.currentTarget.checked }, false)}
            maw={420}
          />
        </Group>
      </Stack>

      {placed && (
        <Alert
          color="red"
          variant="light"
          role="alert"
          title={t('models.import.refused', { count: placed.all.length })}
          data-testid="import-issues"
        >
          <List size="sm" spacing={2}>
            {placed.all.map((p) => {
              const where = issueWhere(p, true);
              return (
                <List.Item key={`${p.issue.path.join('.')}-${p.issue.code}-${p.issue.message}`}>
                  {where && (
                    <Text span size="sm" fw={600}>
                      {where}:{' '}
                    </Text>
                  )}
                  <Text span size="sm">
                    {issueText(p)}
                  </Text>
                </List.Item>
              );
            })}
          </List>
        </Alert>
      )}
      {issues && !placed ? <ImportErrorAlert error={issues} /> : null}

      <Group justify="space-between">
        <Button variant="default" onClick={onBack}>
          {t('models.import.back')}
        </Button>
        <Button onClick={onApply} loading={applying} disabled={labels.length === 0}>
          {t('models.import.apply')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The first rows and columns as read, with the header line and the label line coloured. */
function PreviewTable({ rows, form }: { rows: readonly (readonly Cell[])[]; form: MappingForm }) {
  const cols = Math.max(0, ...rows.map((r) => r.length));
  const inRows = form.orientation === 'linesInRows';
  const role = (r: number, c: number): 'header' | 'label' | null => {
    const line = inRows ? r : c;
    const at = inRows ? c : r;
    if (line === form.headerIndex) return 'header';
    if (at === form.labelIndex) return 'label';
    return null;
  };
  const background = { header: 'var(--mantine-color-blue-light)', label: 'var(--mantine-color-grape-light)' } as const;
  return (
    <ScrollArea.Autosize mah={300} type="auto" offsetScrollbars>
      <Table withTableBorder withColumnBorders verticalSpacing={2} horizontalSpacing={6} fz="xs" data-testid="import-preview">
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            {Array.from({ length: cols }, (_, c) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are positions
              <Table.Th key={c} ta="center" c="dimmed">
                {columnLetters(c)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions
            <Table.Tr key={r}>
              <Table.Td c="dimmed" ta="right">
                {r + 1}
              </Table.Td>
              {Array.from({ length: cols }, (_, c) => {
                const kind = role(r, c);
                const cell = row[c] ?? null;
                return (
                  <Table.Td
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns are positions
                    key={c}
                    data-role={kind ?? undefined}
                    style={{ whiteSpace: 'nowrap', ...(kind && { background: background[kind], fontWeight: 600 }) }}
                    ta={typeof cell === 'number' ? 'right' : undefined}
                  >
                    {cell === null ? '' : String(cell)}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}

// ---------- step 3: the result ----------

interface ResultStepProps {
  historicals: HistoricalYear[];
  unmapped: string[];
  doc: FinancialModel;
  onBack: () => void;
  onUse: () => void;
}

function ResultStep({ historicals, unmapped, doc, onBack, onUse }: ResultStepProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const lines = keyLines(historicals);
  const fit = importFit(doc, historicals);
  const fy = (year: number | null) => (year === null ? '—' : t('models.fy', { year }));
  const unit = amountUnitLabel(doc.meta.unit, doc.meta.currency, locale);
  const rows: { key: string; label: string; value: (l: (typeof lines)[number]) => number | null }[] = [
    { key: 'revenue', label: t('models.import.lineId.incomeStatement_revenue'), value: (l) => l.revenue },
    { key: 'ebitda', label: t('models.import.ebitda'), value: (l) => l.ebitda },
    { key: 'operatingIncome', label: t('models.import.lineId.incomeStatement_operatingIncome'), value: (l) => l.operatingIncome },
    { key: 'netIncome', label: t('models.import.lineId.incomeStatement_netIncome'), value: (l) => l.netIncome },
  ];
  return (
    <Stack gap="md">
      <Text size="sm" data-testid="import-result-summary">
        {t('models.import.result', { count: historicals.length, first: fy(lines[0]?.year ?? null), last: fy(fit.importedLast) })}
      </Text>
      <Stack gap={4}>
        <Title order={3} size="h6">
          {t('models.import.keyLines', { unit })}
        </Title>
        <ScrollArea type="auto">
          <Table withTableBorder verticalSpacing={4} data-testid="import-result">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('models.import.line')}</Table.Th>
                {lines.map((l) => (
                  <Table.Th key={l.year} ta="right">
                    {fy(l.year)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.key}>
                  <Table.Td>{row.label}</Table.Td>
                  {lines.map((l) => (
                    <Table.Td key={l.year} ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {formatNumber(row.value(l), locale)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Stack>
      {unmapped.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('models.import.notImported', { labels: unmapped.join('、') })}
        </Text>
      )}
      {fit.importedLast !== null && (
        <Text size="sm">
          <Badge variant="light" mr={6} tt="none">
            {fy(fit.importedLast + 1)}
          </Badge>
          {t('models.import.forecastNote', { year: fy(fit.importedLast + 1) })}
        </Text>
      )}
      {fit.lastYearDiffers && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={16} />} data-testid="import-year-warning">
          {t('models.import.lastYearDiffers', { imported: fy(fit.importedLast), current: fy(fit.currentLast) })}
        </Alert>
      )}
      {(fit.losesBalanceSheet || fit.losesCashFlow) && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={16} />}>
          <Stack gap={2}>
            {fit.losesBalanceSheet && <Text size="sm">{t('models.import.losesBalanceSheet')}</Text>}
            {fit.losesCashFlow && <Text size="sm">{t('models.import.losesCashFlow')}</Text>}
          </Stack>
        </Alert>
      )}
      <Group justify="space-between">
        <Button variant="default" onClick={onBack}>
          {t('models.import.back')}
        </Button>
        <Button onClick={onUse}>{t('models.import.use')}</Button>
      </Group>
    </Stack>
  );
}
