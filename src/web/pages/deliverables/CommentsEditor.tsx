import { ActionIcon, Button, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CommentAnchor, DeliverableVersionView } from '../../../shared/contracts/deliverables';
import type { IssueIndex } from '../../lib/engagements/issues';
import { useAnchorLabel } from './anchors';

export interface CommentDraft {
  uid: string;
  /** 'general', 'section:<key>' or 'finding:<id>'. */
  anchor: string;
  body: string;
}

let counter = 0;
export const newComment = (): CommentDraft => ({ uid: `comment-${++counter}`, anchor: 'general', body: '' });

export function anchorOf(value: string): CommentAnchor {
  if (value.startsWith('section:')) return { kind: 'section', section: value.slice('section:'.length) };
  if (value.startsWith('finding:')) return { kind: 'finding', finding: value.slice('finding:'.length) };
  return { kind: 'general' };
}

interface CommentsEditorProps {
  version: DeliverableVersionView;
  comments: CommentDraft[];
  onChange: (comments: CommentDraft[]) => void;
  issues: IssueIndex;
}

/** A reviewer's comments, each about the version as a whole, one of its sections or one of its check findings. */
export function CommentsEditor({ version, comments, onChange, issues }: CommentsEditorProps) {
  const { t } = useTranslation();
  const label = useAnchorLabel(version);
  const options = [
    { value: 'general', label: label({ kind: 'general' }) },
    ...version.content.sections.map((s) => ({ value: `section:${s.key}`, label: label({ kind: 'section', section: s.key }) })),
    ...version.checks.findings
      .filter((f) => f.status !== 'pass')
      .map((f) => ({ value: `finding:${f.id}`, label: `${label({ kind: 'finding', finding: f.id })} (${f.id})` })),
  ];
  const set = (uid: string, change: Partial<CommentDraft>) => onChange(comments.map((c) => (c.uid === uid ? { ...c, ...change } : c)));
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        {t('deliverables.review.comments')}
      </Text>
      {comments.map((c, i) => (
        <Group key={c.uid} align="start" wrap="nowrap" data-testid="comment-editor">
          <Select
            label={t('deliverables.review.anchor')}
            data={options}
            value={c.anchor}
            onChange={(v) => v && set(c.uid, { anchor: v })}
            allowDeselect={false}
            error={issues.get(`comments.${i}.anchor`)}
            w={260}
          />
          <Textarea
            label={t('deliverables.review.body')}
            aria-label={t('deliverables.review.comment', { n: i + 1 })}
            value={c.body}
            onChange={(e) => set(c.uid, { body: e.currentTarget.value })}
            error={issues.get(`comments.${i}.body`)}
            autosize
            minRows={2}
            maxLength={5000}
            style={{ flex: 1 }}
            required
          />
          <ActionIcon
            mt={26}
            variant="subtle"
            color="red"
            aria-label={t('deliverables.review.removeComment', { n: i + 1 })}
            onClick={() => onChange(comments.filter((x) => x.uid !== c.uid))}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Button
        variant="light"
        size="xs"
        leftSection={<IconPlus size={14} />}
        w="fit-content"
        onClick={() => onChange([...comments, newComment()])}
      >
        {t('deliverables.review.addComment')}
      </Button>
    </Stack>
  );
}
