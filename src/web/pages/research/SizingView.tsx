import { BarChart } from '@mantine/charts';
import { Anchor, Badge, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EngagementView } from '../../../shared/contracts/engagements';
import { type SizingLevel, sizingLevels } from '../../../shared/contracts/market-sizing';
import type { SizingDetail } from '../../../shared/contracts/market-sizing-api';
import { useTranslator } from '../../hooks/useTranslator';
import type { Translator } from '../../lib/errorText';
import { Section } from '../engagements/components/Section';
import { seriesColor } from '../surveys/chartColors';
import { BackLink, CanvasNotLoaded, EditCanvasButton, useCanvasEditing } from './CanvasPage';
import { findingLocation, findingText, levelName, type SizingFinding } from './findings';
import { type ResearchFormat, useResearchFormat } from './format';
import { useSizing } from './hooks';
import { FigureCell, ResearchTable } from './ResearchTable';
import type { ResearchRoute } from './routing';
import { SizingEditor } from './SizingEditor';
import { tornadoRows } from './tornado';
import { VersionBar, VersionHistory } from './VersionBar';

type SizingRoute = Extract<ResearchRoute, { kind: 'sizing' }>;
const bounds = ['low', 'base', 'high'] as const;
const statusColor = { pass: 'teal', warn: 'yellow', fail: 'red' } as const;
const statusRank = { fail: 0, warn: 1, pass: 2 } as const;

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
  const setVersion = (version: number | null) => onRoute({ ...route, version });
  const { editing, startEditing, editorProps } = useCanvasEditing(engagement.id, 'sizing', () => setVersion(null));

  if (!detail.isSuccess)
    return <CanvasNotLoaded detail={detail} version={route.version} onBack={onBack} onLatest={() => setVersion(null)} />;
  const s = detail.data;
  const titled = { ...s, title: s.title || t('research.sizing.untitled') };
  if (editing && s.canEdit) return <SizingEditor engagement={engagement} base={s} {...editorProps(s.id)} />;

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
        actions={s.canEdit && <EditCanvasButton label={t('research.sizing.edit')} onClick={startEditing} testId="edit-sizing" />}
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
      <ResearchTable
        minWidth={640}
        aria-label={t('research.sizing.resultTable')}
        data-testid="sizing-levels"
        head={
          <>
            <Table.Th />
            {bounds.map((b) => (
              <Table.Th key={b} ta="right">
                {t(`research.sizing.${b}`)}
              </Table.Th>
            ))}
          </>
        }
      >
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
              <FigureCell key={b} fw={b === 'base' ? 700 : undefined} data-bound={b}>
                {fmt.money(levels[level][b], currency)}
              </FigureCell>
            ))}
          </Table.Tr>
        ))}
      </ResearchTable>
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
          <ResearchTable
            minWidth={640}
            aria-label={t('research.sizing.tornadoTable')}
            data-testid="tornado-table"
            head={
              <>
                <Table.Th>{t('research.sizing.assumption')}</Table.Th>
                <Table.Th ta="right">{t('research.sizing.atLow')}</Table.Th>
                <Table.Th ta="right">{t('research.sizing.atHigh')}</Table.Th>
                <Table.Th ta="right">{t('research.sizing.swing')}</Table.Th>
              </>
            }
          >
            {rows.map((r) => (
              <Table.Tr key={r.key} data-testid="tornado-row" data-key={r.key} data-swing={r.swing}>
                <Table.Td>
                  <Text size="sm">{r.label}</Text>
                  <Text size="xs" c="dimmed">
                    {t(`research.level.${r.level}`)}
                  </Text>
                </Table.Td>
                <FigureCell>{fmt.money(r.somAtLow, currency)}</FigureCell>
                <FigureCell>{fmt.money(r.somAtHigh, currency)}</FigureCell>
                <FigureCell>{fmt.money(r.swing, currency)}</FigureCell>
              </Table.Tr>
            ))}
          </ResearchTable>
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
              <ResearchTable
                minWidth={900}
                aria-label={t('research.sizing.assumptionsTable', { level: t(`research.level.${level}`) })}
                data-testid="assumptions-table"
                data-level={level}
                head={
                  <>
                    <Table.Th>{t('research.sizing.assumption')}</Table.Th>
                    <Table.Th>{t('research.sizing.unitLabel')}</Table.Th>
                    {bounds.map((b) => (
                      <Table.Th key={b} ta="right">
                        {t(`research.sizing.${b}`)}
                      </Table.Th>
                    ))}
                    <Table.Th>{t('research.sizing.source')}</Table.Th>
                  </>
                }
              >
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
                      <FigureCell key={b} fw={b === 'base' ? 700 : undefined}>
                        {fmt.factor(f.unit, f[b], currency)}
                      </FigureCell>
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
              </ResearchTable>
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
          <ResearchTable
            minWidth={760}
            aria-label={t('research.sizing.triangulationTable')}
            data-testid="triangulation"
            head={
              <>
                <Table.Th />
                <Table.Th>{t('research.sizing.topDown')}</Table.Th>
                <Table.Th>{t('research.sizing.bottomUp')}</Table.Th>
                <Table.Th ta="right">{t('research.sizing.ratio')}</Table.Th>
                <Table.Th w={130}>{t('research.sizing.overlap')}</Table.Th>
              </>
            }
          >
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
          </ResearchTable>
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
      <ResearchTable
        minWidth={640}
        aria-label={t('research.sizing.checksTable')}
        head={
          <>
            <Table.Th w={110} />
            <Table.Th>{t('research.sizing.where')}</Table.Th>
            <Table.Th>{t('research.sizing.finding')}</Table.Th>
          </>
        }
      >
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
      </ResearchTable>
    </Section>
  );
}
