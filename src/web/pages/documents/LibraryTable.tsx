import { ActionIcon, Badge, Button, Group, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconChevronDown,
  IconChevronRight,
  IconDownload,
  IconEye,
  IconFilePlus,
  IconRestore,
  IconShare,
  IconUserSearch,
} from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentGrant, DocumentLibrary, DocumentView } from '../../../shared/contracts/documents';
import type { EngagementView } from '../../../shared/contracts/engagements';
import { documentContentUrl, documentsApi, reidentifiedUrl } from '../../api/documents';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useFormatters } from '../../hooks/useFormatters';
import { useLocale } from '../../hooks/useLocale';
import { formatBytes, latestVersionOf, liveGrants, shortHash, viewerKind } from '../../lib/documents/documents';
import { isPiiScannable, isPseudonymisedCopy, mayHaveTokens, mayPseudonymise } from '../../lib/documents/pii';
import { ClassificationBadge } from './ClassificationBadge';
import { GrantTimeCells } from './GrantTimeCells';
import { useDocumentChanged } from './hooks';

interface LibraryTableProps {
  engagement: EngagementView;
  library: DocumentLibrary;
  onView: (doc: DocumentView) => void;
  onGrant: (doc: DocumentView) => void;
  onNewVersion: (doc: DocumentView) => void;
  /** Opens the personal-data review (offered only where the engagement lets the viewer pseudonymise). */
  onReviewPii: (doc: DocumentView) => void;
}

const COLUMNS = 9;

/** A badge keeps its words in a narrow column (Mantine's label would rather cut them off). */
const whole = { minWidth: 'max-content' } as const;
const nowrap = { whiteSpace: 'nowrap' } as const;

