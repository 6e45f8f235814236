import { Button, Group, NumberInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type InternalRatesView, rateRoles } from '../../../shared/contracts/time';
import { timeApi, timeKeys } from '../../api/time';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useTranslator } from '../../hooks/useTranslator';
import { issuesOf } from '../../lib/errorText';
import { useSession } from '../../session/session';
import { Section } from './Section';

/** A client's internal hourly rates per role (its admins; the hidden-cost figures read them). */
export function RatesSection() {
  const { t } = useTranslation();
  const orgId = useSession().activeOrgId;
  const rates = useQuery({ queryKey: timeKeys.rates(orgId), queryFn: () => timeApi.rates(orgId) });
  return (
    <Section id="internal-rates" title={t('time.rates.title')} intro={t('time.rates.intro')}>
      {rates.isPending ? (
        <Loading />
      ) : rates.isError ? (
        <ErrorAlert error={rates.error} onRetry={() => void rates.refetch()} />
      ) : (
        <RatesForm key={rates.data.version} orgId={orgId} rates={rates.data} />
      )}
    </Section>
  );
}

function RatesForm({ orgId, rates }: { orgId: string; rates: InternalRatesView }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<string, number | string>>(Object.fromEntries(rates.rates.map((r) => [r.role, r.hourlyYen])));
  const save = useMutation({
    mutationFn: () =>
      timeApi.saveRates(orgId, {
        rates: rateRoles
          .filter((r) => values[r] !== undefined && values[r] !== '')
          .map((role) => ({ role, hourlyYen: Number(values[role]) })),
        version: rates.version,
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(timeKeys.rates(orgId), saved);
      notifications.show({ color: 'teal', message: t('time.rates.saved') });
      await queryClient.invalidateQueries({ queryKey: ['engagements', 'one'] });
    },
  });
  return (
    <Stack gap="xs">
      <Group gap="xs" align="flex-end">
        {rateRoles.map((role) => (
          <NumberInput
            key={role}
            label={`${t(`roles.${role}`)} (${t('time.rates.hourly')})`}
            value={values[role] ?? ''}
            onChange={(v) => setValues((x) => ({ ...x, [role]: v }))}
            min={0}
            max={1_000_000}
            step={500}
            allowDecimal={false}
            thousandSeparator=","
            w={200}
          />
        ))}
      </Group>
      <Button w="fit-content" onClick={() => save.mutate()} loading={save.isPending}>
        {t('time.rates.save')}
      </Button>
      {save.error !== null && (
        <ErrorAlert
          error={save.error}
          extra={issuesOf(save.error, [], tr).unplaced}
          onRetry={() => void queryClient.invalidateQueries({ queryKey: timeKeys.rates(orgId) })}
        />
      )}
    </Stack>
  );
}
