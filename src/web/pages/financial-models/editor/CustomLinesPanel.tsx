import {
  Accordion,
  ActionIcon,
  Button,
  Group,
  List,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { MAX_LINES } from '../../../../shared/contracts/financial-model-lines';
import { BASE } from '../../../lib/financial-models/edit';
import { addLine, checkFormula, type FormulaCheck, removeLine, renameLine, setLineField } from '../../../lib/financial-models/lines';
import { useIssueText } from '../labels';
import { NameInput } from './NameInput';
import { NumberField } from './NumberField';
import type { EditorProps } from './types';

const checkKey: Record<FormulaCheck['kind'], 'syntaxAt' | 'functionAt' | 'depthAt'> = {
  syntax: 'syntaxAt',
  function: 'functionAt',
  depth: 'depthAt',
};

/**
 * Custom lines: a name, a formula checked as it is typed by the shared parser (the position of the
 * first problem at the field), shown only or taken off before EBITDA as an operating cost. The
 * model's other rules on formulas (names, circles) and the server's (a year that cannot be
 * computed) come back as issues at `forecast.lines.<i>.formula`.
 */
export function CustomLinesPanel({ doc, scenario, editable, edit, issues }: EditorProps) {
  const { t } = useTranslation();
  const issueText = useIssueText();
  const locked = !editable || scenario !== BASE;
  const lines = doc.forecast.lines ?? [];
  const error = (key: string) => issueText(issues.get(key));

  return (
    <Stack gap="xs" data-testid="custom-lines">
      <Text size="xs" c="dimmed">
        {t('models.lines.customLinesHint')}
      </Text>
      {scenario !== BASE && (
        <Text size="xs" c="dimmed">
          {t('models.lines.baseOnly')}
        </Text>
      )}
      {lines.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('models.lines.noLines')}
        </Text>
      )}
      {lines.map((l, i) => {
        const at = (field: string) => `forecast.lines.${i}.${field}`;
        const local = checkFormula(l.formula);
        const formulaError = local ? t(`models.lines.${checkKey[local.kind]}`, { position: local.position }) : error(at('formula'));
        const title = t('models.lines.line', { n: i + 1 });
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments and lines are edited in their place (a name may be typed twice on the way)
          <Paper key={i} withBorder p="xs" radius="sm" data-testid={`custom-line-${i}`}>
            <Stack gap={6}>
              <Group justify="space-between" gap="xs">
                <Text size="sm" fw={600}>
                  {title}
                </Text>
                {!locked && (
                  <Tooltip label={t('models.lines.removeLine', { name: l.name })} withArrow>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="sm"
                      aria-label={t('models.lines.removeLine', { name: l.name })}
                      onClick={() => edit((d) => removeLine(d, i))}
                    >
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Tooltip>
                )}
              </Group>
              <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="xs" verticalSpacing="xs">
                <NameInput
                  size="xs"
                  label={t('models.lines.name')}
                  aria-label={`${title} ${t('models.lines.name')}`}
                  value={l.name}
                  readOnly={locked}
                  error={error(at('name'))}
                  onCommit={(name) => edit((d) => renameLine(d, i, name))}
                />
                <TextInput
                  size="xs"
                  label={t('models.lines.label')}
                  aria-label={`${title} ${t('models.lines.label')}`}
                  value={l.label ?? ''}
                  readOnly={locked}
                  variant={locked ? 'filled' : 'default'}
                  error={error(at('label'))}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    edit((d) => setLineField(d, i, 'label', v));
                  }}
                />
                <Select
                  size="xs"
                  label={t('models.lines.format')}
                  value={l.format}
                  readOnly={locked}
                  variant={locked ? 'filled' : 'default'}
                  allowDeselect={false}
                  data={[
                    { value: 'money', label: t('models.lines.formatMoney') },
                    { value: 'percent', label: t('models.lines.formatPercent') },
                    { value: 'number', label: t('models.lines.formatNumber') },
                  ]}
                  onChange={(v) => v && edit((d) => setLineField(d, i, 'format', v))}
                />
                <NumberField
                  size="xs"
                  scale="plain"
                  label={t('models.lines.opening')}
                  aria-label={`${title} ${t('models.lines.opening')}`}
                  value={l.opening ?? Number.NaN}
                  readOnly={locked}
                  error={error(at('opening'))}
                  onValue={(v) => edit((d) => setLineField(d, i, 'opening', v))}
                />
              </SimpleGrid>
              <Stack gap={2}>
                <Text size="xs" fw={500} id={`line-role-${i}`}>
                  {t('models.lines.role')}
                </Text>
                <SegmentedControl
                  size="xs"
                  w="fit-content"
                  aria-labelledby={`line-role-${i}`}
                  value={l.role}
                  disabled={locked}
                  onChange={(v) => edit((d) => setLineField(d, i, 'role', v))}
                  data={[
                    { value: 'display', label: t('models.lines.roleDisplay') },
                    { value: 'operatingCost', label: t('models.lines.roleOperatingCost') },
                  ]}
                />
              </Stack>
              <TextInput
                size="sm"
                label={t('models.lines.formula')}
                aria-label={t('models.lines.formulaOf', { name: l.name })}
                value={l.formula}
                readOnly={locked}
                variant={locked ? 'filled' : 'default'}
                spellCheck={false}
                autoCapitalize="off"
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                error={formulaError}
                data-testid={`formula-${i}`}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  edit((d) => setLineField(d, i, 'formula', v));
                }}
              />
            </Stack>
          </Paper>
        );
      })}
      {!locked && lines.length < MAX_LINES && (
        <Button size="xs" variant="light" w="fit-content" leftSection={<IconPlus size={14} />} onClick={() => edit(addLine)}>
          {t('models.lines.addLine')}
        </Button>
      )}
      <Accordion variant="contained" chevronPosition="left">
        <Accordion.Item value="help">
          <Accordion.Control>
            <Text size="sm">{t('models.lines.help')}</Text>
          </Accordion.Control>
          <Accordion.Panel>
            <List size="xs" spacing={4}>
              <List.Item>{t('models.lines.helpNames')}</List.Item>
              <List.Item>{t('models.lines.helpYears')}</List.Item>
              <List.Item>{t('models.lines.helpOperators')}</List.Item>
              <List.Item>{t('models.lines.helpFunctions')}</List.Item>
              <List.Item>{t('models.lines.helpCosts')}</List.Item>
            </List>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </Stack>
  );
}
