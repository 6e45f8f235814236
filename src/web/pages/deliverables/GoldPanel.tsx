import { Alert, Badge, Button, Group, type MantineColor, Modal, Paper, Select, Stack, TagsInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEyeOff, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type DeliverableView,
  type GoldItemView,
  type GoldKind,
  type GoldOutcome,
  goldKinds,
} from '../../../shared/contracts/deliverables';
import type { EngagementView } from '../../../shared/contracts/engagements';
import { isApiError } from '../../api/errors';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LimitedTextInput } from '../../components/LimitedText';
import { Loading } from '../../components/Loading';
import { useFormatters } from '../../hooks/useFormatters';
import { useFieldIssues } from '../../hooks/useTranslator';
import { emptyGoldDraft, type GoldDraft, goldDraftReady, plantRequestOf, sortGold } from '../../lib/deliverables/gold';
import { may } from '../../lib/engagements/lifecycle';
import { useDocumentLibrary } from '../documents/hooks';
import { Section } from '../engagements/components/Section';
import { deliverableKeys, deliverablesApi } from './api';
import { useGold } from './hooks';

export const goldOutcomeColors: Record<GoldOutcome, MantineColor> = { caught: 'teal', missed: 'red', pending: 'gray' };

export function GoldOutcomeBadge({ outcome }: { outcome: GoldOutcome }) {
  const { t } = useTranslation();
  return (
    <Badge color={goldOutcomeColors[outcome]} variant="light" tt="none" data-outcome={outcome}>
      {t(`deliverables.gold.outcome.${outcome}`)}
    </Badge>
  );
}

/**
 * The client's gold checks on the engagement: known answers planted for the deliverables to catch,
 * and whether each version did. Only for a viewer the server lets read them (`gold.read`, never the
 * provider); its lead plants and withdraws them (`gold.manage`).
 */
export function GoldPanel({ engagement, deliverables }: { engagement: EngagementView; deliverables: readonly DeliverableView[] }) {
  const { t } = useTranslation();
  const gold = useGold(engagement.id, true);
  const manage = may(engagement, 'gold.manage');
  const readsVault = may(engagement, 'document.read');
  const library = useDocumentLibrary(engagement.id, readsVault);
  const documents = library.data?.documents ?? [];
  const [planting, setPlanting] = useState(false);
  const plantButton = manage && (
    <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setPlanting(true)}>
      {t('deliverables.gold.plant')}
    </Button>
  );
  return (
    <Section title={t('deliverables.gold.title')} actions={plantButton}>
      <Stack gap={6} data-testid="gold-panel">
        <Text size="sm" c="dimmed">
          {t('deliverables.gold.intro')}
        </Text>
        <Group gap={6} wrap="nowrap" align="start">
          <IconEyeOff size={16} color="var(--mantine-color-dimmed)" aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
          <Text size="xs" c="dimmed">
            {t('deliverables.gold.hidden')}
          </Text>
        </Group>
      </Stack>
      {gold.isPending ? (
        <Loading />
      ) : gold.isError ? (
        <ErrorAlert error={gold.error} onRetry={() => void gold.refetch()} />
      ) : gold.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('deliverables.gold.none')}
        </Text>
      ) : (
        <Stack gap="xs">
          {sortGold(gold.data).map((item) => (
            <GoldItem
              key={item.id}
              engagementId={engagement.id}
              item={item}
              deliverables={deliverables}
              documents={documents}
              manage={manage}
            />
          ))}
        </Stack>
      )}
      {manage && (
        <PlantGoldModal
          opened={planting}
          onClose={() => setPlanting(false)}
          engagementId={engagement.id}
          deliverables={deliverables}
          documents={documents}
        />
      )}
    </Section>
  );
}

interface Named {
  id: string;
  name: string;
}

