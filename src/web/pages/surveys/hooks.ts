import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { CodeframeDetail } from '../../../shared/contracts/coding-api';
import type { SurveyDetail } from '../../../shared/contracts/market-research-api';
import { isApiError } from '../../api/errors';
import { type CrosstabQuery, codingApi, codingKeys, surveyKeys, surveysApi } from './api';
import type { TableOptions } from './types';

/** A refusal or bad input is an answer, not a glitch: retry only what may pass next time. */
export const retryTransient = (count: number, error: unknown) =>
  count < 2 &&
  !(isApiError(error) && ['invalid_input', 'forbidden', 'not_found', 'unauthenticated', 'conflict', 'invalid_state'].includes(error.code));

export function useSurveys(engagementId: string) {
  return useQuery({ queryKey: surveyKeys.list(engagementId), queryFn: () => surveysApi.list(engagementId), retry: retryTransient });
}

/** A dataset with one version's codebook and weightings (the latest when `version` is null). */
export function useSurvey(engagementId: string, surveyId: string, version: number | null) {
  return useQuery({
    queryKey: surveyKeys.detail(engagementId, surveyId, version),
    queryFn: () => surveysApi.get(engagementId, surveyId, version ?? undefined),
    retry: retryTransient,
    placeholderData: keepPreviousData,
  });
}

/** A version never changes: its tables are kept as long as the page lives. */
const TABLE_STALE_MS = 5 * 60_000;

export function useFrequencies(engagementId: string, surveyId: string, question: string | null, options: TableOptions) {
  return useQuery({
    queryKey: surveyKeys.table(engagementId, surveyId, 'frequencies', { question, ...options }),
    queryFn: () => surveysApi.frequencies(engagementId, surveyId, question ?? '', options),
    enabled: question !== null,
    retry: retryTransient,
    staleTime: TABLE_STALE_MS,
  });
}

export function useCrosstab(engagementId: string, surveyId: string, query: CrosstabQuery | null) {
  return useQuery({
    queryKey: surveyKeys.table(engagementId, surveyId, 'crosstab', query),
    queryFn: () => surveysApi.crosstab(engagementId, surveyId, query as CrosstabQuery),
    enabled: query !== null,
    retry: retryTransient,
    staleTime: TABLE_STALE_MS,
    placeholderData: keepPreviousData,
  });
}

export function useScales(engagementId: string, surveyId: string, questions: readonly string[] | null, options: TableOptions) {
  return useQuery({
    queryKey: surveyKeys.table(engagementId, surveyId, 'scales', { questions, ...options }),
    queryFn: () => surveysApi.scales(engagementId, surveyId, questions ?? [], options),
    enabled: questions !== null && questions.length > 0,
    retry: retryTransient,
    staleTime: TABLE_STALE_MS,
  });
}

/**
 * After a save: keep the server's answer for the version it shows (a new dataset or version), and
 * refresh the list and the dataset (a weighting changes the dataset's detail).
 */
export function useSurveyChanged(engagementId: string) {
  const queryClient = useQueryClient();
  return useCallback(
    async (changed: SurveyDetail | { surveyId: string }) => {
      const surveyId = 'surveyId' in changed ? changed.surveyId : changed.id;
      if (!('surveyId' in changed)) {
        queryClient.setQueryData(surveyKeys.detail(engagementId, changed.id, changed.version.version), changed);
        queryClient.setQueryData(surveyKeys.detail(engagementId, changed.id, null), changed);
      }
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: surveyKeys.list(engagementId), exact: true }),
        queryClient.invalidateQueries({ queryKey: surveyKeys.all(engagementId, surveyId) }),
      ]);
    },
    [engagementId, queryClient],
  );
}

/** The codeframes of a survey dataset (open-answer coding). */
export function useCodeframes(engagementId: string, surveyId: string) {
  return useQuery({
    queryKey: codingKeys.all(engagementId, surveyId),
    queryFn: () => codingApi.list(engagementId, surveyId),
    retry: retryTransient,
  });
}

/** A codeframe with its counts and quotes (the latest version when `version` is null). */
export function useCodeframe(engagementId: string, surveyId: string, codeframeId: string | null, version: number | null) {
  return useQuery({
    queryKey: codingKeys.detail(engagementId, surveyId, codeframeId ?? '', version),
    queryFn: () => codingApi.get(engagementId, surveyId, codeframeId ?? '', version ?? undefined),
    enabled: codeframeId !== null,
    retry: retryTransient,
    placeholderData: keepPreviousData,
  });
}

/**
 * After a codeframe is created, saved or coded by hand: keep the server's answer as the latest
 * (and as its version), and refresh the list and every other version shown.
 */
export function useCodeframeChanged(engagementId: string, surveyId: string) {
  const queryClient = useQueryClient();
  return useCallback(
    async (changed: CodeframeDetail) => {
      queryClient.setQueryData(codingKeys.detail(engagementId, surveyId, changed.id, null), changed);
      queryClient.setQueryData(codingKeys.detail(engagementId, surveyId, changed.id, changed.version), changed);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: codingKeys.all(engagementId, surveyId), exact: true }),
        queryClient.invalidateQueries({
          queryKey: codingKeys.all(engagementId, surveyId),
          predicate: (q) =>
            q.queryKey.length > 6 && q.queryKey[6] === changed.id && q.queryKey[8] !== null && q.queryKey[8] !== changed.version,
        }),
      ]);
    },
    [engagementId, surveyId, queryClient],
  );
}
