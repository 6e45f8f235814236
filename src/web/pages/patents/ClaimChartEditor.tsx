import {
  ActionIcon,
  Badge,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconChecks, IconTable, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHART_LIMITS, type ChartCell, type ClaimChart, chartJudgements } from '../../../shared/contracts/patent-report';
import type { PatentCorpusView, PatentDocument } from '../../../shared/contracts/patents-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFieldIssues } from '../../hooks/useTranslator';
import { retryTransient } from '../surveys/hooks';
import { patentKeys, patentsApi } from './api';
import {
  acceptSuggestions,
  chartKeyFor,
  decided,
  judgementColors,
  passageOfValue,
  passageText,
  passageValue,
  updateCell,
} from './reportDraft';

/** The documents one chart of the builder compares at most (the contract allows more; a page shows this many side by side). */
export const CHART_DOCUMENTS_MAX = 5;

/** Where the builder found each charted document (its corpus), to read its paragraphs. */
export type Located = Record<string, string>;

/**
 * A new claim chart: a claim of a corpus patent (its elements come from the server) against up to
 * CHART_DOCUMENTS_MAX documents; the server suggests a judgement and passages per cell.
 */
export function NewChartForm({
  engagementId,
  corpora,
  charts,
  onCreated,
}: {
  engagementId: string;
  corpora: readonly PatentCorpusView[];
  charts: readonly ClaimChart[];
  onCreated: (chart: ClaimChart, located: Located) => void;
}) {
  const { t } = useTranslation();
  const [corpusId, setCorpusId] = useState<string | null>(corpora[0]?.id ?? null);
  const [number, setNumber] = useState('');
  const [claim, setClaim] = useState<number | null>(null);
  const [documents, setDocuments] = useState<string[]>([]);
  const patent = useQuery({
    queryKey: patentKeys.patent(engagementId, corpusId ?? '', number.trim()),
    queryFn: () => patentsApi.patent(engagementId, corpusId ?? '', number.trim()),
    enabled: corpusId !== null && number.trim().length >= 4,
    retry: retryTransient,
    staleTime: 5 * 60_000,
  });
  const build = useMutation({
    mutationFn: () =>
      patentsApi.chart(engagementId, {
        corpusId: corpusId ?? '',
        patent: number.trim(),
        claim: claim ?? 0,
        documents,
        key: chartKeyFor(patent.data?.number ?? number, claim ?? 0, charts),
      }),
    onSuccess: (result) => {
      onCreated(result.chart, Object.fromEntries(result.located.map((l) => [l.number, l.corpusId])));
      setDocuments([]);
    },
  });
  const issues = useFieldIssues(build.error, ['corpusId', 'patent', 'claim', 'documents'] as const);
  const claims = patent.data?.claims ?? [];
  return (
    <form
      aria-label={t('patents.chart.new')}
      onSubmit={(e) => {
        e.preventDefault();
        build.mutate();
      }}
    >
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('patents.chart.new')}
        </Text>
        <Group align="flex-start" grow>
          <Select
            label={t('patents.chart.corpus')}
            data={corpora.map((c) => ({ value: c.id, label: c.name }))}
            value={corpusId}
            onChange={setCorpusId}
            allowDeselect={false}
            error={issues.byField.corpusId}
          />
          <TextInput
            label={t('patents.chart.patent')}
            placeholder="JP7158342B2"
            value={number}
            onChange={(e) => {
              setNumber(e.currentTarget.value);
              setClaim(null);
            }}
            error={issues.byField.patent ?? (patent.isError ? t('patents.chart.patentMissing') : undefined)}
            maxLength={40}
          />
          {claims.length > 0 ? (
            <NativeSelect
              label={t('patents.chart.claim')}
              data={[
                { value: '', label: t('patents.chart.pickClaim') },
                ...claims.map((c) => ({
                  value: String(c.number),
                  label: c.independent
                    ? t('patents.chart.claimIndependent', { number: c.number })
                    : t('patents.chart.claimDependent', { number: c.number, parents: c.dependsOn.join(', ') }),
                })),
              ]}
              value={claim === null ? '' : String(claim)}
              onChange={(e) => setClaim(e.currentTarget.value ? Number(e.currentTarget.value) : null)}
              error={issues.byField.claim}
            />
          ) : (
            <NumberInput
              label={t('patents.chart.claim')}
              value={claim ?? ''}
              onChange={(v) => setClaim(typeof v === 'number' ? v : null)}
              min={1}
              max={1000}
              error={issues.byField.claim}
            />
          )}
        </Group>
        {patent.data && claim !== null && (
          <Text size="xs" c="dimmed" lang={patent.data.language}>
            {patent.data.claims.find((c) => c.number === claim)?.text.slice(0, 300)}
          </Text>
        )}
        <TagsInput
          label={t('patents.chart.documents')}
          description={t('patents.chart.documentsHint', { max: CHART_DOCUMENTS_MAX })}
          value={documents}
          onChange={(v) => setDocuments(v.map((d) => d.trim()).filter((d) => d !== ''))}
          maxTags={CHART_DOCUMENTS_MAX}
          error={issues.byField.documents}
          placeholder="JP2015030607A"
        />
        {build.isError && issues.unplaced.length > 0 && <ErrorAlert error={build.error} extra={issues.unplaced} />}
        <Group>
          <Button
            type="submit"
            variant="light"
            leftSection={<IconTable size={16} />}
            loading={build.isPending}
            disabled={corpusId === null || number.trim() === '' || claim === null || documents.length === 0}
          >
            {t('patents.chart.build')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * One claim chart being edited: per element (row) and document (column) the analyst's judgement
 * and the passage it rests on, the passage's text shown, the tool's suggestion beside it.
 */
export function ClaimChartEditor({
  engagementId,
  chart,
  located,
  fallbackCorpus,
  onChange,
  onRemove,
}: {
  engagementId: string;
  chart: ClaimChart;
  located: Located;
  /** Where to look for a document the builder did not locate (a chart loaded from an earlier version). */
  fallbackCorpus: string | null;
  onChange: (chart: ClaimChart) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const docs = useQueries({
    queries: chart.documents.map((d) => {
      const corpusId = located[d.number] ?? fallbackCorpus ?? '';
      return {
        queryKey: patentKeys.patent(engagementId, corpusId, d.number),
        queryFn: () => patentsApi.patent(engagementId, corpusId, d.number),
        enabled: corpusId !== '',
        retry: retryTransient,
        staleTime: 5 * 60_000,
      };
    }),
  });
  const docOf = (number: string): PatentDocument | undefined => docs[chart.documents.findIndex((d) => d.number === number)]?.data;
  const count = decided(chart);
  const title = chart.claim.patent
    ? t('patents.chart.title', { patent: chart.claim.patent, claim: chart.claim.number ?? '' })
    : t('patents.chart.titleText', { key: chart.key });
  return (
    <Paper withBorder p="sm" component="section" aria-label={title} data-chart={chart.key}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Title order={4} size="h6">
              {title}
            </Title>
            <Badge variant="light" color={chart.claim.independent ? 'blue' : 'gray'} tt="none">
              {chart.claim.independent ? t('patents.patent.independent') : t('patents.chart.dependent')}
            </Badge>
            <Text size="xs" c="dimmed" role="status">
              {t('patents.chart.decided', count)}
            </Text>
          </Group>
          <Group gap="xs">
            <Button size="xs" variant="subtle" leftSection={<IconChecks size={14} />} onClick={() => onChange(acceptSuggestions(chart))}>
              {t('patents.chart.acceptSuggestions')}
            </Button>
            <ActionIcon variant="subtle" color="red" aria-label={t('patents.chart.remove', { title })} onClick={onRemove}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        </Group>
        <Table withTableBorder withColumnBorders aria-label={t('patents.chart.table', { title })} layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={220}>{t('patents.chart.element')}</Table.Th>
              {chart.documents.map((d) => (
                <Table.Th key={d.number}>
                  <Text size="sm" fw={600}>
                    {d.number}
                  </Text>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {d.title}
                  </Text>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {chart.elements.map((el) => (
              <Table.Tr key={el.label}>
                <Table.Td valign="top">
                  <Text size="sm">
                    <Text span fw={700} mr={4}>
                      {el.label}
                    </Text>
                    {el.text}
                  </Text>
                </Table.Td>
                {chart.documents.map((d) => {
                  const cell = chart.cells.find((c) => c.element === el.label && c.document === d.number);
                  return (
                    <Table.Td key={d.number} valign="top">
                      {cell ? (
                        <CellEditor
                          cell={cell}
                          doc={docOf(d.number)}
                          onChange={(change) => onChange(updateCell(chart, el.label, d.number, change))}
                        />
                      ) : (
                        <Text size="xs" c="dimmed">
                          —
                        </Text>
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}

function CellEditor({
  cell,
  doc,
  onChange,
}: {
  cell: ChartCell;
  doc: PatentDocument | undefined;
  onChange: (change: Partial<Pick<ChartCell, 'judgement' | 'passage' | 'note'>>) => void;
}) {
  const { t } = useTranslation();
  const where = `${cell.element} × ${cell.document}`;
  const placeLabel = (kind: string, ref: string) =>
    kind === 'abstract'
      ? t('patents.search.field.abstract')
      : kind === 'claim'
        ? t('patents.search.field.claims', { ref })
        : t('patents.search.field.description', { ref });
  const suggested = cell.suggestion.passages.map((p) => ({
    value: passageValue(p),
    label: `★ ${placeLabel(p.kind, p.ref)} (${Math.round(p.score * 100)}%)`,
  }));
  const seen = new Set(suggested.map((o) => o.value));
  const rest = doc
    ? [
        { value: 'abstract:abstract', label: t('patents.search.field.abstract') },
        ...doc.paragraphs.map((p) => ({ value: `paragraph:${p.id}`, label: t('patents.search.field.description', { ref: p.id }) })),
        ...doc.claims.map((c) => ({ value: `claim:${c.number}`, label: t('patents.search.field.claims', { ref: c.number }) })),
      ].filter((o) => !seen.has(o.value))
    : [];
  const current = passageValue(cell.passage);
  const options = [{ value: '', label: t('patents.chart.noPassage') }, ...suggested, ...rest];
  if (current && !options.some((o) => o.value === current)) options.push({ value: current, label: current });
  const text =
    passageText(doc, cell.passage) ??
    cell.suggestion.passages.find((p) => cell.passage && p.kind === cell.passage.kind && p.ref === cell.passage.ref)?.excerpt ??
    null;
  const chosen = cell.judgement;
  return (
    <Stack gap={4} data-cell={where} data-judgement={chosen ?? ''}>
      <Text size="xs" c="dimmed">
        {t('patents.chart.suggested', { judgement: t(`patents.chart.judgement.${cell.suggestion.judgement}`) })}
      </Text>
      <NativeSelect
        size="xs"
        aria-label={t('patents.chart.judgementOf', { where })}
        data={[
          { value: '', label: t('patents.chart.undecided') },
          ...chartJudgements.map((j) => ({ value: j, label: t(`patents.chart.judgement.${j}`) })),
        ]}
        value={chosen ?? ''}
        onChange={(e) => {
          const v = e.currentTarget.value;
          onChange({ judgement: v === '' ? null : (v as ChartCell['judgement']) });
        }}
        styles={{ input: chosen ? { borderColor: `var(--mantine-color-${judgementColors[chosen]}-6)` } : {} }}
      />
      <NativeSelect
        size="xs"
        aria-label={t('patents.chart.passageOf', { where })}
        data={options}
        value={current}
        onChange={(e) => onChange({ passage: passageOfValue(e.currentTarget.value) })}
      />
      {text !== null && (
        <Text size="xs" lang={doc?.language} style={{ whiteSpace: 'pre-wrap' }} lineClamp={6} data-testid="chart-passage">
          {text}
        </Text>
      )}
      <Textarea
        size="xs"
        aria-label={t('patents.chart.noteOf', { where })}
        placeholder={t('patents.chart.note')}
        value={cell.note}
        onChange={(e) => onChange({ note: e.currentTarget.value })}
        maxLength={CHART_LIMITS.note}
        autosize
        minRows={1}
      />
    </Stack>
  );
}
