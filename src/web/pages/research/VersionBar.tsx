import { Alert, Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SizingDetail } from '../../../shared/contracts/market-sizing-api';
import { useFormatters } from '../../hooks/useFormatters';
import { Section } from '../engagements/components/Section';

type VersionSummary = SizingDetail['versions'][number];

interface Versioned {
  title: string;
  version: number;
  latestVersion: number;
  versions: VersionSummary[];
  canEdit: boolean;
}

/** A canvas's heading: its title, who saved the version shown and when, the version picker, and a notice when an older version is shown. */
export function VersionBar({
  canvas,
  subtitle,
  readOnly,
  onVersion,
  actions,
}: {
  canvas: Versioned;
  subtitle?: ReactNode;
  /** The provider's team member who may not edit (the client reads everything and needs no such notice). */
  readOnly: boolean;
  /** null: the latest. */
  onVersion: (version: number | null) => void;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const shown = canvas.versions.find((v) => v.version === canvas.version);
  const pick = (value: string | null) => onVersion(value && Number(value) !== canvas.latestVersion ? Number(value) : null);
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2} size="h4" data-testid="canvas-title">
            {canvas.title}
          </Title>
          {subtitle}
          {shown && (
            <Text size="sm" c="dimmed" data-testid="canvas-saved">
              {t('research.versionSavedBy', {
                version: shown.version,
                name: shown.savedBy.displayName,
                at: format.dateTime(shown.savedAt),
              })}
            </Text>
          )}
        </Stack>
        <Group align="flex-end" gap="sm">
          {actions}
          <Select
            label={t('research.versionPicker')}
            data={canvas.versions.map((v) => ({
              value: String(v.version),
              label:
                v.version === canvas.latestVersion
                  ? t('research.versionLatest', { version: v.version })
                  : t('research.version', { version: v.version }),
            }))}
            value={String(canvas.version)}
            onChange={pick}
            allowDeselect={false}
            w={180}
            data-testid="version-picker"
          />
        </Group>
      </Group>
      {canvas.version !== canvas.latestVersion && (
        <Alert color="blue" variant="light" data-testid="older-version">
          <Group justify="space-between">
            <Text size="sm">{t('research.older', { version: canvas.version, latest: canvas.latestVersion })}</Text>
            <Button size="xs" variant="light" onClick={() => pick(null)}>
              {t('research.showLatest')}
            </Button>
          </Group>
        </Alert>
      )}
      {readOnly && (
        <Badge variant="light" color="gray" tt="none" w="fit-content">
          {t('research.readOnly')}
        </Badge>
      )}
    </Stack>
  );
}

/** Every version, newest first: its note, who saved it and when; "Show" opens it. */
export function VersionHistory({ canvas, onVersion }: { canvas: Versioned; onVersion: (version: number | null) => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const versions = [...canvas.versions].sort((a, b) => b.version - a.version);
  return (
    <Section title={t('research.history.title')}>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" aria-label={t('research.history.table')} data-testid="canvas-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('research.history.version')}</Table.Th>
              <Table.Th>{t('research.history.note')}</Table.Th>
              <Table.Th>{t('research.history.saved')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.map((v) => (
              <Table.Tr key={v.version} data-testid="history-row" data-version={v.version}>
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm" fw={600}>
                      {t('research.version', { version: v.version })}
                    </Text>
                    {v.version === canvas.version && (
                      <Badge size="xs" variant="light" tt="none">
                        {t('research.history.shown')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" {...(!v.note && { c: 'dimmed' })} style={{ whiteSpace: 'pre-wrap' }}>
                    {v.note || t('research.history.noNote')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t('research.savedBy', { name: v.savedBy.displayName, at: format.dateTime(v.savedAt) })}</Text>
                </Table.Td>
                <Table.Td>
                  {v.version !== canvas.version && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => onVersion(v.version === canvas.latestVersion ? null : v.version)}
                    >
                      {t('research.history.show')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}
