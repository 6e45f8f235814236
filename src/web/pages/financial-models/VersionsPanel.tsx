import { Alert, Anchor, Badge, Code, Group, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FinancialModel } from '../../../shared/contracts/financial-model';
import type { ModelDetail, ValueBridgeView } from '../../../shared/contracts/financial-model-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useFormatters } from '../../hooks/useFormatters';
import { useLocale } from '../../hooks/useLocale';
import { formatChangeValue } from '../../lib/financial-models/changes';
import { type WaterfallKind, waterfall } from '../../lib/financial-models/charts';
import { pathKey } from '../../lib/financial-models/issues';
import { formatPerShare, formatPerShareChange } from '../../lib/financial-models/numbers';
import { modelPath } from '../../lib/financial-models/paths';
import { Section } from '../engagements/components/Section';
import { CheckStatusBadge } from './CheckStatusBadge';
import { useCompare } from './hooks';
import { useDriverLabel, useLocationText } from './labels';
import { ShareBadge } from './SharingPanel';

const MAX_CHANGES_PER_STEP = 12;
const MAX_OTHER_CHANGES = 30;

const kindColours: Record<WaterfallKind, string> = {
  total: 'var(--mantine-color-indigo-6)',
  up: 'var(--mantine-color-teal-6)',
  down: 'var(--mantine-color-red-6)',
};

interface VersionsPanelProps {
  engagementId: string;
  model: ModelDetail;
  shownVersion: number;
  doc: FinancialModel;
  compare: { from: number | null; to: number | null };
  onCompare: (compare: { from: number | null; to: number | null }) => void;
}

