import { Button, Group, Paper, Select, SimpleGrid, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditEventTypes, resourceTypes } from '../../../shared/contracts/audit';
import { LimitedTextInput } from '../../components/LimitedText';
import { useLocale } from '../../hooks/useLocale';
import { type AuditFilterKey, type AuditFilters, hasFilters } from '../../lib/auditFilters';
import type { Option } from './options';

interface AuditFiltersPanelProps {
  filters: AuditFilters;
  onChange: (key: AuditFilterKey, value: string | null) => void;
  onClear: () => void;
  actorOptions: Option[];
  /** Present for the operator, who may look at any organisation's log or all of them. */
  organizationOptions?: Option[] | undefined;
}

export function AuditFiltersPanel({ filters, onChange, onClear, actorOptions, organizationOptions }: AuditFiltersPanelProps) {
  const { t } = useTranslation();
  const typeOptions = auditEventTypes.map((type) => ({ value: type, label: t(`auditEvent.${type}`) }));
  const resourceOptions = resourceTypes.map((type) => ({ value: type, label: t(`resourceType.${type}`) }));
  const locale = useLocale();
  // dayjs formats: how dates are written in each language, and the calendar's month heading.
  const dayFormats =
    locale === 'ja'
      ? { valueFormat: 'YYYY/MM/DD', monthLabelFormat: 'YYYY年M月' }
      : { valueFormat: 'MMM D, YYYY', monthLabelFormat: 'MMMM YYYY' };

  return (
    <Paper withBorder p="md" component="section" aria-label={t('audit.filters')}>
      <Group justify="space-between" mb="xs">
        <Text fw={600} size="sm">
          {t('audit.filters')}
        </Text>
        {hasFilters(filters) && (
          <Button size="compact-sm" variant="subtle" leftSection={<IconX size={14} />} onClick={onClear}>
            {t('audit.clearFilters')}
          </Button>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: organizationOptions ? 4 : 3 }} spacing="sm">
        {organizationOptions && (
          <Select
            label={t('audit.organization')}
            placeholder={t('audit.allOrganizations')}
            data={organizationOptions}
            value={filters.orgId ?? null}
            onChange={(value) => onChange('orgId', value)}
            searchable
            clearable
          />
        )}
        <Select
          label={t('audit.actor')}
          placeholder={t('audit.anyActor')}
          data={actorOptions}
          value={filters.actorUserId ?? null}
          onChange={(value) => onChange('actorUserId', value)}
          searchable
          clearable
        />
        <Select
          label={t('audit.eventType')}
          placeholder={t('audit.anyEventType')}
          data={typeOptions}
          value={filters.type ?? null}
          onChange={(value) => onChange('type', value)}
          searchable
          clearable
        />
        <Select
          label={t('audit.resourceType')}
          placeholder={t('audit.anyResourceType')}
          data={resourceOptions}
          value={filters.resourceType ?? null}
          onChange={(value) => onChange('resourceType', value)}
          clearable
        />
        <ResourceIdInput value={filters.resourceId ?? ''} onCommit={(value) => onChange('resourceId', value)} />
        <DatePickerInput
          label={t('audit.from')}
          value={filters.fromDate ?? null}
          onChange={(value) => onChange('fromDate', value)}
          {...(filters.toDate && { maxDate: filters.toDate })}
          {...dayFormats}
          clearable
        />
        <DatePickerInput
          label={t('audit.to')}
          value={filters.toDate ?? null}
          onChange={(value) => onChange('toDate', value)}
          {...(filters.fromDate && { minDate: filters.fromDate })}
          {...dayFormats}
          clearable
        />
      </SimpleGrid>
    </Paper>
  );
}

/** Free text: applied on Enter or leaving the field, not on every keystroke. */
function ResourceIdInput({ value, onCommit }: { value: string; onCommit: (value: string | null) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => {
    if (draft.trim() !== value) onCommit(draft.trim() || null);
  };
  return (
    <LimitedTextInput
      label={t('audit.resourceId')}
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
