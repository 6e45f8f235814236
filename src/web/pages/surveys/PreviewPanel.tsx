import { Alert, Badge, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SurveyPreview } from '../../../shared/contracts/market-research-api';
import { useSurveyFormat } from './format';

/** Encodings by the names people know them under (the server names them as WHATWG does). */
const ENCODING_NAMES: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 (BOM)',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  shift_jis: 'Shift_JIS',
};

export function useEncodingName() {
  const { t } = useTranslation();
  return (encoding: string | null) => (encoding === null ? t('surveys.preview.workbook') : (ENCODING_NAMES[encoding] ?? encoding));
}

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} data-testid={testId} component="div">
        {children}
      </Text>
    </Stack>
  );
}

/** What kpo read from the file: its encoding, the respondents, the columns, and the first rows as read. */
export function PreviewPanel({ preview }: { preview: SurveyPreview }) {
  const { t } = useTranslation();
  const fmt = useSurveyFormat();
  const encodingName = useEncodingName();
  return (
    <Stack gap="sm" data-testid="survey-preview">
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        <Fact label={t('surveys.preview.file')}>{preview.fileName}</Fact>
        <Fact label={t('surveys.preview.encoding')} testId="preview-encoding">
          <Badge variant="light" tt="none" data-encoding={preview.encoding ?? 'xlsx'}>
            {encodingName(preview.encoding)}
          </Badge>
        </Fact>
        {preview.sheet !== null && <Fact label={t('surveys.preview.sheet')}>{preview.sheet}</Fact>}
        <Fact label={t('surveys.preview.respondents')} testId="preview-respondents">
          {fmt.count(preview.respondents, false)}
        </Fact>
        <Fact label={t('surveys.preview.columns')}>{fmt.count(preview.header.length, false)}</Fact>
      </SimpleGrid>
      {preview.emptyColumns.length > 0 && (
        <Alert color="yellow" variant="light" title={t('surveys.preview.emptyColumns', { count: preview.emptyColumns.length })}>
          <Group gap={6}>
            {preview.emptyColumns.map((c) => (
              <Badge key={c} variant="outline" color="gray" tt="none">
                {c}
              </Badge>
            ))}
          </Group>
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        {t('surveys.preview.sampleIntro', { count: preview.sample.length, total: preview.respondents })}
      </Text>
      <Table.ScrollContainer minWidth={Math.min(2400, 120 * preview.header.length)} maxHeight={320}>
        <Table
          striped
          withTableBorder
          withColumnBorders
          verticalSpacing={2}
          fz="xs"
          stickyHeader
          aria-label={t('surveys.preview.sample')}
          data-testid="preview-sample"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('surveys.preview.row')}</Table.Th>
              {preview.header.map((h) => (
                <Table.Th key={h} style={{ whiteSpace: 'nowrap' }}>
                  {h}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.sample.map((row, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the sample's rows have no identity but their place
              <Table.Tr key={r}>
                <Table.Td c="dimmed">{r + 1}</Table.Td>
                {preview.header.map((h, c) => (
                  <Table.Td key={h} style={{ whiteSpace: 'nowrap', maxWidth: 240, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                    {row[c] ?? ''}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
