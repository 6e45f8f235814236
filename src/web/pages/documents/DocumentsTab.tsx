import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentView } from '../../../shared/contracts/documents';
import type { EngagementView } from '../../../shared/contracts/engagements';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useLocale } from '../../hooks/useLocale';
import { isEnded } from '../../lib/documents/closeOut';
import { formatBytes } from '../../lib/documents/documents';
import { may } from '../../lib/engagements/lifecycle';
import { Section } from '../engagements/components/Section';
import { AccessReviewPanel } from './AccessReviewPanel';
import { CloseOutPanel } from './CloseOutPanel';
import { GrantModal } from './GrantModal';
import { useCloseOut, useDocumentLibrary } from './hooks';
import { LibraryTable } from './LibraryTable';
import { PiiReviewModal } from './PiiReviewModal';
import { UploadModal } from './UploadModal';
import { ViewerModal } from './ViewerModal';

type Dialog =
  | { kind: 'upload'; versionOf: string | null }
  | { kind: 'grant'; documentId: string }
  | { kind: 'view'; documentId: string }
  | { kind: 'pii'; documentId: string };

/**
 * The engagement's document vault: the library (what the server lets the viewer see, with what
 * they may do with each document), uploads, grants, the viewer, and the access review for those
 * the server lets read it; personal data reviewed and pseudonymised before sharing; and, once the
 * engagement has ended, the close-out (destroying the data, the provider's deletion statement).
 */
export function DocumentsTab({ engagement }: { engagement: EngagementView }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const library = useDocumentLibrary(engagement.id);
  const ended = isEnded(engagement);
  const destroyed = useCloseOut(engagement.id, ended).data?.destroyed;
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);

  const data = library.data;
  const find = (id: string): DocumentView | undefined => data?.documents.find((d) => d.id === id);
  const uploadButton = data?.mayUpload && (
    <Button size="xs" variant="light" leftSection={<IconUpload size={14} />} onClick={() => setDialog({ kind: 'upload', versionOf: null })}>
      {t('documents.library.upload')}
    </Button>
  );
  const granting = dialog?.kind === 'grant' ? find(dialog.documentId) : undefined;
  const viewing = dialog?.kind === 'view' ? find(dialog.documentId) : undefined;
  const reviewing = dialog?.kind === 'pii' ? find(dialog.documentId) : undefined;
  const versionOf = dialog?.kind === 'upload' && dialog.versionOf ? find(dialog.versionOf) : undefined;
  const provider = engagement.viewerSide === 'provider';

  return (
    <Stack gap="md">
      {ended && <CloseOutPanel engagement={engagement} />}
      <Section title={t('documents.library.title')} actions={uploadButton}>
        <Text size="sm" c="dimmed">
          {provider ? t('documents.library.introProvider') : t('documents.library.intro')}
        </Text>
        {data?.mayUpload && (
          <Text size="xs" c="dimmed" mt={-8}>
            {t('documents.library.limit', { max: formatBytes(data.maxUploadBytes, locale) })}
          </Text>
        )}
        {library.isPending ? (
          <Loading />
        ) : library.isError ? (
          <ErrorAlert error={library.error} onRetry={() => void library.refetch()} />
        ) : library.data.documents.length === 0 && destroyed ? (
          <Alert color="gray" variant="light" title={t('documents.library.destroyed')} data-testid="documents-destroyed" />
        ) : library.data.documents.length === 0 ? (
          <Alert color="gray" variant="light" title={t('documents.library.empty')}>
            {provider && t('documents.library.emptyProvider')}
          </Alert>
        ) : (
          <LibraryTable
            engagement={engagement}
            library={library.data}
            onView={(doc) => setDialog({ kind: 'view', documentId: doc.id })}
            onGrant={(doc) => setDialog({ kind: 'grant', documentId: doc.id })}
            onNewVersion={(doc) => setDialog({ kind: 'upload', versionOf: doc.id })}
            onReviewPii={(doc) => setDialog({ kind: 'pii', documentId: doc.id })}
          />
        )}
      </Section>
      {may(engagement, 'document.review_access') && <AccessReviewPanel engagementId={engagement.id} />}
      {data && (
        <UploadModal opened={dialog?.kind === 'upload'} onClose={close} engagement={engagement} library={data} versionOf={versionOf} />
      )}
      {data && granting && <GrantModal onClose={close} engagement={engagement} library={data} doc={granting} />}
      {reviewing && (
        <PiiReviewModal
          onClose={close}
          engagement={engagement}
          doc={reviewing}
          onGrantCopy={(copy) => setDialog({ kind: 'grant', documentId: copy.id })}
        />
      )}
      {viewing && <ViewerModal onClose={close} engagementId={engagement.id} doc={viewing} />}
    </Stack>
  );
}
