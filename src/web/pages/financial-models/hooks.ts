import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { FinancialModel, InputId } from '../../../shared/contracts/financial-model';
import type { ModelAnalysis } from '../../../shared/contracts/financial-model-api';
import { isApiError } from '../../api/errors';
import { type AnalysisView, financialModelsApi } from '../../api/financialModels';
import { queryKeys } from '../../api/queryKeys';
import { sameDocument } from '../../lib/financial-models/edit';
import { type DraftIssue, draftIssues, issuesFromError } from '../../lib/financial-models/issues';

export function useModels(engagementId: string) {
  return useQuery({ queryKey: queryKeys.models(engagementId), queryFn: () => financialModelsApi.list(engagementId) });
}

export function useModel(engagementId: string, modelId: string) {
  return useQuery({ queryKey: queryKeys.model(engagementId, modelId), queryFn: () => financialModelsApi.get(engagementId, modelId) });
}

/** A saved version never changes: once loaded, it stays. */
export function useModelVersion(engagementId: string, modelId: string, version: number | undefined) {
  return useQuery({
    queryKey: queryKeys.modelVersion(engagementId, modelId, version ?? 0),
    queryFn: () => financialModelsApi.version(engagementId, modelId, version ?? 0),
    enabled: version !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useCompare(engagementId: string, modelId: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: queryKeys.modelCompare(engagementId, modelId, from ?? 0, to ?? 0),
    queryFn: () => financialModelsApi.compare(engagementId, modelId, from ?? 0, to ?? 0),
    enabled: from !== null && to !== null && from !== to,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Client errors (a refused draft) are answers, not glitches: retry only what may pass next time. */
const retryTransient = (count: number, error: unknown) => count < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500);

export interface LiveAnalysis {
  /** The newest analysis that succeeded: the outputs shown, also while the draft is invalid. */
  analysis: ModelAnalysis | undefined;
  /** Typing has not settled yet, or the server is recalculating. */
  recalculating: boolean;
  /** Problems of the draft, from the browser's check or the server's answer. */
  issues: DraftIssue[];
  /** A failure that is not the draft's fault (network, server). */
  error: unknown;
  refetch: () => void;
}

/**
 * The outputs of what is on screen. The saved version is analysed by the server (GET, which any
 * reader may do); a changed draft is sent, 300 ms after typing stops, for an analysis of the
 * unsaved document (POST). A draft that fails the model schema in the browser is not sent; its
 * problems are listed and the last good outputs stay on screen.
 */
export function useLiveAnalysis(input: {
  engagementId: string;
  modelId: string;
  version: number;
  saved: FinancialModel;
  draft: FinancialModel;
  scenario: string;
  x: InputId;
  y: InputId;
}): LiveAnalysis {
  const { engagementId, modelId, version, saved, draft, scenario, x, y } = input;
  const [settled] = useDebouncedValue(draft, 300);
  const isSaved = useMemo(() => sameDocument(settled, saved), [settled, saved]);
  const localIssues = useMemo(() => (isSaved ? [] : draftIssues(settled)), [isSaved, settled]);
  const view: AnalysisView = { ...(scenario !== 'base' && { scenario }), x, y };
  const query = useQuery({
    queryKey: isSaved
      ? queryKeys.modelAnalysis(engagementId, modelId, version, view)
      : queryKeys.draftAnalysis(engagementId, modelId, settled, view),
    queryFn: ({ signal }) =>
      isSaved
        ? financialModelsApi.analysis(engagementId, modelId, version, view, signal)
        : financialModelsApi.analyzeDraft(
            engagementId,
            modelId,
            { document: settled, ...(scenario !== 'base' && { scenario }), sensitivity: { x, y } },
            signal,
          ),
    enabled: isSaved || localIssues.length === 0,
    placeholderData: keepPreviousData,
    retry: retryTransient,
    staleTime: isSaved ? 60_000 : Number.POSITIVE_INFINITY,
    gcTime: isSaved ? 5 * 60_000 : 60_000,
  });
  const [lastGood, setLastGood] = useState<ModelAnalysis | undefined>(undefined);
  useEffect(() => {
    if (query.data && !query.isPlaceholderData) setLastGood(query.data);
  }, [query.data, query.isPlaceholderData]);

  const serverIssues = issuesFromError(query.error, settled);
  const issues = localIssues.length > 0 ? localIssues : query.isError ? serverIssues : [];
  return {
    analysis: query.isError || localIssues.length > 0 ? lastGood : (query.data ?? lastGood),
    recalculating: draft !== settled || query.isFetching,
    issues,
    error: query.isError && serverIssues.length === 0 ? query.error : null,
    refetch: () => void query.refetch(),
  };
}
