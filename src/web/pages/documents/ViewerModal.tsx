import { Alert, Group, Modal, Stack, Text } from '@mantine/core';
import { IconEyeCheck } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentView } from '../../../shared/contracts/documents';
import { Loading } from '../../components/Loading';
import { latestVersionOf } from '../../lib/documents/documents';
import { ClassificationBadge } from './ClassificationBadge';

/** pdf.js is large: it loads with the first document opened, in its own chunk. */
const DocumentViewer = lazy(async () => ({ default: (await import('./viewer/DocumentViewer')).DocumentViewer }));

/**
 * A document in the browser: PDFs page by page on canvases, images, text. It shows the viewing
 * copy (mode=view, watermarked as its class requires) and offers no download: whoever may
 * download has the button in the library.
 */
export function ViewerModal({ onClose, engagementId, doc }: { onClose: () => void; engagementId: string; doc: DocumentView }) {
  const { t } = useTranslation();
  const latest = latestVersionOf(doc);
  const viewOnly = !doc.allowedActions.includes('download');
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={
        <Group gap="xs">
          <Text fw={600}>{t('documents.viewer.title', { name: doc.name, version: doc.latestVersion })}</Text>
          <ClassificationBadge classification={doc.classification} />
        </Group>
      }
    >
      <Stack gap="sm" data-testid="document-viewer">
        {viewOnly && (
          <Alert color="orange" variant="light" icon={<IconEyeCheck size={18} />} py={6}>
            {t('documents.viewer.viewOnly')}
          </Alert>
        )}
        {latest && (
          <Suspense fallback={<Loading />}>
            <DocumentViewer engagementId={engagementId} documentId={doc.id} name={doc.name} version={latest.version} kind={latest.kind} />
          </Suspense>
        )}
      </Stack>
    </Modal>
  );
}
