import { Alert, Button, Group, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type DeliverableDetail,
  type DeliverableVersionView,
  type ReviewDecision,
  reviewDecisions,
} from '../../../shared/contracts/deliverables';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LimitedTextarea } from '../../components/LimitedText';
import { useFieldIssues } from '../../hooks/useTranslator';
import { Section } from '../engagements/components/Section';
import { deliverablesApi } from './api';
import { useDeliverableChanged } from './hooks';
import { ReviewsComparison } from './ReviewsComparison';

interface DecisionPanelProps {
  engagementId: string;
  deliverable: DeliverableDetail;
  version: DeliverableVersionView;
}

/** The lead sees the reviews side by side and decides: accept, accept with fixes, or rework (with what to change). */
export function DecisionPanel({ engagementId, deliverable, version }: DecisionPanelProps) {
  const { t } = useTranslation();
  const changed = useDeliverableChanged(engagementId);
  const [decision, setDecision] = useState<ReviewDecision | null>(null);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const noteMissing = decision !== null && decision !== 'accept' && note.trim() === '';
  const decide = useMutation({
    mutationFn: () => deliverablesApi.decide(engagementId, deliverable.id, version.version, { decision: decision ?? 'accept', note }),
    onSuccess: async (detail) => {
      await changed(detail);
      notifications.show({
        color: 'teal',
        message: t('deliverables.decide.decided', {
          title: detail.title,
          version: version.version,
          decision: t(`deliverables.decisionLabel.${decision ?? 'accept'}`),
        }),
      });
    },
  });
  const issues = useFieldIssues(decide.error, ['note', 'decision']);
  const escalates = decision === 'rework' && deliverable.reworkRounds + 1 > deliverable.maxReworkRounds;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (decision && !noteMissing) decide.mutate();
  };

  return (
    <Stack gap="md">
      <ReviewsComparison engagementId={engagementId} version={version} />
      <Section title={t('deliverables.decide.title')}>
        <form onSubmit={submit} data-testid="decision-form">
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('deliverables.decide.intro', { version: version.version })}
            </Text>
            {version.reviewCount < version.reviewersWanted && (
              <Alert color="yellow" variant="light">
                <Text size="sm">
                  {t('deliverables.decide.fewerReviews', { count: version.reviewCount, wanted: version.reviewersWanted })}
                </Text>
              </Alert>
            )}
            <Radio.Group
              label={t('deliverables.decide.decision')}
              value={decision}
              onChange={(v) => setDecision(v as ReviewDecision)}
              error={issues.byField.decision ?? (tried && decision === null ? t('issues.generic.required') : undefined)}
              required
            >
              <Group mt="xs">
                {reviewDecisions.map((d) => (
                  <Radio key={d} value={d} label={t(`deliverables.decisionLabel.${d}`)} />
                ))}
              </Group>
            </Radio.Group>
            {escalates && (
              <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="escalation-warning">
                <Text size="sm">
                  {t('deliverables.decide.escalation', { rounds: deliverable.reworkRounds + 1, max: deliverable.maxReworkRounds })}
                </Text>
              </Alert>
            )}
            <LimitedTextarea
              label={t('deliverables.decide.note')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              limit={5000}
              autosize
              minRows={3}
              required={decision !== null && decision !== 'accept'}
              error={issues.byField.note ?? (tried && noteMissing ? t('deliverables.decide.noteRequired') : undefined)}
            />
            {decide.error !== null && <ErrorAlert error={decide.error} extra={issues.unplaced} />}
            <Group justify="flex-end">
              <Button type="submit" loading={decide.isPending}>
                {t('deliverables.decide.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Section>
    </Stack>
  );
}
