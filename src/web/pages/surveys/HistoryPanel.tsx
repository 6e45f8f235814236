import { Badge, Button, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SurveyDetail } from '../../../shared/contracts/market-research-api';
import { useFormatters } from '../../hooks/useFormatters';
import { Section } from '../engagements/components/Section';
import { useSurveyFormat } from './format';

/** Every version of the dataset, newest first: the file it reads, its size, the note and who saved it. */
export function HistoryPanel({ survey, onShow }: { survey: SurveyDetail; onShow: (version: number) => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const fmt = useSurveyFormat();
  return (
    <Section title={t('surveys.history.title')}>
      <Table.ScrollContainer minWidth={820}>
        <Table verticalSpacing="sm" aria-label={t('surveys.history.table')} data-testid="survey-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('surveys.history.version')}</Table.Th>
              <Table.Th>{t('surveys.history.file')}</Table.Th>
              <Table.Th ta="right">{t('surveys.history.respondents')}</Table.Th>
              <Table.Th ta="right">{t('surveys.history.questions')}</Table.Th>
              <Table.Th>{t('surveys.history.note')}</Table.Th>
              <Table.Th>{t('surveys.history.saved')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {survey.versions.map((v) => (
              <Table.Tr key={v.version} data-testid="history-row" data-version={v.version}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {t('surveys.version', { version: v.version })}
                  </Text>
                  {v.version === survey.version.version && (
                    <Badge size="xs" variant="light" tt="none">
                      {t('surveys.history.shown')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t('surveys.view.fileVersion', { name: v.fileName, version: v.documentVersion })}</Text>
                </Table.Td>
                <Table.Td ta="right">{fmt.count(v.respondents, false)}</Table.Td>
                <Table.Td ta="right">{fmt.count(v.questions, false)}</Table.Td>
                <Table.Td>
                  <Text size="sm" {...(!v.note && { c: 'dimmed' })} style={{ whiteSpace: 'pre-wrap' }}>
                    {v.note || t('surveys.history.noNote')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t('surveys.list.savedBy', { name: v.savedBy.displayName, at: format.dateTime(v.savedAt) })}</Text>
                </Table.Td>
                <Table.Td>
                  {v.version !== survey.version.version && (
                    <Button size="compact-xs" variant="subtle" onClick={() => onShow(v.version)}>
                      {t('surveys.history.show', { version: v.version })}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}
