import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconEyeOff, IconScale, IconTargetArrow } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DeliverableVersionView } from '../../../shared/contracts/deliverables';
import { useFormatters } from '../../hooks/useFormatters';
import { can } from '../../lib/access';
import { startRoundPath } from '../../lib/deliverables/calibration';
import { goldOnVersion } from '../../lib/deliverables/gold';
import { useActiveMembership } from '../../session/session';
import { Section } from '../engagements/components/Section';
import { useAnchorLabel } from './anchors';
import { DecisionBadge, VersionStatusBadge } from './badges';
import { ChecksReport } from './ChecksReport';
import { useGold } from './hooks';
import { VersionContent } from './VersionContent';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

interface VersionViewProps {
  engagementId: string;
  deliverableId: string;
  version: DeliverableVersionView;
  /** The viewer may read the engagement's gold checks (`gold.read`: the client's side only). */
  showGold: boolean;
  /** The viewer may read the engagement's surveys and sizings: a market-research report's evidence shows their names. */
  researchNames?: boolean;
}

/** One version as submitted: when it was received, its checks, sections, references, files, and the decision on it. */
export function VersionView({ engagementId, deliverableId, version, showGold, researchNames = false }: VersionViewProps) {
  const { t } = useTranslation();
  const f = useFormatters();
  const calibrates = can(useActiveMembership(), 'calibration.manage');
  const content = version.content;
  return (
    <Stack gap="md" data-testid="version-view" data-version={version.version}>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <Fact label={t('deliverables.version.status')}>
            <VersionStatusBadge status={version.status} />
          </Fact>
          <Fact label={t('deliverables.version.received')}>
            <Text size="sm" data-testid="version-received">
              {f.dateTime(version.receivedAt)}
            </Text>
          </Fact>
          <Fact label={t('deliverables.version.submittedBy')}>
            <Text size="sm">{version.submittedBy?.displayName ?? t('common.none')}</Text>
          </Fact>
          <Fact label={t('deliverables.version.reviews')}>
            <Group gap={6}>
              <Text size="sm">
                {t('deliverables.version.reviewsValue', { count: version.reviewCount, wanted: version.reviewersWanted })}
              </Text>
              {version.blind && (
                <Badge size="sm" variant="light" color="gray" tt="none" leftSection={<IconEyeOff size={12} />} data-testid="version-blind">
                  {t('deliverables.version.blind')}
                </Badge>
              )}
            </Group>
          </Fact>
        </SimpleGrid>
        {(showGold || calibrates) && (
          <Group justify="space-between" mt="sm" gap="xs">
            {showGold ? <GoldLine engagementId={engagementId} deliverableId={deliverableId} version={version.version} /> : <span />}
            {calibrates && (
              <Button
                component={Link}
                to={startRoundPath({ engagementId, deliverableId, version: version.version })}
                size="xs"
                variant="light"
                leftSection={<IconScale size={14} />}
              >
                {t('deliverables.version.calibrate')}
              </Button>
            )}
          </Group>
        )}
        {version.note && (
          <Stack gap={2} mt="sm">
            <Text size="xs" c="dimmed">
              {t('deliverables.version.note')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {version.note}
            </Text>
          </Stack>
        )}
      </Paper>
      {version.decision && <DecisionView version={version} />}
      <ChecksReport checks={version.checks} content={content} />
      <VersionContent
        content={content}
        documents={version.documents}
        engagementId={engagementId}
        referencesLabel={t('deliverables.version.referencesTable', { version: version.version })}
        version={version.version}
        researchNames={researchNames}
        deliverableId={deliverableId}
      />
      <Section title={t('deliverables.version.files')}>
        {version.documents.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('deliverables.version.noFiles')}
          </Text>
        ) : (
          <Group gap="xs">
            {version.documents.map((d) => (
              <Badge key={d.id} variant="outline" color="gray" tt="none">
                {d.name}
              </Badge>
            ))}
          </Group>
        )}
      </Section>
    </Stack>
  );
}

/** How this version fared against the engagement's live gold checks (nothing when none was looked for in it). */
function GoldLine({ engagementId, deliverableId, version }: { engagementId: string; deliverableId: string; version: number }) {
  const { t } = useTranslation();
  const gold = useGold(engagementId, true);
  const tally = gold.data ? goldOnVersion(gold.data, deliverableId, version) : null;
  if (!tally) return <span />;
  return (
    <Group gap={6} data-testid="version-gold" data-caught={tally.caught} data-total={tally.total}>
      <IconTargetArrow size={16} color={`var(--mantine-color-${tally.caught === tally.total ? 'teal' : 'red'}-6)`} aria-hidden />
      <Text size="sm">{t('deliverables.version.gold', { caught: tally.caught, total: tally.total })}</Text>
    </Group>
  );
}

/** The lead's decision, with the reviewers' comments the viewer may read (the provider's, once decided). */
function DecisionView({ version }: { version: DeliverableVersionView }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const anchorLabel = useAnchorLabel(version);
  const decision = version.decision;
  if (!decision) return null;
  const comments = version.reviews.flatMap((r) => r.comments.map((c) => ({ ...c, by: r.reviewer?.displayName ?? null })));
  return (
    <Section title={t('deliverables.version.decision')} actions={<DecisionBadge decision={decision.decision} />}>
      <Stack gap="sm" data-testid="version-decision">
        <Text size="sm">
          {t('deliverables.version.decidedBy', {
            decision: t(`deliverables.decisionLabel.${decision.decision}`),
            name: decision.by?.displayName ?? t('common.none'),
            at: f.dateTime(decision.at),
          })}
        </Text>
        {decision.note && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {decision.note}
          </Text>
        )}
        <Text size="sm" fw={600}>
          {t('deliverables.version.comments')}
        </Text>
        {comments.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('deliverables.version.noComments')}
          </Text>
        ) : (
          <Stack gap="xs">
            {comments.map((c) => (
              <Paper key={c.id} withBorder p="xs">
                <Text size="xs" c="dimmed">
                  {c.by ? `${anchorLabel(c.anchor)} — ${c.by}` : anchorLabel(c.anchor)}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {c.body}
                </Text>
              </Paper>
            ))}
          </Stack>
        )}
      </Stack>
    </Section>
  );
}
