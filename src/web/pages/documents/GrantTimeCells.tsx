import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DocumentGrant } from '../../../shared/contracts/documents';
import { useFormatters } from '../../hooks/useFormatters';

/** A grant's expiry, last use, and who granted it when: the same three cells in the library and the access review. */
export function GrantTimeCells({ grant }: { grant: Pick<DocumentGrant, 'expiresAt' | 'lastUsedAt' | 'grantedBy' | 'grantedAt'> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <>
      <Table.Td>{format.dateTime(grant.expiresAt)}</Table.Td>
      <Table.Td>{grant.lastUsedAt ? format.dateTime(grant.lastUsedAt) : t('documents.grants.never')}</Table.Td>
      <Table.Td>
        {t('documents.grants.grantedByAt', {
          name: grant.grantedBy?.displayName ?? t('common.none'),
          at: format.dateTime(grant.grantedAt),
        })}
      </Table.Td>
    </>
  );
}
