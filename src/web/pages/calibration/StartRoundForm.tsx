import { Alert, Button, Group, MultiSelect, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { membersApi } from '../../api/endpoints';
import { engagementsApi } from '../../api/engagements';
import { queryKeys } from '../../api/queryKeys';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LimitedTextInput } from '../../components/LimitedText';
import { useTranslator } from '../../hooks/useTranslator';
import { type RoundSource, roundPath, versionChoices } from '../../lib/deliverables/calibration';
import { indexIssues, unplacedIssues } from '../../lib/engagements/issues';
import { useSession } from '../../session/session';
import { deliverableKeys, deliverablesApi } from '../deliverables/api';
import { Section } from '../engagements/components/Section';
import { calibrationApi, calibrationKeys } from './api';

/** Engagements that may have submitted deliverables: in progress or past it. */
const WITH_WORK = ['in_progress', 'delivered', 'accepted', 'closed', 'on_hold'] as const;

/**
 * Whoever runs calibration starts a round: a version of a deliverable on one of the organisation's
 * engagements as the reference, and the people asked to score it (the server says who may be asked).
 */
export function StartRoundForm({ source, onCancel }: { source: RoundSource | null; onCancel: () => void }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const orgId = useSession().activeOrgId;
  const [title, setTitle] = useState('');
  const [engagementId, setEngagementId] = useState<string | null>(source?.engagementId ?? null);
  const [deliverableId, setDeliverableId] = useState<string | null>(source?.deliverableId ?? null);
  const [version, setVersion] = useState<string | null>(source?.version ? String(source.version) : null);
  const [participants, setParticipants] = useState<string[]>([]);

  const engagements = useQuery({
    queryKey: ['calibration', 'engagements'],
    queryFn: () => engagementsApi.list({ status: WITH_WORK }, { limit: 200, offset: 0 }),
  });
  const deliverables = useQuery({
    queryKey: deliverableKeys.list(engagementId ?? ''),
    queryFn: () => deliverablesApi.list(engagementId ?? ''),
    enabled: engagementId !== null,
  });
  const members = useQuery({ queryKey: queryKeys.members(orgId), queryFn: () => membersApi.list(orgId) });
  const submitted = (deliverables.data ?? []).filter((d) => d.latestVersion > 0);
  const deliverable = submitted.find((d) => d.id === deliverableId);
  const active = (members.data ?? []).filter((m) => m.status === 'active');

  const create = useMutation({
    mutationFn: () =>
      calibrationApi.create({
        title: name,
        source: { engagementId: engagementId ?? '', deliverableId: deliverableId ?? '', version: Number(version) },
        participants,
      }),
    onSuccess: async (round) => {
      queryClient.setQueryData(calibrationKeys.round(round.id), round);
      await queryClient.invalidateQueries({ queryKey: calibrationKeys.all });
      notifications.show({ color: 'teal', message: t('deliverables.calibration.start.started', { title: round.title }) });
      navigate(roundPath(round.id));
    },
  });
  const issues = useMemo(() => indexIssues(create.error, [], tr), [create.error, tr]);
  const nameOf = (userId: string) => active.find((m) => m.userId === userId)?.displayName ?? userId;
  // An issue about one participant names them: "佐藤 花子: not one of your reviewers…".
  const participantIssues = participants.flatMap((id, i) => {
    const text = issues.get(`participants.${i}`);
    return text ? [`${nameOf(id)}: ${text}`] : [];
  });
  const participantsError = [issues.get('participants'), ...participantIssues].filter(Boolean).join(' ');
  const placed = new Set([...issues.keys()].filter((k) => /^(title|participants|source)/.test(k)));
  const sourceError = [...issues.entries()].find(([k]) => k.startsWith('source'))?.[1];

  // Until the admin names the round, it is named after its reference.
  const suggested =
    deliverable && version ? t('deliverables.calibration.start.titleSuggestion', { title: deliverable.title, version }) : '';
  const name = title.trim() || suggested;
  const ready = name !== '' && engagementId && deliverableId && version && participants.length >= 2;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (ready) create.mutate();
  };

  return (
    <Section title={t('deliverables.calibration.start.title')}>
      <form onSubmit={submit} data-testid="start-round-form">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('deliverables.calibration.start.intro')}
          </Text>
          {engagements.isError && <ErrorAlert error={engagements.error} onRetry={() => void engagements.refetch()} />}
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <Select
              label={t('deliverables.calibration.start.engagement')}
              data={(engagements.data?.items ?? []).map((e) => ({ value: e.id, label: e.displayName }))}
              value={engagementId}
              onChange={(v) => {
                setEngagementId(v);
                setDeliverableId(null);
                setVersion(null);
              }}
              searchable
              required
              nothingFoundMessage={t('deliverables.calibration.start.noEngagements')}
              error={sourceError}
            />
            <Select
              label={t('deliverables.calibration.start.deliverable')}
              data={submitted.map((d) => ({ value: d.id, label: d.title }))}
              value={deliverableId}
              onChange={(v) => {
                setDeliverableId(v);
                setVersion(null);
              }}
              disabled={engagementId === null}
              required
              nothingFoundMessage={t('deliverables.calibration.start.noDeliverables')}
              error={deliverables.isError ? t('deliverables.calibration.start.deliverablesFailed') : undefined}
            />
            <Select
              label={t('deliverables.calibration.start.version')}
              data={versionChoices(deliverable?.latestVersion ?? 0).map((v) => ({
                value: String(v),
                label: t('deliverables.versionLabel', { version: v }),
              }))}
              value={version}
              onChange={setVersion}
              disabled={!deliverable}
              required
            />
          </SimpleGrid>
          {engagementId !== null && deliverables.isSuccess && submitted.length === 0 && (
            <Alert color="gray" variant="light">
              <Text size="sm">{t('deliverables.calibration.start.noDeliverables')}</Text>
            </Alert>
          )}
          <LimitedTextInput
            label={t('deliverables.calibration.start.name')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            placeholder={suggested}
            limit={200}
            error={issues.get('title')}
          />
          <MultiSelect
            label={t('deliverables.calibration.start.participants')}
            description={t('deliverables.calibration.start.participantsHint')}
            data={active.map((m) => ({
              value: m.userId,
              label: t('deliverables.calibration.start.person', {
                name: m.displayName,
                roles: m.roles.map((r) => t(`roles.${r}`)).join(', '),
              }),
            }))}
            value={participants}
            onChange={setParticipants}
            searchable
            required
            error={participantsError || (members.isError ? t('deliverables.calibration.start.membersFailed') : undefined)}
          />
          {create.error !== null && <ErrorAlert error={create.error} extra={unplacedIssues(issues, placed)} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!ready}>
              {t('deliverables.calibration.start.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
