import { SegmentedControl, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  BASE,
  resetTerminal,
  setMidYearConvention,
  setTerminalMethod,
  setTerminalValue,
  type TerminalField,
  terminalValue,
} from '../../../lib/financial-models/edit';
import { useIssueText } from '../labels';
import { NumberField } from './NumberField';
import { ResetButton } from './ResetButton';
import { type EditorProps, fieldPath } from './types';

/** Terminal value (Gordon growth and exit multiple, and which gives the headline) and the mid-year convention. */
export function TerminalPanel({ doc, scenario, editable, edit, issues }: EditorProps) {
  const { t } = useTranslation();
  const issueText = useIssueText();
  const inScenario = scenario !== BASE;
  const locked = !editable || inScenario;

  const field = (name: TerminalField, label: string) => {
    const v = terminalValue(doc, scenario, name);
    const issue = issues.get(fieldPath(doc, scenario, `valuation.terminalValue.${name}`, `terminalValue.${name}`));
    return (
      <NumberField
        label={label}
        size="sm"
        scale={name === 'growthRate' ? 'percent' : 'multiple'}
        value={v.value}
        overridden={v.overridden}
        readOnly={!editable}
        error={issueText(issue)}
        onValue={(n) => edit((d) => setTerminalValue(d, scenario, name, n))}
        rightSection={
          inScenario && v.overridden && editable ? (
            <ResetButton label={t('models.editor.reset')} onClick={() => edit((d) => resetTerminal(d, scenario, name))} />
          ) : undefined
        }
      />
    );
  };

  return (
    <Stack gap="sm" data-testid="terminal-panel">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="xs">
        {field('growthRate', t('models.input.terminalGrowth'))}
        {field('exitMultiple', t('models.input.exitMultiple'))}
      </SimpleGrid>
      <Stack gap={2}>
        <Text size="sm" fw={500} id="terminal-method-label">
          {t('models.editor.terminalMethod')}
        </Text>
        <SegmentedControl
          size="xs"
          w="fit-content"
          aria-labelledby="terminal-method-label"
          value={doc.valuation.terminalValue.method}
          disabled={locked}
          onChange={(method) => edit((d) => setTerminalMethod(d, method as 'gordon' | 'exitMultiple'))}
          data={[
            { value: 'gordon', label: t('models.editor.gordon') },
            { value: 'exitMultiple', label: t('models.editor.exitMultiple') },
          ]}
        />
      </Stack>
      <Switch
        label={t('models.editor.midYear')}
        description={inScenario ? t('models.editor.notInScenario') : t('models.editor.midYearHint')}
        checked={doc.valuation.midYearConvention}
        disabled={locked}
        onChange={(e) => {
          const checked = e.currentTarget.checked;
          edit((d) => setMidYearConvention(d, checked));
        }}
      />
    </Stack>
  );
}