/** The documents the viewer may see; a row opens to its versions and grants. */
export function LibraryTable({ engagement, library, onView, onGrant, onNewVersion, onReviewPii }: LibraryTableProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const locale = useLocale();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Table.ScrollContainer minWidth={1080}>
      <Table verticalSpacing="sm" aria-label={t('documents.library.table')} data-testid="documents-table">
        <Table.Thead style={nowrap}>
          <Table.Tr>
            <Table.Th w={36} />
            <Table.Th>{t('documents.library.name')}</Table.Th>
            <Table.Th>{t('documents.library.classification')}</Table.Th>
            <Table.Th>{t('documents.library.side')}</Table.Th>
            <Table.Th>{t('documents.library.latest')}</Table.Th>
            <Table.Th ta="right">{t('documents.library.size')}</Table.Th>
            <Table.Th>{t('documents.library.uploaded')}</Table.Th>
            <Table.Th>{t('documents.library.grants')}</Table.Th>
            <Table.Th>{t('documents.library.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {library.documents.map((doc) => {
            const latest = latestVersionOf(doc);
            const expanded = open.has(doc.id);
            const detailsId = `document-details-${doc.id}`;
            return (
              <Fragment key={doc.id}>
                <Table.Tr data-document={doc.name}>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      onClick={() => toggle(doc.id)}
                      aria-expanded={expanded}
                      aria-controls={detailsId}
                      aria-label={t(expanded ? 'documents.library.hideDetails' : 'documents.library.showDetails', { name: doc.name })}
                    >
                      {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                    </ActionIcon>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600} miw={180} style={{ overflowWrap: 'anywhere' }}>
                      {doc.name}
                    </Text>
                    {isPseudonymisedCopy(doc) && <PseudonymisedBadge doc={doc} documents={library.documents} />}
                    {latest?.note && (
                      <Text size="xs" c="dimmed" lineClamp={1} maw={280}>
                        {latest.note}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <ClassificationBadge classification={doc.classification} />
                  </Table.Td>
                  <Table.Td style={nowrap}>
                    <Text size="sm">{t(`side.${doc.uploadedSide}`)}</Text>
                  </Table.Td>
                  <Table.Td style={nowrap}>
                    <Text size="sm">{t('documents.version', { version: doc.latestVersion })}</Text>
                  </Table.Td>
                  <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                    <Text size="sm">{latest ? formatBytes(latest.sizeBytes, locale) : t('common.none')}</Text>
                  </Table.Td>
                  <Table.Td style={nowrap}>
                    <Text size="sm">{latest?.uploadedBy?.displayName ?? t('common.none')}</Text>
                    {latest && (
                      <Text size="xs" c="dimmed">
                        {format.dateTime(latest.uploadedAt)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <GrantSummary doc={doc} engagement={engagement} />
                  </Table.Td>
                  <Table.Td>
                    <DocumentActions
                      engagementId={engagement.id}
                      doc={doc}
                      onView={onView}
                      onGrant={onGrant}
                      onNewVersion={library.mayUpload ? onNewVersion : undefined}
                      pseudonymise={mayPseudonymise(engagement) ? onReviewPii : undefined}
                    />
                  </Table.Td>
                </Table.Tr>
                {expanded && (
                  <Table.Tr id={detailsId}>
                    <Table.Td />
                    <Table.Td colSpan={COLUMNS - 1}>
                      <DocumentDetails engagement={engagement} doc={doc} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A copy made by pseudonymising another document, naming its source where the viewer sees it. */
function PseudonymisedBadge({ doc, documents }: { doc: DocumentView; documents: readonly DocumentView[] }) {
  const { t } = useTranslation();
  const source = documents.find((d) => d.id === doc.sourceDocumentId);
  return (
    <Tooltip label={source ? t('documents.library.copyOf', { name: source.name }) : t('documents.library.copy')} withArrow>
      <Badge color="indigo" variant="light" size="sm" tt="none" mt={4} style={whole} data-testid="pseudonymised-badge">
        {t('documents.library.pseudonymised')}
      </Badge>
    </Tooltip>
  );
}

/** Who holds the document: for the client, how many grants are live; for the provider's person, their own grant. */
function GrantSummary({ doc, engagement }: { doc: DocumentView; engagement: EngagementView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (doc.uploadedSide !== 'client') {
    return <Text size="sm">{doc.uploadedSide === engagement.viewerSide ? t('documents.summary.ownSide') : t('common.none')}</Text>;
  }
  if (engagement.viewerSide === 'provider') {
    const mine = doc.grants.find((g) => g.state === 'live');
    if (!mine) return <Text size="sm">{t('common.none')}</Text>;
    const access = doc.allowedActions.includes('download') ? 'download' : 'view';
    return (
      <Stack gap={2} align="flex-start">
        <Badge color={access === 'download' ? 'orange' : 'gray'} variant="light" size="sm" tt="none" style={whole}>
          {t(`documents.access.${access}`)}
        </Badge>
        <Text size="xs" c="dimmed" style={nowrap}>
          {t('documents.summary.until', { date: format.date(mine.expiresAt) })}
        </Text>
      </Stack>
    );
  }
  const live = liveGrants(doc).length;
  const ended = doc.grants.length - live;
  if (doc.grants.length === 0)
    return (
      <Text size="sm" c="dimmed" style={nowrap}>
        {t('documents.summary.none')}
      </Text>
    );
  return (
    <Group gap={4} wrap="nowrap">
      {live > 0 && (
        <Badge color="teal" variant="light" size="sm" tt="none" style={whole}>
          {t('documents.summary.live', { count: live })}
        </Badge>
      )}
      {ended > 0 && (
        <Badge color="gray" variant="light" size="sm" tt="none" style={whole}>
          {t('documents.summary.ended', { count: ended })}
        </Badge>
      )}
    </Group>
  );
}

interface DocumentActionsProps {
  engagementId: string;
  doc: DocumentView;
  onView: (doc: DocumentView) => void;
  onGrant: (doc: DocumentView) => void;
  onNewVersion: ((doc: DocumentView) => void) | undefined;
  /** Set when the engagement lets the viewer review personal data and restore originals. */
  pseudonymise: ((doc: DocumentView) => void) | undefined;
}

/** What the server says the viewer may do with this document, and nothing else. */
function DocumentActions({ engagementId, doc, onView, onGrant, onNewVersion, pseudonymise }: DocumentActionsProps) {
  const { t } = useTranslation();
  const latest = latestVersionOf(doc);
  const may = (action: DocumentView['allowedActions'][number]) => doc.allowedActions.includes(action);
  const viewable = latest !== undefined && viewerKind(latest.kind) !== null;
  const scannable = latest !== undefined && isPiiScannable(latest.kind);
  return (
    <Group gap={4} wrap="nowrap">
      {may('view') && viewable && (
        <Button
          size="compact-xs"
          variant="light"
          leftSection={<IconEye size={14} />}
          onClick={() => onView(doc)}
          aria-label={t('documents.actions.viewName', { name: doc.name })}
        >
          {t('documents.actions.view')}
        </Button>
      )}
      {may('download') && (
        <Button
          component="a"
          href={documentContentUrl(engagementId, doc.id, doc.latestVersion, 'download')}
          download={doc.name}
          size="compact-xs"
          variant="light"
          leftSection={<IconDownload size={14} />}
          aria-label={t('documents.actions.downloadName', { name: doc.name })}
        >
          {t('documents.actions.download')}
        </Button>
      )}
      {may('grant') && (
        <Button
          size="compact-xs"
          variant="light"
          color="grape"
          leftSection={<IconShare size={14} />}
          onClick={() => onGrant(doc)}
          aria-label={t('documents.actions.grantName', { name: doc.name })}
        >
          {t('documents.actions.grant')}
        </Button>
      )}
      {pseudonymise && scannable && (
        <Button
          size="compact-xs"
          variant="light"
          color="orange"
          leftSection={<IconUserSearch size={14} />}
          onClick={() => pseudonymise(doc)}
          aria-label={t('documents.actions.reviewPiiName', { name: doc.name })}
        >
          {t('documents.actions.reviewPii')}
        </Button>
      )}
      {pseudonymise && scannable && mayHaveTokens(doc) && (
        <Tooltip label={t('documents.actions.reidentify')} withArrow>
          <ActionIcon
            component="a"
            href={reidentifiedUrl(engagementId, doc.id, doc.latestVersion)}
            download={doc.name}
            size="sm"
            variant="subtle"
            color="indigo"
            aria-label={t('documents.actions.reidentifyName', { name: doc.name })}
          >
            <IconRestore size={16} />
          </ActionIcon>
        </Tooltip>
      )}
      {may('upload_version') && onNewVersion && (
        <Tooltip label={t('documents.actions.newVersion')} withArrow>
          <ActionIcon
            size="sm"
            variant="subtle"
            onClick={() => onNewVersion(doc)}
            aria-label={t('documents.actions.newVersionName', { name: doc.name })}
          >
            <IconFilePlus size={16} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}

const stateColor: Record<DocumentGrant['state'], string> = {
  live: 'teal',
  expired: 'gray',
  revoked: 'red',
  engagement_ended: 'gray',
  destroyed: 'dark',
};

/** A document's versions and, for the client, its grants (with revoke where the server allows it). */
function DocumentDetails({ engagement, doc }: { engagement: EngagementView; doc: DocumentView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const locale = useLocale();
  const changed = useDocumentChanged(engagement.id);
  const [revoking, setRevoking] = useState<DocumentGrant | null>(null);
  const granteeName = (g: DocumentGrant) => (g.grantee.kind === 'team' ? t('documents.grants.team') : g.grantee.displayName);
  const revoke = useMutation({
    mutationFn: (grant: DocumentGrant) => documentsApi.revoke(engagement.id, doc.id, grant.id),
    onSuccess: async (view, grant) => {
      notifications.show({ color: 'teal', message: t('documents.grants.revoked', { grantee: granteeName(grant) }) });
      setRevoking(null);
      await changed(view);
    },
  });
  const mayRevoke = doc.allowedActions.includes('grant');
  const showGrants = doc.uploadedSide === 'client' && engagement.viewerSide === 'client';
  const versions = [...doc.versions].sort((a, b) => b.version - a.version);

  return (
    <Stack gap="sm" py={4}>
      <Title order={3} size="h6">
        {t('documents.versions.title')}
      </Title>
      <Table withTableBorder verticalSpacing={6} fz="sm" aria-label={t('documents.versions.table', { name: doc.name })}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('documents.versions.version')}</Table.Th>
            <Table.Th ta="right">{t('documents.versions.size')}</Table.Th>
            <Table.Th>{t('documents.versions.sha256')}</Table.Th>
            <Table.Th>{t('documents.versions.note')}</Table.Th>
            <Table.Th>{t('documents.versions.uploaded')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((v) => (
            <Table.Tr key={v.version}>
              <Table.Td>{t('documents.version', { version: v.version })}</Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                {formatBytes(v.sizeBytes, locale)}
              </Table.Td>
              <Table.Td>
                <Tooltip label={t('documents.versions.sha256Full', { hash: v.sha256 })} withArrow multiline maw={360}>
                  <Text size="xs" ff="monospace" span>
                    {shortHash(v.sha256)}
                  </Text>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {v.note || t('documents.versions.noNote')}
                </Text>
              </Table.Td>
              <Table.Td>
                {t('documents.library.uploadedBy', {
                  name: v.uploadedBy?.displayName ?? t('common.none'),
                  at: format.dateTime(v.uploadedAt),
                })}
              </Table.Td>
              <Table.Td>
                {doc.allowedActions.includes('download') && (
                  <ActionIcon
                    component="a"
                    href={documentContentUrl(engagement.id, doc.id, v.version, 'download')}
                    download={doc.name}
                    variant="subtle"
                    aria-label={`${t('documents.actions.downloadName', { name: doc.name })} ${t('documents.version', { version: v.version })}`}
                  >
                    <IconDownload size={16} />
                  </ActionIcon>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {showGrants && (
        <>
          <Title order={3} size="h6">
            {t('documents.grants.title')}
          </Title>
          {doc.grants.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('documents.grants.empty')}
            </Text>
          ) : (
            <Table withTableBorder verticalSpacing={6} fz="sm" aria-label={t('documents.grants.table', { name: doc.name })}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('documents.grants.grantee')}</Table.Th>
                  <Table.Th>{t('documents.grants.access')}</Table.Th>
                  <Table.Th>{t('documents.grants.state')}</Table.Th>
                  <Table.Th>{t('documents.grants.expires')}</Table.Th>
                  <Table.Th>{t('documents.grants.lastUsed')}</Table.Th>
                  <Table.Th>{t('documents.grants.grantedBy')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {doc.grants.map((g) => (
                  <Table.Tr key={g.id}>
                    <Table.Td>{granteeName(g)}</Table.Td>
                    <Table.Td>{t(`documents.access.${g.access}`)}</Table.Td>
                    <Table.Td>
                      <Badge color={stateColor[g.state]} variant="light" size="sm" tt="none" style={whole}>
                        {t(`documents.grantState.${g.state}`)}
                      </Badge>
                      {g.endedAt && g.state !== 'live' && g.state !== 'expired' && (
                        <Text size="xs" c="dimmed">
                          {format.dateTime(g.endedAt)}
                        </Text>
                      )}
                    </Table.Td>
                    <GrantTimeCells grant={g} />
                    <Table.Td>
                      {mayRevoke && g.state === 'live' && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          onClick={() => {
                            revoke.reset();
                            setRevoking(g);
                          }}
                          aria-label={t('documents.grants.revokeName', { grantee: granteeName(g) })}
                        >
                          {t('documents.grants.revoke')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
      <ConfirmDialog
        opened={revoking !== null}
        title={t('documents.grants.revokeTitle')}
        body={revoking ? t('documents.grants.revokeBody', { grantee: granteeName(revoking), name: doc.name }) : ''}
        confirmLabel={t('documents.grants.revokeConfirm')}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onCancel={() => setRevoking(null)}
        pending={revoke.isPending}
        error={revoke.error}
      />
    </Stack>
  );
}
