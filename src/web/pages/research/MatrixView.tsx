import { ScatterChart } from '@mantine/charts';
import { Alert, Anchor, Badge, Button, Group, List, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EngagementView } from '../../../shared/contracts/engagements';
import { type CellValue, type CompetitorFeature, featureLevels } from '../../../shared/contracts/market-sizing';
import type { MatrixDetail } from '../../../shared/contracts/market-sizing-api';
import { isMissingVersion } from '../../api/errors';
import { useFormatters } from '../../hooks/useFormatters';
import { Section } from '../engagements/components/Section';
import { seriesColor } from '../surveys/chartColors';
import { BackLink, CanvasNotLoaded, EditCanvasButton, useCanvasEditing } from './CanvasPage';
import { useResearchFormat } from './format';
import { useMatrix } from './hooks';
import { MatrixEditor } from './MatrixEditor';
import { isAxisKind } from './matrixForm';
import { FigureCell, ResearchTable } from './ResearchTable';
import { mapAxes, type ResearchRoute } from './routing';
import { VersionBar, VersionHistory } from './VersionBar';

type MatrixRoute = Extract<ResearchRoute, { kind: 'matrix' }>;
type MapAxis = NonNullable<MatrixDetail['map']>['x'];

/**
 * One competitor matrix at one version: the features by competitor, their pricing, the coverage,
 * and the positioning map on two features the reader picks (kept in the address, so a link shows
 * the same map). The editor opens only where the server says the viewer may edit.
 */
export function MatrixView({
  engagement,
  route,
  onRoute,
  onBack,
}: {
  engagement: EngagementView;
  route: MatrixRoute;
  onRoute: (route: ResearchRoute) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const detail = useMatrix(engagement.id, route.id, { version: route.version, x: route.x, y: route.y });
  const setVersion = (version: number | null) => onRoute({ ...route, version });
  const { editing, startEditing, editorProps } = useCanvasEditing(engagement.id, 'matrix', () => setVersion(null));

  if (!detail.isSuccess)
    return (
      <CanvasNotLoaded
        detail={detail}
        version={route.version}
        onBack={onBack}
        onLatest={() => setVersion(null)}
        extra={
          (route.x || route.y) &&
          !isMissingVersion(detail.error) && (
            <Button size="xs" variant="light" w="fit-content" onClick={() => onRoute({ ...route, x: null, y: null })}>
              {t('research.matrix.mapReset')}
            </Button>
          )
        }
      />
    );
  const m = detail.data;
  if (editing && m.canEdit) return <MatrixEditor engagement={engagement} base={m} {...editorProps(m.id)} />;
  const known = m.matrix.cells.length;
  const total = m.matrix.competitors.length * m.matrix.features.length;

  return (
    <Stack gap="md" data-testid="matrix-view" data-version={m.version} data-can-edit={m.canEdit}>
      <BackLink onBack={onBack} />
      <VersionBar
        canvas={{ ...m, title: m.title || t('research.matrix.untitled') }}
        readOnly={!m.canEdit && engagement.viewerSide === 'provider'}
        onVersion={setVersion}
        actions={m.canEdit && <EditCanvasButton label={t('research.matrix.edit')} onClick={startEditing} testId="edit-matrix" />}
      />
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Fact label={t('research.matrix.facts.competitors')} value={m.matrix.competitors.length} />
        <Fact label={t('research.matrix.facts.features')} value={m.matrix.features.length} />
        <Fact label={t('research.matrix.facts.cells')} value={known} />
        <Fact label={t('research.matrix.facts.unknown')} value={total - known} />
      </SimpleGrid>
      <PositioningMap matrix={m} route={route} onAxes={(x, y) => onRoute({ ...route, x, y })} />
      <FeatureTable matrix={m} />
      <Pricing matrix={m} />
      <Coverage matrix={m} />
      <VersionHistory canvas={{ ...m, title: m.title || t('research.matrix.untitled') }} onVersion={setVersion} />
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: number }) {
  const fmt = useResearchFormat();
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600}>
        {fmt.number(value, 0)}
      </Text>
    </Stack>
  );
}

/** A cell as the feature's kind reads: yes/no, a level's name, a number with its unit, or the text; "unknown" when nobody filled it in. */
function CellText({ feature, value }: { feature: CompetitorFeature; value: CellValue | undefined }) {
  const { t } = useTranslation();
  const fmt = useResearchFormat();
  if (value === undefined)
    return (
      <Badge color="gray" variant="outline" tt="none" title={t('research.matrix.unknownHint')} data-testid="unknown-cell">
        {t('research.matrix.unknown')}
      </Badge>
    );
  switch (feature.kind) {
    case 'boolean':
      return (
        <Text size="sm" c={value === true ? 'teal' : 'dimmed'} fw={value === true ? 600 : undefined}>
          {value === true ? t('research.matrix.yes') : t('research.matrix.no')}
        </Text>
      );
    case 'level': {
      const level = typeof value === 'number' ? featureLevels[value] : undefined;
      return <Text size="sm">{level ? t(`research.matrix.levelValue.${level}`) : String(value)}</Text>;
    }
    case 'number':
      return (
        <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {typeof value === 'number' ? fmt.number(value, 2) : String(value)}
          {feature.unit ? ` ${feature.unit}` : ''}
        </Text>
      );
    case 'text':
      return <Text size="sm">{String(value)}</Text>;
  }
}

