import { ActionIcon, Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeclarationsView, Employer, Holding } from '../../../shared/contracts/conflicts';
import { conflictKeys, conflictsApi } from '../../api/conflicts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LimitedTextInput } from '../../components/LimitedText';
import { Loading } from '../../components/Loading';
import { useFormatters } from '../../hooks/useFormatters';
import { useTranslator } from '../../hooks/useTranslator';
import { DateField } from '../engagements/components/DateField';
import { Section } from '../settings/Section';
import { isForbidden, issueAt } from './issues';

/**
 * 利益相反の申告: a provider person's own employers (with dates) and holdings. Shown only to those
 * the server lets declare (a provider's people); nobody else's declarations are ever shown here.
 */
export function ConflictDeclarationsSection() {
  const mine = useQuery({ queryKey: conflictKeys.mine, queryFn: conflictsApi.myDeclarations, retry: false });
  if (mine.isError && isForbidden(mine.error)) return null;
  return <DeclarationsBody mine={mine} />;
}

function DeclarationsBody({ mine }: { mine: ReturnType<typeof useQuery<DeclarationsView>> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Section id="conflict-declarations" title={t('conflicts.declarations.title')} intro={t('conflicts.declarations.intro')}>
      {mine.isPending ? (
        <Loading />
      ) : mine.isError ? (
        <ErrorAlert error={mine.error} onRetry={() => void mine.refetch()} />
      ) : (
        <>
          <Text size="xs" c="dimmed">
            {mine.data.declaredAt
              ? t('conflicts.declarations.declaredAt', { at: format.dateTime(mine.data.declaredAt) })
              : t('conflicts.declarations.never')}
          </Text>
          <DeclarationsForm initial={mine.data} />
        </>
      )}
    </Section>
  );
}

function DeclarationsForm({ initial }: { initial: DeclarationsView }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const queryClient = useQueryClient();
  const [employers, setEmployers] = useState<Employer[]>(initial.employers);
  const [holdings, setHoldings] = useState<Holding[]>(initial.holdings);
  useEffect(() => {
    setEmployers(initial.employers);
    setHoldings(initial.holdings);
  }, [initial]);
  const save = useMutation({
    mutationFn: () => conflictsApi.saveMyDeclarations({ employers, holdings }),
    onSuccess: (saved) => {
      queryClient.setQueryData(conflictKeys.mine, saved);
      notifications.show({ color: 'teal', message: t('conflicts.declarations.saved') });
    },
  });
  const setEmployer = (i: number, patch: Partial<Employer>) => setEmployers((all) => all.map((e, n) => (n === i ? { ...e, ...patch } : e)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {save.error && <ErrorAlert error={save.error} />}
        <Title order={3} size="h5">
          {t('conflicts.declarations.employers')}
        </Title>
        {employers.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('conflicts.declarations.none')}
          </Text>
        )}
        {employers.map((employer, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; their position is what the server names
          <Group key={i} align="flex-start" wrap="wrap" data-testid="employer-row">
            <LimitedTextInput
              label={t('conflicts.declarations.entity')}
              required
              value={employer.entity}
              onChange={(e) => setEmployer(i, { entity: e.currentTarget.value })}
              error={issueAt(save.error, tr, 'employers', i, 'entity')}
              limit={200}
              miw={240}
            />
            <DateField
              label={t('conflicts.declarations.from')}
              required
              value={employer.from}
              onChange={(from) => setEmployer(i, { from })}
              error={issueAt(save.error, tr, 'employers', i, 'from')}
            />
            <DateField
              label={t('conflicts.declarations.to')}
              value={employer.to ?? ''}
              onChange={(to) => setEmployer(i, { to: to === '' ? null : to })}
              error={issueAt(save.error, tr, 'employers', i, 'to')}
              description={t('conflicts.declarations.toHint')}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mt={28}
              aria-label={t('conflicts.declarations.remove')}
              onClick={() => setEmployers((all) => all.filter((_, n) => n !== i))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Button
          variant="default"
          size="compact-sm"
          w="fit-content"
          onClick={() => setEmployers((all) => [...all, { entity: '', from: '', to: null }])}
        >
          {t('conflicts.declarations.addEmployer')}
        </Button>
        <Title order={3} size="h5">
          {t('conflicts.declarations.holdings')}
        </Title>
        {holdings.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('conflicts.declarations.none')}
          </Text>
        )}
        {holdings.map((holding, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; their position is what the server names
          <Group key={i} align="flex-start" data-testid="holding-row">
            <LimitedTextInput
              label={t('conflicts.declarations.holding')}
              required
              value={holding.entity}
              onChange={(e) => {
                const entity = e.currentTarget.value;
                setHoldings((all) => all.map((h, n) => (n === i ? { entity } : h)));
              }}
              error={issueAt(save.error, tr, 'holdings', i, 'entity')}
              limit={200}
              miw={320}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mt={28}
              aria-label={t('conflicts.declarations.remove')}
              onClick={() => setHoldings((all) => all.filter((_, n) => n !== i))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Button variant="default" size="compact-sm" w="fit-content" onClick={() => setHoldings((all) => [...all, { entity: '' }])}>
          {t('conflicts.declarations.addHolding')}
        </Button>
        <Button type="submit" loading={save.isPending} w="fit-content">
          {t('conflicts.declarations.save')}
        </Button>
      </Stack>
    </form>
  );
}
