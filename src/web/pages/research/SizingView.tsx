import { BarChart } from '@mantine/charts';
import { Alert, Anchor, Badge, Button, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconArrowLeft, IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngagementView } from '../../../shared/contracts/engagements';
import { type SizingLevel, sizingLevels } from '../../../shared/contracts/market-sizing';
import type { SizingDetail } from '../../../shared/contracts/market-sizing-api';
import { isMissingVersion } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useTranslator } from '../../hooks/useTranslator';
import type { Translator } from '../../lib/errorText';
import { Section } from '../engagements/components/Section';
import { seriesColor } from '../surveys/chartColors';
import { findingLocation, findingText, levelName, type SizingFinding } from './findings';
import { type ResearchFormat, useResearchFormat } from './format';
import { useReloadCanvas, useSizing } from './hooks';
import type { ResearchRoute } from './routing';
import { SizingEditor } from './SizingEditor';
import { tornadoRows } from './tornado';
import { VersionBar, VersionHistory } from './VersionBar';

type SizingRoute = Extract<ResearchRoute, { kind: 'sizing' }>;
const bounds = ['low', 'base', 'high'] as const;
const statusColor = { pass: 'teal', warn: 'yellow', fail: 'red' } as const;
const statusRank = { fail: 0, warn: 1, pass: 2 } as const;

/**
 * The address names a version the canvas does not have (`?v=99`): say so, and offer the latest;
 * retrying the same address could never work.
 */
export function MissingVersion({ version, onLatest }: { version: number; onLatest: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" variant="light" role="alert" data-testid="version-missing">
      <Stack gap="xs">
        <Text size="sm">{t('research.versionMissing', { version })}</Text>
        <Button size="xs" variant="light" color="yellow" w="fit-content" onClick={onLatest}>
          {t('research.showLatest')}
        </Button>
      </Stack>
    </Alert>
  );
}

export function BackLink({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <Anchor component="button" type="button" size="sm" onClick={onBack} w="fit-content">
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t('research.back')}
      </Group>
    </Anchor>
  );
}

/**
 * One market sizing at one version: TAM, SAM and SOM as ranges, what moves SOM most, every
 * assumption with its source, the cross-check with the other approach, the checks and the history.
 * Both sides read all of it; the editor opens only where the server says the viewer may edit.
 */
