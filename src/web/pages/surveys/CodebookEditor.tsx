import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconPlus, IconTag, IconTrash } from '@tabler/icons-react';
import { memo, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { multipleFormats, type QuestionType, questionTypes, type ValueLabel } from '../../../shared/contracts/market-research';
import {
  type EditableCodebook,
  type EditableQuestion,
  ignoredColumns,
  type LocalProblem,
  localProblems,
  questionForColumn,
  withType,
} from './codebook';

interface CodebookEditorProps {
  value: EditableCodebook;
  /** Gets the change as a function of the codebook before it (rows keep their callbacks between edits). */
  onChange: (change: (prev: EditableCodebook) => EditableCodebook) => void;
  /** The file's columns, in order. */
  header: readonly string[];
  /** The distinct values of a column in the file's first rows (to start value labels from). */
  known: (column: string) => string[];
  /** The server's issues, by question index. */
  issues: ReadonlyMap<number, readonly string[]>;
  disabled?: boolean;
}

/**
 * The codebook, a row per question: key, text, type, the columns it reads, value labels, missing
 * codes, a Likert scale and its reverse keying, the grid it belongs to. Removing a question ignores
 * its columns; an ignored column can be added back. Problems the editor can see are marked at once;
 * the server's (a code in the data the labels do not hold, with its line) on the question they name.
 */
export function CodebookEditor({ value, onChange, header, known, issues, disabled = false }: CodebookEditorProps) {
  const { t } = useTranslation();
  const [labelling, setLabelling] = useState<string | null>(null);
  const problems = useMemo(() => localProblems(value), [value]);
  const ignoredNow = ignoredColumns(header, value);
  // The same array while the same columns are free, so that unchanged rows need not render again.
  const freeKey = ignoredNow.join('\u0000');
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by its content
  const ignored = useMemo(() => ignoredNow, [freeKey]);

  const update = useCallback(
    (rowId: string, change: (q: EditableQuestion) => EditableQuestion) =>
      onChange((prev) => ({ ...prev, questions: prev.questions.map((q) => (q.rowId === rowId ? change(q) : q)) })),
    [onChange],
  );
  const remove = useCallback(
    (rowId: string) => onChange((prev) => ({ ...prev, questions: prev.questions.filter((q) => q.rowId !== rowId) })),
    [onChange],
  );
  const addBack = (column: string) => {
    const at = header.indexOf(column);
    // In the file's order: before the first question that reads a later column.
    const index = value.questions.findIndex((q) => header.indexOf(q.columns[0] ?? '') > at);
    const added = questionForColumn(column, known(column));
    onChange((prev) => {
      const questions = [...prev.questions];
      questions.splice(index < 0 ? questions.length : index, 0, added);
      return { ...prev, questions };
    });
  };
  const open = value.questions.find((q) => q.rowId === labelling) ?? null;

  return (
    <Stack gap="sm">
      <Table.ScrollContainer minWidth={1500}>
        <Table verticalSpacing={6} withTableBorder aria-label={t('surveys.codebook.table')} data-testid="codebook-editor">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={170}>{t('surveys.codebook.key')}</Table.Th>
              <Table.Th w={260}>{t('surveys.codebook.text')}</Table.Th>
              <Table.Th w={160}>{t('surveys.codebook.type')}</Table.Th>
              <Table.Th w={220}>{t('surveys.codebook.columns')}</Table.Th>
              <Table.Th w={170}>{t('surveys.codebook.labels')}</Table.Th>
              <Table.Th w={170}>{t('surveys.codebook.missing')}</Table.Th>
              <Table.Th w={190}>{t('surveys.codebook.scale')}</Table.Th>
              <Table.Th w={140}>{t('surveys.codebook.grid')}</Table.Th>
              <Table.Th w={50}>
                <Text span size="xs" c="dimmed">
                  {t('surveys.codebook.remove')}
                </Text>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {value.questions.map((q, i) => (
              <QuestionRow
                key={q.rowId}
                q={q}
                header={header}
                free={ignored}
                problems={problems.get(q.rowId)}
                issues={issues.get(i)}
                known={known}
                onUpdate={update}
                onRemove={remove}
                onLabels={setLabelling}
                disabled={disabled}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group gap="md" align="flex-end">
        <NativeSelect
          label={t('surveys.codebook.weightColumn')}
          description={t('surveys.codebook.weightColumnHint')}
          value={value.weightColumn ?? ''}
          onChange={(e) => {
            const weightColumn = e.currentTarget.value || null;
            onChange((prev) => ({ ...prev, weightColumn }));
          }}
          data={[
            { value: '', label: t('surveys.codebook.weightColumnNone') },
            ...[...(value.weightColumn ? [value.weightColumn] : []), ...ignored].map((c) => ({ value: c, label: c })),
          ]}
          disabled={disabled}
          w={280}
        />
      </Group>
      {ignored.filter((c) => c !== value.weightColumn).length > 0 && (
        <Stack gap={4} data-testid="ignored-columns">
          <Text size="sm" fw={600}>
            {t('surveys.codebook.ignored')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('surveys.codebook.ignoredIntro')}
          </Text>
          <Group gap={6}>
            {ignored
              .filter((c) => c !== value.weightColumn)
              .map((c) => (
                <Button
                  key={c}
                  size="compact-xs"
                  variant="default"
                  leftSection={<IconPlus size={12} />}
                  onClick={() => addBack(c)}
                  disabled={disabled}
                  aria-label={t('surveys.codebook.addBack', { column: c })}
                >
                  {c}
                </Button>
              ))}
          </Group>
        </Stack>
      )}
      {open && (
        <ValueLabelsModal
          question={open}
          known={open.columns.length === 1 ? known(open.columns[0] ?? '') : []}
          onClose={() => setLabelling(null)}
          onSave={(values) => {
            update(open.rowId, (q) => ({ ...q, values }));
            setLabelling(null);
          }}
        />
      )}
    </Stack>
  );
}

interface QuestionRowProps {
  q: EditableQuestion;
  header: readonly string[];
  /** Columns no question reads, which this one may take. */
  free: readonly string[];
  problems: readonly LocalProblem[] | undefined;
  issues: readonly string[] | undefined;
  known: (column: string) => string[];
  onUpdate: (rowId: string, change: (q: EditableQuestion) => EditableQuestion) => void;
  onRemove: (rowId: string) => void;
  onLabels: (rowId: string) => void;
  disabled: boolean;
}

const QuestionRow = memo(function QuestionRow({
  q,
  header,
  free,
  problems = [],
  issues = [],
  known,
  onUpdate,
  onRemove,
  onLabels,
  disabled,
}: QuestionRowProps) {
  const { t } = useTranslation();
  const column = q.columns[0] ?? q.key;
  const name = (field: string) => t('surveys.codebook.fieldFor', { field, column });
  const set = (patch: Partial<EditableQuestion>) => onUpdate(q.rowId, (x) => ({ ...x, ...patch }));
  const own = new Set(q.columns);
  const columnChoices = header.filter((c) => own.has(c) || free.includes(c));
  const keyProblem = problems.find((p) => p === 'key_required' || p === 'duplicate_key');
  const needsValues = q.type === 'single' || (q.type === 'multiple' && q.multipleFormat === 'delimited');
  const hasIssues = issues.length > 0 || problems.length > 0;

  return (
    <>
      <Table.Tr data-testid="codebook-row" data-column={column} data-invalid={hasIssues || undefined} style={{ verticalAlign: 'top' }}>
        <Table.Td>
          <TextInput
            size="xs"
            aria-label={name(t('surveys.codebook.key'))}
            value={q.key}
            onChange={(e) => set({ key: e.currentTarget.value })}
            error={keyProblem ? t(`surveys.codebook.problem.${keyProblem}`) : undefined}
            disabled={disabled}
          />
        </Table.Td>
        <Table.Td>
          <Textarea
            size="xs"
            autosize
            minRows={1}
            maxRows={4}
            aria-label={name(t('surveys.codebook.text'))}
            placeholder={t('surveys.codebook.textPlaceholder')}
            value={q.text}
            onChange={(e) => set({ text: e.currentTarget.value })}
            disabled={disabled}
          />
        </Table.Td>
        <Table.Td>
          <NativeSelect
            size="xs"
            aria-label={name(t('surveys.codebook.type'))}
            value={q.type}
            onChange={(e) => {
              const type = e.currentTarget.value as QuestionType;
              onUpdate(q.rowId, (x) => withType(x, type, known(x.columns[0] ?? '')));
            }}
            data={questionTypes.map((type) => ({ value: type, label: t(`surveys.questionType.${type}`) }))}
            disabled={disabled}
          />
        </Table.Td>
        <Table.Td>
          {q.type === 'multiple' ? (
            <Stack gap={4}>
              <NativeSelect
                size="xs"
                aria-label={name(t('surveys.codebook.format'))}
                value={q.multipleFormat}
                onChange={(e) => {
                  const multipleFormat = e.currentTarget.value as EditableQuestion['multipleFormat'];
                  set({ multipleFormat, ...(multipleFormat === 'delimited' && { columns: q.columns.slice(0, 1) }) });
                }}
                data={multipleFormats.map((f) => ({ value: f, label: t(`surveys.multipleFormat.${f}`) }))}
                disabled={disabled}
              />
              {q.multipleFormat === 'binary_columns' ? (
                <MultiSelect
                  size="xs"
                  aria-label={name(t('surveys.codebook.columns'))}
                  data={columnChoices}
                  value={q.columns}
                  onChange={(columns) => set({ columns })}
                  searchable
                  disabled={disabled}
                  error={problems.includes('columns_required') ? t('surveys.codebook.problem.columns_required') : undefined}
                />
              ) : (
                <Group gap={4} wrap="nowrap">
                  <NativeSelect
                    size="xs"
                    aria-label={name(t('surveys.codebook.columns'))}
                    value={q.columns[0] ?? ''}
                    onChange={(e) => set({ columns: [e.currentTarget.value] })}
                    data={columnChoices}
                    disabled={disabled}
                    style={{ flex: 1 }}
                  />
                  <TextInput
                    size="xs"
                    w={56}
                    aria-label={name(t('surveys.codebook.delimiter'))}
                    value={q.delimiter}
                    onChange={(e) => set({ delimiter: e.currentTarget.value })}
                    disabled={disabled}
                  />
                </Group>
              )}
            </Stack>
          ) : (
            <NativeSelect
              size="xs"
              aria-label={name(t('surveys.codebook.columns'))}
              value={q.columns[0] ?? ''}
              onChange={(e) => set({ columns: [e.currentTarget.value] })}
              data={columnChoices}
              disabled={disabled}
            />
          )}
        </Table.Td>
        <Table.Td>
          {q.type === 'numeric' || q.type === 'open' ? (
            <Text size="xs" c="dimmed">
              {t('surveys.codebook.noLabels')}
            </Text>
          ) : (
            <Stack gap={2}>
              <Button
                size="compact-xs"
                variant={problems.includes('values_required') ? 'light' : 'subtle'}
                {...(problems.includes('values_required') && { color: 'red' })}
                leftSection={<IconTag size={12} />}
                onClick={() => onLabels(q.rowId)}
                disabled={disabled}
                aria-label={name(t('surveys.codebook.labels'))}
                w="fit-content"
              >
                {t('surveys.codebook.labelCount', { count: q.values.length })}
              </Button>
              <Text size="xs" c="dimmed" lineClamp={2} data-testid="labels-summary">
                {q.values
                  .slice(0, 4)
                  .map((v) => (v.label === v.value ? v.value : `${v.value}=${v.label}`))
                  .join(', ')}
                {q.values.length > 4 ? ' …' : ''}
              </Text>
              {needsValues && problems.includes('values_required') && (
                <Text size="xs" c="red">
                  {t('surveys.codebook.problem.values_required')}
                </Text>
              )}
            </Stack>
          )}
        </Table.Td>
        <Table.Td>
          <TagsInput
            size="xs"
            aria-label={name(t('surveys.codebook.missing'))}
            value={q.missing}
            onChange={(missing) => set({ missing })}
            maxTags={50}
            disabled={disabled}
          />
        </Table.Td>
        <Table.Td>
          {q.type === 'likert' ? (
            <Stack gap={4}>
              <Group gap={4} wrap="nowrap">
                <NumberInput
                  size="xs"
                  w={64}
                  aria-label={name(t('surveys.codebook.scaleMin'))}
                  value={q.scale?.min ?? 1}
                  onChange={(v) => set({ scale: { min: Number(v) || 0, max: q.scale?.max ?? 5 } })}
                  min={-10}
                  max={10}
                  allowDecimal={false}
                  disabled={disabled}
                />
                <Text size="xs">–</Text>
                <NumberInput
                  size="xs"
                  w={64}
                  aria-label={name(t('surveys.codebook.scaleMax'))}
                  value={q.scale?.max ?? 5}
                  onChange={(v) => set({ scale: { min: q.scale?.min ?? 1, max: Number(v) || 0 } })}
                  min={-10}
                  max={20}
                  allowDecimal={false}
                  disabled={disabled}
                  error={problems.includes('scale_order') ? t('surveys.codebook.problem.scale_order') : undefined}
                />
              </Group>
              <Checkbox
                size="xs"
                label={t('surveys.codebook.reverse')}
                aria-label={name(t('surveys.codebook.reverse'))}
                checked={q.reverse}
                onChange={(e) => set({ reverse: e.currentTarget.checked })}
                disabled={disabled}
              />
            </Stack>
          ) : (
            <Text size="xs" c="dimmed">
              {q.type === 'nps' ? t('surveys.codebook.npsScale') : t('common.none')}
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <TextInput
            size="xs"
            aria-label={name(t('surveys.codebook.grid'))}
            value={q.grid ?? ''}
            onChange={(e) => set({ grid: e.currentTarget.value || null })}
            disabled={disabled}
          />
        </Table.Td>
        <Table.Td>
          <Tooltip label={t('surveys.codebook.removeHint')}>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('surveys.codebook.removeQuestion', { key: q.key || column })}
              onClick={() => onRemove(q.rowId)}
              disabled={disabled}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        </Table.Td>
      </Table.Tr>
      {issues.length > 0 && (
        <Table.Tr data-testid="codebook-row-issues">
          <Table.Td colSpan={9} pt={0}>
            <Stack
              gap={2}
              role="list"
              aria-label={t('surveys.codebook.issuesOf', { key: q.key || column })}
              // Kept in view while the wide table is scrolled sideways.
              style={{ position: 'sticky', left: 8, maxWidth: 'min(900px, 80vw)' }}
            >
              {issues.map((text) => (
                <Text key={text} size="xs" c="red" role="listitem">
                  {text}
                </Text>
              ))}
            </Stack>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
});

/** The codes of a question and their labels, in display order (for binary columns: a label per column). */
function ValueLabelsModal({
  question,
  known,
  onClose,
  onSave,
}: {
  question: EditableQuestion;
  known: readonly string[];
  onClose: () => void;
  onSave: (values: ValueLabel[]) => void;
}) {
  const { t } = useTranslation();
  const binary = question.type === 'multiple' && question.multipleFormat === 'binary_columns';
  const [rows, setRows] = useState<ValueLabel[]>(() =>
    binary
      ? question.columns.map((c) => ({ value: c, label: question.values.find((v) => v.value === c)?.label ?? c }))
      : question.values.map((v) => ({ ...v })),
  );
  const missing = known.filter((k) => !rows.some((r) => r.value === k) && !question.missing.includes(k));
  const set = (i: number, patch: Partial<ValueLabel>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const codes = rows.map((r) => r.value.trim());
  const repeated = new Set(codes.filter((c, i) => c !== '' && codes.indexOf(c) !== i));
  return (
    <Modal opened onClose={onClose} title={t('surveys.codebook.labelsTitle', { key: question.key })} size="lg" centered>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {binary ? t('surveys.codebook.labelsIntroBinary') : t('surveys.codebook.labelsIntro')}
        </Text>
        <Table verticalSpacing={4} aria-label={t('surveys.codebook.labelsTitle', { key: question.key })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={160}>{binary ? t('surveys.codebook.column') : t('surveys.codebook.code')}</Table.Th>
              <Table.Th>{t('surveys.codebook.label')}</Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: codes are typed in place; the row is its position
              <Table.Tr key={i}>
                <Table.Td>
                  {binary ? (
                    <Badge variant="outline" color="gray" tt="none">
                      {row.value}
                    </Badge>
                  ) : (
                    <TextInput
                      size="xs"
                      aria-label={t('surveys.codebook.codeN', { n: i + 1 })}
                      value={row.value}
                      onChange={(e) => set(i, { value: e.currentTarget.value })}
                      error={repeated.has(row.value.trim()) ? t('surveys.codebook.problem.duplicate_code') : undefined}
                    />
                  )}
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    aria-label={t('surveys.codebook.labelFor', { code: row.value || i + 1 })}
                    value={row.label}
                    onChange={(e) => set(i, { label: e.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  {!binary && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('surveys.codebook.removeCode', { code: row.value || i + 1 })}
                      onClick={() => setRows(rows.filter((_, j) => j !== i))}
                    >
                      <IconTrash size={14} />
                    </ActionIcon>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {!binary && (
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPlus size={14} />}
              onClick={() => setRows([...rows, { value: '', label: '' }])}
            >
              {t('surveys.codebook.addCode')}
            </Button>
            {missing.length > 0 && (
              <Button size="xs" variant="default" onClick={() => setRows([...rows, ...missing.map((value) => ({ value, label: value }))])}>
                {t('surveys.codebook.addSampleCodes', { count: missing.length })}
              </Button>
            )}
          </Group>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            onClick={() =>
              onSave(rows.map((r) => ({ value: r.value.trim(), label: r.label.trim() || r.value.trim() })).filter((r) => r.value !== ''))
            }
            disabled={repeated.size > 0}
          >
            {t('surveys.codebook.applyLabels')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
