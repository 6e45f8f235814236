import { ActionIcon, Alert, Badge, Button, Checkbox, Group, Mark, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconLock, IconPlus, IconShare, IconTrash } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentView, PiiReview, PseudonymiseRequest } from '../../../shared/contracts/documents';
import type { EngagementView } from '../../../shared/contracts/engagements';
import { documentsApi } from '../../api/documents';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useFieldIssues } from '../../hooks/useTranslator';
import {
  type CodeNameRow,
  cleanCodeNames,
  findingsByPlace,
  foundTypes,
  incompleteCodeNames,
  type PiiType,
  placeOf,
  typesToReplace,
} from '../../lib/documents/pii';
import { ClassificationBadge } from './ClassificationBadge';
import { useDocumentChanged, usePiiReview } from './hooks';

interface PiiReviewModalProps {
  onClose: () => void;
  engagement: EngagementView;
  doc: DocumentView;
  /** The copy was made and the person wants to grant it now. */
  onGrantCopy: (copy: DocumentView) => void;
}

/** At most this many findings are listed; the counts above say how many there are in all. */
const LISTED = 200;

/** A place the server names in English ("page 2"), in the reader's language. */
export function usePlaceText(): (where: string) => string {
  const { t } = useTranslation();
  return (where) => {
    const place = placeOf(where);
    switch (place.key) {
      case 'page':
      case 'line':
        return t(`documents.place.${place.key}`, { n: place.n });
      case 'paragraph':
        return t('documents.place.paragraph', { part: place.part, n: place.n });
      case 'cell':
        return place.sheet
          ? t('documents.place.cellInSheet', { sheet: place.sheet, cell: place.cell })
          : t('documents.place.cell', { cell: place.cell });
      default:
        return place.text;
    }
  };
}

/**
 * Personal data before sharing (issue #9.6): what the server finds in the document's latest
 * version, counted by kind and listed where it stands; the kinds to replace and the deal's code
 * names; then a pseudonymised copy, a new client document, which the person may grant at once.
 */
export function PiiReviewModal({ onClose, engagement, doc, onGrantCopy }: PiiReviewModalProps) {
  const { t } = useTranslation();
  const review = usePiiReview(engagement.id, doc.id, doc.latestVersion);
  const changed = useDocumentChanged(engagement.id);
  const [copy, setCopy] = useState<DocumentView | null>(null);

  const pseudonymise = useMutation({
    mutationFn: ({ version, body }: { version: number; body: PseudonymiseRequest }) =>
      documentsApi.pseudonymise(engagement.id, doc.id, version, body),
    onSuccess: async (made) => {
      notifications.show({ color: 'teal', message: t('documents.pii.created', { name: made.name }) });
      setCopy(made);
      await changed(made);
    },
  });
  const pending = pseudonymise.isPending;

  return (
    <Modal
      opened
      onClose={() => !pending && onClose()}
      size="xl"
      title={
        <Group gap="xs">
          <Text fw={600}>{t('documents.pii.title', { name: doc.name })}</Text>
          <ClassificationBadge classification={doc.classification} />
        </Group>
      }
    >
      {copy ? (
        <Stack gap="md" data-testid="pii-copy-made">
          <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} title={t('documents.pii.offerTitle')}>
            {t('documents.pii.offer', { name: copy.name })}
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('documents.pii.later')}
            </Button>
            {copy.allowedActions.includes('grant') && (
              <Button leftSection={<IconShare size={16} />} color="grape" onClick={() => onGrantCopy(copy)}>
                {t('documents.pii.grantNow')}
              </Button>
            )}
          </Group>
        </Stack>
      ) : review.isPending ? (
        <Stack gap="xs" align="center" py="md">
          <Loading />
          <Text size="sm" c="dimmed">
            {t('documents.pii.scanning')}
          </Text>
        </Stack>
      ) : review.isError ? (
        <Stack gap="md">
          <ErrorAlert error={review.error} onRetry={() => void review.refetch()} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <ReviewForm
          review={review.data}
          pending={pending}
          error={pseudonymise.error}
          onReset={() => pseudonymise.reset()}
          onCancel={onClose}
          onSubmit={(body) => pseudonymise.mutate({ version: review.data.version, body })}
        />
      )}
    </Modal>
  );
}

interface ReviewFormProps {
  review: PiiReview;
  pending: boolean;
  error: unknown;
  onReset: () => void;
  onCancel: () => void;
  onSubmit: (body: PseudonymiseRequest) => void;
}

