import { ActionIcon, Button, Fieldset, Group, MultiSelect, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { SECTION_BODY_MAX, sectionRoles } from '../../../shared/contracts/deliverables';
import {
  addSection,
  moveSection,
  removeSection,
  type SectionDraft,
  type SubmissionDraft,
  updateSection,
} from '../../lib/deliverables/draft';
import type { IssueIndex } from '../../lib/engagements/issues';
import { useRoleLabel } from './badges';

interface EditorProps {
  draft: SubmissionDraft;
  onChange: (next: SubmissionDraft) => void;
  issues: IssueIndex;
}

/** The report's sections: heading, role, text and the references each cites; the key follows the heading until edited. */
export function SectionsEditor({ draft, onChange, issues }: EditorProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Text fw={600} size="sm">
        {t('deliverables.submit.sections')}
      </Text>
      {draft.sections.map((s, i) => (
        <SectionRow key={s.uid} section={s} index={i} count={draft.sections.length} draft={draft} onChange={onChange} issues={issues} />
      ))}
      {issues.get('sections') && (
        <Text size="sm" c="red">
          {issues.get('sections')}
        </Text>
      )}
      <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} w="fit-content" onClick={() => onChange(addSection(draft))}>
        {t('deliverables.submit.addSection')}
      </Button>
    </Stack>
  );
}

function SectionRow({
  section,
  index,
  count,
  draft,
  onChange,
  issues,
}: EditorProps & { section: SectionDraft; index: number; count: number }) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const n = index + 1;
  const at = (field: string) => issues.get(`sections.${index}.${field}`);
  const set = (change: Partial<Omit<SectionDraft, 'uid'>>) => onChange(updateSection(draft, section.uid, change));
  const references = draft.references.map((r) => ({ value: r.id, label: r.title.trim() ? `${r.title} (${r.id})` : r.id }));
  return (
    <Fieldset legend={t('deliverables.submit.section', { n })} data-testid="section-editor">
      <Stack gap="xs">
        <Group align="flex-end" grow>
          <TextInput
            label={t('deliverables.submit.heading')}
            value={section.title}
            onChange={(e) => set({ title: e.currentTarget.value })}
            error={at('title')}
            maxLength={200}
            required
          />
          <Select
            label={t('deliverables.submit.role')}
            data={sectionRoles.map((r) => ({ value: r, label: roleLabel(r) }))}
            value={section.role}
            onChange={(v) => v && set({ role: v as SectionDraft['role'] })}
            allowDeselect={false}
            error={at('role')}
          />
          <TextInput
            label={t('deliverables.submit.key')}
            description={t('deliverables.submit.keyHint')}
            value={section.key}
            onChange={(e) => set({ key: e.currentTarget.value })}
            error={at('key')}
            maxLength={60}
            ff="monospace"
          />
        </Group>
        <Textarea
          label={t('deliverables.submit.body')}
          value={section.body}
          onChange={(e) => set({ body: e.currentTarget.value })}
          error={at('body')}
          autosize
          minRows={3}
          maxRows={16}
          maxLength={SECTION_BODY_MAX}
        />
        <MultiSelect
          label={t('deliverables.submit.citations')}
          data={references}
          value={section.citations.filter((c) => references.some((r) => r.value === c))}
          onChange={(citations) => set({ citations })}
          placeholder={references.length === 0 ? t('deliverables.submit.citationsEmpty') : undefined}
          disabled={references.length === 0}
          error={at('citations')}
          searchable
        />
        <Group gap="xs" justify="flex-end">
          <ActionIcon
            variant="subtle"
            aria-label={t('deliverables.submit.moveUp', { n })}
            disabled={index === 0}
            onClick={() => onChange(moveSection(draft, section.uid, -1))}
          >
            <IconArrowUp size={16} />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            aria-label={t('deliverables.submit.moveDown', { n })}
            disabled={index === count - 1}
            onClick={() => onChange(moveSection(draft, section.uid, 1))}
          >
            <IconArrowDown size={16} />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('deliverables.submit.removeSection', { n })}
            onClick={() => onChange(removeSection(draft, section.uid))}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      </Stack>
    </Fieldset>
  );
}
