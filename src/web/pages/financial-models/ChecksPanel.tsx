import { Accordion, Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FinancialModel } from '../../../shared/contracts/financial-model';
import type { CheckReportView, CheckStatus } from '../../../shared/contracts/financial-model-api';
import { useTranslator } from '../../hooks/useTranslator';
import { pathKey } from '../../lib/financial-models/issues';
import { Section } from '../engagements/components/Section';
import { CheckStatusBadge, checkColors } from './CheckStatusBadge';
import { useCaseLabel, useCheckText, useLocationText } from './labels';

const order: readonly CheckStatus[] = ['fail', 'warn', 'pass'];

/** The model's automated checks grouped fail / warn / pass, each with its code, message and where it points. */
export function ChecksPanel({ checks, doc }: { checks: CheckReportView | undefined; doc: FinancialModel }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const where = useLocationText(doc);
  const caseLabel = useCaseLabel(doc);
  const say = useCheckText(doc);
  const title = (code: string) => {
    const key = `models.checks.code.${code.replaceAll('.', '_')}`;
    return tr.exists(key) ? tr.t(key) : code;
  };
  return (
    <Section title={t('models.checks.title')} actions={checks && <CheckStatusBadge status={checks.status} />}>
      <div data-testid="checks-panel">
        <Text size="xs" c="dimmed" mb="xs">
          {t('models.checks.intro')}
        </Text>
        {checks && (
          <Stack gap="xs">
            <Text size="sm">{t('models.checks.counts', checks.counts)}</Text>
            <Accordion multiple variant="separated" defaultValue={order.filter((s) => s !== 'pass')}>
              {order.map((status) => {
                const findings = checks.findings.filter((f) => f.status === status);
                if (findings.length === 0) return null;
                return (
                  <Accordion.Item key={status} value={status} data-testid={`checks-${status}`}>
                    <Accordion.Control>
                      <Group gap="xs">
                        <Text size="sm" fw={600}>
                          {t(`models.checks.group.${status}`)}
                        </Text>
                        <Badge size="sm" color={checkColors[status]} variant="light">
                          {findings.length}
                        </Badge>
                      </Group>
                    </Accordion.Control>
                    <Accordion.Panel>
                      <Stack gap="sm">
                        {findings.map((f) => {
                          const path = pathKey(f.path);
                          const message = say(f.message);
                          return (
                            <Stack key={`${f.code}-${path}-${f.scenario ?? ''}-${message}`} gap={2}>
                              <Group gap="xs">
                                <Text size="sm" fw={600}>
                                  {title(f.code)}
                                </Text>
                                {f.scenario && f.scenario !== 'base' && (
                                  <Badge size="xs" variant="outline" color="grape" tt="none">
                                    {t('models.checks.inScenario', { scenario: caseLabel(f.scenario) })}
                                  </Badge>
                                )}
                              </Group>
                              <Text size="sm">{message}</Text>
                              {f.path.length > 0 && (
                                <Text size="xs" c="dimmed">
                                  {t('models.checks.location', { path: where(f.path) })}
                                </Text>
                              )}
                            </Stack>
                          );
                        })}
                      </Stack>
                    </Accordion.Panel>
                  </Accordion.Item>
                );
              })}
            </Accordion>
          </Stack>
        )}
      </div>
    </Section>
  );
}
