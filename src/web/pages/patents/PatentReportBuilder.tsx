import {
  ActionIcon,
  Alert,
  Button,
  Divider,
  Group,
  NativeSelect,
  Select,
  SimpleGrid,
  Stack,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChecklist, IconFileImport, IconPlus, IconSend, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliverableCheckReport, DeliverableDetail, SubmitVersionRequest } from '../../../shared/contracts/deliverables';
import type { EngagementView } from '../../../shared/contracts/engagements';
import { PATENT_REPORT_LIMITS, patentResearchKinds, type RankedResult, resultCategories } from '../../../shared/contracts/patent-report';
import type { SavedSearchView } from '../../../shared/contracts/patents-api';
import { isApiError } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LimitedTextarea } from '../../components/LimitedText';
import { useLocale } from '../../hooks/useLocale';
import { useTranslator } from '../../hooks/useTranslator';
import { draftFromVersion, requestOf, type SubmissionDraft } from '../../lib/deliverables/draft';
import { may } from '../../lib/engagements/lifecycle';
import { issueMessage } from '../../lib/errorText';
import { deliverablesApi } from '../deliverables/api';
import { ChecksReport } from '../deliverables/ChecksReport';
import { useDeliverableChanged } from '../deliverables/hooks';
import { ReferencesEditor } from '../deliverables/ReferencesEditor';
import { SectionsEditor } from '../deliverables/SectionsEditor';
import { useDocumentLibrary } from '../documents/hooks';
import { DateField } from '../engagements/components/DateField';
import { Section } from '../engagements/components/Section';
import { retryTransient } from '../surveys/hooks';
import { patentKeys, patentsApi } from './api';
import { ClaimChartEditor, type Located, NewChartForm } from './ClaimChartEditor';
import { useCorpora } from './CorporaPanel';
import {
  claimsOf,
  claimsText,
  corporaOfSteps,
  type PatentReportContent,
  type ReportDraft,
  reportDraftOf,
  resultOf,
  stepsFromSavedSearch,
} from './reportDraft';
import { stepFiltersText } from './searchState';

