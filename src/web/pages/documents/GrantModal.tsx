import { Alert, Button, Group, Modal, NumberInput, Radio, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateGrantRequest, DocumentLibrary, DocumentView, GrantAccess } from '../../../shared/contracts/documents';
import type { EngagementView } from '../../../shared/contracts/engagements';
import { documentsApi } from '../../api/documents';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormatters } from '../../hooks/useFormatters';
import { useFieldIssues } from '../../hooks/useTranslator';
import { defaultGrantDays, expiryAfter, granteeChoices, policyOf, TEAM_GRANTEE } from '../../lib/documents/documents';
import { ClassificationBadge } from './ClassificationBadge';
import { useDocumentChanged } from './hooks';
import { usePolicyText } from './policyText';

interface GrantModalProps {
  onClose: () => void;
  engagement: EngagementView;
  library: DocumentLibrary;
  doc: DocumentView;
}

/**
 * Grants a client document to the provider's team or one person on it, for some days. What the
 * form offers is the class's policy as the server states it (library.policies); the server checks
 * again, and a refusal is shown under the field it names.
 */
export function GrantModal({ onClose, engagement, library, doc }: GrantModalProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const policyText = usePolicyText();
  const changed = useDocumentChanged(engagement.id);
  const policy = policyOf(library.policies, doc.classification);
  const choices = policy ? granteeChoices(policy, engagement.team) : [];
  const [grantee, setGrantee] = useState<string | null>(choices.length === 1 ? (choices[0]?.value ?? null) : null);
  const [access, setAccess] = useState<GrantAccess>('view');
  const [days, setDays] = useState<number | string>(policy ? defaultGrantDays(policy) : 7);
  const maxDays = policy?.maxGrantDays ?? 1;
  const validDays = typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= maxDays;

  const grant = useMutation({
    mutationFn: (body: CreateGrantRequest) => documentsApi.grant(engagement.id, doc.id, body),
    onSuccess: async (view, body) => {
      const { grantee: to } = body;
      const person = to.kind === 'user' ? engagement.team.find((p) => p.userId === to.userId) : undefined;
      notifications.show({
        color: 'teal',
        message: t('documents.grant.granted', {
          name: doc.name,
          grantee: person?.displayName ?? t('documents.grants.team'),
        }),
      });
      await changed(view);
      onClose();
    },
  });

  // The proposal from the SOW fills the form only when asked: least privilege stays the default.
  const suggestion = doc.suggestedGrant;
  const applySuggestion = () => {
    if (!suggestion) return;
    if (suggestion.grantee.kind === 'team') setGrantee(TEAM_GRANTEE);
    else if (suggestion.grantee.userIds.length === 1) setGrantee(suggestion.grantee.userIds[0] ?? null);
    setAccess(suggestion.access);
    setDays(suggestion.days);
    grant.reset();
  };

  const fieldIssues = useFieldIssues(grant.error, ['grantee', 'access', 'days']);
  const placed = Object.keys(fieldIssues.byField).length > 0;
  const ready = policy !== undefined && grantee !== null && validDays;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready || grant.isPending) return;
    grant.mutate({
      grantee: grantee === TEAM_GRANTEE ? { kind: 'team' } : { kind: 'user', userId: grantee },
      access,
      days: days as number,
    });
  };

  const team = choices.filter((c) => c.kind === 'team');
  const people = choices.filter((c) => c.kind === 'user');
  const data = [
    ...(team.length > 0
      ? [{ group: t('documents.grant.teamGroup'), items: [{ value: TEAM_GRANTEE, label: t('documents.grant.teamOption') }] }]
      : []),
    ...(people.length > 0
      ? [{ group: t('documents.grant.peopleGroup'), items: people.map((p) => ({ value: p.value, label: p.displayName ?? p.value })) }]
      : []),
  ];

  return (
    <Modal opened onClose={() => !grant.isPending && onClose()} title={t('documents.grant.title', { name: doc.name })} size="lg" centered>
      <form onSubmit={submit}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('documents.grant.intro')}
          </Text>
          {policy && (
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <ClassificationBadge classification={doc.classification} />
              <Text size="sm" data-testid="grant-policy">
                {t('documents.grant.policy', { classification: t(`classification.${doc.classification}`), rules: policyText(policy) })}
              </Text>
            </Group>
          )}
          {suggestion && choices.length > 0 && (
            <Alert color="blue" variant="light" data-testid="grant-suggestion">
              <Stack gap={4}>
                <Text size="sm">
                  {t('documents.grant.suggestion', {
                    grantee:
                      suggestion.grantee.kind === 'team' ? t('documents.grant.suggestionTeam') : t('documents.grant.suggestionPeople'),
                    access: t(suggestion.access === 'download' ? 'documents.grant.accessDownload' : 'documents.grant.accessView'),
                    days: suggestion.days,
                  })}
                </Text>
                {suggestion.deliverables.length > 0 && (
                  <Text size="sm" c="dimmed">
                    {t('documents.grant.suggestionDeliverables', { deliverables: suggestion.deliverables.join('、') })}
                  </Text>
                )}
                <Group>
                  <Button size="xs" variant="light" onClick={applySuggestion}>
                    {t('documents.grant.useSuggestion')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          {choices.length === 0 ? (
            <Alert color="gray" variant="light">
              {t('documents.grant.noGrantees')}
            </Alert>
          ) : (
            <Select
              label={t('documents.grant.grantee')}
              placeholder={t('documents.grant.granteePlaceholder')}
              description={team.length === 0 ? t('documents.grant.peopleOnly') : undefined}
              data={data}
              value={grantee}
              onChange={(v) => {
                setGrantee(v);
                grant.reset();
              }}
              allowDeselect={false}
              required
              error={fieldIssues.byField.grantee}
            />
          )}
          <Radio.Group
            label={t('documents.grant.access')}
            description={policy?.maxAccess === 'view' ? t('documents.grant.accessLimited') : undefined}
            value={access}
            onChange={(v) => {
              setAccess(v as GrantAccess);
              grant.reset();
            }}
            error={fieldIssues.byField.access}
          >
            <Group gap="lg" mt={6}>
              <Radio value="view" label={t('documents.grant.accessView')} />
              {policy?.maxAccess === 'download' && <Radio value="download" label={t('documents.grant.accessDownload')} />}
            </Group>
          </Radio.Group>
          <NumberInput
            label={t('documents.grant.days')}
            description={t('documents.grant.daysHint', { max: maxDays })}
            value={days}
            onChange={(v) => {
              setDays(v);
              grant.reset();
            }}
            min={1}
            max={maxDays}
            allowDecimal={false}
            allowNegative={false}
            required
            w={160}
            error={fieldIssues.byField.days}
          />
          {validDays && (
            <Text size="sm" data-testid="grant-expiry">
              {t('documents.grant.expires', { at: format.dateTime(expiryAfter(days, new Date()).toISOString()) })}
            </Text>
          )}
          {grant.error && (!placed || fieldIssues.unplaced.length > 0) ? (
            <ErrorAlert error={grant.error} extra={fieldIssues.unplaced} />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={grant.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={grant.isPending} disabled={!ready}>
              {t('documents.grant.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