function GoldItem({
  engagementId,
  item,
  deliverables,
  documents,
  manage,
}: {
  engagementId: string;
  item: GoldItemView;
  deliverables: readonly DeliverableView[];
  documents: readonly Named[];
  manage: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormatters();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const withdrawn = item.withdrawnAt !== null;
  const target = item.deliverableId
    ? (deliverables.find((d) => d.id === item.deliverableId)?.title ??
      item.results.find((r) => r.deliverableId === item.deliverableId)?.deliverableTitle ??
      t('deliverables.gold.unknownDeliverable'))
    : t('deliverables.gold.anyDeliverable');
  const refresh = () => queryClient.invalidateQueries({ queryKey: deliverableKeys.gold(engagementId) });
  const withdraw = useMutation({
    mutationFn: () => deliverablesApi.withdrawGold(engagementId, item.id),
    onSuccess: async () => {
      await refresh();
      setConfirming(false);
      notifications.show({ color: 'teal', message: t('deliverables.gold.withdrawn', { label: item.label }) });
    },
    // Withdrawn or gone meanwhile: the list is out of date, not the person.
    onError: async (error) => {
      if (isApiError(error) && (error.reason === 'gold_withdrawn' || error.reason === 'gold_not_found')) await refresh();
    },
  });
  return (
    <Paper withBorder p="sm" data-testid="gold-item" data-outcome={item.outcome} data-withdrawn={withdrawn} opacity={withdrawn ? 0.7 : 1}>
      <Stack gap={6}>
        <Group justify="space-between" align="start" wrap="nowrap">
          <Group gap="xs">
            <Text size="sm" fw={600} td={withdrawn ? 'line-through' : undefined}>
              {item.label}
            </Text>
            <Badge variant="outline" color="gray" tt="none">
              {t(`deliverables.gold.kind.${item.kind}`)}
            </Badge>
            {withdrawn ? (
              <Badge color="gray" variant="filled" tt="none" data-testid="gold-withdrawn">
                {t('deliverables.gold.withdrawnBadge', { at: f.date(item.withdrawnAt ?? '') })}
              </Badge>
            ) : (
              <GoldOutcomeBadge outcome={item.outcome} />
            )}
          </Group>
          {manage && !withdrawn && (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              onClick={() => setConfirming(true)}
              aria-label={t('deliverables.gold.withdrawName', { label: item.label })}
            >
              {t('deliverables.gold.withdraw')}
            </Button>
          )}
        </Group>
        <Group gap={4}>
          <Text size="xs" c="dimmed">
            {t('deliverables.gold.terms')}
          </Text>
          {item.terms.length === 0 ? (
            <Text size="xs">{t('common.none')}</Text>
          ) : (
            item.terms.map((term) => (
              <Badge key={term} size="sm" variant="light" color="indigo" tt="none">
                {term}
              </Badge>
            ))
          )}
          {item.documentId && (
            <Badge size="sm" variant="light" color="grape" tt="none">
              {t('deliverables.gold.document', {
                name: documents.find((d) => d.id === item.documentId)?.name ?? t('deliverables.version.refDocumentUnnamed'),
              })}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {t('deliverables.gold.target', { target })} ·{' '}
          {t('deliverables.gold.plantedBy', { name: item.createdBy?.displayName ?? t('common.none'), at: f.dateTime(item.createdAt) })}
        </Text>
        {item.results.length > 0 && (
          <Group gap={4} data-testid="gold-results">
            <Text size="xs" c="dimmed">
              {t('deliverables.gold.results')}
            </Text>
            {item.results.map((r) => (
              <Badge
                key={`${r.deliverableId}-${r.version}`}
                size="sm"
                variant="outline"
                color={r.hit ? 'teal' : 'red'}
                tt="none"
                data-hit={r.hit}
              >
                {t(r.hit ? 'deliverables.gold.resultHit' : 'deliverables.gold.resultMiss', {
                  title: r.deliverableTitle,
                  version: r.version,
                })}
              </Badge>
            ))}
          </Group>
        )}
      </Stack>
      <ConfirmDialog
        opened={confirming}
        title={t('deliverables.gold.withdrawTitle')}
        body={t('deliverables.gold.withdrawBody', { label: item.label })}
        confirmLabel={t('deliverables.gold.withdraw')}
        onConfirm={() => withdraw.mutate()}
        onCancel={() => {
          setConfirming(false);
          withdraw.reset();
        }}
        pending={withdraw.isPending}
        error={withdraw.error}
      />
    </Paper>
  );
}

interface PlantGoldModalProps {
  opened: boolean;
  onClose: () => void;
  engagementId: string;
  deliverables: readonly DeliverableView[];
  /** The vault's documents the lead may point an item at (none without the vault). */
  documents: readonly Named[];
}

function PlantGoldModal({ opened, onClose, engagementId, deliverables, documents }: PlantGoldModalProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<GoldDraft>(emptyGoldDraft);
  const [tried, setTried] = useState(false);
  const plant = useMutation({
    mutationFn: () => deliverablesApi.plantGold(engagementId, plantRequestOf(draft)),
    onSuccess: async (item) => {
      await queryClient.invalidateQueries({ queryKey: deliverableKeys.gold(engagementId) });
      notifications.show({ color: 'teal', message: t('deliverables.gold.planted', { label: item.label }) });
      setDraft(emptyGoldDraft());
      setTried(false);
      plant.reset();
      onClose();
    },
  });
  const issues = useFieldIssues(plant.error, ['kind', 'label', 'terms', 'documentId', 'deliverableId']);
  const set = (change: Partial<GoldDraft>) => setDraft({ ...draft, ...change });
  const needsTerm = tried && !goldDraftReady(draft) && draft.label.trim() !== '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (goldDraftReady(draft)) plant.mutate();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('deliverables.gold.plantTitle')} centered size="lg">
      <form onSubmit={submit} data-testid="gold-plant-form">
        <Stack gap="sm">
          <Alert color="indigo" variant="light">
            <Text size="sm">{t('deliverables.gold.plantIntro')}</Text>
          </Alert>
          <Select
            label={t('deliverables.gold.kindLabel')}
            data={goldKinds.map((k) => ({ value: k, label: t(`deliverables.gold.kind.${k}`) }))}
            value={draft.kind}
            onChange={(v) => v && set({ kind: v as GoldKind })}
            description={t(`deliverables.gold.kindHint.${draft.kind}`)}
            error={issues.byField.kind}
            allowDeselect={false}
          />
          <LimitedTextInput
            label={t('deliverables.gold.label')}
            description={t('deliverables.gold.labelHint')}
            value={draft.label}
            onChange={(e) => set({ label: e.currentTarget.value })}
            limit={200}
            error={issues.byField.label ?? (tried && draft.label.trim() === '' ? t('issues.generic.required') : undefined)}
            required
            data-autofocus
          />
          <TagsInput
            label={t('deliverables.gold.termsLabel')}
            description={t('deliverables.gold.termsHint')}
            value={[...draft.terms]}
            onChange={(terms) => set({ terms })}
            maxTags={20}
            error={issues.byField.terms ?? (needsTerm ? t('issues.generic.gold_needs_term') : undefined)}
          />
          <Select
            label={t('deliverables.gold.documentLabel')}
            description={t('deliverables.gold.documentHint')}
            placeholder={t('deliverables.gold.noDocument')}
            data={documents.map((d) => ({ value: d.id, label: d.name }))}
            value={draft.documentId || null}
            onChange={(v) => set({ documentId: v ?? '' })}
            error={issues.byField.documentId}
            clearable
            searchable
            nothingFoundMessage={t('deliverables.gold.noDocuments')}
          />
          <Select
            label={t('deliverables.gold.targetLabel')}
            description={t('deliverables.gold.targetHint')}
            placeholder={t('deliverables.gold.anyDeliverable')}
            data={deliverables.map((d) => ({ value: d.id, label: d.title }))}
            value={draft.deliverableId || null}
            onChange={(v) => set({ deliverableId: v ?? '' })}
            error={issues.byField.deliverableId}
            clearable
          />
          {plant.error !== null && <ErrorAlert error={plant.error} extra={issues.unplaced} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={plant.isPending}>
              {t('deliverables.gold.plantSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