const NO_ISSUES = new Map<string, string>();
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The patent search report builder (issue #12, point 7): the patent_research deliverable — purpose,
 * subject, scope, the saved search's formulas with their hit counts, screening criteria, ranked
 * results with X/Y/A, claim charts, findings and limits, the 弁理士 notice — edited in the browser,
 * checked on the draft, and submitted as a version. It starts from the latest version.
 */
export function PatentReportBuilder({
  engagement,
  deliverable,
  onSubmitted,
}: {
  engagement: EngagementView;
  deliverable: DeliverableDetail;
  onSubmitted: (version: number) => void;
}) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const locale = useLocale();
  const changed = useDeliverableChanged(engagement.id);
  const latest = deliverable.versions.at(-1);
  const [report, setReport] = useState<ReportDraft>(() => reportDraftOf(latest?.content, today(), locale));
  const [generic, setGeneric] = useState<SubmissionDraft>(() => draftFromVersion(latest));
  const [located, setLocated] = useState<Located>({});
  const [preview, setPreview] = useState<{ report: DeliverableCheckReport; sent: string } | null>(null);
  const corpora = useCorpora(engagement.id);
  const library = useDocumentLibrary(engagement.id);
  const documents = may(engagement, 'document.read') ? (library.data?.documents ?? []) : [];

  const request: SubmitVersionRequest = useMemo(() => {
    const base = requestOf(generic, 'report');
    const content: PatentReportContent = {
      type: 'patent_research',
      ...report,
      sections: base.content.sections,
      references: base.content.references,
    };
    return { content, documentIds: base.documentIds, note: base.note };
  }, [generic, report]);
  const sent = JSON.stringify(request);
  const check = useMutation({
    mutationFn: () => deliverablesApi.check(engagement.id, deliverable.id, request),
    onSuccess: (checks) => setPreview({ report: checks, sent }),
  });
  const submit = useMutation({
    mutationFn: () => deliverablesApi.submit(engagement.id, deliverable.id, request),
    onSuccess: async (detail) => {
      await changed(detail);
      const version = detail.versions.at(-1)?.version ?? detail.latestVersion;
      notifications.show({ color: 'teal', message: t('deliverables.submit.submitted', { version, title: detail.title }) });
      onSubmitted(version);
    },
  });
  const error = submit.error ?? check.error;
  const issueLines = isApiError(error)
    ? error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${issueMessage(i, tr)}` : issueMessage(i, tr)))
    : [];
  const set = (change: Partial<ReportDraft>) => setReport((r) => ({ ...r, ...change }));
  const stepNames = { allCorpora: t('patents.saved.allCorpora'), combined: t('patents.saved.combined') };
  const corpusList = corpora.data ?? [];

  return (
    <Stack gap="md" data-testid="patent-report-builder">
      <Text size="sm" c="dimmed">
        {latest ? t('deliverables.submit.resubmitIntro', { version: latest.version }) : t('patents.report.intro')}
      </Text>
      <Section title={t('patents.report.purposeTitle')}>
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <NativeSelect
            label={t('patents.report.kind')}
            data={patentResearchKinds.map((k) => ({ value: k, label: t(`patents.report.kinds.${k}`) }))}
            value={report.kind}
            onChange={(e) => set({ kind: e.currentTarget.value as ReportDraft['kind'] })}
          />
          <NativeSelect
            label={t('patents.report.language')}
            data={[
              { value: 'ja', label: '日本語' },
              { value: 'en', label: 'English' },
            ]}
            value={report.language}
            onChange={(e) => set({ language: e.currentTarget.value as ReportDraft['language'] })}
          />
          <DateField label={t('patents.report.reportDate')} value={report.reportDate} onChange={(v) => set({ reportDate: v })} />
        </SimpleGrid>
        <LimitedTextarea
          label={t('patents.report.purpose')}
          value={report.purpose}
          onChange={(e) => set({ purpose: e.currentTarget.value })}
          limit={10_000}
          autosize
          minRows={2}
        />
        <Textarea
          label={t('patents.report.invention')}
          description={t('patents.report.inventionHint')}
          value={report.subject.invention ?? ''}
          onChange={(e) => set({ subject: { ...report.subject, invention: e.currentTarget.value || null } })}
          autosize
          minRows={2}
          maxLength={50_000}
        />
        <Group grow align="flex-start">
          <TextInput
            label={t('patents.report.subjectPatent')}
            value={report.subject.patent ?? ''}
            onChange={(e) => set({ subject: { ...report.subject, patent: e.currentTarget.value.trim() || null } })}
            maxLength={30}
          />
          <DateField
            label={t('patents.report.priorityDate')}
            value={report.subject.priorityDate ?? ''}
            onChange={(v) => set({ subject: { ...report.subject, priorityDate: v || null } })}
          />
        </Group>
      </Section>

      <Section title={t('patents.report.scopeTitle')}>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TagsInput
            label={t('patents.report.countries')}
            value={report.scope.countries}
            onChange={(v) => set({ scope: { ...report.scope, countries: v.map((c) => c.trim().toUpperCase()) } })}
            maxTags={PATENT_REPORT_LIMITS.countries}
          />
          <TagsInput
            label={t('patents.report.corpora')}
            data={corpusList.map((c) => c.name)}
            value={report.scope.corpora}
            onChange={(v) => set({ scope: { ...report.scope, corpora: v } })}
            maxTags={PATENT_REPORT_LIMITS.corpora}
          />
          <TagsInput
            label={t('patents.report.databases')}
            value={report.scope.databases}
            onChange={(v) => set({ scope: { ...report.scope, databases: v } })}
          />
          <DateField
            label={t('patents.report.searchDate')}
            value={report.scope.searchDate}
            onChange={(v) => set({ scope: { ...report.scope, searchDate: v } })}
          />
        </SimpleGrid>
      </Section>

      <Section title={t('patents.report.stepsTitle')}>
        <StepsImport
          engagementId={engagement.id}
          onImport={(saved) => {
            const steps = stepsFromSavedSearch(saved, corpusList, stepNames);
            const names = corporaOfSteps(steps, corpusList, stepNames);
            setReport((r) => ({
              ...r,
              steps,
              scope: { ...r.scope, corpora: r.scope.corpora.length > 0 ? r.scope.corpora : names },
            }));
          }}
        />
        {report.steps.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('patents.report.noSteps')}
          </Text>
        ) : (
          <Table aria-label={t('patents.report.stepsTitle')} withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('patents.saved.label')}</Table.Th>
                <Table.Th>{t('patents.saved.formula')}</Table.Th>
                <Table.Th>{t('patents.search.corpus')}</Table.Th>
                <Table.Th>{t('patents.saved.filters')}</Table.Th>
                <Table.Th>{t('patents.saved.hitCount')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.steps.map((s, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: steps are numbered by their place.
                <Table.Tr key={i}>
                  <Table.Td>S{i + 1}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {s.formula}
                    </Text>
                  </Table.Td>
                  <Table.Td>{s.corpus}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{stepFiltersText(t, s, (d) => d)}</Text>
                  </Table.Td>
                  <Table.Td>{s.hits ?? '—'}</Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('patents.report.removeStep', { label: `S${i + 1}` })}
                      onClick={() => set({ steps: report.steps.filter((_, j) => j !== i) })}
                    >
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Textarea
          label={t('patents.report.screening')}
          description={t('patents.report.screeningHint')}
          value={report.screening.join('\n')}
          onChange={(e) =>
            set({
              screening: e.currentTarget.value
                .split('\n')
                .slice(0, PATENT_REPORT_LIMITS.criteria)
                .map((l) => l.slice(0, 4000)),
            })
          }
          onBlur={() => set({ screening: report.screening.map((l) => l.trim()).filter((l) => l !== '') })}
          autosize
          minRows={2}
        />
      </Section>

      <Section title={t('patents.report.resultsTitle')}>
        <ResultsEditor
          engagementId={engagement.id}
          corpora={corpusList}
          results={report.results}
          onChange={(results) => set({ results })}
        />
      </Section>

      <Section title={t('patents.report.chartsTitle')}>
        <Stack gap="md">
          {report.charts.map((chart, i) => (
            <ClaimChartEditor
              key={chart.key}
              engagementId={engagement.id}
              chart={chart}
              located={located}
              fallbackCorpus={corpusList[0]?.id ?? null}
              onChange={(next) => setReport((r) => ({ ...r, charts: r.charts.map((c, j) => (j === i ? next : c)) }))}
              onRemove={() => setReport((r) => ({ ...r, charts: r.charts.filter((_, j) => j !== i) }))}
            />
          ))}
          {corpusList.length > 0 && report.charts.length < PATENT_REPORT_LIMITS.charts && (
            <NewChartForm
              engagementId={engagement.id}
              corpora={corpusList}
              charts={report.charts}
              onCreated={(chart, where) => {
                setLocated((l) => ({ ...l, ...where }));
                setReport((r) => ({ ...r, charts: [...r.charts, chart] }));
              }}
            />
          )}
        </Stack>
      </Section>

      <Section title={t('patents.report.findingsTitle')}>
        <LimitedTextarea
          label={t('patents.report.findings')}
          value={report.findings}
          onChange={(e) => set({ findings: e.currentTarget.value })}
          limit={50_000}
          autosize
          minRows={3}
        />
        <LimitedTextarea
          label={t('patents.report.limits')}
          value={report.limits}
          onChange={(e) => set({ limits: e.currentTarget.value })}
          limit={20_000}
          autosize
          minRows={2}
        />
        <Alert color="gray" variant="light" title={t('patents.report.noticeTitle')}>
          <Text size="sm">{t('patents.report.notice')}</Text>
        </Alert>
      </Section>

      <Section title={t('patents.report.textTitle')}>
        <SectionsEditor draft={generic} onChange={setGeneric} issues={NO_ISSUES} />
        <Divider />
        <ReferencesEditor draft={generic} onChange={setGeneric} issues={NO_ISSUES} documents={documents} />
        <LimitedTextarea
          label={t('deliverables.submit.note')}
          value={generic.note}
          onChange={(e) => setGeneric({ ...generic, note: e.currentTarget.value })}
          limit={5000}
          autosize
          minRows={2}
        />
      </Section>

      {error !== null && <ErrorAlert error={error} extra={issueLines} />}
      {preview && (
        <ChecksReport
          checks={preview.report}
          content={request.content}
          title={t('deliverables.checks.previewTitle')}
          stale={preview.sent !== sent}
          testId="checks-preview"
        />
      )}
      {generic.sections.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('deliverables.submit.needsSection')}
        </Text>
      )}
      <Group justify="flex-end">
        <Button
          variant="light"
          leftSection={<IconChecklist size={16} />}
          loading={check.isPending}
          onClick={() => {
            submit.reset();
            check.mutate();
          }}
        >
          {t('deliverables.submit.runChecks')}
        </Button>
        <Button leftSection={<IconSend size={16} />} loading={submit.isPending} onClick={() => submit.mutate()}>
          {t('deliverables.submit.submit')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Takes a saved search's latest steps (formulas and the server's hit counts) into the report. */
function StepsImport({ engagementId, onImport }: { engagementId: string; onImport: (saved: SavedSearchView) => void }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<string | null>(null);
  const list = useQuery({
    queryKey: patentKeys.savedSearches(engagementId),
    queryFn: () => patentsApi.savedSearches(engagementId),
    retry: retryTransient,
  });
  const take = useImport(engagementId, onImport);
  return (
    <Group align="flex-end">
      <Select
        label={t('patents.report.fromSaved')}
        data={(list.data ?? []).map((s) => ({ value: s.id, label: s.title }))}
        value={picked}
        onChange={setPicked}
        placeholder={t('patents.report.pickSaved')}
        w={320}
      />
      <Button
        variant="light"
        leftSection={<IconFileImport size={16} />}
        disabled={picked === null}
        loading={take.isPending}
        onClick={() => picked && take.mutate(picked)}
      >
        {t('patents.report.takeSteps')}
      </Button>
      {take.isError && <ErrorAlert error={take.error} />}
    </Group>
  );
}

function useImport(engagementId: string, onImport: (saved: SavedSearchView) => void) {
  return useMutation({ mutationFn: (id: string) => patentsApi.savedSearch(engagementId, id), onSuccess: onImport });
}

/** The ranked results: each a corpus patent (its dates and status from the corpus) with its category, reason and claims. */
function ResultsEditor({
  engagementId,
  corpora,
  results,
  onChange,
}: {
  engagementId: string;
  corpora: readonly { id: string; name: string }[];
  results: RankedResult[];
  onChange: (results: RankedResult[]) => void;
}) {
  const { t } = useTranslation();
  const [corpusId, setCorpusId] = useState<string | null>(null);
  const [number, setNumber] = useState('');
  const corpus = corpusId ?? corpora[0]?.id ?? null;
  const add = useMutation({
    mutationFn: () => patentsApi.patent(engagementId, corpus ?? '', number.trim()),
    onSuccess: (patent) => {
      if (!results.some((r) => r.number === patent.number)) onChange([...results, resultOf(patent)]);
      setNumber('');
    },
  });
  const update = (i: number, change: Partial<RankedResult>) => onChange(results.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const cell = (node: ReactNode) => <Table.Td valign="top">{node}</Table.Td>;
  return (
    <Stack gap="sm">
      {results.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('patents.report.noResults')}
        </Text>
      ) : (
        <Table aria-label={t('patents.report.resultsTitle')} withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('patents.report.number')}</Table.Th>
              <Table.Th>{t('patents.report.category')}</Table.Th>
              <Table.Th>{t('patents.report.reason')}</Table.Th>
              <Table.Th>{t('patents.report.claims')}</Table.Th>
              <Table.Th>{t('patents.report.dates')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {results.map((r, i) => (
              <Table.Tr key={r.number} data-result={r.number}>
                {cell(
                  <Stack gap={0}>
                    <Text size="sm" fw={600}>
                      {r.number}
                    </Text>
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {r.title}
                    </Text>
                  </Stack>,
                )}
                {cell(
                  <NativeSelect
                    size="xs"
                    aria-label={t('patents.report.categoryOf', { number: r.number })}
                    data={resultCategories.map((c) => ({ value: c, label: t(`patents.report.categories.${c}`) }))}
                    value={r.category}
                    onChange={(e) => update(i, { category: e.currentTarget.value as RankedResult['category'] })}
                  />,
                )}
                {cell(
                  <Textarea
                    size="xs"
                    aria-label={t('patents.report.reasonOf', { number: r.number })}
                    value={r.reason}
                    onChange={(e) => update(i, { reason: e.currentTarget.value })}
                    autosize
                    minRows={1}
                    maxLength={4000}
                  />,
                )}
                {cell(
                  <ClaimsInput
                    label={t('patents.report.claimsOf', { number: r.number })}
                    value={r.claims}
                    onChange={(claims) => update(i, { claims })}
                  />,
                )}
                {cell(
                  <Text size="xs">
                    {t('patents.search.published', { date: r.publicationDate })}
                    {r.priorityDate ? ` · ${t('patents.search.priority', { date: r.priorityDate })}` : ''}
                    <br />
                    {r.legalStatus ? t(`patents.patent.legal.${r.legalStatus}`) : ''}
                    {r.expectedExpiry ? ` · ${t('patents.patent.expiry', { date: r.expectedExpiry })}` : ''}
                  </Text>,
                )}
                {cell(
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('patents.report.removeResult', { number: r.number })}
                    onClick={() => onChange(results.filter((_, j) => j !== i))}
                  >
                    <IconTrash size={14} />
                  </ActionIcon>,
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <form
        aria-label={t('patents.report.addResult')}
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <Group align="flex-end">
          <Select
            label={t('patents.chart.corpus')}
            data={corpora.map((c) => ({ value: c.id, label: c.name }))}
            value={corpus}
            onChange={setCorpusId}
            allowDeselect={false}
            w={220}
          />
          <TextInput
            label={t('patents.report.number')}
            placeholder="JP7158342B2"
            value={number}
            onChange={(e) => setNumber(e.currentTarget.value)}
            maxLength={40}
          />
          <Button
            type="submit"
            variant="light"
            leftSection={<IconPlus size={16} />}
            loading={add.isPending}
            disabled={!corpus || !number.trim()}
          >
            {t('patents.report.addResult')}
          </Button>
        </Group>
        {add.isError && <ErrorAlert error={add.error} />}
      </form>
    </Stack>
  );
}

/** Claim numbers typed as "1, 4-5"; the list is read when the field is left. */
function ClaimsInput({ label, value, onChange }: { label: string; value: number[]; onChange: (claims: number[]) => void }) {
  const [text, setText] = useState(claimsText(value));
  return (
    <TextInput
      size="xs"
      aria-label={label}
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
      onBlur={() => {
        const claims = claimsOf(text);
        onChange(claims);
        setText(claimsText(claims));
      }}
      w={90}
    />
  );
}
