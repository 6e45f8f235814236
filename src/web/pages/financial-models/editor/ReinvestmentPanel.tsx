import { SegmentedControl, Select, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValuationSummary } from '../../../../shared/contracts/financial-model-api';
import {
  type ReinvestmentMode,
  reinvestmentMode,
  setOpeningInvestedCapital,
  setSalesToCapitalLag,
  setSalesToCapitalPerYear,
  setSalesToCapitalRatio,
  switchReinvestment,
} from '../../../lib/financial-models/depth';
import { BASE } from '../../../lib/financial-models/edit';
import { useIssueText } from '../labels';
import { NumberField } from './NumberField';
import type { EditorProps } from './types';

const round = (x: number, digits: number) => Number(x.toFixed(digits));

/** What the last valuation implies: revenue growth per unit of reinvestment, and capex and NWC as % of revenue. */
function implied(valuation: ValuationSummary | null | undefined, years: number) {
  const p = valuation?.projection;
  if (!p) return { ratio: 1.5, capex: Array.from({ length: years }, () => 0.05), nwc: Array.from({ length: years }, () => 0.1) };
  const growth = p.revenue.reduce((sum, r, i) => sum + (i === 0 ? 0 : r - (p.revenue[i - 1] ?? r)), 0);
  const reinvestment = p.capex.reduce(
    (sum, c, i) => sum + c - (p.depreciation[i] ?? 0) + (i === 0 ? 0 : (p.changeInNetWorkingCapital[i] ?? 0)),
    0,
  );
  const ratio = growth > 0 && reinvestment > 0 ? round(growth / reinvestment, 2) : 1.5;
  return {
    ratio: ratio > 0 && ratio < 1000 ? ratio : 1.5,
    capex: p.capex.map((c, i) => round(c / (p.revenue[i] || 1), 4)),
    nwc: p.netWorkingCapital.map((n, i) => round(n / (p.revenue[i] || 1), 4)),
  };
}

/** Reinvestment from capex and NWC as % of revenue or from the sales-to-capital ratio (with its lag), and opening invested capital. */
export function ReinvestmentPanel({
  doc,
  scenario,
  editable,
  edit,
  issues,
  valuation,
}: EditorProps & { valuation?: ValuationSummary | null }) {
  const { t } = useTranslation();
  const issueText = useIssueText();
  const locked = !editable || scenario !== BASE;
  const f = doc.forecast;
  const s2c = f.salesToCapital;
  // Switching to sales to capital and back restores this session's capex and NWC.
  const lastLists = useRef<{ capex: number[]; nwc: number[] } | undefined>(undefined);
  if (!s2c && f.capexPercentOfRevenue.length > 0) lastLists.current = { capex: f.capexPercentOfRevenue, nwc: f.nwcPercentOfRevenue };
  const error = (key: string) => issueText(issues.get(key));

  return (
    <Stack gap="xs" data-testid="reinvestment-panel">
      <Stack gap={2}>
        <Text size="sm" fw={500} id="reinvestment-mode-label">
          {t('models.depth.reinvestmentMode')}
        </Text>
        <SegmentedControl
          size="xs"
          w="fit-content"
          aria-labelledby="reinvestment-mode-label"
          value={reinvestmentMode(doc)}
          disabled={locked}
          onChange={(m) =>
            edit((d) => {
              const given = implied(valuation, d.forecast.years.length);
              return switchReinvestment(d, m as ReinvestmentMode, { ...given, ...lastLists.current });
            })
          }
          data={[
            { value: 'percentOfRevenue', label: t('models.depth.percentOfRevenue') },
            { value: 'salesToCapital', label: t('models.depth.salesToCapital') },
          ]}
        />
      </Stack>
      {scenario !== BASE && (
        <Text size="xs" c="dimmed">
          {t('models.depth.baseOnly')}
        </Text>
      )}
      {s2c && (
        <>
          <Switch
            size="xs"
            label={t('models.depth.ratioPerYear')}
            checked={Array.isArray(s2c.ratio)}
            disabled={locked}
            onChange={(e) => {
              const perYear = e.currentTarget.checked;
              edit((d) => setSalesToCapitalPerYear(d, perYear));
            }}
          />
          {Array.isArray(s2c.ratio) ? (
            <SimpleGrid cols={{ base: 2, xs: 3, md: Math.min(f.years.length, 6) }} spacing="xs" verticalSpacing="xs">
              {f.years.map((year, i) => (
                <NumberField
                  key={year}
                  size="xs"
                  scale="plain"
                  label={t('models.fy', { year })}
                  aria-label={t('models.depth.ratioYear', { year: t('models.fy', { year }) })}
                  value={(s2c.ratio as number[])[i] ?? Number.NaN}
                  readOnly={locked}
                  error={error(`forecast.salesToCapital.ratio.${i}`)}
                  onValue={(v) => edit((d) => setSalesToCapitalRatio(d, i, v))}
                />
              ))}
            </SimpleGrid>
          ) : null}
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="xs">
            {!Array.isArray(s2c.ratio) && (
              <NumberField
                label={t('models.depth.ratio')}
                size="sm"
                scale="plain"
                value={s2c.ratio}
                readOnly={locked}
                error={error('forecast.salesToCapital.ratio')}
                onValue={(v) => edit((d) => setSalesToCapitalRatio(d, null, v))}
              />
            )}
            <Select
              label={t('models.depth.lag')}
              description={t('models.depth.lagHint')}
              size="sm"
              value={String(s2c.lag)}
              readOnly={locked}
              variant={locked ? 'filled' : 'default'}
              allowDeselect={false}
              error={error('forecast.salesToCapital.lag')}
              data={['0', '1', '2', '3']}
              onChange={(v) => v && edit((d) => setSalesToCapitalLag(d, Number(v)))}
            />
          </SimpleGrid>
        </>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <NumberField
          label={t('models.depth.openingInvestedCapital')}
          description={t('models.depth.openingInvestedCapitalHint')}
          size="sm"
          scale="plain"
          value={f.openingInvestedCapital ?? Number.NaN}
          readOnly={locked}
          error={error('forecast.openingInvestedCapital')}
          onValue={(v) => edit((d) => setOpeningInvestedCapital(d, v))}
        />
      </SimpleGrid>
    </Stack>
  );
}
