import { BarChart } from '@mantine/charts';
import { Alert, Anchor, Badge, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { IconEdit, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CodeframeDetail } from '../../../../shared/contracts/coding-api';
import type { EngagementView } from '../../../../shared/contracts/engagements';
import type { SurveyDetail } from '../../../../shared/contracts/market-research-api';
import { isMissingVersion } from '../../../api/errors';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { useFormatters } from '../../../hooks/useFormatters';
import { may } from '../../../lib/engagements/lifecycle';
import { Section } from '../../engagements/components/Section';
import { versionOf } from '../../research/routing';
import { useSurveyFormat } from '../format';
import { useCodeframe, useCodeframes } from '../hooks';
import type { ParamsUpdate } from '../SurveyView';
import { CodeframeEditor, openQuestions } from './CodeframeEditor';
import { OverrideModal, type OverrideTarget } from './OverrideModal';

/**
 * Open-answer coding: the survey's codeframes, and the one the address names (`cf`, its version
 * `cfv`) with a bar per code of the respondents who answered, its quotes, the uncoded answers and
 * the answers coded by hand. A link shows the other side the same. The provider's team (survey.write)
 * also creates codeframes, saves new versions of the codes and codes single answers by hand; the
 * server says per codeframe whether the viewer may (`canEdit`), and checks again on every request.
 */
export function CodingPanel({
  engagement,
  survey,
  params,
  onParams,
}: {
  engagement: EngagementView;
  survey: SurveyDetail;
  params: URLSearchParams;
  onParams: ParamsUpdate;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const list = useCodeframes(engagement.id, survey.id);
  const frames = list.data ?? [];
  const picked = params.get('cf');
  const shownId = frames.find((f) => f.id === picked)?.id ?? frames[0]?.id ?? null;
  // A version from 1, else the latest: `?cfv=abc` never sends NaN to the server.
  const cfv = versionOf(params, 'cfv');
  const detail = useCodeframe(engagement.id, survey.id, shownId, cfv);
  // The latest version, which a new version starts from and hand coding applies to (the same query when it is the one shown).
  const latest = useCodeframe(engagement.id, survey.id, shownId, null);
  const [editing, setEditing] = useState<'create' | 'version' | null>(null);
  const [override, setOverride] = useState<OverrideTarget | null>(null);
  const canCreate =
    may(engagement, 'survey.write') &&
    survey.canEdit &&
    survey.version.version === survey.latestVersion &&
    openQuestions(survey).length > 0;
  const latestFrame = latest.data && latest.data.id === shownId ? latest.data : undefined;

  if (editing === 'create' || (editing === 'version' && latestFrame)) {
    return (
      <CodeframeEditor
        engagement={engagement}
        survey={survey}
        {...(editing === 'version' && latestFrame && { latest: latestFrame })}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          onParams({ cf: saved.id, cfv: null });
        }}
      />
    );
  }

  return (
    <Stack gap="md">
      <Section
        title={t('coding.list')}
        actions={
          canCreate && (
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setEditing('create')}>
              {t('coding.edit.create')}
            </Button>
          )
        }
      >
        <Text size="sm" c="dimmed">
          {t('coding.intro')}
        </Text>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : frames.length === 0 ? (
          <Alert color="gray" variant="light">
            {t('coding.empty')}
          </Alert>
        ) : (
          <Table verticalSpacing="xs" aria-label={t('coding.list')} data-testid="codeframe-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('coding.question')}</Table.Th>
                <Table.Th>{t('coding.datasetVersion')}</Table.Th>
                <Table.Th>{t('coding.version')}</Table.Th>
                <Table.Th>{t('coding.codes')}</Table.Th>
                <Table.Th>{t('coding.updated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {frames.map((f) => (
                <Table.Tr key={f.id} data-testid="codeframe-row" data-id={f.id}>
                  <Table.Td>
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      onClick={() => onParams({ cf: f.id, cfv: null })}
                      fw={f.id === shownId ? 700 : 400}
                    >
                      {f.question}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t('surveys.version', { version: f.datasetVersion })}</Table.Td>
                  <Table.Td>{t('surveys.version', { version: f.version })}</Table.Td>
                  <Table.Td>{f.codes}</Table.Td>
                  <Table.Td>{format.dateTime(f.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
      {shownId &&
        (detail.isPending ? (
          <Loading />
        ) : detail.isError ? (
          isMissingVersion(detail.error) && cfv !== null ? (
            <Alert color="yellow" variant="light" role="alert" data-testid="codeframe-version-missing">
              <Stack gap="xs">
                <Text size="sm">{t('coding.versionMissing', { version: cfv })}</Text>
                <Button size="xs" variant="light" color="yellow" w="fit-content" onClick={() => onParams({ cf: shownId, cfv: null })}>
                  {t('coding.showLatest')}
                </Button>
              </Stack>
            </Alert>
          ) : (
            <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />
          )
        ) : (
          <CodeframeResults
            frame={detail.data}
            onVersion={(v) => onParams({ cf: shownId, cfv: v === detail.data.latestVersion ? null : String(v) })}
            onEdit={detail.data.canEdit && latestFrame ? () => setEditing('version') : undefined}
            onOverride={detail.data.canEdit && detail.data.version === detail.data.latestVersion ? setOverride : undefined}
          />
        ))}
      {override && latestFrame && (
        <OverrideModal engagementId={engagement.id} frame={latestFrame} target={override} onClose={() => setOverride(null)} />
      )}
    </Stack>
  );
}

/** A small link-styled button after an answer, to code it by hand. */
function OverrideButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Anchor component="button" type="button" size="xs" onClick={onClick} data-testid="override-action">
      {t('coding.override.action')}
    </Anchor>
  );
}

function CodeframeResults({
  frame,
  onVersion,
  onEdit,
  onOverride,
}: {
  frame: CodeframeDetail;
  onVersion: (version: number) => void;
  /** Absent when the viewer may not edit (the client, a provider after the work). */
  onEdit?: (() => void) | undefined;
  /** Absent when the viewer may not edit, or an older version is shown. */
  onOverride?: ((target: OverrideTarget) => void) | undefined;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const fmt = useSurveyFormat();
  const r = frame.results;
  const chart = r.codes.map((c) => ({ label: c.label, share: c.share * 100, count: c.count }));
  return (
    <Section title={`${frame.question} ${frame.questionLabel}`}>
      <Stack gap="sm" data-testid="codeframe-detail" data-version={frame.version} data-can-edit={frame.canEdit}>
        <Group justify="space-between" align="flex-end">
          <Stack gap={4}>
            <Text size="sm" c="dimmed">
              {t('coding.savedAt', { version: frame.version, at: format.dateTime(frame.savedAt) })}
            </Text>
            {onEdit && (
              <Button size="xs" variant="light" leftSection={<IconEdit size={14} />} w="fit-content" onClick={onEdit}>
                {t('coding.edit.newVersion')}
              </Button>
            )}
          </Stack>
          <Select
            label={t('coding.version')}
            data={Array.from({ length: frame.latestVersion }, (_, i) => frame.latestVersion - i).map((v) => ({
              value: String(v),
              label: v === frame.latestVersion ? t('coding.versionLatest', { version: v }) : t('surveys.version', { version: v }),
            }))}
            value={String(frame.version)}
            onChange={(v) => v && onVersion(Number(v))}
            allowDeselect={false}
            w={200}
          />
        </Group>
        <Text size="sm" fw={600} data-testid="coding-base" data-answered={r.answered}>
          {t('coding.base', { answered: fmt.count(r.answered, false), respondents: fmt.count(r.respondents, false) })}
        </Text>
        <div role="img" aria-label={t('coding.chart')}>
          <BarChart
            h={Math.max(200, Math.min(560, chart.length * 36 + 60))}
            data={chart}
            dataKey="label"
            orientation="vertical"
            yAxisProps={{ width: 180 }}
            valueFormatter={(v) => fmt.percent(v)}
            series={[{ name: 'share', label: t('coding.share'), color: 'blue.6' }]}
            data-testid="coding-chart"
          />
        </div>
        <Table verticalSpacing="xs" aria-label={t('coding.codes')} data-testid="coding-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('coding.code')}</Table.Th>
              <Table.Th>{t('coding.count')}</Table.Th>
              <Table.Th>{t('coding.share')}</Table.Th>
              <Table.Th>{t('coding.examples')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.codes.map((c) => (
              <Table.Tr key={c.key} data-testid="code-row" data-key={c.key} data-count={c.count} style={{ verticalAlign: 'top' }}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {c.label}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {c.key}
                  </Text>
                </Table.Td>
                <Table.Td data-testid="code-count">{fmt.count(c.count, false)}</Table.Td>
                <Table.Td data-testid="code-share">{fmt.share(c.share)}</Table.Td>
                <Table.Td>
                  {c.examples.length === 0 ? (
                    <Text size="xs" c="dimmed">
                      {t('coding.noExamples')}
                    </Text>
                  ) : (
                    <Stack gap={2}>
                      {c.examples.map((q) => (
                        <Text key={q.respondent} size="xs" data-testid="code-quote">
                          {t('coding.quote', { text: q.text })}
                        </Text>
                      ))}
                    </Stack>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="sm" fw={600} data-testid="coding-uncoded" data-count={r.uncoded.count}>
          {t('coding.uncoded', { count: r.uncoded.count, share: fmt.share(r.uncoded.share) })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('coding.uncodedIntro')}
        </Text>
        <Stack gap={2} mah={320} style={{ overflowY: 'auto' }}>
          {r.uncoded.answers.map((a) => (
            <Group key={a.respondent} gap="xs" wrap="nowrap" align="flex-start" data-testid="uncoded-answer" data-respondent={a.respondent}>
              <Text size="xs">{t('coding.respondentAnswer', { n: a.respondent + 1, text: a.text })}</Text>
              {onOverride && <OverrideButton onClick={() => onOverride({ respondent: a.respondent, text: a.text, codes: [] })} />}
            </Group>
          ))}
        </Stack>
        <Text size="sm" fw={600}>
          {t('coding.overrides')}
        </Text>
        {r.overrides.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t('coding.overridesEmpty')}
          </Text>
        ) : (
          r.overrides.map((o) => (
            <Group key={o.respondent} gap="xs" data-testid="override-row" data-respondent={o.respondent}>
              <Text size="xs">{t('coding.respondentAnswer', { n: o.respondent + 1, text: o.text })}</Text>
              {o.codes.length === 0 ? (
                <Badge size="xs" variant="light" color="gray" tt="none">
                  {t('coding.uncodedBadge')}
                </Badge>
              ) : (
                o.codes.map((k) => (
                  <Badge key={k} size="xs" variant="light" tt="none">
                    {frame.codes.find((c) => c.key === k)?.label ?? k}
                  </Badge>
                ))
              )}
              {onOverride && <OverrideButton onClick={() => onOverride({ respondent: o.respondent, text: o.text, codes: o.codes })} />}
            </Group>
          ))
        )}
      </Stack>
    </Section>
  );
}