export function SizingView({
  engagement,
  route,
  onRoute,
  onBack,
}: {
  engagement: EngagementView;
  route: SizingRoute;
  onRoute: (route: ResearchRoute) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const detail = useSizing(engagement.id, route.id, route.version);
  const reload = useReloadCanvas(engagement.id);
  const [editing, setEditing] = useState(false);
  const setVersion = (version: number | null) => onRoute({ ...route, version });

  if (detail.isPending)
    return (
      <Stack gap="sm">
        <BackLink onBack={onBack} />
        <Loading />
      </Stack>
    );
  if (detail.isError)
    return (
      <Stack gap="sm">
        <BackLink onBack={onBack} />
        {route.version !== null && isMissingVersion(detail.error) ? (
          <MissingVersion version={route.version} onLatest={() => setVersion(null)} />
        ) : (
          <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />
        )}
      </Stack>
    );
  const s = detail.data;
  const titled = { ...s, title: s.title || t('research.sizing.untitled') };
  if (editing && s.canEdit)
    return (
      <SizingEditor
        engagement={engagement}
        base={s}
        onCancel={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          setVersion(null);
        }}
        onReload={async () => {
          // Every cached version of it, the latest too: the one shown next must be the server's.
          await reload('sizing', s.id);
          setEditing(false);
          setVersion(null);
        }}
      />
    );

  return (
    <Stack gap="md" data-testid="sizing-view" data-version={s.version} data-can-edit={s.canEdit}>
      <BackLink onBack={onBack} />
      <VersionBar
        canvas={titled}
        readOnly={!s.canEdit && engagement.viewerSide === 'provider'}
        onVersion={setVersion}
        subtitle={
          <Group gap="xs">
            <Badge variant="light" tt="none">
              {t(`research.approach.${s.approach}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {t('research.sizing.marketKey', { market: s.market })}
            </Text>
          </Group>
        }
        actions={
          s.canEdit && (
            <Button
              size="sm"
              variant="light"
              leftSection={<IconPencil size={14} />}
              onClick={() => setEditing(true)}
              data-testid="edit-sizing"
            >
              {t('research.sizing.edit')}
            </Button>
          )
        }
      />
      <SizingResult sizing={s} />
      <Tornado sizing={s} />
      <Assumptions sizing={s} />
      <Triangulation sizing={s} onOpen={(id) => onRoute({ kind: 'sizing', id, version: null })} />
      <Checks sizing={s} />
      {s.sizing.notes && (
        <Section title={t('research.sizing.notes')}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {s.sizing.notes}
          </Text>
        </Section>
      )}
      <VersionHistory canvas={titled} onVersion={setVersion} />
    </Stack>
  );
}

const rangeText = (fmt: ResearchFormat, tr: Translator, r: { low: number; base: number; high: number }, currency: string) =>
  tr.t('research.sizing.rangeText', {
    low: fmt.money(r.low, currency),
    base: fmt.money(r.base, currency),
    high: fmt.money(r.high, currency),
  });

function SizingResult({ sizing: s }: { sizing: SizingDetail }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const fmt = useResearchFormat();
  const { currency, levels } = s.evaluation;
  return (
    <Section title={t('research.sizing.result')}>
      <Text size="sm" c="dimmed">
        {t('research.sizing.resultIntro')}
      </Text>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" aria-label={t('research.sizing.resultTable')} data-testid="sizing-levels">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              {bounds.map((b) => (
                <Table.Th key={b} ta="right">
                  {t(`research.sizing.${b}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sizingLevels.map((level) => (
              <Table.Tr
                key={level}
                data-testid="sizing-level"
                data-level={level}
                data-low={levels[level].low}
                data-base={levels[level].base}
                data-high={levels[level].high}
              >
                <Table.Th scope="row">
                  <Text size="sm" fw={700}>
                    {t(`research.level.${level}`)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {s.sizing.levels[level].label || t(`research.levelName.${level}`)}
                  </Text>
                </Table.Th>
                {bounds.map((b) => (
                  <Table.Td
                    key={b}
                    ta="right"
                    style={{ fontVariantNumeric: 'tabular-nums' }}
                    fw={b === 'base' ? 700 : undefined}
                    data-bound={b}
                  >
                    {fmt.money(levels[level][b], currency)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {/* One chart per level: TAM is often a hundred times SOM, and one axis would flatten SOM to nothing. */}
      <SimpleGrid cols={{ base: 1, sm: 3 }} data-testid="sizing-chart">
        {sizingLevels.map((level, i) => (
          <Stack key={level} gap={4}>
            <Text size="sm" fw={600} ta="center">
              {t(`research.level.${level}`)}
            </Text>
            <div
              role="img"
              aria-label={`${t('research.sizing.result')}: ${t(`research.level.${level}`)} ${rangeText(fmt, tr, levels[level], currency)}`}
            >
              <BarChart
                h={180}
                data={bounds.map((b) => ({ bound: t(`research.sizing.${b}`), value: levels[level][b] }))}
                dataKey="bound"
                series={[{ name: 'value', label: t(`research.level.${level}`), color: seriesColor(i) }]}
                valueFormatter={(v) => fmt.compactMoney(v, currency)}
                yAxisProps={{ width: 70 }}
              />
            </div>
          </Stack>
        ))}
      </SimpleGrid>
    </Section>
  );
}

function Tornado({ sizing: s }: { sizing: SizingDetail }) {
  const { t } = useTranslation();
  const fmt = useResearchFormat();
  const { currency, levels, contributions } = s.evaluation;
  const base = levels.som.base;
  const rows = tornadoRows(contributions, base);
  const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${fmt.compactMoney(Math.abs(v), currency)}`;
  return (
    <Section title={t('research.sizing.tornado')}>
      <Text size="sm" c="dimmed">
        {t('research.sizing.tornadoIntro', { base: fmt.money(base, currency) })}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm">{t('research.sizing.tornadoEmpty')}</Text>
      ) : (
        <>
          <div role="img" aria-label={t('research.sizing.tornadoChart')}>
            <BarChart
              h={Math.max(160, rows.length * 40 + 60)}
              data={rows.map((r) => ({ label: r.label, below: r.below, above: r.above }))}
              dataKey="label"
              type="stacked"
              orientation="vertical"
              barChartProps={{ stackOffset: 'sign' }}
              yAxisProps={{ width: 220 }}
              valueFormatter={signed}
              series={[
                { name: 'below', label: t('research.sizing.atLow'), color: 'red.6' },
                { name: 'above', label: t('research.sizing.atHigh'), color: 'teal.6' },
              ]}
              withLegend
              legendProps={{ verticalAlign: 'bottom' }}
              data-testid="tornado-chart"
            />
          </div>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" aria-label={t('research.sizing.tornadoTable')} data-testid="tornado-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('research.sizing.assumption')}</Table.Th>
                  <Table.Th ta="right">{t('research.sizing.atLow')}</Table.Th>
                  <Table.Th ta="right">{t('research.sizing.atHigh')}</Table.Th>
                  <Table.Th ta="right">{t('research.sizing.swing')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.key} data-testid="tornado-row" data-key={r.key} data-swing={r.swing}>
                    <Table.Td>
                      <Text size="sm">{r.label}</Text>
                      <Text size="xs" c="dimmed">
                        {t(`research.level.${r.level}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {fmt.money(r.somAtLow, currency)}
                    </Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {fmt.money(r.somAtHigh, currency)}
                    </Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {fmt.money(r.swing, currency)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Section>
  );
}

function Assumptions({ sizing: s }: { sizing: SizingDetail }) {
  const { t } = useTranslation();
  const fmt = useResearchFormat();
  const currency = s.sizing.currency;
  return (
    <Section title={t('research.sizing.assumptions')}>
      {sizingLevels.map((level: SizingLevel) => {
        const factors = s.sizing.levels[level].factors;
        return (
          <Stack key={level} gap={4}>
            <Text size="sm" fw={700}>
              {t(`research.level.${level}`)}
              {s.sizing.levels[level].label ? ` — ${s.sizing.levels[level].label}` : ''}
            </Text>
            {factors.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('research.sizing.noFactors')}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={900}>
                <Table
                  verticalSpacing="xs"
                  aria-label={t('research.sizing.assumptionsTable', { level: t(`research.level.${level}`) })}
                  data-testid="assumptions-table"
                  data-level={level}
                >
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('research.sizing.assumption')}</Table.Th>
                      <Table.Th>{t('research.sizing.unitLabel')}</Table.Th>
                      {bounds.map((b) => (
                        <Table.Th key={b} ta="right">
                          {t(`research.sizing.${b}`)}
                        </Table.Th>
                      ))}
                      <Table.Th>{t('research.sizing.source')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {factors.map((f) => (
                      <Table.Tr key={f.key} data-testid="assumption-row" data-key={f.key} data-base={f.base}>
                        <Table.Td>
                          <Text size="sm">{f.label}</Text>
                          <Text size="xs" c="dimmed" ff="monospace">
                            {f.key}
                          </Text>
                          {f.notes && (
                            <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                              {f.notes}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{t(`research.unit.${f.unit}`)}</Text>
                        </Table.Td>
                        {bounds.map((b) => (
                          <Table.Td key={b} ta="right" style={{ fontVariantNumeric: 'tabular-nums' }} fw={b === 'base' ? 700 : undefined}>
                            {fmt.factor(f.unit, f[b], currency)}
                          </Table.Td>
                        ))}
                        <Table.Td maw={360}>
                          {f.source ? (
                            <Stack gap={2}>
                              {f.source.url ? (
                                <Anchor href={f.source.url} target="_blank" rel="noopener noreferrer" size="sm">
                                  {f.source.title}
                                </Anchor>
                              ) : (
                                <Text size="sm">{f.source.title}</Text>
                              )}
                              {f.source.note && (
                                <Text size="xs" c="dimmed">
                                  {f.source.note}
                                </Text>
                              )}
                            </Stack>
                          ) : (
                            <Badge color="red" variant="light" tt="none" data-testid="missing-source">
                              {t('research.sizing.noSource')}
                            </Badge>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Stack>
        );
      })}
    </Section>
  );
}

function Triangulation({ sizing: s, onOpen }: { sizing: SizingDetail; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const fmt = useResearchFormat();
  const tri = s.evaluation.triangulation;
  const currency = s.evaluation.currency;
  return (
    <Section title={t('research.sizing.triangulation')}>
      {!tri || !s.counterpart ? (
        <Text size="sm" c="dimmed">
          {t('research.sizing.triangulationNone')}
        </Text>
      ) : (
        <>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('research.sizing.triangulationIntro', { title: s.counterpart.title, version: s.counterpart.version })}
            </Text>
            <Anchor component="button" type="button" size="sm" onClick={() => s.counterpart && onOpen(s.counterpart.id)}>
              {t('research.sizing.openCounterpart')}
            </Anchor>
          </Group>
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" aria-label={t('research.sizing.triangulationTable')} data-testid="triangulation">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th />
                  <Table.Th>{t('research.sizing.topDown')}</Table.Th>
                  <Table.Th>{t('research.sizing.bottomUp')}</Table.Th>
                  <Table.Th ta="right">{t('research.sizing.ratio')}</Table.Th>
                  <Table.Th w={130}>{t('research.sizing.overlap')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sizingLevels.map((level) => {
                  const row = tri[level];
                  if (!row) return null;
                  return (
                    <Table.Tr key={level} data-level={level} data-overlap={row.overlap}>
                      <Table.Th scope="row">{t(`research.level.${level}`)}</Table.Th>
                      <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{rangeText(fmt, tr, row.topDown, currency)}</Table.Td>
                      <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{rangeText(fmt, tr, row.bottomUp, currency)}</Table.Td>
                      <Table.Td ta="right">{fmt.number(row.ratio, 2)}</Table.Td>
                      <Table.Td>
                        <Badge color={row.overlap ? 'teal' : 'yellow'} variant="light" tt="none">
                          {row.overlap ? t('research.sizing.overlaps') : t('research.sizing.apart')}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Section>
  );
}

function Checks({ sizing: s }: { sizing: SizingDetail }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const fmt = useResearchFormat();
  const currency = s.evaluation.currency;
  const unitOf = new Map(sizingLevels.flatMap((l) => s.sizing.levels[l].factors.map((f) => [f.key, f.unit] as const)));
  const findingFormat = {
    money: (v: number) => fmt.money(v, currency),
    factorValue: (key: string, v: number) => fmt.factor(unitOf.get(key) ?? 'ratio', v, currency),
    level: (level: SizingLevel) => levelName(level, tr),
  };
  const findings = [...s.checks.findings].sort((a, b) => statusRank[a.status] - statusRank[b.status]);
  // A passed check points nowhere: it is named by what it checked.
  const where = (f: SizingFinding) => {
    const checkName = `research.checks.code.${f.code.replaceAll('.', '_')}`;
    return f.status === 'pass' && tr.exists(checkName) ? tr.t(checkName) : findingLocation(f.path, s.sizing, tr);
  };
  return (
    <Section title={t('research.sizing.checks')}>
      <Text size="sm" data-testid="checks-summary" data-status={s.checks.status}>
        {t('research.sizing.checksSummary', s.checks.counts)}
      </Text>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" aria-label={t('research.sizing.checksTable')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={110} />
              <Table.Th>{t('research.sizing.where')}</Table.Th>
              <Table.Th>{t('research.sizing.finding')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {findings.map((f) => (
              <Table.Tr key={`${f.status}|${f.code}|${f.path.join('.')}`} data-testid="finding" data-status={f.status} data-code={f.code}>
                <Table.Td>
                  <Badge color={statusColor[f.status]} variant="light" tt="none">
                    {t(`research.sizing.status.${f.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{where(f)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{findingText(f, s.sizing, findingFormat, tr)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}
