import { ActionIcon, Badge, Button, Group, NativeSelect, NumberInput, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserMinus } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngagementView, Side } from '../../../../shared/contracts/engagements';
import { capacityApi } from '../../../api/capacity';
import { membersApi } from '../../../api/endpoints';
import { engagementsApi, type TeamRole } from '../../../api/engagements';
import { queryKeys } from '../../../api/queryKeys';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useFieldIssues } from '../../../hooks/useTranslator';
import { planWeeks } from '../../../lib/capacity';
import { may } from '../../../lib/engagements/lifecycle';
import { useSession } from '../../../session/session';
import { LoadEffect } from '../../capacity/LoadEffect';
import { useEngagementChanged } from '../hooks';
import { ActionError } from './ActionError';

const rolesOf: Record<Side, TeamRole[]> = { client: ['reviewer', 'owner'], provider: ['analyst', 'lead'] };
type Member = EngagementView['team'][number];

/** Who works on the engagement on each side; a lead puts people of their own side on it and takes them off. */
export function TeamPanel({ engagement }: { engagement: EngagementView }) {
  const { t } = useTranslation();
  const changed = useEngagementChanged(engagement.id);
  const manages = may(engagement, 'engagement.assign_team');
  const [removing, setRemoving] = useState<Member | null>(null);
  const unassign = useMutation({
    mutationFn: (m: Member) => engagementsApi.unassign(engagement.id, m.userId),
    onSuccess: async (view, m) => {
      setRemoving(null);
      await changed(view);
      notifications.show({ color: 'teal', message: t('engagements.team.unassigned', { name: m.displayName }) });
    },
  });

  return (
    <Stack gap="sm">
      {engagement.team.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('engagements.team.empty')}
        </Text>
      ) : (
        <Table verticalSpacing={6} aria-label={t('engagements.team.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('engagements.team.person')}</Table.Th>
              <Table.Th>{t('engagements.team.side')}</Table.Th>
              <Table.Th>{t('engagements.team.role')}</Table.Th>
              {manages && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {engagement.team.map((m) => (
              <Table.Tr key={`${m.side}:${m.userId}`}>
                <Table.Td>
                  <Text size="sm">{m.displayName}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={m.side === 'client' ? 'indigo' : 'teal'} tt="none" size="sm">
                    {t(`side.${m.side}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`teamRole.${m.role}`)}</Text>
                </Table.Td>
                {manages && (
                  <Table.Td>
                    {m.side === engagement.viewerSide && m.role !== 'owner' && (
                      <Tooltip label={t('engagements.team.unassign')}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('engagements.team.unassignName', { name: m.displayName })}
                          onClick={() => setRemoving(m)}
                        >
                          <IconUserMinus size={16} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {manages && <AssignForm engagement={engagement} />}
      <ConfirmDialog
        opened={removing !== null}
        title={t('engagements.team.unassignTitle', { name: removing?.displayName ?? '' })}
        body={t('engagements.team.unassignBody')}
        confirmLabel={t('engagements.team.unassign')}
        onConfirm={() => removing && unassign.mutate(removing)}
        onCancel={() => setRemoving(null)}
        pending={unassign.isPending}
        error={unassign.error}
      />
    </Stack>
  );
}

/** Reasons listed under a refused assignment before the rest are counted. */
const SHOWN_ISSUES = 3;

function AssignForm({ engagement }: { engagement: EngagementView }) {
  const { t } = useTranslation();
  const { activeOrgId } = useSession();
  const changed = useEngagementChanged(engagement.id);
  const side = engagement.viewerSide;
  const [userId, setUserId] = useState<string | null>(null);
  const [role, setRole] = useState<TeamRole>(rolesOf[side][0] as TeamRole);
  const people = useQuery({ queryKey: queryKeys.members(activeOrgId), queryFn: () => membersApi.list(activeOrgId) });
  const onTeam = new Set(engagement.team.filter((m) => m.side === side).map((m) => m.userId));
  // Provider people may be added with planned hours (#14): the effect on their load is shown before the click.
  const [hoursPerWeek, setHoursPerWeek] = useState<number | ''>('');
  const [overrideReason, setOverrideReason] = useState('');
  const minutesPerWeek = side === 'provider' && typeof hoursPerWeek === 'number' && hoursPerWeek > 0 ? Math.round(hoursPerWeek * 60) : 0;
  const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
  const weeks = minutesPerWeek > 0 ? planWeeks(today, engagement.targetEnd, minutesPerWeek) : [];
  const preview = useQuery({
    queryKey: ['capacity', 'preview', activeOrgId, userId, engagement.id, minutesPerWeek, engagement.targetEnd],
    queryFn: () => capacityApi.preview(activeOrgId, userId ?? '', { engagementId: engagement.id, weeks }),
    enabled: !!userId && weeks.length > 0,
  });
  const assign = useMutation({
    mutationFn: () =>
      engagementsApi.assign(engagement.id, {
        userId: userId ?? '',
        role,
        ...(weeks.length > 0 && {
          plan: { minutesPerWeek, to: engagement.targetEnd, ...(overrideReason.trim() && { overrideReason: overrideReason.trim() }) },
        }),
      }),
    onSuccess: async (view) => {
      const name = people.data?.find((p) => p.userId === userId)?.displayName ?? '';
      setUserId(null);
      setHoursPerWeek('');
      setOverrideReason('');
      await changed(view);
      notifications.show({ color: 'teal', message: t('engagements.team.assigned', { name }) });
      const warnings = view.loadEffect?.warnings ?? [];
      if (warnings.length > 0) {
        notifications.show({
          color: 'orange',
          title: t('capacity.warning.title'),
          message: warnings.map((w) => `${w.to}: ${t(`capacity.warning.rule.${w.rule}`)}`).join(' / '),
        });
      }
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (userId) assign.mutate();
  };
  // Every reason the server gives (a conflict wall names each conflict), under the refusal.
  const issues = useFieldIssues(assign.error, []);
  // A plan refused for months on end names every month: the preview above has the summary, so the first few suffice.
  const shownIssues =
    issues.unplaced.length > SHOWN_ISSUES
      ? [...issues.unplaced.slice(0, SHOWN_ISSUES), t('engagements.team.moreIssues', { count: issues.unplaced.length - SHOWN_ISSUES })]
      : issues.unplaced;
  return (
    <form onSubmit={submit}>
      <Stack gap="xs">
        <ActionError error={assign.error} engagementId={engagement.id} extra={shownIssues} />
        <Group align="flex-end" gap="xs">
          <Select
            label={t('engagements.team.person')}
            placeholder={t('engagements.team.choosePerson')}
            data={(people.data ?? [])
              .filter((p) => p.status === 'active' && !onTeam.has(p.userId))
              .map((p) => ({ value: p.userId, label: `${p.displayName} (${p.email})` }))}
            value={userId}
            onChange={setUserId}
            searchable
            w={300}
          />
          <NativeSelect
            label={t('engagements.team.role')}
            value={role}
            onChange={(e) => setRole(e.currentTarget.value as TeamRole)}
            data={rolesOf[side].map((r) => ({ value: r, label: t(`teamRole.${r}`) }))}
            w={160}
          />
          {side === 'provider' && (
            <NumberInput
              label={t('capacity.warning.plan')}
              description={t('capacity.warning.planHint')}
              value={hoursPerWeek}
              onChange={(v) => setHoursPerWeek(typeof v === 'number' ? v : '')}
              min={0}
              max={168}
              step={1}
              w={200}
            />
          )}
          <Button type="submit" variant="light" loading={assign.isPending} disabled={!userId}>
            {t('engagements.team.assign')}
          </Button>
        </Group>
        {preview.data && weeks.length > 0 && <LoadEffect effect={preview.data.effect} />}
        {preview.data && (preview.data.effect.blocked || preview.data.effect.overCapacity.length > 0) && (
          <TextInput
            label={t('capacity.warning.overrideReason')}
            description={t('capacity.warning.overrideHint')}
            value={overrideReason}
            onChange={(e) => setOverrideReason(e.currentTarget.value)}
            maw={520}
          />
        )}
      </Stack>
    </form>
  );
}
