import { Button, Group, MultiSelect, Paper, Select, SimpleGrid, Text } from '@mantine/core';
import { IconSearch, IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type EngagementStatus,
  type EngagementType,
  engagementStatuses,
  engagementTypes,
  type RiskFlag,
} from '../../../shared/contracts/engagements';
import type { OrgRef } from '../../api/engagements';
import { LimitedTextInput } from '../../components/LimitedText';
import { hasFilters, type ListFilters } from '../../lib/engagements/listFilters';

interface EngagementFiltersPanelProps {
  filters: ListFilters;
  onChange: (change: Partial<Omit<ListFilters, 'page'>>) => void;
  onClear: () => void;
  /** Null: the viewer is a provider, for whom a provider filter means nothing. */
  providers: OrgRef[] | null;
  /** The flags the server lets this viewer filter on (none until the first page arrives). */
  riskFilters: readonly RiskFlag[];
}

export function EngagementFiltersPanel({ filters, onChange, onClear, providers, riskFilters }: EngagementFiltersPanelProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-label={t('engagements.list.filters')}>
      <Group justify="space-between" mb="xs">
        <Text fw={600} size="sm">
          {t('engagements.list.filters')}
        </Text>
        {hasFilters(filters) && (
          <Button size="compact-sm" variant="subtle" leftSection={<IconX size={14} />} onClick={onClear}>
            {t('engagements.list.clearFilters')}
          </Button>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: providers ? 5 : 4 }} spacing="sm">
        <SearchInput value={filters.q} onCommit={(q) => onChange({ q })} />
        <MultiSelect
          label={t('engagements.list.status')}
          placeholder={filters.status.length ? undefined : t('engagements.list.anyStatus')}
          data={engagementStatuses.map((s) => ({ value: s, label: t(`engagementStatus.${s}`) }))}
          value={filters.status}
          onChange={(v) => onChange({ status: v as EngagementStatus[] })}
          clearable
        />
        <MultiSelect
          label={t('engagements.list.type')}
          placeholder={filters.type.length ? undefined : t('engagements.list.anyType')}
          data={engagementTypes.map((s) => ({ value: s, label: t(`engagementType.${s}`) }))}
          value={filters.type}
          onChange={(v) => onChange({ type: v as EngagementType[] })}
          clearable
        />
        {providers && (
          <Select
            label={t('engagements.list.provider')}
            placeholder={t('engagements.list.anyProvider')}
            data={providers.map((p) => ({ value: p.orgId, label: p.name }))}
            value={filters.providerOrgId}
            onChange={(v) => onChange({ providerOrgId: v })}
            searchable
            clearable
          />
        )}
        <MultiSelect
          label={t('engagements.list.risk')}
          placeholder={filters.risk.length ? undefined : t('engagements.list.anyRisk')}
          data={riskFilters.map((s) => ({ value: s, label: t(`riskFlag.${s}`) }))}
          value={filters.risk}
          onChange={(v) => onChange({ risk: v as RiskFlag[] })}
          clearable
        />
      </SimpleGrid>
    </Paper>
  );
}

/** Applied on Enter or on leaving the field, not on every keystroke. */
function SearchInput({ value, onCommit }: { value: string; onCommit: (value: string) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => {
    if (draft.trim() !== value) onCommit(draft.trim());
  };
  return (
    <LimitedTextInput
      type="search"
      label={t('engagements.list.search')}
      placeholder={t('engagements.list.searchPlaceholder')}
      leftSection={<IconSearch size={14} />}
      value={draft}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
      }}
      limit={200}
    />
  );
}
