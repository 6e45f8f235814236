import { ActionIcon, Alert, Button, Group, List, NativeSelect, NumberInput, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { StaffedPersonView } from '../../../../shared/contracts/staffing';
import { capacityApi } from '../../../api/capacity';
import { membersApi } from '../../../api/endpoints';
import { queryKeys } from '../../../api/queryKeys';
import { hoursOf } from '../../../lib/capacity';
import type { StaffingDraft } from '../../../lib/staffing';
import { useSession } from '../../../session/session';
import { LoadEffect } from '../../capacity/LoadEffect';

const ROLES = ['analyst', 'lead'] as const;
/** Roles of the provider whose people can be staffed (as the server checks). */
const STAFFABLE = new Set(['analyst', 'delivery_manager', 'provider_admin']);

/**
 * The provider's internal staffing plan on its proposal form: its people with hours per week over the
 * proposal's weeks, each with what the plan does to their load before the click (the allocation
 * preview). Never sent to the client.
 */
export function StaffingEditor({
  engagementId,
  value,
  onChange,
  weeksOf,
  range,
}: {
  engagementId: string;
  value: StaffingDraft[];
  onChange: (v: StaffingDraft[]) => void;
  weeksOf: (minutes: number) => { week: string; minutes: number }[];
  range: { from: string; to: string; count: number } | null;
}) {
  const { t } = useTranslation();
  const { activeOrgId } = useSession();
  const people = useQuery({ queryKey: queryKeys.members(activeOrgId), queryFn: () => membersApi.list(activeOrgId) });
  const set = (i: number, change: Partial<StaffingDraft>) => onChange(value.map((r, j) => (j === i ? { ...r, ...change } : r)));
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('staffing.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('staffing.intro')}
        </Text>
        {range && (
          <Text size="xs" c="dimmed">
            {t('staffing.weeks', range)}
          </Text>
        )}
        {value.map((r, i) => {
          const n = i + 1;
          const taken = new Set(value.filter((_, j) => j !== i).map((x) => x.userId));
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: plan rows have no identity but their place until a person is chosen
            <Stack key={i} gap={4}>
              <Group gap="xs" align="flex-end" wrap="wrap">
                <Select
                  label={t('staffing.person', { n })}
                  data={(people.data ?? [])
                    .filter((p) => p.status === 'active' && p.roles.some((role) => STAFFABLE.has(role)) && !taken.has(p.userId))
                    .map((p) => ({ value: p.userId, label: `${p.displayName} (${p.email})` }))}
                  value={r.userId}
                  onChange={(v) => set(i, { userId: v })}
                  searchable
                  w={300}
                />
                <NativeSelect
                  label={t('staffing.role', { n })}
                  value={r.role}
                  onChange={(e) => set(i, { role: e.currentTarget.value as StaffingDraft['role'] })}
                  data={ROLES.map((role) => ({ value: role, label: t(`staffing.roles.${role}`) }))}
                  w={160}
                />
                <NumberInput
                  label={t('staffing.hours', { n })}
                  value={r.hoursPerWeek}
                  onChange={(v) => set(i, { hoursPerWeek: typeof v === 'number' ? v : '' })}
                  min={0}
                  max={168}
                  w={200}
                />
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  mb={4}
                  aria-label={t('staffing.remove', { n })}
                  onClick={() => onChange(value.filter((_, j) => j !== i))}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
              <StaffingPreview engagementId={engagementId} row={r} weeksOf={weeksOf} />
            </Stack>
          );
        })}
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={14} />}
          w="fit-content"
          onClick={() => onChange([...value, { userId: null, role: 'analyst', hoursPerWeek: '' }])}
        >
          {t('staffing.add')}
        </Button>
      </Stack>
    </Paper>
  );
}

/** What one person's plan does to their load (the capacity preview, which takes an engagement being bid on). */
function StaffingPreview({
  engagementId,
  row,
  weeksOf,
}: {
  engagementId: string;
  row: StaffingDraft;
  weeksOf: (minutes: number) => { week: string; minutes: number }[];
}) {
  const { activeOrgId } = useSession();
  const minutes = typeof row.hoursPerWeek === 'number' && row.hoursPerWeek > 0 ? Math.round(row.hoursPerWeek * 60) : 0;
  const weeks = minutes > 0 ? weeksOf(minutes) : [];
  const preview = useQuery({
    queryKey: ['capacity', 'preview', activeOrgId, row.userId, engagementId, 'staffing', weeks],
    queryFn: () => capacityApi.preview(activeOrgId, row.userId ?? '', { engagementId, weeks }),
    enabled: !!row.userId && weeks.length > 0,
  });
  if (!preview.data || weeks.length === 0) return null;
  return <LoadEffect effect={preview.data.effect} />;
}

/** What the award did with the plan: who is on the team (with the warnings their plan raised) and who was left out, and why. */
export function StaffingOutcome({ engagementId, staffing }: { engagementId: string; staffing: StaffedPersonView[] }) {
  const { t } = useTranslation();
  const decided = staffing.filter((s) => s.outcome !== null);
  if (decided.length === 0) return null;
  const leftOut = decided.some((s) => s.outcome === 'left_out');
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('staffing.outcome.title')}
        </Title>
        <Alert color={leftOut ? 'orange' : 'teal'} variant="light">
          <List size="sm" spacing={2}>
            {decided.map((s) => (
              <List.Item key={s.userId}>
                {s.outcome === 'staffed'
                  ? t('staffing.outcome.staffed', {
                      name: s.displayName,
                      hours: hoursOf(s.weeks.reduce((sum, w) => sum + w.minutes, 0)),
                    })
                  : t('staffing.outcome.left_out', {
                      name: s.displayName,
                      reason: t(`staffing.leftOutReason.${s.outcomeReason ?? 'legal_maximum'}`),
                    })}
              </List.Item>
            ))}
          </List>
        </Alert>
        {decided
          .filter((s) => s.warnings.length > 0)
          .map((s) => (
            <Stack key={s.userId} gap={4}>
              <Text size="sm" fw={600}>
                {s.displayName}
              </Text>
              <LoadEffect
                effect={{
                  userId: s.userId,
                  engagementId,
                  warnings: s.warnings,
                  overCapacity: [],
                  blocked: s.outcome === 'left_out',
                  overridden: false,
                }}
              />
            </Stack>
          ))}
      </Stack>
    </Paper>
  );
}
