import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { gridRows, leverPath } from '../../../lib/financial-models/depth';
import { BASE, driverRow, type GridDriverKey, resetDriver, setDriverValue } from '../../../lib/financial-models/edit';
import { impliedRevenueGrowth, revenueMode } from '../../../lib/financial-models/lines';
import { useIssueText } from '../labels';
import { NumberField } from './NumberField';
import { ResetButton } from './ResetButton';
import { type EditorProps, fieldPath } from './types';

/** The forecast drivers by year, edited as percentages; in a scenario, its overrides in colour. A driver its lever gives is shown, not edited. */
export function AssumptionGrid({ doc, scenario, editable, edit, issues }: EditorProps) {
  const { t } = useTranslation();
  const issueText = useIssueText();
  const inScenario = scenario !== BASE;
  const label = (key: GridDriverKey) => (key === 'operatingMargin' ? t('models.depth.operatingBasis') : t(`models.input.${key}`));
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table
        withRowBorders={false}
        verticalSpacing={4}
        horizontalSpacing={4}
        aria-label={t('models.editor.grid')}
        data-testid="assumption-grid"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={150}>{t('models.editor.driver')}</Table.Th>
            {doc.forecast.years.map((year) => (
              <Table.Th key={year} ta="right" fz="xs">
                {t('models.fy', { year })}
              </Table.Th>
            ))}
            {inScenario && <Table.Th w={32} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {gridRows(doc).map(({ key, lever }) => {
            const derived = key === 'revenueGrowth' && revenueMode(doc) === 'segments';
            const path = derived ? impliedRevenueGrowth(doc, scenario) : lever ? leverPath(doc, scenario, lever) : null;
            if ((lever || derived) && path)
              return (
                <Table.Tr key={key} {...(lever && { 'data-lever': lever })} {...(derived && { 'data-derived': 'segments' })}>
                  <Table.Th scope="row" fw={500}>
                    <Text size="sm" fw={500} lh={1.2}>
                      {derived ? t('models.lines.derivedGrowth') : t('models.depth.leverRow', { field: label(key) })}
                    </Text>
                  </Table.Th>
                  {path.map((value, i) => {
                    const year = doc.forecast.years[i] ?? i;
                    return (
                      <Table.Td key={year}>
                        <NumberField
                          size="xs"
                          miw={76}
                          scale="percent"
                          value={value}
                          readOnly
                          aria-label={t('models.editor.cell', { field: label(key), year: t('models.fy', { year }) })}
                          onValue={() => undefined}
                        />
                      </Table.Td>
                    );
                  })}
                  {inScenario && <Table.Td />}
                </Table.Tr>
              );
            const row = driverRow(doc, scenario, key);
            const field = label(key);
            return (
              <Table.Tr key={key}>
                <Table.Th scope="row" fw={500}>
                  <Text size="sm" fw={500} lh={1.2}>
                    {field}
                  </Text>
                </Table.Th>
                {row.values.map((value, i) => {
                  const year = doc.forecast.years[i] ?? i;
                  const issue = issues.get(fieldPath(doc, scenario, `forecast.${key}.${i}`, `forecast.${key}.${i}`));
                  const message = issueText(issue);
                  return (
                    <Table.Td key={year}>
                      <NumberField
                        size="xs"
                        miw={76}
                        scale="percent"
                        value={value}
                        overridden={row.overridden[i] ?? false}
                        readOnly={!editable}
                        aria-label={t('models.editor.cell', { field, year: t('models.fy', { year }) })}
                        error={Boolean(message)}
                        title={message || undefined}
                        onValue={(v) => edit((d) => setDriverValue(d, scenario, key, i, v))}
                      />
                    </Table.Td>
                  );
                })}
                {inScenario && (
                  <Table.Td>
                    {row.rowOverridden && editable && (
                      <ResetButton
                        label={t('models.editor.resetRow', { field })}
                        onClick={() => edit((d) => resetDriver(d, scenario, key))}
                      />
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
