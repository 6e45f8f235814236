import { Alert, Badge, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSurveyFormat } from './format';
import type { BaseMarginsOfError, CrosstabReply } from './types';

type CrosstabData = Extract<CrosstabReply, { kind: 'crosstab' }>;
type MeansData = Extract<CrosstabReply, { kind: 'means' }>;

const numeric = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/** The column letter in a header: "20代" with "A" beside it. */
function ColumnHead({ label, letter }: { label: string; letter: string | undefined }) {
  return (
    <Table.Th scope="col" ta="right" data-letter={letter} style={{ verticalAlign: 'bottom' }}>
      <Text size="sm" fw={600} span>
        {label}
      </Text>{' '}
      <Badge size="xs" variant="filled" color="dark" radius="sm" data-testid="column-letter">
        {letter}
      </Badge>
    </Table.Th>
  );
}

/**
 * A crosstab as analysts read it: per cell the count and the column percent, with the letters of
 * the columns it is significantly higher than; a total column; the bases (weighted, unweighted,
 * effective); below, the chi-square test or why there is none, the expected-count warning, Fisher's
 * exact test of a 2×2 table, what the letters mean and the margin of error.
 */
export function CrosstabTable({ reply, stubName, bannerName }: { reply: CrosstabData; stubName: string; bannerName: string }) {
  const { t } = useTranslation();
  const fmt = useSurveyFormat();
  const x = reply.table;
  const weighted = reply.weighted;
  const letters = x.columnTests.letters;
  return (
    <Stack gap="sm">
      <Table.ScrollContainer minWidth={Math.max(520, 160 + 110 * (x.cols.length + 1))}>
        <Table
          withTableBorder
          withColumnBorders
          verticalSpacing={6}
          aria-label={t('surveys.crosstab.tableLabel', { stub: stubName, banner: bannerName })}
          data-testid="crosstab-table"
          data-weighted={weighted}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th rowSpan={2} scope="col" style={{ verticalAlign: 'bottom' }}>
                {stubName}
              </Table.Th>
              <Table.Th rowSpan={2} scope="col" ta="right" style={{ verticalAlign: 'bottom' }}>
                {t('surveys.crosstab.total')}
              </Table.Th>
              <Table.Th colSpan={x.cols.length} scope="colgroup" ta="center">
                {bannerName}
              </Table.Th>
            </Table.Tr>
            <Table.Tr>
              {x.cols.map((col, j) => (
                <ColumnHead key={`${col}-${letters[j]}`} label={col} letter={letters[j]} />
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {x.rows.map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: two categories may share a label; a row is its place in the table
              <Table.Tr key={`${row}-${i}`} data-testid="crosstab-row">
                <Table.Th scope="row" fw={500}>
                  {row}
                </Table.Th>
                <Table.Td ta="right" style={numeric}>
                  <Text size="sm">{fmt.count(x.rowTotals[i] ?? 0, weighted)}</Text>
                  <Text size="xs" c="dimmed">
                    {fmt.percent(x.total > 0 ? ((x.rowTotals[i] ?? 0) / x.total) * 100 : null)}
                  </Text>
                </Table.Td>
                {x.cols.map((col, j) => {
                  const sig = x.columnTests.cells[i]?.[j] ?? '';
                  return (
                    <Table.Td
                      key={`${col}-${letters[j]}`}
                      ta="right"
                      style={numeric}
                      data-testid="crosstab-cell"
                      data-row={i}
                      data-col={j}
                      data-count={x.counts[i]?.[j]}
                      data-percent={x.colPercents[i]?.[j] ?? ''}
                      data-letters={sig}
                    >
                      <Text size="sm">{fmt.count(x.counts[i]?.[j] ?? 0, weighted)}</Text>
                      <Text size="xs">
                        <Text span size="xs" c="dimmed">
                          {fmt.percent(x.colPercents[i]?.[j])}
                        </Text>
                        {sig && (
                          <Text
                            span
                            size="xs"
                            fw={700}
                            c="blue.8"
                            ml={4}
                            data-testid="sig-letters"
                            aria-label={t('surveys.crosstab.higherThan', { letters: sig })}
                          >
                            {sig}
                          </Text>
                        )}
                      </Text>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
            <Table.Tr data-testid="base-row" bg="var(--mantine-color-gray-0)">
              <Table.Th scope="row">{weighted ? t('surveys.crosstab.baseWeighted') : t('surveys.crosstab.base')}</Table.Th>
              <Table.Td ta="right" style={numeric} fw={600}>
                {fmt.count(x.total, weighted)}
              </Table.Td>
              {x.colTotals.map((b, j) => (
                <Table.Td key={letters[j] ?? j} ta="right" style={numeric} fw={600} data-testid="base-cell">
                  {fmt.count(b, weighted)}
                </Table.Td>
              ))}
            </Table.Tr>
            {weighted && (
              <>
                <Table.Tr data-testid="base-unweighted-row" bg="var(--mantine-color-gray-0)">
                  <Table.Th scope="row">{t('surveys.crosstab.baseUnweighted')}</Table.Th>
                  <Table.Td ta="right" style={numeric}>
                    {fmt.count(x.totalUnweighted, false)}
                  </Table.Td>
                  {x.colBasesUnweighted.map((b, j) => (
                    <Table.Td key={letters[j] ?? j} ta="right" style={numeric}>
                      {fmt.count(b, false)}
                    </Table.Td>
                  ))}
                </Table.Tr>
                <Table.Tr data-testid="base-effective-row" bg="var(--mantine-color-gray-0)">
                  <Table.Th scope="row">{t('surveys.crosstab.baseEffective')}</Table.Th>
                  <Table.Td ta="right" style={numeric}>
                    {fmt.count(x.totalEffective, true)}
                  </Table.Td>
                  {x.colBasesEffective.map((b, j) => (
                    <Table.Td key={letters[j] ?? j} ta="right" style={numeric}>
                      {fmt.count(b, true)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              </>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Stack gap={4} data-testid="crosstab-tests">
        <Text size="sm" data-testid="chi-square">
          {x.chiSquare
            ? t(x.chiSquare.yates ? 'surveys.crosstab.chiSquareYates' : 'surveys.crosstab.chiSquare', {
                statistic: fmt.decimal(x.chiSquare.statistic, 2),
                df: x.chiSquare.df,
                p: fmt.p(x.chiSquare.pValue),
                n: fmt.count(x.chiSquare.n, weighted),
              })
            : t(`surveys.crosstab.noChiSquare.${x.chiSquareSkipped ?? 'degenerate'}`)}
        </Text>
        {x.fisher && (
          <Text size="sm" data-testid="fisher">
            {t('surveys.crosstab.fisher', { p: fmt.p(x.fisher.pValue) })}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('surveys.crosstab.lettersNote', {
            alpha: fmt.percent(x.columnTests.alpha * 100, 0),
            correction: t(`surveys.correction.${x.columnTests.correction}`),
          })}
        </Text>
        <MarginOfError moe={reply.marginOfError} weighted={weighted} />
      </Stack>
      {x.expected?.warning && (
        <Alert color="yellow" variant="light" data-testid="expected-warning" title={t('surveys.crosstab.expectedTitle')}>
          {t('surveys.crosstab.expectedWarning', {
            below: x.expected.cellsBelow,
            share: fmt.share(x.expected.share, 0),
            min: fmt.decimal(x.expected.minExpected, 0),
            smallest: fmt.decimal(x.expected.smallest, 2),
          })}
        </Alert>
      )}
    </Stack>
  );
}

function MarginOfError({ moe, weighted }: { moe: BaseMarginsOfError; weighted: boolean }) {
  const { t } = useTranslation();
  const fmt = useSurveyFormat();
  const value = weighted ? moe.weighted : moe.unweighted;
  if (value === null) return null;
  return (
    <Text size="xs" c="dimmed" data-testid="margin-of-error">
      {weighted
        ? t('surveys.crosstab.moeWeighted', {
            moe: fmt.decimal(value * 100, 1),
            n: fmt.count(moe.n, false),
            effective: fmt.decimal(moe.effectiveN, 1),
          })
        : t('surveys.crosstab.moe', { moe: fmt.decimal(value * 100, 1), n: fmt.count(moe.n, false) })}
    </Text>
  );
}

/** A numeric stub: the mean per banner column with the letters of the columns it is significantly higher than (Welch's t-test). */
export function MeansTable({ reply, stubName, bannerName }: { reply: MeansData; stubName: string; bannerName: string }) {
  const { t } = useTranslation();
  const fmt = useSurveyFormat();
  const m = reply.table;
  const weighted = reply.weighted;
  const rows: { key: string; label: string; cell: (j: number) => React.ReactNode }[] = [
    {
      key: 'mean',
      label: t('surveys.means.mean'),
      cell: (j) => {
        const c = m.columns[j];
        return (
          <>
            <Text span size="sm" fw={600}>
              {fmt.decimal(c?.mean, 2)}
            </Text>
            {c?.higherThan && (
              <Text
                span
                size="xs"
                fw={700}
                c="blue.8"
                ml={4}
                data-testid="sig-letters"
                aria-label={t('surveys.crosstab.higherThan', { letters: c.higherThan })}
              >
                {c.higherThan}
              </Text>
            )}
          </>
        );
      },
    },
    { key: 'sd', label: t('surveys.means.sd'), cell: (j) => fmt.decimal(m.columns[j]?.sd, 2) },
    { key: 'n', label: t('surveys.means.n'), cell: (j) => fmt.count(m.columns[j]?.n ?? 0, false) },
    ...(weighted
      ? [
          { key: 'weightedN', label: t('surveys.means.weightedN'), cell: (j: number) => fmt.count(m.columns[j]?.weightedN ?? 0, true) },
          { key: 'effectiveN', label: t('surveys.means.effectiveN'), cell: (j: number) => fmt.decimal(m.columns[j]?.effectiveN, 1) },
        ]
      : []),
  ];
  return (
    <Stack gap="sm">
      <Table.ScrollContainer minWidth={Math.max(480, 160 + 110 * m.cols.length)}>
        <Table
          withTableBorder
          withColumnBorders
          verticalSpacing={6}
          aria-label={t('surveys.means.tableLabel', { stub: stubName, banner: bannerName })}
          data-testid="means-table"
          data-weighted={weighted}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th rowSpan={2} scope="col" style={{ verticalAlign: 'bottom' }}>
                {stubName}
              </Table.Th>
              <Table.Th colSpan={m.cols.length} scope="colgroup" ta="center">
                {bannerName}
              </Table.Th>
            </Table.Tr>
            <Table.Tr>
              {m.cols.map((col, j) => (
                <ColumnHead key={`${col}-${m.letters[j]}`} label={col} letter={m.letters[j]} />
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.key} data-testid={`means-${r.key}`}>
                <Table.Th scope="row">{r.label}</Table.Th>
                {m.cols.map((col, j) => (
                  <Table.Td
                    key={`${col}-${m.letters[j]}`}
                    ta="right"
                    style={numeric}
                    data-letters={r.key === 'mean' ? m.columns[j]?.higherThan : undefined}
                  >
                    {r.cell(j)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed">
        {t('surveys.means.lettersNote', { alpha: fmt.percent(m.alpha * 100, 0), correction: t(`surveys.correction.${m.correction}`) })}
      </Text>
      <MarginOfError moe={reply.marginOfError} weighted={weighted} />
    </Stack>
  );
}
