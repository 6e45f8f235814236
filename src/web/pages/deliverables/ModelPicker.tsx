import { Alert, Group, Select, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { financialModelsApi } from '../../api/financialModels';
import { queryKeys } from '../../api/queryKeys';
import { useFormatters } from '../../hooks/useFormatters';
import type { IssueIndex } from '../../lib/engagements/issues';
import { useModels } from '../financial-models/hooks';

interface ModelPickerProps {
  engagementId: string;
  value: { id: string | null; version: number | null };
  onChange: (value: { id: string | null; version: number | null }) => void;
  issues: IssueIndex;
}

/** A financial-model deliverable names one of the engagement's models and a version of it shared with the client. */
export function ModelPicker({ engagementId, value, onChange, issues }: ModelPickerProps) {
  const { t } = useTranslation();
  const f = useFormatters();
  const models = useModels(engagementId);
  const model = useQuery({
    queryKey: queryKeys.model(engagementId, value.id ?? ''),
    queryFn: () => financialModelsApi.get(engagementId, value.id ?? ''),
    enabled: value.id !== null,
  });
  const shared = value.id && model.data ? model.data.versions.filter((v) => v.sharedAt !== null) : [];
  if (models.isSuccess && models.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('deliverables.submit.noModels')}
      </Text>
    );
  }
  return (
    <Group align="start" grow>
      <Select
        label={t('deliverables.submit.model')}
        data={(models.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
        value={value.id}
        onChange={(id) => onChange({ id, version: null })}
        error={issues.get('model.id')}
        required
        searchable
      />
      {value.id && model.isSuccess && shared.length === 0 ? (
        <Alert color="yellow" variant="light" mt="lg">
          <Text size="sm">{t('deliverables.submit.noSharedVersion')}</Text>
        </Alert>
      ) : (
        <Select
          label={t('deliverables.submit.modelVersion')}
          data={shared.map((v) => ({
            value: String(v.version),
            label: t('deliverables.submit.modelVersionOption', { version: v.version, at: v.sharedAt ? f.date(v.sharedAt) : '' }),
          }))}
          value={value.version === null ? null : String(value.version)}
          onChange={(v) => onChange({ id: value.id, version: v === null ? null : Number(v) })}
          error={issues.get('model.version')}
          disabled={!value.id}
          required
        />
      )}
    </Group>
  );
}
