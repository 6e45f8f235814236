import { Badge, Button, FileInput, Group, List, Progress, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconFileImport, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngagementView } from '../../../shared/contracts/engagements';
import type { PatentImportResult } from '../../../shared/contracts/patents-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useFieldIssues } from '../../hooks/useTranslator';
import { may } from '../../lib/engagements/lifecycle';
import { Section } from '../engagements/components/Section';
import { retryTransient } from '../surveys/hooks';
import { patentKeys, patentsApi } from './api';

export function useCorpora(engagementId: string) {
  return useQuery({ queryKey: patentKeys.corpora(engagementId), queryFn: () => patentsApi.corpora(engagementId), retry: retryTransient });
}

/** The corpora the engagement searches; its own are created and filled by the provider's team while the server lets it. */
export function CorporaPanel({ engagement }: { engagement: EngagementView }) {
  const { t } = useTranslation();
  const corpora = useCorpora(engagement.id);
  const writable = may(engagement, 'patent.write');
  return (
    <Section title={t('patents.corpora.title')}>
      {corpora.isPending ? (
        <Loading />
      ) : corpora.isError ? (
        <ErrorAlert error={corpora.error} onRetry={() => void corpora.refetch()} />
      ) : corpora.data.length === 0 ? (
        <Text c="dimmed">{t('patents.corpora.none')}</Text>
      ) : (
        <List listStyleType="none" spacing={4} aria-label={t('patents.corpora.title')}>
          {corpora.data.map((c) => (
            <List.Item key={c.id}>
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" fw={500}>
                  {c.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('patents.corpora.documents', { count: c.documents })}
                </Text>
                <Badge size="xs" variant="light" color={c.scope === 'platform' ? 'gray' : 'blue'}>
                  {t(`patents.corpora.scope.${c.scope}`)}
                </Badge>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {writable && corpora.data && (
        <>
          <CreateCorpus engagementId={engagement.id} />
          <ImportPatents engagementId={engagement.id} corpora={corpora.data.filter((c) => c.scope === 'engagement')} />
        </>
      )}
    </Section>
  );
}

function CreateCorpus({ engagementId }: { engagementId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => patentsApi.createCorpus(engagementId, name),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: patentKeys.corpora(engagementId) });
    },
  });
  const issues = useFieldIssues(create.error, ['name'] as const);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <Group align="flex-end" gap="xs">
        <TextInput
          label={t('patents.corpora.create')}
          placeholder={t('patents.corpora.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={issues.byField.name}
          maxLength={120}
          style={{ flex: 1 }}
        />
        <Button type="submit" variant="light" leftSection={<IconPlus size={16} />} loading={create.isPending} disabled={name.trim() === ''}>
          {t('patents.corpora.createSubmit')}
        </Button>
      </Group>
      {create.isError && !issues.byField.name && <ErrorAlert error={create.error} extra={issues.unplaced} />}
    </form>
  );
}

function ImportPatents({ engagementId, corpora }: { engagementId: string; corpora: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [corpusId, setCorpusId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const target = corpusId ?? corpora[0]?.id ?? null;
  const upload = useMutation({
    mutationFn: (input: { corpusId: string; file: File }) =>
      patentsApi.importFile(engagementId, input.corpusId, input.file, {
        onProgress: ({ loaded, total }) => setPercent(Math.round((loaded / Math.max(total, 1)) * 100)),
      }),
    onSettled: () => setPercent(null),
    onSuccess: () => {
      setFile(null);
      void queryClient.invalidateQueries({ queryKey: patentKeys.all(engagementId) });
    },
  });
  if (corpora.length === 0) return null;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (target && file) upload.mutate({ corpusId: target, file });
      }}
      aria-label={t('patents.corpora.import')}
    >
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('patents.corpora.import')}
        </Text>
        <Select
          label={t('patents.search.corpus')}
          data={corpora.map((c) => ({ value: c.id, label: c.name }))}
          value={target}
          onChange={setCorpusId}
          allowDeselect={false}
        />
        <FileInput
          label={t('patents.corpora.file')}
          description={t('patents.corpora.importHint')}
          value={file}
          onChange={setFile}
          accept=".xml,.jsonl,.ndjson,.json,.csv"
          clearable
        />
        {percent !== null && <Progress value={percent} aria-label={t('patents.corpora.uploading', { percent })} />}
        <Group>
          <Button type="submit" leftSection={<IconFileImport size={16} />} loading={upload.isPending} disabled={!file || !target}>
            {t('patents.corpora.importSubmit')}
          </Button>
        </Group>
        {upload.isError && <ErrorAlert error={upload.error} />}
        {upload.data && <ImportReport result={upload.data} />}
      </Stack>
    </form>
  );
}

function ImportReport({ result }: { result: PatentImportResult }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} role="status">
      <Text size="sm">{t('patents.corpora.result', result)}</Text>
      {result.refusals.length > 0 && (
        <List size="xs" spacing={2}>
          {result.refusals.slice(0, 50).map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a report's refusals never move.
            <List.Item key={i}>
              {t('patents.corpora.refusal', {
                where: [
                  r.number,
                  r.line !== null ? t('patents.corpora.refusalLine', { line: r.line }) : null,
                  r.document !== null ? t('patents.corpora.refusalDocument', { document: r.document }) : null,
                ]
                  .filter(Boolean)
                  .join(', '),
                message: t(`patents.refusal.${r.reason}`, { defaultValue: r.message }),
              })}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
