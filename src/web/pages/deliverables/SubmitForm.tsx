import { Alert, Button, Divider, Group, MultiSelect, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChecklist, IconSend } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliverableCheckReport, DeliverableDetail } from '../../../shared/contracts/deliverables';
import type { EngagementView } from '../../../shared/contracts/engagements';
import { isApiError } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LimitedTextarea } from '../../components/LimitedText';
import { draftFromVersion, placedEvidenceIssue, requestOf, type SubmissionDraft } from '../../lib/deliverables/draft';
import { type IssueIndex, unplacedIssues } from '../../lib/engagements/issues';
import { may } from '../../lib/engagements/lifecycle';
import type { PlanIssue } from '../../lib/engagements/plan';
import { useDocumentLibrary } from '../documents/hooks';
import { Section } from '../engagements/components/Section';
import { useFieldIssueIndex } from '../engagements/hooks';
import { deliverablesApi } from './api';
import { ChecksReport } from './ChecksReport';
import { useDeliverableChanged } from './hooks';
import { ModelPicker } from './ModelPicker';
import { ReferencesEditor } from './ReferencesEditor';
import { ResearchEvidenceEditor } from './ResearchEvidenceEditor';
import { SectionsEditor } from './SectionsEditor';

interface SubmitFormProps {
  engagement: EngagementView;
  deliverable: DeliverableDetail;
  onSubmitted: (version: number) => void;
}

const NO_LOCAL_ISSUES: readonly PlanIssue[] = [];
const CONTENT: readonly string[] = ['content'];

/**
 * Fields of the form an issue's path may name, besides the sections and references (and a
 * market-research report's evidence, when its editor is shown).
 */
const placed = (key: string, evidenceShown: boolean) =>
  /^(sections|references)\.\d+\.\w+$/.test(key) ||
  /^model\.(id|version)$/.test(key) ||
  key.startsWith('documentIds') ||
  (evidenceShown && placedEvidenceIssue(key));

/**
 * The provider's submission: sections, references, vault files and a note (and a shared model
 * version for a financial model), starting from the latest version. The checks run on the draft
 * before it is submitted; the report says when the draft has changed since.
 */
export function SubmitForm({ engagement, deliverable, onSubmitted }: SubmitFormProps) {
  const { t } = useTranslation();
  const changed = useDeliverableChanged(engagement.id);
  const latest = deliverable.versions.at(-1);
  const [draft, setDraft] = useState<SubmissionDraft>(() => draftFromVersion(latest));
  const [preview, setPreview] = useState<{ report: DeliverableCheckReport; sent: string } | null>(null);
  const library = useDocumentLibrary(engagement.id);
  const documents = may(engagement, 'document.read') ? (library.data?.documents ?? []) : [];
  const request = useMemo(() => requestOf(draft, deliverable.type), [draft, deliverable.type]);
  const sent = JSON.stringify(request);

  const check = useMutation({
    mutationFn: () => deliverablesApi.check(engagement.id, deliverable.id, request),
    onSuccess: (report) => setPreview({ report, sent }),
  });
  const submit = useMutation({
    mutationFn: () => deliverablesApi.submit(engagement.id, deliverable.id, request),
    onSuccess: async (detail) => {
      await changed(detail);
      const version = detail.versions.at(-1)?.version ?? detail.latestVersion;
      notifications.show({ color: 'teal', message: t('deliverables.submit.submitted', { version, title: detail.title }) });
      onSubmitted(version);
    },
  });
  const error = submit.error ?? check.error;
  // A server issue is about the draft as it was sent: once its field changes, it goes.
  const fieldIssues = useFieldIssueIndex(error, NO_LOCAL_ISSUES, CONTENT, request.content);
  const issues: IssueIndex = useMemo(
    () =>
      new Map(
        [...fieldIssues.index.keys()].flatMap((key) => {
          const text = fieldIssues.at(...key.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)));
          return text ? [[key, text] as const] : [];
        }),
      ),
    [fieldIssues],
  );
  // Without the survey datasets, the evidence cannot be edited here: its issues are listed with the error.
  const evidenceShown = may(engagement, 'survey.read');
  const unplaced = unplacedIssues(issues, new Set([...issues.keys()].filter((key) => placed(key, evidenceShown))));
  const fileIssue = [...issues.entries()].find(([key]) => key.startsWith('documentIds'))?.[1];
  const previewFails = preview?.report.status === 'fail' && preview.sent === sent;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit.mutate();
  };

  return (
    <Section title={t('deliverables.submit.title')}>
      <form onSubmit={onSubmit} data-testid="submit-form">
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {latest ? t('deliverables.submit.resubmitIntro', { version: latest.version }) : t('deliverables.submit.intro')}
          </Text>
          {deliverable.type === 'financial_model' && (
            <ModelPicker
              engagementId={engagement.id}
              value={draft.model}
              onChange={(model) => setDraft({ ...draft, model })}
              issues={issues}
            />
          )}
          <SectionsEditor draft={draft} onChange={setDraft} issues={issues} />
          <Divider />
          <ReferencesEditor draft={draft} onChange={setDraft} issues={issues} documents={documents} />
          <Divider />
          {deliverable.type === 'market_research' && (
            <>
              {evidenceShown ? (
                <ResearchEvidenceEditor engagementId={engagement.id} draft={draft} onChange={setDraft} issues={issues} />
              ) : (
                // The draft keeps the latest version's evidence: it is sent again unchanged.
                <Text size="sm" c="dimmed" data-testid="research-evidence-locked">
                  {t('deliverables.evidence.noSurveyAccess')}
                </Text>
              )}
              <Divider />
            </>
          )}
          <MultiSelect
            label={t('deliverables.submit.files')}
            description={t('deliverables.submit.filesHint')}
            data={documents.map((d) => ({ value: d.id, label: d.name }))}
            value={draft.documentIds}
            onChange={(documentIds) => setDraft({ ...draft, documentIds })}
            error={fileIssue}
            searchable
            clearable
          />
          <LimitedTextarea
            label={t('deliverables.submit.note')}
            value={draft.note}
            onChange={(e) => setDraft({ ...draft, note: e.currentTarget.value })}
            limit={5000}
            autosize
            minRows={2}
          />
          {error !== null && (!isApiError(error) || error.issues.length === 0 || unplaced.length > 0) && (
            <ErrorAlert error={error} extra={unplaced} />
          )}
          {preview && (
            <ChecksReport
              checks={preview.report}
              content={request.content}
              title={t('deliverables.checks.previewTitle')}
              stale={preview.sent !== sent}
              testId="checks-preview"
            />
          )}
          {previewFails && (
            <Alert color="orange" variant="light">
              <Text size="sm">{t('deliverables.submit.failsWarning')}</Text>
            </Alert>
          )}
          {draft.sections.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('deliverables.submit.needsSection')}
            </Text>
          )}
          <Group justify="flex-end">
            <Button
              variant="light"
              leftSection={<IconChecklist size={16} />}
              loading={check.isPending}
              disabled={draft.sections.length === 0}
              onClick={() => {
                submit.reset();
                check.mutate();
              }}
            >
              {t('deliverables.submit.runChecks')}
            </Button>
            <Button type="submit" leftSection={<IconSend size={16} />} loading={submit.isPending} disabled={draft.sections.length === 0}>
              {t('deliverables.submit.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