function ReviewForm({ review, pending, error, onReset, onCancel, onSubmit }: ReviewFormProps) {
  const { t } = useTranslation();
  const placeText = usePlaceText();
  const found = foundTypes(review.counts);
  const foundNames = found.map((f) => f.type);
  const [chosen, setChosen] = useState<ReadonlySet<PiiType>>(() => new Set(foundNames));
  const [rows, setRows] = useState<CodeNameRow[]>(() => review.codeNames.map((c) => ({ ...c })));
  const incomplete = new Set(incompleteCodeNames(rows));
  const codeNames = cleanCodeNames(rows);
  const types = typesToReplace(foundNames, chosen);
  const nothingToDo = found.length > 0 ? chosen.size === 0 || types?.length === 0 : codeNames.length === 0;
  const ready = !nothingToDo && incomplete.size === 0;
  const groups = findingsByPlace(review.findings);
  const issues = useFieldIssues(error, ['types', 'codeNames']);
  let listed = 0;

  const edit = (i: number, field: keyof CodeNameRow, value: string) => {
    onReset();
    setRows((current) => current.map((r, j) => (j === i ? { ...r, [field]: value } : r)));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready || pending) return;
    onSubmit({ ...(types && { types }), codeNames });
  };

  return (
    <form onSubmit={submit}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('documents.pii.intro', { version: review.version })}
        </Text>

        {found.length === 0 ? (
          <Alert color="gray" variant="light" data-testid="pii-none">
            {t('documents.pii.none')}
          </Alert>
        ) : (
          <>
            <Stack gap={6}>
              <Title order={3} size="h6">
                {t('documents.pii.counts')}
              </Title>
              <Group gap={6} data-testid="pii-counts">
                {found.map(({ type, count }) => (
                  <Badge key={type} color="orange" variant="light" tt="none" data-pii-type={type} style={{ minWidth: 'max-content' }}>
                    {t('documents.pii.count', { type: t(`documents.piiType.${type}`), count })}
                  </Badge>
                ))}
              </Group>
            </Stack>

            <Stack gap={6}>
              <Title order={3} size="h6">
                {t('documents.pii.findings')}
              </Title>
              <Table.ScrollContainer minWidth={520} mah={280} type="native">
                <Table withTableBorder verticalSpacing={4} fz="sm" aria-label={t('documents.pii.findingsTable')} data-testid="pii-findings">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('documents.pii.type')}</Table.Th>
                      <Table.Th>{t('documents.pii.text')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {groups.map((group) => {
                      const shown = group.findings.slice(0, Math.max(0, LISTED - listed));
                      listed += shown.length;
                      if (shown.length === 0) return null;
                      return (
                        <Fragment key={group.where}>
                          <Table.Tr bg="var(--mantine-color-gray-light)">
                            <Table.Th colSpan={2} scope="rowgroup">
                              {placeText(group.where)}
                            </Table.Th>
                          </Table.Tr>
                          {shown.map((f) => (
                            <Table.Tr key={`${f.start}-${f.end}-${f.type}`} data-pii-type={f.type}>
                              <Table.Td style={{ whiteSpace: 'nowrap' }}>{t(`documents.piiType.${f.type}`)}</Table.Td>
                              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                                <Mark color={chosen.has(f.type) ? 'orange' : 'gray'}>{f.text}</Mark>
                              </Table.Td>
                            </Table.Tr>
                          ))}
                        </Fragment>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              {review.findings.length > listed && (
                <Text size="xs" c="dimmed">
                  {t('documents.pii.more', { count: review.findings.length - listed })}
                </Text>
              )}
            </Stack>

            <Checkbox.Group
              label={t('documents.pii.replace')}
              description={t('documents.pii.replaceHint')}
              value={[...chosen]}
              onChange={(values) => {
                onReset();
                setChosen(new Set(values as PiiType[]));
              }}
              error={chosen.size === 0 ? t('documents.pii.noneChosen') : issues.byField.types}
            >
              <Group gap="md" mt={6}>
                {found.map(({ type, count }) => (
                  <Checkbox
                    key={type}
                    value={type}
                    label={t('documents.pii.count', { type: t(`documents.piiType.${type}`), count })}
                    disabled={pending}
                  />
                ))}
              </Group>
            </Checkbox.Group>
          </>
        )}

        <Stack gap={6}>
          <Title order={3} size="h6">
            {t('documents.pii.codeNames')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('documents.pii.codeNamesHint')}
          </Text>
          {rows.length > 0 && (
            <Table verticalSpacing={4} aria-label={t('documents.pii.codeNamesTable')} data-testid="pii-code-names">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('documents.pii.term')}</Table.Th>
                  <Table.Th>{t('documents.pii.codeName')}</Table.Th>
                  <Table.Th w={40} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row, i) => (
                  // Rows have no identity but their place; editing keeps the place.
                  // biome-ignore lint/suspicious/noArrayIndexKey: see above
                  <Table.Tr key={i}>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        value={row.term}
                        onChange={(e) => edit(i, 'term', e.currentTarget.value)}
                        aria-label={`${t('documents.pii.term')} ${i + 1}`}
                        maxLength={200}
                        disabled={pending}
                        error={incomplete.has(i) && !row.term.trim()}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        value={row.codeName}
                        onChange={(e) => edit(i, 'codeName', e.currentTarget.value)}
                        aria-label={`${t('documents.pii.codeName')} ${i + 1}`}
                        maxLength={200}
                        disabled={pending}
                        error={incomplete.has(i) && !row.codeName.trim()}
                      />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        disabled={pending}
                        onClick={() => {
                          onReset();
                          setRows((current) => current.filter((_, j) => j !== i));
                        }}
                        aria-label={t('documents.pii.removeCodeName', { n: i + 1 })}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {incomplete.size > 0 && (
            <Text size="xs" c="red" role="alert">
              {t('documents.pii.incomplete')}
            </Text>
          )}
          {issues.byField.codeNames && (
            <Text size="xs" c="red" role="alert">
              {issues.byField.codeNames}
            </Text>
          )}
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            w="fit-content"
            disabled={pending || rows.length >= 100}
            onClick={() => setRows((current) => [...current, { term: '', codeName: '' }])}
          >
            {t('documents.pii.addCodeName')}
          </Button>
        </Stack>

        <Alert color="blue" variant="light" icon={<IconLock size={18} />} data-testid="pii-mapping-note">
          <Text size="sm">{t('documents.pii.mapping')}</Text>
        </Alert>

        {error && (issues.unplaced.length > 0 || Object.keys(issues.byField).length === 0) ? (
          <ErrorAlert error={error} extra={issues.unplaced} />
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={pending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={pending} disabled={!ready}>
            {t('documents.pii.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
