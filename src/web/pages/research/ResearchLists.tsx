import { Alert, Anchor, Button, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EngagementView } from '../../../shared/contracts/engagements';
import type { CanvasSummary } from '../../../shared/contracts/market-sizing-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useFormatters } from '../../hooks/useFormatters';
import { may } from '../../lib/engagements/lifecycle';
import { Section } from '../engagements/components/Section';
import { useMatrices, useSizings } from './hooks';

type Kind = 'sizing' | 'matrix';

/** The engagement's market sizings and competitor matrices, under its survey data; "New" for the provider's team while the server lets it. */
export function ResearchLists({
  engagement,
  onOpen,
  onNew,
}: {
  engagement: EngagementView;
  onOpen: (kind: Kind, id: string) => void;
  onNew: (kind: Kind) => void;
}) {
  const sizings = useSizings(engagement.id);
  const matrices = useMatrices(engagement.id);
  return (
    <>
      <CanvasList
        kind="sizing"
        engagement={engagement}
        list={sizings}
        onOpen={(id) => onOpen('sizing', id)}
        onNew={() => onNew('sizing')}
      />
      <CanvasList
        kind="matrix"
        engagement={engagement}
        list={matrices}
        onOpen={(id) => onOpen('matrix', id)}
        onNew={() => onNew('matrix')}
      />
    </>
  );
}

function CanvasList({
  kind,
  engagement,
  list,
  onOpen,
  onNew,
}: {
  kind: Kind;
  engagement: EngagementView;
  list: UseQueryResult<CanvasSummary[], unknown>;
  onOpen: (id: string) => void;
  onNew: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const mayWrite = may(engagement, 'survey.write');
  const k = `research.${kind}.list` as const;
  const newButton = mayWrite && (
    <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={onNew} data-testid={`new-${kind}`}>
      {t(`${k}.new`)}
    </Button>
  );
  return (
    <Section title={t(`${k}.title`)} actions={newButton}>
      <Text size="sm" c="dimmed">
        {engagement.viewerSide === 'provider' ? t(`${k}.introProvider`) : t(`${k}.intro`)}
      </Text>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Alert color="gray" variant="light" title={t(`${k}.empty`)}>
          {mayWrite ? t(`${k}.emptyEditor`) : t(`${k}.emptyReader`)}
        </Alert>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" highlightOnHover aria-label={t(`${k}.table`)} data-testid={`${kind}-table`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t(`${k}.name`)}</Table.Th>
                <Table.Th>{t(`${k}.latest`)}</Table.Th>
                <Table.Th>{t(`${k}.saved`)}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((c) => (
                <Table.Tr key={c.id} data-testid={`${kind}-row`} data-id={c.id}>
                  <Table.Td>
                    <Anchor component="button" type="button" fw={600} size="sm" onClick={() => onOpen(c.id)} ta="left">
                      {c.title || t(`research.${kind}.untitled`)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t('research.version', { version: c.latestVersion })}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {t('research.savedBy', { name: c.latest.savedBy.displayName, at: format.dateTime(c.latest.savedAt) })}
                    </Text>
                    {c.latest.note && (
                      <Text size="xs" c="dimmed" lineClamp={1} maw={280}>
                        {c.latest.note}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
