import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useRef } from 'react';
import { type EngagementView, isClosedBid } from '../../../shared/contracts/engagements';
import { engagementsApi, workApi } from '../../api/engagements';
import { queryKeys } from '../../api/queryKeys';
import { useTranslator } from '../../hooks/useTranslator';
import { changedSince, type IssueIndex, indexIssues, pathKey } from '../../lib/engagements/issues';
import type { PlanIssue } from '../../lib/engagements/plan';

export function useEngagement(id: string) {
  return useQuery({ queryKey: queryKeys.engagement(id), queryFn: () => engagementsApi.get(id) });
}

/**
 * After a change to an engagement: take the view the server answered with (when it sent one),
 * and refresh everything else about the engagement, the list and the bell.
 */
export function useEngagementChanged(id: string) {
  const queryClient = useQueryClient();
  return useCallback(
    async (view?: EngagementView) => {
      if (view) queryClient.setQueryData(queryKeys.engagement(id), view);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.engagement(id), refetchType: 'active' }),
        queryClient.invalidateQueries({ queryKey: ['engagements', 'list'] }),
        queryClient.invalidateQueries({ queryKey: queryKeys.notifications }),
      ]);
    },
    [id, queryClient],
  );
}

export interface FieldIssues {
  index: IssueIndex;
  /** The issue on the field at this path, e.g. at('milestones', 1, 'dueDate'). */
  at: (...path: (string | number)[]) => string | undefined;
}

/**
 * The issues of a failed request and those found before sending, by field path. Given the form's
 * `draft`, a server issue describes the value that was sent: once that field's value changes, its
 * issue goes (a fixed field must not keep its old message); issues found in the browser follow
 * the draft as it is.
 */
export function useFieldIssueIndex(
  error: unknown,
  local: readonly PlanIssue[],
  prefix: readonly string[] = [],
  draft?: unknown,
): FieldIssues {
  const tr = useTranslator();
  const index = useMemo(() => indexIssues(error, local, tr, prefix), [error, local, tr, prefix]);
  const found = useMemo(() => indexIssues(null, local, tr, prefix), [local, tr, prefix]);
  // The draft as it stood when the error came back: what the server's issues are about.
  const sent = useRef({ error, draft });
  if (sent.current.error !== error) sent.current = { error, draft };
  const then = sent.current.draft;
  return useMemo(
    () => ({
      index,
      at: (...path: (string | number)[]) => {
        const key = pathKey(path);
        if (draft === undefined || found.has(key)) return index.get(key);
        return changedSince(then, draft, path) ? undefined : index.get(key);
      },
    }),
    [index, found, draft, then],
  );
}

/**
 * The control figures of an engagement (work roles only). Their `asOf` is the server's time, which
 * is what deadlines are measured against, whatever the browser's clock says.
 */
export function useControlFigures(id: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.engagementPart(id, 'control'),
    queryFn: () => workApi.control(id),
    enabled,
  });
}

/**
 * The server's time now, which deadlines are measured against: the `asOf` of the engagement's
 * summary (the page's one request) moved on by the time since that answer came; the browser's
 * clock when there is none. Reads the cached view only, never fetches on its own.
 */
export function useServerNow(id: string): number {
  const { data, dataUpdatedAt } = useQuery({ queryKey: queryKeys.engagement(id), queryFn: () => engagementsApi.get(id), enabled: false });
  const asOf = data && !isClosedBid(data) ? data.summary?.asOf : undefined;
  return asOf ? Date.parse(asOf) + (Date.now() - dataUpdatedAt) : Date.now();
}