function FeatureTable({ matrix: m }: { matrix: MatrixDetail }) {
  const { t } = useTranslation();
  const cells = new Map(m.matrix.cells.map((c) => [`${c.competitor}|${c.feature}`, c.value]));
  return (
    <Section title={t('research.matrix.tableTitle')}>
      <ResearchTable
        minWidth={Math.max(640, 200 + m.matrix.competitors.length * 130)}
        withColumnBorders
        aria-label={t('research.matrix.table')}
        data-testid="feature-matrix"
        head={
          <>
            <Table.Th>{t('research.matrix.feature')}</Table.Th>
            {m.matrix.competitors.map((c) => (
              <Table.Th key={c.key}>
                {c.url ? (
                  <Anchor href={c.url} target="_blank" rel="noopener noreferrer" size="sm" fw={600}>
                    {c.name}
                  </Anchor>
                ) : (
                  c.name
                )}
              </Table.Th>
            ))}
          </>
        }
      >
        {m.matrix.features.map((f) => (
          <Table.Tr key={f.key} data-testid="feature-row" data-key={f.key}>
            <Table.Th scope="row">
              <Text size="sm" fw={600}>
                {f.label}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`research.matrix.kind.${f.kind}`)}
              </Text>
            </Table.Th>
            {m.matrix.competitors.map((c) => (
              <Table.Td key={c.key} data-competitor={c.key}>
                <CellText feature={f} value={cells.get(`${c.key}|${f.key}`)} />
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </ResearchTable>
    </Section>
  );
}

function Pricing({ matrix: m }: { matrix: MatrixDetail }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Section title={t('research.matrix.pricing')}>
      <ResearchTable
        minWidth={560}
        aria-label={t('research.matrix.pricingTable')}
        data-testid="pricing"
        head={
          <>
            <Table.Th>{t('research.matrix.competitor')}</Table.Th>
            <Table.Th>{t('research.matrix.plan')}</Table.Th>
            <Table.Th ta="right">{t('research.matrix.amount')}</Table.Th>
          </>
        }
      >
        {m.matrix.competitors.flatMap((c) =>
          c.plans.length === 0
            ? [
                <Table.Tr key={c.key}>
                  <Table.Td>{c.name}</Table.Td>
                  <Table.Td colSpan={2}>
                    <Text size="sm" c="dimmed">
                      {t('research.matrix.noPlans')}
                    </Text>
                  </Table.Td>
                </Table.Tr>,
              ]
            : c.plans.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: plans have no key of their own; this list is read only and never reordered.
                <Table.Tr key={`${c.key}-${i}`} data-competitor={c.key}>
                  <Table.Td>{i === 0 ? c.name : ''}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.name}</Text>
                    {p.notes && (
                      <Text size="xs" c="dimmed">
                        {p.notes}
                      </Text>
                    )}
                  </Table.Td>
                  <FigureCell>
                    {t('research.matrix.planPrice', {
                      amount: format.money({ amount: p.amount, currency: m.matrix.currency }),
                      period: t(`research.matrix.period.${p.period}`),
                    })}
                  </FigureCell>
                </Table.Tr>
              )),
        )}
      </ResearchTable>
    </Section>
  );
}

function Coverage({ matrix: m }: { matrix: MatrixDetail }) {
  const { t } = useTranslation();
  const fmt = useResearchFormat();
  const { coverage } = m;
  return (
    <Section title={t('research.matrix.coverage')}>
      <Text size="sm" c="dimmed">
        {t('research.matrix.coverageIntro', { count: coverage.features })}
      </Text>
      <ResearchTable
        minWidth={560}
        aria-label={t('research.matrix.coverageTable')}
        data-testid="coverage"
        head={
          <>
            <Table.Th>{t('research.matrix.competitor')}</Table.Th>
            <Table.Th ta="right">{t('research.matrix.covered')}</Table.Th>
            <Table.Th ta="right">{t('research.matrix.share')}</Table.Th>
            <Table.Th ta="right">{t('research.matrix.unknownCount')}</Table.Th>
          </>
        }
      >
        {coverage.competitors.map((c) => (
          <Table.Tr key={c.competitor} data-testid="coverage-row" data-competitor={c.competitor} data-covered={c.covered}>
            <Table.Td>{c.name}</Table.Td>
            <Table.Td ta="right">{t('research.matrix.coveredOf', { covered: c.covered, total: coverage.features })}</Table.Td>
            <Table.Td ta="right">{fmt.share(c.share)}</Table.Td>
            <Table.Td ta="right">{c.unknown}</Table.Td>
          </Table.Tr>
        ))}
      </ResearchTable>
      <Text size="sm" fw={600}>
        {t('research.matrix.whiteSpace')}
      </Text>
      {coverage.whiteSpace.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('research.matrix.whiteSpaceNone')}
        </Text>
      ) : (
        <List size="sm" data-testid="white-space">
          {coverage.whiteSpace.map((w) => (
            <List.Item key={w.feature}>{t('research.matrix.whiteSpaceItem', { label: w.label, unknown: w.unknown })}</List.Item>
          ))}
        </List>
      )}
    </Section>
  );
}

