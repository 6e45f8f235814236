import { Accordion, Alert, Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DeliverableCheckReport, DeliverableContent, DeliverableFinding } from '../../../shared/contracts/deliverables';
import { deliverableCheckTitles, renderDeliverableFinding } from '../../../shared/deliverable-check-messages';
import { useLocale } from '../../hooks/useLocale';
import { useTranslator } from '../../hooks/useTranslator';
import { findingPlace, groupFindings } from '../../lib/deliverables/findings';
import { Section } from '../engagements/components/Section';
import { CheckBadge, checkColors } from './badges';

/** A finding's check and message in the reader's language, from whichever catalog words it. */
export function useFindingText(): { title: (f: DeliverableFinding) => string; message: (f: DeliverableFinding) => string } {
  const locale = useLocale();
  const tr = useTranslator();
  return {
    title: (f) => {
      if (f.catalog === 'financial_model') {
        const key = `models.checks.code.${f.code.replaceAll('.', '_')}`;
        return tr.exists(key) ? tr.t(key) : f.code;
      }
      const titles: Record<string, string> = deliverableCheckTitles[locale];
      return titles[f.code] ?? f.code;
    },
    message: (f) => renderDeliverableFinding(f, locale),
  };
}

interface ChecksReportProps {
  checks: DeliverableCheckReport;
  content: Pick<DeliverableContent, 'sections' | 'references'>;
  title?: string;
  /** Said above the findings: the draft changed since they ran. */
  stale?: boolean;
  testId?: string;
}

/** The automated checks of a version (or of a draft), grouped failed / warnings / passed, each where it points. */
export function ChecksReport({ checks, content, title, stale = false, testId = 'checks-report' }: ChecksReportProps) {
  const { t } = useTranslation();
  const text = useFindingText();
  const groups = groupFindings(checks.findings);
  return (
    <Section title={title ?? t('deliverables.checks.title')} actions={<CheckBadge status={checks.status} />}>
      <Stack gap="xs" data-testid={testId} data-status={checks.status}>
        <Text size="xs" c="dimmed">
          {t('deliverables.checks.intro')}
        </Text>
        {stale && (
          <Alert color="yellow" variant="light" p="xs">
            <Text size="sm">{t('deliverables.checks.stale')}</Text>
          </Alert>
        )}
        <Text size="sm">{t('deliverables.checks.counts', checks.counts)}</Text>
        <Accordion multiple variant="separated" defaultValue={['fail', 'warn']}>
          {groups.map((group) => (
            <Accordion.Item key={group.status} value={group.status} data-testid={`checks-${group.status}`}>
              <Accordion.Control>
                <Group gap="xs">
                  <Text size="sm" fw={600}>
                    {t(`deliverables.checks.group.${group.status}`)}
                  </Text>
                  <Badge size="sm" color={checkColors[group.status]} variant="light">
                    {group.findings.length}
                  </Badge>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="sm">
                  {group.findings.map((f) => {
                    const place = findingPlace(f, content);
                    return (
                      <Stack key={f.id} gap={2} data-finding={f.id} data-code={f.code}>
                        <Text size="sm" fw={600}>
                          {text.title(f)}
                        </Text>
                        <Text size="sm">{text.message(f)}</Text>
                        {place.section && (
                          <Text size="xs" c="dimmed">
                            {t('deliverables.checks.section', { section: place.section })}
                          </Text>
                        )}
                        {place.reference && (
                          <Text size="xs" c="dimmed">
                            {t('deliverables.checks.reference', { reference: place.reference })}
                          </Text>
                        )}
                      </Stack>
                    );
                  })}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      </Stack>
    </Section>
  );
}
