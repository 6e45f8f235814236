import { Alert, Button, Grid, List, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconEdit, IconEyeOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EngagementView } from '../../../../shared/contracts/engagements';
import { useFormatters } from '../../../hooks/useFormatters';
import { isBidderView, may } from '../../../lib/engagements/lifecycle';
import { Field } from '../components/Field';
import { InvitedProviders } from '../components/InvitedProviders';
import { LifecycleStepper } from '../components/LifecycleStepper';
import { Section } from '../components/Section';
import { TeamPanel } from '../components/TeamPanel';
import { TransitionActions } from '../components/TransitionActions';

export function OverviewTab({ engagement }: { engagement: EngagementView }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Section title={t('engagements.overview.lifecycle')}>
        <LifecycleStepper status={engagement.status} heldFrom={engagement.heldFrom} />
        <TransitionActions engagement={engagement} />
      </Section>
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Brief engagement={engagement} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Parties engagement={engagement} />
            <Section title={t('engagements.team.title')}>
              <TeamPanel engagement={engagement} />
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Brief({ engagement: e }: { engagement: EngagementView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Section
      title={t('engagements.overview.brief')}
      actions={
        may(e, 'engagement.edit_brief') && (
          <Button component={Link} to={`/engagements/${e.id}/edit`} size="xs" variant="light" leftSection={<IconEdit size={14} />}>
            {t('engagements.overview.editBrief')}
          </Button>
        )
      }
    >
      {e.viewerSide === 'provider' && (
        <Alert color="gray" variant="light" icon={<IconEyeOff size={16} />} p="xs">
          <Text size="xs">{t('engagements.overview.providerView')}</Text>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {e.title !== null && <Field label={t('engagements.overview.title')}>{e.title}</Field>}
        {e.codeName !== null && (
          <Field label={t('engagements.overview.codeName')}>
            <Text size="sm">{e.codeName}</Text>
            {e.viewerSide === 'client' && (
              <Text size="xs" c="dimmed">
                {t('engagements.overview.codeNameNote')}
              </Text>
            )}
          </Field>
        )}
        <Field label={t('engagements.brief.type')}>{t(`engagementType.${e.type}`)}</Field>
        <Field label={t('engagements.brief.classification')}>{t(`classification.${e.classification}`)}</Field>
        <Field label={t('engagements.overview.targetDates')}>
          {t('engagements.overview.dateRange', { from: format.date(e.targetStart), to: format.date(e.targetEnd) })}
        </Field>
        {e.viewerSide === 'client' && (
          <Field label={t('engagements.overview.budget')} testId="brief-budget">
            {e.budget ? format.money(e.budget) : t('engagements.overview.noBudget')}
          </Field>
        )}
      </SimpleGrid>
      <Field label={t('engagements.brief.objectives')}>{e.objectives || t('common.none')}</Field>
      <Field label={t('engagements.brief.scope')}>{e.scope || t('common.none')}</Field>
      <Field label={t('engagements.brief.deliverables')}>
        {e.expectedDeliverables.length ? (
          <List size="sm" spacing={2}>
            {e.expectedDeliverables.map((d) => (
              <List.Item key={d}>{d}</List.Item>
            ))}
          </List>
        ) : (
          t('common.none')
        )}
      </Field>
    </Section>
  );
}

function Parties({ engagement: e }: { engagement: EngagementView }) {
  const { t } = useTranslation();
  // A bidder learns how its own bid stands, never who else bid.
  const bidder = isBidderView(e);
  return (
    <Section title={t('engagements.overview.parties')}>
      <Field label={t('side.client')}>
        <Text size="sm">{e.client.name}</Text>
        <Text size="xs" c="dimmed">
          {t('engagements.overview.owner', { name: e.owner.displayName })}
        </Text>
      </Field>
      {!bidder && <Field label={t('side.provider')}>{e.provider ? e.provider.name : t('engagements.overview.noProviderYet')}</Field>}
      <Field label={t('engagements.overview.invited')}>
        <InvitedProviders engagement={e} />
      </Field>
    </Section>
  );
}
