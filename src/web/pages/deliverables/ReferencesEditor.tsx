import { ActionIcon, Button, Fieldset, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { addReference, type ReferenceDraft, removeReference, type SubmissionDraft, updateReference } from '../../lib/deliverables/draft';
import type { IssueIndex } from '../../lib/engagements/issues';

interface ReferencesEditorProps {
  draft: SubmissionDraft;
  onChange: (next: SubmissionDraft) => void;
  issues: IssueIndex;
  /** The engagement's vault documents the submitter may see. */
  documents: readonly { id: string; name: string }[];
}

/** The report's references: where each source is (a vault document, a URL, a page). */
export function ReferencesEditor({ draft, onChange, issues, documents }: ReferencesEditorProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Text fw={600} size="sm">
        {t('deliverables.submit.references')}
      </Text>
      {draft.references.map((r, i) => (
        <ReferenceRow key={r.uid} reference={r} index={i} draft={draft} onChange={onChange} issues={issues} documents={documents} />
      ))}
      <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} w="fit-content" onClick={() => onChange(addReference(draft))}>
        {t('deliverables.submit.addReference')}
      </Button>
    </Stack>
  );
}

function ReferenceRow({
  reference,
  index,
  draft,
  onChange,
  issues,
  documents,
}: ReferencesEditorProps & { reference: ReferenceDraft; index: number }) {
  const { t } = useTranslation();
  const n = index + 1;
  const at = (field: string) => issues.get(`references.${index}.${field}`);
  const set = (change: Partial<Omit<ReferenceDraft, 'uid'>>) => onChange(updateReference(draft, reference.uid, change));
  return (
    <Fieldset legend={t('deliverables.submit.reference', { n })} data-testid="reference-editor">
      <Stack gap="xs">
        <Group align="start" grow>
          <TextInput
            label={t('deliverables.submit.refTitle')}
            value={reference.title}
            onChange={(e) => set({ title: e.currentTarget.value })}
            error={at('title')}
            maxLength={300}
            required
          />
          <TextInput
            label={t('deliverables.submit.refId')}
            value={reference.id}
            onChange={(e) => set({ id: e.currentTarget.value })}
            error={at('id')}
            maxLength={60}
            ff="monospace"
          />
        </Group>
        <Group align="start" grow>
          <Select
            label={t('deliverables.submit.refDocument')}
            data={documents.map((d) => ({ value: d.id, label: d.name }))}
            value={reference.documentId}
            onChange={(documentId) => set({ documentId })}
            error={at('documentId')}
            clearable
            searchable
          />
          <TextInput
            label={t('deliverables.submit.refUrl')}
            value={reference.url}
            onChange={(e) => set({ url: e.currentTarget.value })}
            error={at('url')}
            type="url"
            maxLength={2000}
          />
          <TextInput
            label={t('deliverables.submit.refLocator')}
            value={reference.locator}
            onChange={(e) => set({ locator: e.currentTarget.value })}
            error={at('locator')}
            maxLength={200}
          />
        </Group>
        <Group justify="flex-end">
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('deliverables.submit.removeReference', { n })}
            onClick={() => onChange(removeReference(draft, reference.uid))}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      </Stack>
    </Fieldset>
  );
}
