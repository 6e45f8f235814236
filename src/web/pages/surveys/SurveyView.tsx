import { Alert, Anchor, Badge, Button, Group, Select, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { EngagementView } from '../../../shared/contracts/engagements';
import type { SurveyDetail } from '../../../shared/contracts/market-research-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useFormatters } from '../../hooks/useFormatters';
import { CodebookPanel } from './CodebookPanel';
import { CrosstabBuilder } from './CrosstabBuilder';
import { CodingPanel } from './coding/CodingPanel';
import { FrequenciesPanel } from './FrequenciesPanel';
import { useSurveyFormat } from './format';
import { HistoryPanel } from './HistoryPanel';
import { useSurvey } from './hooks';
import { useEncodingName } from './PreviewPanel';
import type { WeightingChoice } from './types';
import { WeightingPanel } from './WeightingPanel';

export const surveyViews = ['crosstab', 'frequencies', 'weighting', 'codebook', 'coding', 'history'] as const;
export type SurveyViewName = (typeof surveyViews)[number];

export interface SurveyViewState {
  /** The version shown; null for the latest. */
  version: number | null;
  view: SurveyViewName;
  /** The address's parameters (the tables' choices live there, so a link shows the same table). */
  params: URLSearchParams;
}

/** Sets address parameters; null removes one. */
export type ParamsUpdate = (update: Record<string, string | null>) => void;

/** The weighting a table uses, from the address: none, the file's column, or a weighting of the version shown. */
export function weightingFrom(params: URLSearchParams, survey: SurveyDetail): WeightingChoice {
  const w = params.get('w');
  if (w === 'file') return survey.version.codebook.weightColumn ? 'file' : 'none';
  if (w && survey.weightings.some((x) => x.id === w)) return w;
  return 'none';
}

/**
 * One dataset: the version shown (the latest unless one is picked) and its history, and the
 * workbench's views of it — crosstabs, frequencies and scales, weighting, the codebook. Both sides
 * read every table; edit controls show only where the server says the viewer may edit (`canEdit`).
 */
export function SurveyView({
  engagement,
  surveyId,
  state,
  onParams,
  onBack,
}: {
  engagement: EngagementView;
  surveyId: string;
  state: SurveyViewState;
  onParams: ParamsUpdate;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const fmt = useSurveyFormat();
  const encodingName = useEncodingName();
  const detail = useSurvey(engagement.id, surveyId, state.version);

  const back = (
    <Anchor component="button" type="button" size="sm" onClick={onBack} w="fit-content">
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t('surveys.view.back')}
      </Group>
    </Anchor>
  );
  if (detail.isPending)
    return (
      <Stack gap="sm">
        {back}
        <Loading />
      </Stack>
    );
  if (detail.isError)
    return (
      <Stack gap="sm">
        {back}
        <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />
      </Stack>
    );
  const survey = detail.data;
  const v = survey.version;
  const latest = v.version === survey.latestVersion;
  // A version change keeps the view but not the weighting (weightings belong to a version).
  const pickVersion = (value: string | null) =>
    onParams({ v: value && Number(value) !== survey.latestVersion ? value : null, w: state.params.get('w') === 'file' ? 'file' : null });

  return (
    <Stack gap="md" data-testid="survey-view" data-version={v.version} data-can-edit={survey.canEdit}>
      {back}
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2} size="h4">
            {survey.name}
          </Title>
          <Text size="sm" c="dimmed">
            {t('surveys.view.savedBy', { version: v.version, name: v.savedBy.displayName, at: format.dateTime(v.savedAt) })}
          </Text>
        </Stack>
        <Select
          label={t('surveys.view.version')}
          data={survey.versions.map((x) => ({
            value: String(x.version),
            label:
              x.version === survey.latestVersion
                ? t('surveys.view.versionLatest', { version: x.version })
                : t('surveys.version', { version: x.version }),
          }))}
          value={String(v.version)}
          onChange={pickVersion}
          allowDeselect={false}
          w={200}
        />
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        <Fact label={t('surveys.view.respondents')} value={fmt.count(v.respondents, false)} testId="survey-respondents" />
        <Fact label={t('surveys.view.questions')} value={fmt.count(v.questions, false)} />
        <Fact label={t('surveys.view.file')} value={t('surveys.view.fileVersion', { name: v.fileName, version: v.documentVersion })} />
        <Fact label={t('surveys.view.encoding')} value={encodingName(v.encoding)} />
        <Fact label={t('surveys.view.weightings')} value={fmt.count(survey.weightings.length, false)} />
      </SimpleGrid>
      {!latest && (
        <Alert color="blue" variant="light" data-testid="older-version">
          <Group justify="space-between">
            <Text size="sm">{t('surveys.view.older', { version: v.version, latest: survey.latestVersion })}</Text>
            <Button size="xs" variant="light" onClick={() => pickVersion(null)}>
              {t('surveys.view.showLatest')}
            </Button>
          </Group>
        </Alert>
      )}
      {!survey.canEdit && engagement.viewerSide === 'provider' && (
        <Badge variant="light" color="gray" tt="none" w="fit-content">
          {t('surveys.view.readOnly')}
        </Badge>
      )}
      <Tabs value={state.view} onChange={(value) => value && onParams({ view: value === 'crosstab' ? null : value })} keepMounted={false}>
        <Tabs.List mb="md">
          {surveyViews.map((view) => (
            <Tabs.Tab key={view} value={view}>
              {view === 'coding' ? t('coding.title') : t(`surveys.view.tabs.${view}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="crosstab">
          <CrosstabBuilder engagement={engagement} survey={survey} params={state.params} onParams={onParams} />
        </Tabs.Panel>
        <Tabs.Panel value="frequencies">
          <FrequenciesPanel engagement={engagement} survey={survey} params={state.params} onParams={onParams} />
        </Tabs.Panel>
        <Tabs.Panel value="weighting">
          <WeightingPanel engagement={engagement} survey={survey} params={state.params} onParams={onParams} />
        </Tabs.Panel>
        <Tabs.Panel value="codebook">
          <CodebookPanel engagement={engagement} survey={survey} onSaved={() => onParams({ v: null, view: 'codebook', w: null })} />
        </Tabs.Panel>
        <Tabs.Panel value="coding">
          <CodingPanel engagement={engagement} survey={survey} params={state.params} onParams={onParams} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <HistoryPanel survey={survey} onShow={(version) => pickVersion(String(version))} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} data-testid={testId} lineClamp={1}>
        {value}
      </Text>
    </Stack>
  );
}