function PositioningMap({
  matrix: m,
  route,
  onAxes,
}: {
  matrix: MatrixDetail;
  route: MatrixRoute;
  onAxes: (x: string | null, y: string | null) => void;
}) {
  const { t } = useTranslation();
  const fmt = useResearchFormat();
  const axes = m.matrix.features.filter((f) => isAxisKind(f.kind));
  const map = m.map;
  const { x, y } = mapAxes(route, map);
  const options = axes.map((f) => ({ value: f.key, label: f.label }));
  const axisTitle = (a: MapAxis) =>
    a.kind === 'level'
      ? t('research.matrix.axisLevel', { label: a.label })
      : a.unit
        ? t('research.matrix.axisLabel', { label: a.label, unit: a.unit })
        : a.label;
  const tick = (a: MapAxis) => (v: number) => {
    const level = a.kind === 'level' && Number.isInteger(v) ? featureLevels[v] : undefined;
    return level ? t(`research.matrix.levelValue.${level}`) : fmt.number(v, 2);
  };
  const levelAxis = (a: MapAxis) =>
    a.kind === 'level' ? { domain: [0, featureLevels.length - 1], ticks: featureLevels.map((_, i) => i) } : {};
  const separator = t('research.listSeparator');
  return (
    <Section title={t('research.matrix.map')}>
      <Text size="sm" c="dimmed">
        {t('research.matrix.mapIntro')}
      </Text>
      {axes.length === 0 ? (
        <Alert color="gray" variant="light">
          {t('research.matrix.mapNoAxes')}
        </Alert>
      ) : (
        <Group align="flex-end" gap="sm">
          <Select
            label={t('research.matrix.mapX')}
            data={options}
            value={x}
            onChange={(v) => v && onAxes(v, y)}
            allowDeselect={false}
            w={280}
            data-testid="map-x"
          />
          <Select
            label={t('research.matrix.mapY')}
            data={options}
            value={y}
            onChange={(v) => v && onAxes(x, v)}
            allowDeselect={false}
            w={280}
            data-testid="map-y"
          />
        </Group>
      )}
      {axes.length > 0 && !map && <Text size="sm">{x || y ? t('research.matrix.mapOneAxis') : t('research.matrix.mapNone')}</Text>}
      {map && (
        <Stack gap="sm" data-testid="positioning-map" data-x={map.x.feature} data-y={map.y.feature} data-points={map.points.length}>
          <div role="img" aria-label={t('research.matrix.mapChart', { x: map.x.label, y: map.y.label })}>
            <ScatterChart
              h={380}
              data={map.points.map((p, i) => ({ name: p.name, color: seriesColor(i), data: [{ x: p.x, y: p.y }] }))}
              dataKey={{ x: 'x', y: 'y' }}
              labels={{ x: map.x.label, y: map.y.label }}
              xAxisLabel={axisTitle(map.x)}
              yAxisLabel={axisTitle(map.y)}
              valueFormatter={{ x: tick(map.x), y: tick(map.y) }}
              xAxisProps={levelAxis(map.x)}
              yAxisProps={{ width: 80, ...levelAxis(map.y) }}
              withLegend
              legendProps={{ verticalAlign: 'bottom' }}
            />
          </div>
          <Table verticalSpacing="xs" aria-label={t('research.matrix.mapPoints')} data-testid="map-points">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('research.matrix.competitor')}</Table.Th>
                <Table.Th ta="right">{map.x.label}</Table.Th>
                <Table.Th ta="right">{map.y.label}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {map.points.map((p) => (
                <Table.Tr key={p.competitor} data-testid="map-point" data-competitor={p.competitor} data-x={p.x} data-y={p.y}>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td ta="right">{tick(map.x)(p.x)}</Table.Td>
                  <Table.Td ta="right">{tick(map.y)(p.y)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {map.missing.length > 0 && (
            <Stack gap={2}>
              <Text size="sm" fw={600}>
                {t('research.matrix.mapMissing')}
              </Text>
              <List size="sm" data-testid="map-missing">
                {map.missing.map((p) => (
                  <List.Item key={p.competitor}>
                    {t('research.matrix.mapMissingItem', {
                      name: p.name,
                      axes: p.axes.map((a) => t(`research.matrix.axisName.${a}`)).join(separator),
                    })}
                  </List.Item>
                ))}
              </List>
            </Stack>
          )}
        </Stack>
      )}
    </Section>
  );
}