/** The model's history, newest first, and the value bridge between any two of its versions. */
export function VersionsPanel({ engagementId, model, shownVersion, doc, compare, onCompare }: VersionsPanelProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const locale = useLocale();
  const options = model.versions.map((v) => ({ value: String(v.version), label: t('models.version', { version: v.version }) }));
  const { from, to } = compare;
  const bridge = useCompare(engagementId, model.id, from, to);

  return (
    <Stack gap="md">
      <Section title={t('models.versions.title')}>
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" fz="sm" aria-label={t('models.versions.table')} data-testid="versions-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('models.versions.version')}</Table.Th>
                <Table.Th>{t('models.versions.note')}</Table.Th>
                <Table.Th>{t('models.versions.saved')}</Table.Th>
                <Table.Th ta="right">{t('models.versions.valuePerShare')}</Table.Th>
                <Table.Th>{t('models.versions.checks')}</Table.Th>
                <Table.Th>{t('models.versions.sharing')}</Table.Th>
                <Table.Th>{t('models.versions.fingerprint')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {model.versions.map((v) => (
                <Table.Tr key={v.version} {...(v.version === shownVersion && { bg: 'gray.0' })}>
                  <Table.Td>
                    {v.version === shownVersion ? (
                      <Group gap={4}>
                        <Text size="sm" fw={700}>
                          {t('models.version', { version: v.version })}
                        </Text>
                        <Badge size="xs" variant="light" tt="none">
                          {t('models.versions.current')}
                        </Badge>
                      </Group>
                    ) : (
                      <Anchor component={Link} to={modelPath(engagementId, model.id, v.version)} size="sm" fw={600}>
                        {t('models.version', { version: v.version })}
                      </Anchor>
                    )}
                  </Table.Td>
                  <Table.Td maw={320}>
                    <Text size="sm" {...(!v.note && { c: 'dimmed' })}>
                      {v.note || t('models.versions.noNote')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{v.savedBy.displayName}</Text>
                    <Text size="xs" c="dimmed">
                      {format.dateTime(v.savedAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {formatPerShare(v.valuePerShare, model.currency, locale)}
                  </Table.Td>
                  <Table.Td>
                    <CheckStatusBadge status={v.checkStatus} size="sm" />
                  </Table.Td>
                  <Table.Td>
                    <ShareBadge version={v} />
                  </Table.Td>
                  <Table.Td>
                    <Code fz="xs" title={v.sha256}>
                      {v.sha256.slice(0, 12)}
                    </Code>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Section>

      <Section title={t('models.compare.title')}>
        <Text size="xs" c="dimmed">
          {t('models.compare.intro')}
        </Text>
        {model.versions.length < 2 ? (
          <Text size="sm" c="dimmed">
            {t('models.compare.onlyOne')}
          </Text>
        ) : (
          <Stack gap="sm" data-testid="version-compare">
            <Group gap="sm">
              <Select
                label={t('models.compare.from')}
                w={140}
                data={options}
                value={from === null ? null : String(from)}
                onChange={(v) => onCompare({ from: v ? Number(v) : null, to })}
                allowDeselect={false}
              />
              <Text mt={22}>→</Text>
              <Select
                label={t('models.compare.to')}
                w={140}
                data={options}
                value={to === null ? null : String(to)}
                onChange={(v) => onCompare({ from, to: v ? Number(v) : null })}
                allowDeselect={false}
              />
            </Group>
            {from !== null && from === to ? (
              <Text size="sm" c="dimmed">
                {t('models.compare.same')}
              </Text>
            ) : bridge.isPending ? (
              from === null || to === null ? null : (
                <Loading />
              )
            ) : bridge.isError ? (
              <ErrorAlert error={bridge.error} onRetry={() => void bridge.refetch()} />
            ) : (
              <BridgeView bridge={bridge.data} from={from ?? 0} to={to ?? 0} currency={model.currency} doc={doc} />
            )}
          </Stack>
        )}
      </Section>
    </Stack>
  );
}

function BridgeView({
  bridge,
  from,
  to,
  currency,
  doc,
}: {
  bridge: ValueBridgeView;
  from: number;
  to: number;
  currency: string;
  doc: FinancialModel;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const driverLabel = useDriverLabel();
  const where = useLocationText(doc);
  const money = (v: number) => formatPerShare(v, currency, locale);
  const change = (v: number) => formatPerShareChange(v, currency, locale);
  const words = { none: t('models.compare.added'), yes: t('models.compare.yes'), no: t('models.compare.no') };
  const { bars, domain } = waterfall(bridge);
  const data = bars.map((b) => ({
    ...b,
    label:
      b.key === 'from'
        ? t('models.version', { version: from })
        : b.key === 'to'
          ? t('models.version', { version: to })
          : b.drivers.map(driverLabel).join(' + '),
    text: b.kind === 'total' ? money(b.value) : change(b.effect),
  }));
  const total = bridge.to.valuePerShare - bridge.from.valuePerShare;
  const pathText = (path: readonly (string | number)[]): ReactNode => (
    <Text span size="sm">
      {where(path)}
    </Text>
  );

  return (
    <Stack gap="sm" data-testid="value-bridge">
      <Text size="sm" fw={600}>
        {t('models.compare.total', {
          from: `${t('models.version', { version: from })} ${money(bridge.from.valuePerShare)}`,
          to: `${t('models.version', { version: to })} ${money(bridge.to.valuePerShare)}`,
          change: change(total),
        })}
      </Text>
      <div role="img" aria-label={t('models.compare.chart', { from, to })}>
        <ResponsiveContainer width="100%" height={300}>
          <BarChart data={data} margin={{ top: 24, right: 16, left: 16, bottom: 8 }}>
            <CartesianGrid vertical={false} strokeDasharray="3 3" />
            <XAxis dataKey="label" interval={0} fontSize={11} tickLine={false} height={48} />
            <YAxis domain={domain} tickFormatter={money} fontSize={11} width={80} allowDataOverflow />
            <Tooltip
              cursor={{ fill: 'var(--mantine-color-gray-1)' }}
              formatter={(_, __, item) => [(item as { payload?: { text?: string } }).payload?.text ?? '', t('models.compare.effect')]}
            />
            <Bar dataKey="range" isAnimationActive={false} maxBarSize={64}>
              {data.map((b) => (
                <Cell key={b.key} fill={kindColours[b.kind]} />
              ))}
              <LabelList dataKey="text" position="top" fontSize={11} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      {bridge.steps.length === 0 ? (
        <Alert color="gray" variant="light">
          {t('models.compare.none')}
        </Alert>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table
            fz="sm"
            verticalSpacing={4}
            withTableBorder
            withColumnBorders
            aria-label={t('models.compare.changes')}
            data-testid="bridge-steps"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('models.compare.step')}</Table.Th>
                <Table.Th>{t('models.compare.path')}</Table.Th>
                <Table.Th ta="right">{t('models.compare.fromValue')}</Table.Th>
                <Table.Th ta="right">{t('models.compare.toValue')}</Table.Th>
                <Table.Th ta="right">{t('models.compare.effect')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {bridge.steps.map((step) => {
                const shown = step.changes.slice(0, MAX_CHANGES_PER_STEP);
                const more = step.changes.length - shown.length;
                const rows = shown.length + (more > 0 ? 1 : 0);
                return shown
                  .map((c, i) => (
                    <Table.Tr key={`${step.drivers.join('+')}-${pathKey(c.path)}`} data-step={step.drivers.join('+')}>
                      {i === 0 && (
                        <Table.Td rowSpan={rows} fw={600} valign="top">
                          {step.drivers.map(driverLabel).join(' + ')}
                        </Table.Td>
                      )}
                      <Table.Td>{pathText(c.path)}</Table.Td>
                      <Table.Td ta="right">{formatChangeValue(c.path, c.from, locale, words)}</Table.Td>
                      <Table.Td ta="right">{formatChangeValue(c.path, c.to, locale, words)}</Table.Td>
                      {i === 0 && (
                        <Table.Td
                          rowSpan={rows}
                          ta="right"
                          valign="top"
                          fw={700}
                          {...(step.effect !== 0 && { c: step.effect < 0 ? 'red.7' : 'teal.7' })}
                          style={{ whiteSpace: 'nowrap' }}
                        >
                          {change(step.effect)}
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))
                  .concat(
                    more > 0
                      ? [
                          <Table.Tr key={`more-${step.drivers.join('+')}`}>
                            <Table.Td colSpan={3} c="dimmed">
                              {t('models.more', { count: more })}
                            </Table.Td>
                          </Table.Tr>,
                        ]
                      : [],
                  );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {t('models.compare.other')}
        </Text>
        {bridge.otherChanges.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('models.compare.noOther')}
          </Text>
        ) : (
          <SimpleGrid cols={1} spacing={2} data-testid="other-changes">
            {bridge.otherChanges.slice(0, MAX_OTHER_CHANGES).map((c) => (
              <Text key={pathKey(c.path)} size="sm">
                {pathText(c.path)} {formatChangeValue(c.path, c.from, locale, words)} → {formatChangeValue(c.path, c.to, locale, words)}
              </Text>
            ))}
            {bridge.otherChanges.length > MAX_OTHER_CHANGES && (
              <Text size="sm" c="dimmed">
                {t('models.more', { count: bridge.otherChanges.length - MAX_OTHER_CHANGES })}
              </Text>
            )}
          </SimpleGrid>
        )}
      </Stack>
    </Stack>
  );
}
