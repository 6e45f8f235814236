import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DeliverableType, deliverableTypes } from '../../../shared/contracts/deliverables';
import type { MilestoneView } from '../../../shared/contracts/engagements';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LimitedTextInput } from '../../components/LimitedText';
import { useFieldIssues } from '../../hooks/useTranslator';
import { deliverablesApi } from './api';
import { useDeliverableChanged } from './hooks';

interface CreateDeliverableModalProps {
  opened: boolean;
  onClose: () => void;
  engagementId: string;
  milestones: readonly Pick<MilestoneView, 'id' | 'title' | 'status'>[];
  onCreated: (deliverableId: string) => void;
}

/** The provider adds a deliverable to a milestone that is not accepted yet. */
export function CreateDeliverableModal({ opened, onClose, engagementId, milestones, onCreated }: CreateDeliverableModalProps) {
  const { t } = useTranslation();
  const changed = useDeliverableChanged(engagementId);
  const open = milestones.filter((m) => m.status !== 'accepted');
  const [picked, setMilestoneId] = useState<string | null>(null);
  const milestoneId = picked ?? open[0]?.id ?? null;
  const [title, setTitle] = useState('');
  const [type, setType] = useState<DeliverableType>('report');
  const create = useMutation({
    mutationFn: () => deliverablesApi.create(engagementId, { milestoneId: milestoneId ?? '', title, type }),
    onSuccess: async (detail) => {
      await changed(detail);
      notifications.show({ color: 'teal', message: t('deliverables.create.created', { title: detail.title }) });
      setTitle('');
      create.reset();
      onClose();
      onCreated(detail.id);
    },
  });
  const issues = useFieldIssues(create.error, ['milestoneId', 'title', 'type']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (milestoneId && title.trim()) create.mutate();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('deliverables.create.title')} centered>
      <form onSubmit={submit}>
        <Stack gap="sm">
          {open.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('deliverables.create.noMilestones')}
            </Text>
          )}
          <Select
            label={t('deliverables.create.milestone')}
            data={open.map((m) => ({ value: m.id, label: m.title }))}
            value={milestoneId}
            onChange={setMilestoneId}
            error={issues.byField.milestoneId}
            allowDeselect={false}
            required
          />
          <LimitedTextInput
            label={t('deliverables.create.name')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            limit={200}
            error={issues.byField.title}
            required
            data-autofocus
          />
          <Select
            label={t('deliverables.create.type')}
            data={deliverableTypes.map((d) => ({ value: d, label: t(`deliverables.type.${d}`) }))}
            value={type}
            onChange={(v) => v && setType(v as DeliverableType)}
            allowDeselect={false}
            error={issues.byField.type}
          />
          {create.error !== null && <ErrorAlert error={create.error} extra={issues.unplaced} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!milestoneId}>
              {t('deliverables.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
