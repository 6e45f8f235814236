import { Anchor, Badge, Group, Stack, Tabs, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { type EngagementView, isClosedBid } from '../../../shared/contracts/engagements';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { type EngagementTab, engagementPath, isEngagementTab, visibleTabs } from '../../lib/engagements/tabs';
import { ConflictsTab } from '../conflicts/ConflictsTab';
import { DeliverablesTab } from '../deliverables/DeliverablesTab';
import { DocumentsTab } from '../documents/DocumentsTab';
import { ModelsTab } from '../financial-models/ModelsTab';
import { PatentsTab } from '../patents/PatentsTab';
import { SurveysTab } from '../surveys/SurveysTab';
import { EngagementTimeTab } from '../time/EngagementTimeTab';
import { ClosedBidPage } from './ClosedBidPage';
import { StatusBadge } from './components/StatusBadge';
import { SummaryStrip } from './components/SummaryStrip';
import { useEngagement } from './hooks';
import { ChangeRequestsTab } from './tabs/ChangeRequestsTab';
import { ControlTab } from './tabs/ControlTab';
import { MilestonesTab } from './tabs/MilestonesTab';
import { OverviewTab } from './tabs/OverviewTab';
import { ProposalsTab } from './tabs/ProposalsTab';
import { QuestionsTab } from './tabs/QuestionsTab';
import { SowTab } from './tabs/SowTab';
import { UpdatesTab } from './tabs/UpdatesTab';

export function EngagementPage() {
  const { id = '', tab } = useParams();
  const engagement = useEngagement(id);
  if (engagement.isPending) return <Loading />;
  if (engagement.isError) return <ErrorAlert error={engagement.error} onRetry={() => void engagement.refetch()} />;
  // A provider whose bid is over sees how it ended and its own proposal, nothing of the engagement.
  if (isClosedBid(engagement.data)) return <ClosedBidPage bid={engagement.data} />;
  return <EngagementTabs engagement={engagement.data} tab={isEngagementTab(tab) ? tab : 'overview'} />;
}

const panels: Record<EngagementTab, (props: { engagement: EngagementView }) => React.ReactNode> = {
  overview: OverviewTab,
  proposals: ProposalsTab,
  sow: SowTab,
  milestones: MilestonesTab,
  deliverables: DeliverablesTab,
  models: ModelsTab,
  surveys: SurveysTab,
  patents: PatentsTab,
  documents: DocumentsTab,
  updates: UpdatesTab,
  questions: QuestionsTab,
  changes: ChangeRequestsTab,
  control: ControlTab,
  time: EngagementTimeTab,
  conflicts: ConflictsTab,
};

function EngagementTabs({ engagement, tab }: { engagement: EngagementView; tab: EngagementTab }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const tabs = visibleTabs(engagement);
  const current = tabs.includes(tab) ? tab : 'overview';
  const Panel = panels[current];

  return (
    <Stack gap="sm">
      <Anchor component={Link} to="/engagements" size="sm" w="fit-content">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('engagements.page.back')}
        </Group>
      </Anchor>
      <PageHeader
        title={engagement.displayName}
        actions={
          <Group gap="xs">
            <StatusBadge status={engagement.status} />
            <Badge variant="outline" color="gray" tt="none">
              {t(`engagementType.${engagement.type}`)}
            </Badge>
          </Group>
        }
      />
      {engagement.viewerSide === 'provider' && (
        <Text size="sm" c="dimmed" mt={-12}>
          {t('engagements.page.clientIs', { client: engagement.client.name })}
        </Text>
      )}
      {engagement.summary && <SummaryStrip summary={engagement.summary} />}
      <Tabs
        value={current}
        onChange={(value) => value && navigate(engagementPath(engagement.id, value as EngagementTab))}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {tabs.map((key) => (
            <Tabs.Tab key={key} value={key}>
              {t(`engagements.tabs.${key}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value={current}>
          <Panel engagement={engagement} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
