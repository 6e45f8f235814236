import { Badge, Group, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconHeartbeat } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { StrainSignalView } from '../../../shared/contracts/capacity';
import { capacityApi, capacityKeys } from '../../api/capacity';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';

/** A provider person's strain signals beside their hours (the load page); the server decides who may read them. */
export function StrainPanel({ orgId, userId }: { orgId: string; userId: string }) {
  const { t } = useTranslation();
  const strain = useQuery({ queryKey: capacityKeys.strain(orgId, userId), queryFn: () => capacityApi.strain(orgId, userId) });
  return (
    <Paper withBorder p="md" component="section" aria-label={t('time.strain.title')} data-testid="strain-signals">
      <Stack gap="xs">
        <Title order={2} size="h5">
          {t('time.strain.title')}
        </Title>
        {strain.isPending ? (
          <Loading />
        ) : strain.isError ? (
          <ErrorAlert error={strain.error} onRetry={() => void strain.refetch()} />
        ) : (
          <>
            <Text size="xs" c="dimmed">
              {t('time.strain.intro', { from: strain.data.from, to: strain.data.to })}
            </Text>
            <Table aria-label={t('time.strain.title')} fz="sm">
              <Table.Tbody>
                {strain.data.signals.map((s) => (
                  <Table.Tr key={s.kind} data-raised={s.raised}>
                    <Table.Th scope="row">{t(`time.strain.kind.${s.kind}`)}</Table.Th>
                    <Table.Td>
                      <Stack gap={0}>
                        <Text size="sm" fw={s.raised ? 700 : 400} c={s.raised ? 'orange.8' : 'inherit'}>
                          {t(`time.strain.value.${s.kind}`, { value: s.value, threshold: s.threshold })}
                        </Text>
                        {s.dates.length > 0 && (
                          <Text size="xs" c="dimmed">
                            {t('time.strain.dates', { dates: s.dates.join(', ') })}
                          </Text>
                        )}
                      </Stack>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Badge size="sm" variant={s.raised ? 'filled' : 'light'} color={s.raised ? 'orange' : 'gray'}>
                        {t(s.raised ? 'time.strain.raised' : 'time.strain.notRaised')}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** The board's compact mark: how many strain signals are raised for the person, which ones on hover. */
export function StrainMarker({ signals }: { signals: readonly StrainSignalView[] }) {
  const { t } = useTranslation();
  const raised = signals.filter((s) => s.raised);
  if (raised.length === 0) return null;
  const label = t('time.strain.marker', { count: raised.length, kinds: raised.map((s) => t(`time.strain.kind.${s.kind}`)).join('、') });
  return (
    <Tooltip label={label} multiline w={260} withArrow>
      <Group gap={2} wrap="nowrap" tabIndex={0} aria-label={label} data-testid="strain-marker" style={{ display: 'inline-flex' }}>
        <IconHeartbeat size={14} color="var(--mantine-color-orange-7)" />
        <Text size="xs" c="orange.8" fw={700}>
          {raised.length}
        </Text>
      </Group>
    </Tooltip>
  );
}
