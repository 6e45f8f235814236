import { Button, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../shared/contracts/audit';
import type { MemberView } from '../../../shared/contracts/identity';
import { useFormatters } from '../../hooks/useFormatters';
import { AuditEventDetails } from './AuditEventDetails';
import { actorDisplay } from './actor';
import { resourceTypeLabel } from './labels';

const shortId = (id: string) => (id.length > 13 ? `${id.slice(0, 8)}…` : id);

export function AuditEventsTable({ events, members }: { events: AuditEvent[]; members: ReadonlyMap<string, MemberView> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [opened, setOpened] = useState<AuditEvent | null>(null);
  return (
    <>
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing="xs" striped highlightOnHover aria-label={t('audit.title')} data-testid="audit-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('audit.time')}</Table.Th>
              <Table.Th>{t('audit.type')}</Table.Th>
              <Table.Th>{t('audit.actor')}</Table.Th>
              <Table.Th>{t('audit.resource')}</Table.Th>
              <Table.Th>{t('audit.ip')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('common.details')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {events.map((event) => (
              <Table.Tr key={event.id} data-event-type={event.type} data-actor-id={event.actorUserId ?? ''}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{format.dateTime(event.occurredAt)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {t(`auditEvent.${event.type}`)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <ActorCell event={event} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" title={event.resourceId}>
                    {resourceTypeLabel(t, event.resourceType)}{' '}
                    {event.resourceType === 'user' && members.has(event.resourceId) ? (
                      members.get(event.resourceId)?.displayName
                    ) : (
                      <Text span size="xs" c="dimmed" ff="monospace">
                        {shortId(event.resourceId)}
                      </Text>
                    )}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {event.ip ?? t('common.none')}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    onClick={() => setOpened(event)}
                    aria-label={event.seq === null ? t('audit.eventDetailsUnsealed') : t('audit.eventDetails', { seq: event.seq })}
                  >
                    {t('common.details')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {opened && <AuditEventDetails event={opened} onClose={() => setOpened(null)} />}
    </>
  );
}

/** One way for every row: a person's name (e-mail on hover), or the system's kind (its label on hover). */
function ActorCell({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const actor = actorDisplay(event);
  return actor.kind === 'user' ? (
    <Text size="sm" title={actor.title} data-actor-kind="user">
      {actor.name}
    </Text>
  ) : (
    <Text size="sm" c="dimmed" title={actor.title} data-actor-kind="system">
      {t(`audit.systemActor.${actor.system}`)}
    </Text>
  );
}
