import { Code, Modal, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../shared/contracts/audit';
import { useFormatters } from '../../hooks/useFormatters';
import { resourceTypeLabel } from './labels';

export function AuditEventDetails({ event, onClose }: { event: AuditEvent; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const rows: [string, string][] = [
    [t('audit.time'), format.dateTime(event.occurredAt)],
    [t('audit.type'), `${t(`auditEvent.${event.type}`)} (${event.type})`],
    [
      t('audit.actor'),
      event.actor.kind === 'user'
        ? `${event.actor.displayName} <${event.actor.email}> (${event.actor.userId})`
        : `${t(`audit.systemActor.${event.actor.system}`)} (${event.actorLabel})`,
    ],
    [t('audit.organization'), event.orgId ?? t('common.none')],
    [t('audit.resource'), `${resourceTypeLabel(t, event.resourceType)} ${event.resourceId}`],
    [t('audit.ip'), event.ip ?? t('common.none')],
    [t('audit.requestId'), event.requestId ?? t('common.none')],
    [t('audit.hash'), event.hash ?? t('audit.unsealed')],
  ];
  return (
    <Modal
      opened
      onClose={onClose}
      title={event.seq === null ? t('audit.eventDetailsUnsealed') : t('audit.eventDetails', { seq: event.seq })}
      size="xl"
      centered
    >
      <Table layout="fixed" verticalSpacing={6}>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={180}>{label}</Table.Th>
              <Table.Td style={{ wordBreak: 'break-all' }}>{value}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th w={180}>{t('audit.data')}</Table.Th>
            <Table.Td>
              <Code block>{JSON.stringify(event.data, null, 2)}</Code>
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
