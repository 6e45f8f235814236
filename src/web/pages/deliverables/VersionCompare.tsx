import { Badge, Box, Group, type MantineColor, Paper, Select, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliverableVersionView } from '../../../shared/contracts/deliverables';
import {
  changeCounts,
  compareSections,
  type SectionChange,
  type SectionComparison,
  type TextPart,
} from '../../lib/deliverables/sectionDiff';
import { Section } from '../engagements/components/Section';
import { useRoleLabel } from './badges';

const changeColors: Record<SectionChange, MantineColor> = { added: 'teal', removed: 'red', changed: 'orange', unchanged: 'gray' };

/** One side of a body diff: the older side shows what went, the newer what came. */
function DiffText({ parts, side }: { parts: readonly TextPart[]; side: 'before' | 'after' }) {
  const hidden = side === 'before' ? 'added' : 'removed';
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid={`diff-${side}`}>
      {parts.map((p, i) =>
        p.kind === hidden ? null : p.kind === 'same' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one diff never reorder
          <span key={i}>{p.text}</span>
        ) : p.kind === 'added' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one diff never reorder
          <ins key={i} style={{ background: 'var(--mantine-color-teal-1)', textDecoration: 'none' }}>
            {p.text}
          </ins>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one diff never reorder
          <del key={i} style={{ background: 'var(--mantine-color-red-1)' }}>
            {p.text}
          </del>
        ),
      )}
    </Text>
  );
}

function ComparedSection({ row, from, to }: { row: SectionComparison; from: number; to: number }) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const { before, after } = row;
  const title = after?.title ?? before?.title ?? row.key;
  const list = (ids: readonly string[]) => (ids.length > 0 ? ids.join(', ') : t('deliverables.compare.nothing'));
  return (
    <Paper withBorder p="sm" data-testid="compared-section" data-key={row.key} data-change={row.change}>
      <Stack gap="xs">
        <Group gap="xs">
          <Text fw={600} size="sm">
            {title}
          </Text>
          <Badge color={changeColors[row.change]} variant="light" tt="none" size="sm">
            {t(`deliverables.compare.change.${row.change}`)}
          </Badge>
        </Group>
        {row.change === 'changed' && (
          <Text size="xs" c="dimmed">
            {t('deliverables.compare.changedFields', {
              fields: row.changed.map((f) => t(`deliverables.compare.field.${f}`)).join(', '),
            })}
          </Text>
        )}
        {before && after && row.changed.includes('title') && (
          <Text size="xs">{t('deliverables.compare.titleChange', { before: before.title, after: after.title })}</Text>
        )}
        {before && after && row.changed.includes('role') && (
          <Text size="xs">{t('deliverables.compare.roleChange', { before: roleLabel(before.role), after: roleLabel(after.role) })}</Text>
        )}
        {before && after && row.changed.includes('citations') && (
          <Text size="xs">
            {t('deliverables.compare.citationsChange', { before: list(before.citations), after: list(after.citations) })}
          </Text>
        )}
        <SimpleGrid cols={2} spacing="md">
          <Box>
            <Text size="xs" c="dimmed" mb={4}>
              {t('deliverables.versionLabel', { version: from })}
            </Text>
            {before &&
              (row.change === 'changed' && row.changed.includes('body') ? (
                <DiffText parts={row.body} side="before" />
              ) : (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} td={row.change === 'removed' ? 'line-through' : undefined}>
                  {before.body}
                </Text>
              ))}
          </Box>
          <Box>
            <Text size="xs" c="dimmed" mb={4}>
              {t('deliverables.versionLabel', { version: to })}
            </Text>
            {after &&
              (row.change === 'changed' && row.changed.includes('body') ? (
                <DiffText parts={row.body} side="after" />
              ) : (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {after.body}
                </Text>
              ))}
          </Box>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

/** Two versions side by side, section by section: what was added, removed and changed, with the text's changes marked. */
export function VersionCompare({ versions }: { versions: readonly DeliverableVersionView[] }) {
  const { t } = useTranslation();
  const latest = versions.at(-1)?.version ?? 1;
  const [from, setFrom] = useState<number>(Math.max(1, latest - 1));
  const [to, setTo] = useState<number>(latest);
  const [showUnchanged, setShowUnchanged] = useState(false);
  if (versions.length < 2) {
    return (
      <Text size="sm" c="dimmed">
        {t('deliverables.compare.onlyOne')}
      </Text>
    );
  }
  const options = versions.map((v) => ({ value: String(v.version), label: t('deliverables.versionLabel', { version: v.version }) }));
  const a = versions.find((v) => v.version === from);
  const b = versions.find((v) => v.version === to);
  const rows = a && b && from !== to ? compareSections(a.content.sections, b.content.sections) : [];
  const counts = changeCounts(rows);
  return (
    <Section title={t('deliverables.compare.title')}>
      <Group align="end">
        <Select
          label={t('deliverables.compare.from')}
          data={options}
          value={String(from)}
          onChange={(v) => v && setFrom(Number(v))}
          allowDeselect={false}
          w={160}
        />
        <Select
          label={t('deliverables.compare.to')}
          data={options}
          value={String(to)}
          onChange={(v) => v && setTo(Number(v))}
          allowDeselect={false}
          w={160}
        />
        <Switch
          label={t('deliverables.compare.showUnchanged')}
          checked={showUnchanged}
          onChange={(e) => setShowUnchanged(e.currentTarget.checked)}
        />
      </Group>
      {from === to ? (
        <Text size="sm" c="dimmed">
          {t('deliverables.compare.same')}
        </Text>
      ) : (
        <Stack gap="sm" data-testid="version-compare">
          <Text size="sm" data-testid="compare-summary">
            {t('deliverables.compare.summary', counts)}
          </Text>
          {rows
            .filter((r) => showUnchanged || r.change !== 'unchanged')
            .map((row) => (
              <ComparedSection key={`${row.change}-${row.key}`} row={row} from={from} to={to} />
            ))}
        </Stack>
      )}
    </Section>
  );
}
