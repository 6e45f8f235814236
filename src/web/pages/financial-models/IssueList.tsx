import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FinancialModel } from '../../../shared/contracts/financial-model';
import type { DraftIssue } from '../../lib/financial-models/issues';
import { useIssueText, useLocationText } from './labels';

const MAX_SHOWN = 20;

/** Problems of a model, each with where it is (in words) and what is wrong. */
export function IssueList({ issues, doc }: { issues: readonly DraftIssue[]; doc?: FinancialModel | undefined }) {
  const { t } = useTranslation();
  const where = useLocationText(doc);
  const issueText = useIssueText();
  const shown = issues.slice(0, MAX_SHOWN);
  return (
    <List size="sm" spacing={4} data-testid="model-issues">
      {shown.map((issue) => {
        return (
          <List.Item key={`${issue.key}-${issue.message}`}>
            <Text span size="sm" fw={600}>
              {where(issue.path)}
            </Text>
            <Text span size="sm">
              {' '}
              {issueText(issue)}
            </Text>
          </List.Item>
        );
      })}
      {issues.length > MAX_SHOWN && (
        <List.Item>
          <Text span size="sm" c="dimmed">
            {t('models.more', { count: issues.length - MAX_SHOWN })}
          </Text>
        </List.Item>
      )}
    </List>
  );
}
