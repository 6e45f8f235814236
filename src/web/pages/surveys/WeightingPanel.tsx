import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconScale } from '@tabler/icons-react';
import { useMutation, useQueries } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngagementView } from '../../../shared/contracts/engagements';
import { raking, type SurveyDetail, type WeightingView } from '../../../shared/contracts/market-research-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LimitedTextInput } from '../../components/LimitedText';
import { Loading } from '../../components/Loading';
import { useFormatters } from '../../hooks/useFormatters';
import { useFieldIssues, useTranslator } from '../../hooks/useTranslator';
import { Section } from '../engagements/components/Section';
import { surveyKeys, surveysApi } from './api';
import { questionLabel } from './codebook';
import { useSurveyFormat } from './format';
import { retryTransient, useSurveyChanged } from './hooks';
import { placeSurveyIssues, shortList } from './issues';
import type { ParamsUpdate } from './SurveyView';
import { sampleTargets, type TargetCategory, targetsComplete, targetTotal, toTargets } from './targets';
import type { CategoricalFrequencies } from './types';

const NAME_MAX = 200;

/**
 * Weighting by raking: the saved weightings of the version shown, each with its report (whether it
 * converged, the effective sample, the weights' range) and its margins (target, sample, weighted);
 * for whoever the server lets edit, a new one: the single-choice questions to rake on, a target per
 * category (starting from the sample's shares) that must add up to 100%, and the trimming bounds.
 */
export function WeightingPanel({
  engagement,
  survey,
  params,
  onParams,
}: {
  engagement: EngagementView;
  survey: SurveyDetail;
  params: URLSearchParams;
  onParams: ParamsUpdate;
}) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const shownId = params.get('wr');
  const shown = survey.weightings.find((w) => w.id === shownId) ?? survey.weightings[0] ?? null;
  return (
    <Stack gap="md">
      <Section
        title={t('surveys.weighting.title', { version: survey.version.version })}
        actions={
          survey.canEdit &&
          !creating && (
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setCreating(true)}>
              {t('surveys.weighting.new')}
            </Button>
          )
        }
      >
        <Text size="sm" c="dimmed">
          {survey.canEdit ? t('surveys.weighting.introEditor') : t('surveys.weighting.intro')}
        </Text>
        {survey.weightings.length === 0 ? (
          <Alert color="gray" variant="light">
            {t('surveys.weighting.empty')}
          </Alert>
        ) : (
          <WeightingList weightings={survey.weightings} shown={shown} onShow={(id) => onParams({ wr: id })} />
        )}
      </Section>
      {creating && (
        <NewWeighting
          engagementId={engagement.id}
          survey={survey}
          onClose={() => setCreating(false)}
          onSaved={(w) => {
            setCreating(false);
            onParams({ wr: w.id });
          }}
        />
      )}
      {shown && <WeightingReportView weighting={shown} survey={survey} />}
    </Stack>
  );
}

