import { Badge, Button, Group, Modal, MultiSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictReport, SubjectsView } from '../../../shared/contracts/conflicts';
import type { EngagementView } from '../../../shared/contracts/engagements';
import { conflictKeys, conflictsApi } from '../../api/conflicts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LimitedTextarea } from '../../components/LimitedText';
import { Loading } from '../../components/Loading';
import { useFormatters } from '../../hooks/useFormatters';
import { useTranslator } from '../../hooks/useTranslator';
import { issueAt } from './issues';

/**
 * The engagement's conflict walls, for the client's lead (the server shows this tab to no one else):
 * the target and competitors picked from the restricted list, and the report on the provider's
 * people with their overrides (lifted by a client admin, when the server says the viewer may).
 */
export function ConflictsTab({ engagement }: { engagement: EngagementView }) {
  const subjects = useQuery({ queryKey: conflictKeys.subjects(engagement.id), queryFn: () => conflictsApi.subjects(engagement.id) });
  const report = useQuery({ queryKey: conflictKeys.report(engagement.id), queryFn: () => conflictsApi.report(engagement.id) });
  return (
    <Stack gap="lg" data-testid="conflicts-tab">
      {subjects.isPending ? (
        <Loading />
      ) : subjects.isError ? (
        <ErrorAlert error={subjects.error} onRetry={() => void subjects.refetch()} />
      ) : (
        <SubjectsPanel engagementId={engagement.id} subjects={subjects.data} />
      )}
      {report.isPending ? (
        <Loading />
      ) : report.isError ? (
        <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <ReportPanel engagementId={engagement.id} report={report.data} />
      )}
    </Stack>
  );
}

function SubjectsPanel({ engagementId, subjects }: { engagementId: string; subjects: SubjectsView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [targets, setTargets] = useState(subjects.targets.map((e) => e.id));
  const [competitors, setCompetitors] = useState(subjects.competitors.map((e) => e.id));
  useEffect(() => {
    setTargets(subjects.targets.map((e) => e.id));
    setCompetitors(subjects.competitors.map((e) => e.id));
  }, [subjects]);
  const save = useMutation({
    mutationFn: () => conflictsApi.setSubjects(engagementId, { targets, competitors }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(conflictKeys.subjects(engagementId), saved);
      notifications.show({ color: 'teal', message: t('conflicts.engagement.saved') });
      await queryClient.invalidateQueries({ queryKey: conflictKeys.report(engagementId) });
    },
  });
  const label = (e: SubjectsView['choices'][number]) =>
    [e.name, ...e.aliases].join(' / ') + (e.tickers.length > 0 ? ` (${e.tickers.join(', ')})` : '');
  const data = subjects.choices.map((e) => ({ value: e.id, label: label(e) }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={3} size="h5">
            {t('conflicts.engagement.subjectsTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('conflicts.engagement.subjectsIntro', { months: subjects.coolingOffMonths })}
          </Text>
          {subjects.choices.length === 0 && (
            <Text size="sm" c="orange">
              {t('conflicts.engagement.noList')}
            </Text>
          )}
          {save.error && <ErrorAlert error={save.error} />}
          <MultiSelect
            label={t('conflicts.engagement.targets')}
            data={data.filter((d) => !competitors.includes(d.value))}
            value={targets}
            onChange={setTargets}
            searchable
            disabled={!subjects.maySet}
          />
          <MultiSelect
            label={t('conflicts.engagement.competitors')}
            data={data.filter((d) => !targets.includes(d.value))}
            value={competitors}
            onChange={setCompetitors}
            searchable
            disabled={!subjects.maySet}
          />
          {subjects.maySet && (
            <Button type="submit" loading={save.isPending} w="fit-content">
              {t('conflicts.engagement.save')}
            </Button>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

type Person = ConflictReport['people'][number];

function ReportPanel({ engagementId, report }: { engagementId: string; report: ConflictReport }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [lifting, setLifting] = useState<Person | null>(null);
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={3} size="h5">
          {t('conflicts.engagement.reportTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('conflicts.engagement.reportIntro', { today: format.date(report.today) })}
        </Text>
        {report.people.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('conflicts.engagement.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="xs" aria-label={t('conflicts.engagement.reportTitle')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('conflicts.engagement.person')}</Table.Th>
                  <Table.Th>{t('conflicts.engagement.role')}</Table.Th>
                  <Table.Th>{t('conflicts.engagement.conflicts')}</Table.Th>
                  <Table.Th>{t('conflicts.engagement.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.people.map((p) => (
                  <Table.Tr key={p.userId} data-conflict-person={p.userId}>
                    <Table.Td>{p.displayName}</Table.Td>
                    <Table.Td>{t(`conflicts.role.${p.role}`)}</Table.Td>
                    <Table.Td>
                      {p.declaredAt === null ? (
                        <Text size="sm" c="dimmed">
                          {t('conflicts.engagement.notDeclared')}
                        </Text>
                      ) : p.conflicts.length === 0 ? (
                        <Text size="sm">{t('common.none')}</Text>
                      ) : (
                        <Stack gap={4}>
                          {p.conflicts.map((c) => (
                            <Text size="sm" key={`${c.kind}:${c.entity.id}:${c.declared.entity}`}>
                              {t(`conflicts.kind.${c.kind}`)}: {c.entity.name}
                              {c.coolingOffEnds ? ` (${t('conflicts.engagement.until', { date: format.date(c.coolingOffEnds) })})` : ''}
                              <Text span size="xs" c="dimmed">
                                {' '}
                                · {t('conflicts.engagement.declaredLine', { entity: c.declared.entity })}
                              </Text>
                            </Text>
                          ))}
                        </Stack>
                      )}
                      {p.override && (
                        <Text size="xs" c="dimmed">
                          {t('conflicts.engagement.overrideBy', {
                            name: p.override.by.displayName,
                            at: format.dateTime(p.override.at),
                            reason: p.override.reason,
                          })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        <Badge color={p.blocked ? 'red' : p.override ? 'yellow' : 'teal'} variant="light" tt="none">
                          {t(
                            p.blocked
                              ? 'conflicts.engagement.blocked'
                              : p.override
                                ? 'conflicts.engagement.overridden'
                                : 'conflicts.engagement.clear',
                          )}
                        </Badge>
                        {p.blocked && report.mayOverride && (
                          <Button size="compact-xs" variant="default" onClick={() => setLifting(p)}>
                            {t('conflicts.engagement.override')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      {lifting && <OverrideDialog engagementId={engagementId} person={lifting} onClose={() => setLifting(null)} />}
    </Paper>
  );
}

function OverrideDialog({ engagementId, person, onClose }: { engagementId: string; person: Person; onClose: () => void }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const lift = useMutation({
    mutationFn: () => conflictsApi.override(engagementId, { userId: person.userId, reason }),
    onSuccess: (report) => {
      queryClient.setQueryData(conflictKeys.report(engagementId), report);
      notifications.show({ color: 'teal', message: t('conflicts.engagement.overridden_toast', { name: person.displayName }) });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    lift.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={t('conflicts.engagement.overrideTitle', { name: person.displayName })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('conflicts.engagement.overrideIntro')}</Text>
          {lift.error && !issueAt(lift.error, tr, 'reason') && <ErrorAlert error={lift.error} />}
          <LimitedTextarea
            label={t('conflicts.engagement.reason')}
            required
            autosize
            minRows={3}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={issueAt(lift.error, tr, 'reason')}
            limit={2000}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={lift.isPending}>
              {t('conflicts.engagement.overrideSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
