import { ActionIcon, Badge, Button, Group, NumberInput, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type RestrictedKind, type RestrictedListView, restrictedKinds } from '../../../shared/contracts/conflicts';
import { conflictKeys, conflictsApi } from '../../api/conflicts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LimitedTextarea, LimitedTextInput } from '../../components/LimitedText';
import { Loading } from '../../components/Loading';
import { useTranslator } from '../../hooks/useTranslator';
import { useActiveMembership } from '../../session/session';
import { Section } from '../settings/Section';
import { isForbidden, issueAt, linesOf, listIssues } from './issues';

interface Row {
  id: string | undefined;
  name: string;
  aliases: string;
  tickers: string;
  kind: RestrictedKind;
  note: string;
  engagements: number;
}

const rowsOf = (list: RestrictedListView): Row[] =>
  list.entities.map((e) => ({
    id: e.id,
    name: e.name,
    aliases: e.aliases.join('\n'),
    tickers: e.tickers.join('\n'),
    kind: e.kind,
    note: e.note,
    engagements: e.engagements,
  }));

/** 制限リスト: the client's restricted entities and cooling-off period, for those the server lets keep it (its admins). */
export function RestrictedListSection() {
  const { t } = useTranslation();
  const membership = useActiveMembership();
  const orgId = membership?.orgId ?? '';
  const enabled = orgId !== '' && membership?.orgKind === 'client';
  const list = useQuery({
    queryKey: conflictKeys.restrictedList(orgId),
    queryFn: () => conflictsApi.restrictedList(orgId),
    enabled,
    retry: false,
  });
  if (!enabled || (list.isError && isForbidden(list.error))) return null;
  return (
    <Section id="restricted-list" title={t('conflicts.list.title')} intro={t('conflicts.list.intro')}>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <RestrictedListForm orgId={orgId} list={list.data} />
      )}
    </Section>
  );
}

function RestrictedListForm({ orgId, list }: { orgId: string; list: RestrictedListView }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const queryClient = useQueryClient();
  const [months, setMonths] = useState<number | string>(list.coolingOffMonths);
  const [rows, setRows] = useState<Row[]>(rowsOf(list));
  useEffect(() => {
    setMonths(list.coolingOffMonths);
    setRows(rowsOf(list));
  }, [list]);
  const save = useMutation({
    mutationFn: () =>
      conflictsApi.saveRestrictedList(orgId, {
        coolingOffMonths: typeof months === 'number' ? months : Number(months),
        version: list.version,
        entities: rows.map((r) => ({
          ...(r.id && { id: r.id }),
          name: r.name,
          aliases: linesOf(r.aliases),
          tickers: linesOf(r.tickers),
          kind: r.kind,
          note: r.note,
        })),
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(conflictKeys.restrictedList(orgId), saved);
      notifications.show({ color: 'teal', message: t('conflicts.list.saved') });
    },
  });
  const set = (i: number, patch: Partial<Row>) => setRows((all) => all.map((r, n) => (n === i ? { ...r, ...patch } : r)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {save.error && <ErrorAlert error={save.error} extra={listIssues(save.error, tr, 'entities')} />}
        <NumberInput
          label={t('conflicts.list.coolingOff')}
          description={t('conflicts.list.coolingOffHint')}
          min={0}
          max={60}
          allowDecimal={false}
          value={months}
          onChange={setMonths}
          error={issueAt(save.error, tr, 'coolingOffMonths')}
          maw={260}
        />
        {rows.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('conflicts.list.empty')}
          </Text>
        )}
        {rows.map((row, i) => (
          <Paper key={row.id ?? `new-${i}`} withBorder p="sm" data-testid="restricted-entity">
            <Stack gap="xs">
              <Group align="flex-start" wrap="wrap">
                <LimitedTextInput
                  label={t('conflicts.list.name')}
                  required
                  value={row.name}
                  onChange={(e) => set(i, { name: e.currentTarget.value })}
                  error={issueAt(save.error, tr, 'entities', i, 'name')}
                  limit={200}
                  miw={260}
                />
                <Select
                  label={t('conflicts.list.kind')}
                  data={restrictedKinds.map((k) => ({ value: k, label: t(`conflicts.entityKind.${k}`) }))}
                  value={row.kind}
                  onChange={(v) => v && set(i, { kind: v as RestrictedKind })}
                  allowDeselect={false}
                  maw={200}
                />
                {row.engagements > 0 ? (
                  <Badge mt={30} variant="light" tt="none">
                    {t('conflicts.list.inUse', { count: row.engagements })}
                  </Badge>
                ) : (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mt={28}
                    aria-label={t('conflicts.list.remove')}
                    onClick={() => setRows((all) => all.filter((_, n) => n !== i))}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                )}
              </Group>
              <Group align="flex-start" grow>
                <Textarea
                  label={t('conflicts.list.aliases')}
                  description={t('conflicts.list.aliasesHint')}
                  autosize
                  minRows={1}
                  value={row.aliases}
                  onChange={(e) => set(i, { aliases: e.currentTarget.value })}
                  error={issueAt(save.error, tr, 'entities', i, 'aliases')}
                />
                <Textarea
                  label={t('conflicts.list.tickers')}
                  description={t('conflicts.list.tickersHint')}
                  autosize
                  minRows={1}
                  value={row.tickers}
                  onChange={(e) => set(i, { tickers: e.currentTarget.value })}
                  error={issueAt(save.error, tr, 'entities', i, 'tickers')}
                />
              </Group>
              <LimitedTextarea
                label={t('conflicts.list.note')}
                autosize
                minRows={1}
                value={row.note}
                onChange={(e) => set(i, { note: e.currentTarget.value })}
                error={issueAt(save.error, tr, 'entities', i, 'note')}
                limit={1000}
              />
            </Stack>
          </Paper>
        ))}
        <Button
          variant="default"
          size="compact-sm"
          w="fit-content"
          onClick={() =>
            setRows((all) => [...all, { id: undefined, name: '', aliases: '', tickers: '', kind: 'target', note: '', engagements: 0 }])
          }
        >
          {t('conflicts.list.add')}
        </Button>
        <Button type="submit" loading={save.isPending} w="fit-content">
          {t('conflicts.list.save')}
        </Button>
      </Stack>
    </form>
  );
}
