import { Alert, Anchor, Badge, Group, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { EngagementView } from '../../../shared/contracts/engagements';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { defaultView, type PanelView, viewsOf } from '../../lib/deliverables/views';
import { may } from '../../lib/engagements/lifecycle';
import { PatentReportBuilder } from '../patents/PatentReportBuilder';
import { DeliverableStatusBadge } from './badges';
import { DecisionPanel } from './DecisionPanel';
import { useDeliverable } from './hooks';
import { ReviewForm } from './ReviewForm';
import { ReviewsComparison } from './ReviewsComparison';
import { SubmitForm } from './SubmitForm';
import { VersionCompare } from './VersionCompare';
import { VersionView } from './VersionView';

export type { PanelView };

export interface PanelState {
  version: number | null;
  view: PanelView | null;
}

interface DeliverablePanelProps {
  engagement: EngagementView;
  deliverableId: string;
  state: PanelState;
  onState: (state: PanelState) => void;
  onBack: () => void;
}

/** One deliverable: its versions, and the submission, review or decision the viewer may make. */
export function DeliverablePanel({ engagement, deliverableId, state, onState, onBack }: DeliverablePanelProps) {
  const { t } = useTranslation();
  const detail = useDeliverable(engagement.id, deliverableId);
  const back = (
    <Anchor component="button" type="button" size="sm" onClick={onBack} w="fit-content">
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t('deliverables.detail.back')}
      </Group>
    </Anchor>
  );
  if (detail.isPending) return <Loading />;
  if (detail.isError)
    return (
      <Stack gap="sm">
        {back}
        <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />
      </Stack>
    );
  const d = detail.data;
  const views = viewsOf(engagement, d);
  const preferred = defaultView(d, views);
  const view = state.view && views.includes(state.view) ? state.view : preferred;
  const latest = d.versions.at(-1);
  const shown = d.versions.find((v) => v.version === state.version) ?? latest;
  const actionVersion = latest;

  return (
    <Stack gap="md" data-testid="deliverable-panel" data-deliverable={d.id}>
      {back}
      <Group justify="space-between" align="start">
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={2} size="h4">
              {d.title}
            </Title>
            <DeliverableStatusBadge status={d.status} />
            <Badge variant="outline" color="gray" tt="none">
              {t(`deliverables.type.${d.type}`)}
            </Badge>
            {d.escalated && (
              <Badge color="red" variant="filled" tt="none">
                {t('deliverables.list.escalated')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {t('deliverables.detail.milestone', { title: d.milestoneTitle })} ·{' '}
            {t('deliverables.detail.rework', { rounds: d.reworkRounds, max: d.maxReworkRounds })}
          </Text>
        </Stack>
      </Group>
      {d.escalated && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('deliverables.detail.escalatedTitle')}>
          <Text size="sm">{t('deliverables.detail.escalatedBody', { rounds: d.reworkRounds, max: d.maxReworkRounds })}</Text>
        </Alert>
      )}
      {views.length === 0 || !view ? (
        <Text size="sm" c="dimmed">
          {t('deliverables.detail.noVersions')}
        </Text>
      ) : (
        <Tabs value={view} onChange={(v) => v && onState({ ...state, view: v as PanelView })} keepMounted={false}>
          <Tabs.List mb="md">
            {views.map((key) => (
              <Tabs.Tab key={key} value={key}>
                {t(`deliverables.detail.tabs.${key}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="version">
            {shown && (
              <Stack gap="sm">
                <Select
                  label={t('deliverables.version.select')}
                  data={[...d.versions].reverse().map((v) => ({
                    value: String(v.version),
                    label: t('deliverables.version.option', { version: v.version, status: t(`deliverables.versionStatus.${v.status}`) }),
                  }))}
                  value={String(shown.version)}
                  onChange={(v) => v && onState({ ...state, version: Number(v) })}
                  allowDeselect={false}
                  w={280}
                />
                <VersionView
                  engagementId={engagement.id}
                  deliverableId={d.id}
                  version={shown}
                  showGold={may(engagement, 'gold.read')}
                  researchNames={may(engagement, 'survey.read')}
                />
              </Stack>
            )}
          </Tabs.Panel>
          <Tabs.Panel value="compare">
            <VersionCompare versions={d.versions} />
          </Tabs.Panel>
          <Tabs.Panel value="submit">
            {d.type === 'patent_research' ? (
              <PatentReportBuilder
                engagement={engagement}
                deliverable={d}
                onSubmitted={(version) => onState({ version, view: 'version' })}
              />
            ) : (
              <SubmitForm engagement={engagement} deliverable={d} onSubmitted={(version) => onState({ version, view: 'version' })} />
            )}
          </Tabs.Panel>
          <Tabs.Panel value="review">
            {actionVersion && (
              <ReviewForm
                engagementId={engagement.id}
                deliverable={d}
                version={actionVersion}
                onReviewed={() => onState({ version: actionVersion.version, view: 'reviews' })}
              />
            )}
          </Tabs.Panel>
          <Tabs.Panel value="reviews">{shown && <ReviewsComparison engagementId={engagement.id} version={shown} />}</Tabs.Panel>
          <Tabs.Panel value="decide">
            {actionVersion && <DecisionPanel engagementId={engagement.id} deliverable={d} version={actionVersion} />}
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}
