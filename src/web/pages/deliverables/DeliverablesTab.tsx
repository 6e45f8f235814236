import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { EngagementView } from '../../../shared/contracts/engagements';
import { workApi } from '../../api/engagements';
import { queryKeys } from '../../api/queryKeys';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { may } from '../../lib/engagements/lifecycle';
import { Section } from '../engagements/components/Section';
import { AgreementPanel } from './AgreementPanel';
import { CreateDeliverableModal } from './CreateDeliverableModal';
import { DeliverableList } from './DeliverableList';
import { DeliverablePanel, type PanelState, type PanelView } from './DeliverablePanel';
import { GoldPanel } from './GoldPanel';
import { useDeliverables } from './hooks';
import { QualitySettingsPanel } from './QualitySettingsPanel';

/**
 * The engagement's deliverables: the list per milestone, and one deliverable at a time (its address
 * is ?d=<id>&v=<version>&view=<view>, so the review queue and the bell can link to it); the
 * client's gold checks and reviewer agreement, and everyone's view of the quality settings (the lead
 * edits them).
 */
export function DeliverablesTab({ engagement }: { engagement: EngagementView }) {
  const [params, setParams] = useSearchParams();
  const open = params.get('d');
  const state: PanelState = {
    version: params.get('v') ? Number(params.get('v')) : null,
    view: (params.get('view') as PanelView | null) ?? null,
  };
  const go = (deliverableId: string | null, next: PanelState = { version: null, view: null }) => {
    const p = new URLSearchParams();
    if (deliverableId) p.set('d', deliverableId);
    if (deliverableId && next.version !== null) p.set('v', String(next.version));
    if (deliverableId && next.view) p.set('view', next.view);
    setParams(p);
  };
  if (open)
    return (
      <DeliverablePanel
        key={open}
        engagement={engagement}
        deliverableId={open}
        state={state}
        onState={(next) => go(open, next)}
        onBack={() => go(null)}
      />
    );
  return <Overview engagement={engagement} onOpen={(id) => go(id)} />;
}

function Overview({ engagement, onOpen }: { engagement: EngagementView; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const list = useDeliverables(engagement.id);
  const milestones = useQuery({
    queryKey: queryKeys.engagementPart(engagement.id, 'milestones'),
    queryFn: () => workApi.milestones(engagement.id),
  });
  const provider = engagement.viewerSide === 'provider';
  const maySubmit = may(engagement, 'deliverable.submit');
  const createButton = maySubmit && (
    <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setCreating(true)}>
      {t('deliverables.create.button')}
    </Button>
  );
  return (
    <Stack gap="md">
      <Section title={t('deliverables.list.title')} actions={createButton}>
        <Text size="sm" c="dimmed">
          {provider ? t('deliverables.list.introProvider') : t('deliverables.list.intro')}
        </Text>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.length === 0 ? (
          <Alert color="gray" variant="light" title={t('deliverables.list.empty')}>
            {maySubmit && t('deliverables.list.emptyProvider')}
          </Alert>
        ) : (
          <DeliverableList deliverables={list.data} milestones={milestones.data ?? []} onOpen={onOpen} />
        )}
      </Section>
      {may(engagement, 'gold.read') && <GoldPanel engagement={engagement} deliverables={list.data ?? []} />}
      {engagement.viewerSide === 'client' && may(engagement, 'quality.read_reviews') && <AgreementPanel engagementId={engagement.id} />}
      <QualitySettingsPanel engagementId={engagement.id} editable={may(engagement, 'quality.configure')} />
      {maySubmit && (
        <CreateDeliverableModal
          opened={creating}
          onClose={() => setCreating(false)}
          engagementId={engagement.id}
          milestones={milestones.data ?? []}
          onCreated={onOpen}
        />
      )}
    </Stack>
  );
}
