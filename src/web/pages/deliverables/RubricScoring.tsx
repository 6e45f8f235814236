import { Badge, Group, Paper, Radio, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Rubric } from '../../../shared/contracts/deliverables';
import { useTranslator } from '../../hooks/useTranslator';
import { criterionWords, levelsOf, weightedScore, weightPercent } from '../../lib/deliverables/rubric';

interface RubricScoringProps {
  rubric: Rubric;
  scores: Readonly<Record<string, number>>;
  onChange: (scores: Record<string, number>) => void;
  /** The server's word on a criterion's score, by the criterion's key. */
  errorOf?: (key: string) => string | undefined;
}

/** A level per criterion of a rubric, each level with what it means, and the weighted score once all are given. */
export function RubricScoring({ rubric, scores, onChange, errorOf = () => undefined }: RubricScoringProps) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const weighted = weightedScore(rubric, scores);
  return (
    <Stack gap="sm">
      {rubric.criteria.map((c) => {
        const words = criterionWords(rubric, c, tr);
        return (
          <Paper key={c.key} withBorder p="sm">
            <Radio.Group
              label={t('deliverables.review.criterion', { title: words.title, weight: weightPercent(c.weight) })}
              value={scores[c.key] === undefined ? null : String(scores[c.key])}
              onChange={(v) => onChange({ ...scores, [c.key]: Number(v) })}
              error={errorOf(c.key)}
              data-criterion={c.key}
            >
              <Stack gap={6} mt="xs">
                {levelsOf(rubric.scale).map((level, i) => (
                  <Radio
                    key={level}
                    value={String(level)}
                    label={t('deliverables.review.level', { level, anchor: words.anchors[i] ?? '' })}
                  />
                ))}
              </Stack>
            </Radio.Group>
          </Paper>
        );
      })}
      <Group gap="xs" data-testid="weighted-score">
        <Text size="sm" fw={600}>
          {t('deliverables.review.weighted')}
        </Text>
        {weighted !== null ? (
          <Badge size="lg" variant="light" tt="none">
            {t('deliverables.review.weightedValue', { score: weighted.toFixed(2), max: rubric.scale.max })}
          </Badge>
        ) : (
          <Text size="sm" c="dimmed">
            {t('deliverables.review.weightedPending')}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
