import { Alert, Anchor, Button, Stack, Table, Text } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { EngagementView } from '../../../shared/contracts/engagements';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useFormatters } from '../../hooks/useFormatters';
import { may } from '../../lib/engagements/lifecycle';
import { Section } from '../engagements/components/Section';
import { MatrixEditor } from '../research/MatrixEditor';
import { MatrixView } from '../research/MatrixView';
import { ResearchLists } from '../research/ResearchLists';
import { type ResearchRoute, researchParams, researchRoute } from '../research/routing';
import { SizingEditor } from '../research/SizingEditor';
import { SizingView } from '../research/SizingView';
import { useSurveyFormat } from './format';
import { useSurveys } from './hooks';
import { ImportFlow } from './ImportFlow';
import { SurveyView, type SurveyViewState, surveyViews } from './SurveyView';

/**
 * The survey data of a market-research engagement: the datasets, one dataset at a time (its address
 * is ?s=<id>&v=<version>&view=<view>, with the crosstab's choices after it, so a link shows the
 * same table to the other side), and the import for the provider's team while the server lets it.
 * Under them, the market sizings and competitor matrices, each with its own address
 * (?sizing=<id>&v=<n>, ?matrix=<id>&v=<n>&x=<key>&y=<key>; research/routing.ts).
 */
export function SurveysTab({ engagement }: { engagement: EngagementView }) {
  const [params, setParams] = useSearchParams();
  const open = params.get('s');
  const go = (next: URLSearchParams) => setParams(next);
  const research = researchRoute(params);
  // A new canvas is for the provider's team while the server lets it; anyone else sees the list.
  const isNew = research?.kind === 'newSizing' || research?.kind === 'newMatrix';
  if (research && (!isNew || may(engagement, 'survey.write')))
    return <ResearchCanvas engagement={engagement} route={research} go={(r) => go(r ? researchParams(r) : new URLSearchParams())} />;
  if (params.get('import') === '1' && may(engagement, 'survey.write'))
    return (
      <ImportFlow
        engagement={engagement}
        onCancel={() => go(new URLSearchParams())}
        onCreated={(id) => go(new URLSearchParams({ s: id }))}
      />
    );
  if (open) {
    const view = params.get('view');
    const state: SurveyViewState = {
      version: params.get('v') ? Number(params.get('v')) : null,
      view: surveyViews.find((v) => v === view) ?? 'crosstab',
      params,
    };
    return (
      <SurveyView
        key={open}
        engagement={engagement}
        surveyId={open}
        state={state}
        onParams={(update) => {
          const next = new URLSearchParams(params);
          for (const [k, v] of Object.entries(update)) {
            if (v === null || v === '') next.delete(k);
            else next.set(k, v);
          }
          go(next);
        }}
        onBack={() => go(new URLSearchParams())}
      />
    );
  }
  return (
    <SurveyList
      engagement={engagement}
      onOpen={(id) => go(new URLSearchParams({ s: id }))}
      onImport={() => go(new URLSearchParams({ import: '1' }))}
      onOpenResearch={(kind, id) =>
        go(researchParams(kind === 'sizing' ? { kind, id, version: null } : { kind, id, version: null, x: null, y: null }))
      }
      onNewResearch={(kind) => go(researchParams({ kind: kind === 'sizing' ? 'newSizing' : 'newMatrix' }))}
    />
  );
}

/** A market sizing or competitor matrix, or the editor of a new one (for the provider's team while the server lets it). */
function ResearchCanvas({
  engagement,
  route,
  go,
}: {
  engagement: EngagementView;
  route: ResearchRoute;
  go: (route: ResearchRoute | null) => void;
}) {
  const back = () => go(null);
  switch (route.kind) {
    case 'newSizing':
      return <SizingEditor engagement={engagement} onCancel={back} onSaved={(id) => go({ kind: 'sizing', id, version: null })} />;
    case 'newMatrix':
      return (
        <MatrixEditor
          engagement={engagement}
          onCancel={back}
          onSaved={(id) => go({ kind: 'matrix', id, version: null, x: null, y: null })}
        />
      );
    case 'sizing':
      return <SizingView key={route.id} engagement={engagement} route={route} onRoute={go} onBack={back} />;
    case 'matrix':
      return <MatrixView key={route.id} engagement={engagement} route={route} onRoute={go} onBack={back} />;
  }
}

function SurveyList({
  engagement,
  onOpen,
  onImport,
  onOpenResearch,
  onNewResearch,
}: {
  engagement: EngagementView;
  onOpen: (id: string) => void;
  onImport: () => void;
  onOpenResearch: (kind: 'sizing' | 'matrix', id: string) => void;
  onNewResearch: (kind: 'sizing' | 'matrix') => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const fmt = useSurveyFormat();
  const list = useSurveys(engagement.id);
  // What the server offers the viewer now (the provider's team while the work is being built); it checks again.
  const mayImport = may(engagement, 'survey.write');
  const importButton = mayImport && (
    <Button size="xs" variant="light" leftSection={<IconFileImport size={14} />} onClick={onImport}>
      {t('surveys.list.import')}
    </Button>
  );
  return (
    <Stack gap="md">
      <Section title={t('surveys.list.title')} actions={importButton}>
        <Text size="sm" c="dimmed">
          {engagement.viewerSide === 'provider' ? t('surveys.list.introProvider') : t('surveys.list.intro')}
        </Text>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.length === 0 ? (
          <Alert color="gray" variant="light" title={t('surveys.list.empty')}>
            {mayImport ? t('surveys.list.emptyEditor') : t('surveys.list.emptyReader')}
          </Alert>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" highlightOnHover aria-label={t('surveys.list.table')} data-testid="surveys-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('surveys.list.name')}</Table.Th>
                  <Table.Th ta="right">{t('surveys.list.respondents')}</Table.Th>
                  <Table.Th ta="right">{t('surveys.list.questions')}</Table.Th>
                  <Table.Th>{t('surveys.list.latest')}</Table.Th>
                  <Table.Th>{t('surveys.list.saved')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((s) => (
                  <Table.Tr key={s.id} data-testid="survey-row">
                    <Table.Td>
                      <Anchor component="button" type="button" fw={600} size="sm" onClick={() => onOpen(s.id)}>
                        {s.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {s.latest.fileName}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {fmt.count(s.latest.respondents, false)}
                    </Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {fmt.count(s.latest.questions, false)}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t('surveys.version', { version: s.latestVersion })}</Text>
                      {s.latest.note && (
                        <Text size="xs" c="dimmed" lineClamp={1} maw={260}>
                          {s.latest.note}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {t('surveys.list.savedBy', { name: s.latest.savedBy.displayName, at: format.dateTime(s.latest.savedAt) })}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
      <ResearchLists engagement={engagement} onOpen={onOpenResearch} onNew={onNewResearch} />
    </Stack>
  );
}
