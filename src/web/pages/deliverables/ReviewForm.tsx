import { Alert, Badge, Button, Group, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEyeOff } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type DeliverableDetail,
  type DeliverableVersionView,
  type ReviewDecision,
  type Rubric,
  reviewDecisions,
} from '../../../shared/contracts/deliverables';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useFormatters } from '../../hooks/useFormatters';
import { useTranslator } from '../../hooks/useTranslator';
import { rubricName, weightedScore } from '../../lib/deliverables/rubric';
import { indexIssues, unplacedIssues } from '../../lib/engagements/issues';
import { useSession } from '../../session/session';
import { Section } from '../engagements/components/Section';
import { deliverablesApi } from './api';
import { anchorOf, type CommentDraft, CommentsEditor } from './CommentsEditor';
import { useDeliverableChanged, useRubricOf } from './hooks';
import { RubricScoring } from './RubricScoring';

interface ReviewFormProps {
  engagementId: string;
  deliverable: DeliverableDetail;
  version: DeliverableVersionView;
  onReviewed: () => void;
}

/** A client reviewer scores the version against its rubric, blind: the others' scores stay hidden until this review is in. */
export function ReviewForm(props: ReviewFormProps) {
  const rubric = useRubricOf(props.engagementId, props.version);
  if (rubric.isPending) return <Loading />;
  if (rubric.isError) return <ErrorAlert error={rubric.error} onRetry={() => void rubric.refetch()} />;
  return <ReviewFormWith {...props} rubric={rubric.data} />;
}

function ReviewFormWith({ engagementId, deliverable, version, rubric, onReviewed }: ReviewFormProps & { rubric: Rubric }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const changed = useDeliverableChanged(engagementId);
  const [scores, setScores] = useState<Record<string, number>>({});
  const [decision, setDecision] = useState<ReviewDecision>('accept');
  const [comments, setComments] = useState<CommentDraft[]>([]);
  const weighted = weightedScore(rubric, scores);
  const complete = weighted !== null;

  const send = useMutation({
    mutationFn: () =>
      deliverablesApi.review(engagementId, deliverable.id, version.version, {
        scores,
        decision,
        comments: comments.map((c) => ({ anchor: anchorOf(c.anchor), body: c.body })),
      }),
    onSuccess: async (detail) => {
      await changed(detail);
      notifications.show({ color: 'teal', message: t('deliverables.review.submitted') });
      onReviewed();
    },
  });
  const issues = useMemo(() => indexIssues(send.error, [], tr), [send.error, tr]);
  const unplaced = unplacedIssues(issues, new Set([...issues.keys()].filter((k) => /^(scores\.|comments\.|decision$)/.test(k))));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (complete) send.mutate();
  };

  return (
    <Section title={t('deliverables.review.title')}>
      <form onSubmit={submit} data-testid="review-form">
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('deliverables.review.intro')}
          </Text>
          <OtherReviews version={version} />
          <Text size="sm" fw={600}>
            {t('deliverables.review.rubric', { name: rubricName(rubric, tr), version: rubric.version })}
          </Text>
          <RubricScoring rubric={rubric} scores={scores} onChange={setScores} errorOf={(key) => issues.get(`scores.${key}`)} />
          <Radio.Group
            label={t('deliverables.review.decision')}
            value={decision}
            onChange={(v) => setDecision(v as ReviewDecision)}
            error={issues.get('decision')}
          >
            <Group mt="xs">
              {reviewDecisions.map((d) => (
                <Radio key={d} value={d} label={t(`deliverables.decisionLabel.${d}`)} />
              ))}
            </Group>
          </Radio.Group>
          <CommentsEditor version={version} comments={comments} onChange={setComments} issues={issues} />
          {send.error !== null && <ErrorAlert error={send.error} extra={unplaced} />}
          {!complete && (
            <Text size="sm" c="dimmed">
              {t('deliverables.review.scoreAll')}
            </Text>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={send.isPending} disabled={!complete}>
              {t('deliverables.review.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

/** Who else has reviewed this version; under blind review their scores are hidden until this reviewer's are in. */
function OtherReviews({ version }: { version: DeliverableVersionView }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const me = useSession().user.id;
  const others = version.reviews.filter((r) => r.reviewer?.userId !== me);
  return (
    <Alert color="gray" variant="light" icon={<IconEyeOff size={18} />} title={t('deliverables.review.others')} data-testid="other-reviews">
      <Stack gap={4}>
        {others.length === 0 ? (
          <Text size="sm">{t('deliverables.review.othersNone')}</Text>
        ) : (
          others.map((r) => (
            <Group key={r.id} gap="xs" data-testid="other-review">
              <Text size="sm" fw={600}>
                {r.reviewer?.displayName}
              </Text>
              <Text size="xs" c="dimmed">
                {t('deliverables.review.submittedAt', { at: f.dateTime(r.submittedAt) })}
              </Text>
              {r.scores === null ? (
                <Badge variant="outline" color="gray" tt="none" data-testid="hidden-scores">
                  {t('deliverables.review.hidden')}
                </Badge>
              ) : (
                <Badge variant="light" tt="none">
                  {r.weightedScore?.toFixed(2)}
                </Badge>
              )}
            </Group>
          ))
        )}
        {others.some((r) => r.scores === null) && (
          <Text size="xs" c="dimmed">
            {t('deliverables.review.blind')}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