function WeightingList({
  weightings,
  shown,
  onShow,
}: {
  weightings: readonly WeightingView[];
  shown: WeightingView | null;
  onShow: (id: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const fmt = useSurveyFormat();
  return (
    <Table verticalSpacing="xs" highlightOnHover aria-label={t('surveys.weighting.list')} data-testid="weightings-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('surveys.weighting.name')}</Table.Th>
          <Table.Th>{t('surveys.weighting.variables')}</Table.Th>
          <Table.Th ta="right">{t('surveys.weighting.efficiency')}</Table.Th>
          <Table.Th ta="right">{t('surveys.weighting.effectiveN')}</Table.Th>
          <Table.Th>{t('surveys.weighting.saved')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {weightings.map((w) => (
          <Table.Tr
            key={w.id}
            {...(shown?.id === w.id && { bg: 'var(--mantine-color-blue-0)' })}
            data-testid="weighting-row"
            data-shown={shown?.id === w.id}
          >
            <Table.Td>
              <UnstyledButton onClick={() => onShow(w.id)} aria-label={t('surveys.weighting.show', { name: w.name })}>
                <Text size="sm" fw={600} c="blue.8">
                  {w.name}
                </Text>
              </UnstyledButton>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{Object.keys(w.targets).join(', ')}</Text>
            </Table.Td>
            <Table.Td ta="right">{fmt.share(w.report.efficiency)}</Table.Td>
            <Table.Td ta="right">{fmt.decimal(w.report.effectiveN, 1)}</Table.Td>
            <Table.Td>
              <Text size="sm">{t('surveys.list.savedBy', { name: w.createdBy.displayName, at: format.dateTime(w.createdAt) })}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="md" fw={700} data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </Stack>
  );
}

/** A weighting's report: did it converge, how far the weights spread, and each margin's target, sample and weighted share. */
export function WeightingReportView({ weighting, survey }: { weighting: WeightingView; survey: SurveyDetail }) {
  const { t } = useTranslation();
  const fmt = useSurveyFormat();
  const r = weighting.report;
  const byKey = new Map(survey.version.codebook.questions.map((q) => [q.key, q]));
  return (
    <Section title={t('surveys.weighting.reportTitle', { name: weighting.name })}>
      <Stack gap="sm" data-testid="weighting-report" data-converged={r.converged}>
        <Group gap="xs">
          <Badge color={r.converged ? 'teal' : 'red'} variant="light" tt="none" data-testid="weighting-converged">
            {r.converged ? t('surveys.weighting.converged', { iterations: r.iterations }) : t('surveys.weighting.notConverged')}
          </Badge>
          {weighting.trim ? (
            <Badge color="gray" variant="light" tt="none">
              {t('surveys.weighting.trimmedTo', { min: fmt.decimal(weighting.trim.min, 2), max: fmt.decimal(weighting.trim.max, 2) })}
            </Badge>
          ) : (
            <Badge color="gray" variant="light" tt="none">
              {t('surveys.weighting.noTrim')}
            </Badge>
          )}
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 4, md: 7 }}>
          <Figure label={t('surveys.weighting.iterations')} value={String(r.iterations)} />
          <Figure label={t('surveys.weighting.respondents')} value={fmt.count(r.respondents, false)} />
          <Figure label={t('surveys.weighting.effectiveN')} value={fmt.decimal(r.effectiveN, 1)} testId="weighting-effective-n" />
          <Figure label={t('surveys.weighting.efficiency')} value={fmt.share(r.efficiency)} testId="weighting-efficiency" />
          <Figure label={t('surveys.weighting.designEffect')} value={fmt.decimal(r.designEffect, 2)} testId="weighting-deff" />
          <Figure label={t('surveys.weighting.trimmed')} value={fmt.count(r.trimmed, false)} />
          <Figure
            label={t('surveys.weighting.range')}
            value={t('surveys.weighting.rangeValue', { min: fmt.decimal(r.minWeight, 3), max: fmt.decimal(r.maxWeight, 3) })}
            testId="weighting-range"
          />
        </SimpleGrid>
        <Table.ScrollContainer minWidth={620}>
          <Table withTableBorder verticalSpacing={4} aria-label={t('surveys.weighting.margins')} data-testid="weighting-margins">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('surveys.weighting.variable')}</Table.Th>
                <Table.Th>{t('surveys.weighting.category')}</Table.Th>
                <Table.Th ta="right">{t('surveys.weighting.target')}</Table.Th>
                <Table.Th ta="right">{t('surveys.weighting.sample')}</Table.Th>
                <Table.Th ta="right">{t('surveys.weighting.weighted')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.margins.map((m) => (
                <Table.Tr
                  key={`${m.variable}:${m.category}`}
                  data-testid="margin-row"
                  data-variable={m.variable}
                  data-category={m.category}
                >
                  <Table.Td>{byKey.get(m.variable)?.key ?? m.variable}</Table.Td>
                  <Table.Th scope="row" fw={500}>
                    {m.label}
                  </Table.Th>
                  <Table.Td ta="right">{fmt.share(m.target)}</Table.Td>
                  <Table.Td ta="right">{fmt.share(m.unweighted)}</Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {fmt.share(m.achieved)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Section>
  );
}

type Percents = Record<string, number | ''>;

function NewWeighting({
  engagementId,
  survey,
  onClose,
  onSaved,
}: {
  engagementId: string;
  survey: SurveyDetail;
  onClose: () => void;
  onSaved: (w: WeightingView) => void;
}) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const fmt = useSurveyFormat();
  const changed = useSurveyChanged(engagementId);
  const singles = survey.version.codebook.questions.filter((q) => q.type === 'single');
  const [name, setName] = useState('');
  const [keys, setKeys] = useState<string[]>([]);
  const [targets, setTargets] = useState<Record<string, Percents>>({});
  const [trim, setTrim] = useState(true);
  const [trimMin, setTrimMin] = useState<number | string>(raking.trim.min);
  const [trimMax, setTrimMax] = useState<number | string>(raking.trim.max);
  const version = survey.version.version;

  // The sample's own shares (unweighted) of each chosen question: the categories and the starting targets.
  const samples = useQueries({
    queries: keys.map((key) => ({
      queryKey: surveyKeys.table(engagementId, survey.id, 'frequencies', { question: key, version, weighting: 'none' }),
      queryFn: () => surveysApi.frequencies(engagementId, survey.id, key, { version, weighting: 'none' }),
      retry: retryTransient,
      staleTime: 5 * 60_000,
    })),
  });
  const categoriesOf = (i: number): TargetCategory[] | null => {
    const table = samples[i]?.data?.table;
    if (!table || table.kind === 'numeric') return null;
    return (table as CategoricalFrequencies).categories.map((c) => ({ value: c.value, label: c.label, sample: c.percent }));
  };
  const loadedKey = samples.map((s) => (s.data ? '1' : '0')).join('');
  // biome-ignore lint/correctness/useExhaustiveDependencies: prefill once each question's sample arrives
  useEffect(() => {
    setTargets((prev) => {
      let next = prev;
      keys.forEach((key, i) => {
        const cats = categoriesOf(i);
        if (cats && !prev[key]) next = { ...next, [key]: sampleTargets(cats) };
      });
      return next;
    });
  }, [loadedKey, keys.join('\u0000')]);

  const save = useMutation({
    mutationFn: () =>
      surveysApi.createWeighting(engagementId, survey.id, {
        name: name.trim(),
        version,
        targets: toTargets(Object.fromEntries(keys.map((k) => [k, targets[k] ?? {}]))),
        trim: trim ? { min: Number(trimMin), max: Number(trimMax) } : null,
      }),
    onSuccess: async (w) => {
      notifications.show({ color: 'teal', message: t('surveys.weighting.savedNotice', { name: w.name }) });
      await changed({ surveyId: survey.id });
      onSaved(w);
    },
  });
  const issues = placeSurveyIssues(save.error, tr, { share: (v) => fmt.share(v) });
  const fields = useFieldIssues(save.error, ['name', 'trim']);
  const allComplete = keys.length > 0 && keys.every((k) => targets[k] && targetsComplete(targets[k]));
  const trimOk = !trim || (Number(trimMin) >= 0 && Number(trimMin) <= 1 && Number(trimMax) >= 1 && Number(trimMin) < Number(trimMax));
  const ready = name.trim() !== '' && allComplete && trimOk;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (ready && !save.isPending) save.mutate();
  };

  return (
    <form onSubmit={submit}>
      <Section title={t('surveys.weighting.newTitle', { version })}>
        <Stack gap="md" data-testid="weighting-form">
          <LimitedTextInput
            label={t('surveys.weighting.name')}
            placeholder={t('surveys.weighting.namePlaceholder')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            limit={NAME_MAX}
            required
            error={fields.byField.name}
            maw={480}
          />
          <MultiSelect
            label={t('surveys.weighting.questions')}
            description={t('surveys.weighting.questionsHint')}
            placeholder={keys.length === 0 ? t('surveys.crosstab.choose') : undefined}
            data={singles.map((q) => ({ value: q.key, label: questionLabel(q) }))}
            value={keys}
            onChange={setKeys}
            searchable
            maw={640}
          />
          {keys.map((key, i) => {
            const s = samples[i];
            const cats = categoriesOf(i);
            return (
              <Stack key={key} gap={4}>
                {s?.isPending ? (
                  <Loading />
                ) : s?.isError ? (
                  <ErrorAlert error={s.error} />
                ) : cats ? (
                  <TargetTable
                    question={key}
                    categories={cats}
                    percents={targets[key] ?? {}}
                    onChange={(p) => setTargets((prev) => ({ ...prev, [key]: p }))}
                    onReset={() => setTargets((prev) => ({ ...prev, [key]: sampleTargets(cats) }))}
                    issues={issues.byKey.get(key) ?? []}
                  />
                ) : null}
              </Stack>
            );
          })}
          <Group align="flex-end" gap="sm">
            <Checkbox label={t('surveys.weighting.trim')} checked={trim} onChange={(e) => setTrim(e.currentTarget.checked)} mb={8} />
            <NumberInput
              label={t('surveys.weighting.trimMin')}
              value={trimMin}
              onChange={setTrimMin}
              min={0}
              max={1}
              step={0.05}
              decimalScale={2}
              disabled={!trim}
              w={140}
              error={!trimOk ? t('surveys.weighting.trimOrder') : fields.byField.trim}
            />
            <NumberInput
              label={t('surveys.weighting.trimMax')}
              value={trimMax}
              onChange={setTrimMax}
              min={1}
              max={100}
              step={0.5}
              decimalScale={2}
              disabled={!trim}
              w={140}
            />
            <Text size="xs" c="dimmed" maw={360} mb={6}>
              {t('surveys.weighting.trimHint')}
            </Text>
          </Group>
          {save.error ? (
            <ErrorAlert error={save.error} extra={shortList(issues.all, (count) => t('surveys.issue.more', { count }))} />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!ready} leftSection={<IconScale size={16} />}>
              {t('surveys.weighting.save')}
            </Button>
          </Group>
        </Stack>
      </Section>
    </form>
  );
}

function TargetTable({
  question,
  categories,
  percents,
  onChange,
  onReset,
  issues,
}: {
  question: string;
  categories: readonly TargetCategory[];
  percents: Percents;
  onChange: (p: Percents) => void;
  onReset: () => void;
  issues: readonly string[];
}) {
  const { t } = useTranslation();
  const fmt = useSurveyFormat();
  const total = targetTotal(percents);
  const complete = targetsComplete(percents);
  return (
    <Stack gap={4} data-testid="targets" data-question={question}>
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {t('surveys.weighting.targetsOf', { key: question })}
        </Text>
        <Button size="compact-xs" variant="subtle" onClick={onReset}>
          {t('surveys.weighting.resetToSample')}
        </Button>
      </Group>
      <Table withTableBorder verticalSpacing={2} maw={640} aria-label={t('surveys.weighting.targetsOf', { key: question })}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('surveys.weighting.category')}</Table.Th>
            <Table.Th ta="right">{t('surveys.weighting.sample')}</Table.Th>
            <Table.Th ta="right" w={150}>
              {t('surveys.weighting.targetPercent')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {categories.map((c) => (
            <Table.Tr key={c.value}>
              <Table.Th scope="row" fw={500}>
                {c.label}
                {c.label !== c.value && (
                  <Text span size="xs" c="dimmed" ml={6}>
                    ({c.value})
                  </Text>
                )}
              </Table.Th>
              <Table.Td ta="right">{fmt.percent(c.sample)}</Table.Td>
              <Table.Td>
                <NumberInput
                  size="xs"
                  aria-label={t('surveys.weighting.targetFor', { key: question, category: c.label })}
                  value={percents[c.value] ?? ''}
                  onChange={(v) => onChange({ ...percents, [c.value]: v === '' ? '' : Number(v) })}
                  min={0}
                  max={100}
                  decimalScale={1}
                  suffix="%"
                  hideControls
                  ta="right"
                />
              </Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th scope="row">{t('surveys.weighting.total')}</Table.Th>
            <Table.Td />
            <Table.Td ta="right">
              <Text size="sm" fw={700} c={complete ? 'teal.7' : 'red.7'} data-testid="targets-total" data-complete={complete}>
                {fmt.percent(total)}
              </Text>
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {!complete && (
        <Text size="xs" c="red.7">
          {t('surveys.weighting.mustBe100', { total: fmt.percent(total) })}
        </Text>
      )}
      {issues.map((text) => (
        <Text key={text} size="xs" c="red.7">
          {text}
        </Text>
      ))}
    </Stack>
  );
}
