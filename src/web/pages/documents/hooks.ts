import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { DocumentLibrary, DocumentView } from '../../../shared/contracts/documents';
import { documentsApi } from '../../api/documents';
import { isApiError } from '../../api/errors';
import { queryKeys } from '../../api/queryKeys';

/** Under the library's key, so that a change to the library refreshes them too. */
const piiKey = (engagementId: string, documentId: string, version: number) =>
  [...queryKeys.documents(engagementId), 'pii', documentId, version] as const;
export const closeOutKey = (engagementId: string) => [...queryKeys.documents(engagementId), 'close-out'] as const;

/** The engagement's vault; `enabled` false for a viewer the server does not let read it (nothing is asked). */
export function useDocumentLibrary(engagementId: string, enabled = true) {
  return useQuery({ queryKey: queryKeys.documents(engagementId), queryFn: () => documentsApi.library(engagementId), enabled });
}

/** The access review, for those the server lets in: a refusal (forbidden) is an answer, not a glitch. */
export function useAccessReview(engagementId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.accessReview(engagementId),
    queryFn: () => documentsApi.accessReview(engagementId),
    enabled,
    retry: (count, error) => count < 2 && !(isApiError(error) && (error.code === 'forbidden' || error.code === 'not_found')),
  });
}

/** After a change to a document: put the server's answer in the library, and refresh the library and the review. */
export function useDocumentChanged(engagementId: string) {
  const queryClient = useQueryClient();
  return useCallback(
    async (doc?: DocumentView) => {
      if (doc) {
        queryClient.setQueryData<DocumentLibrary>(queryKeys.documents(engagementId), (library) => {
          if (!library) return library;
          const known = library.documents.some((d) => d.id === doc.id);
          return {
            ...library,
            documents: known ? library.documents.map((d) => (d.id === doc.id ? doc : d)) : [...library.documents, doc],
          };
        });
      }
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.documents(engagementId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.accessReview(engagementId) }),
      ]);
    },
    [engagementId, queryClient],
  );
}

/** The personal data the server finds in a version; a refusal (`not_scannable`, forbidden) is an answer, not a glitch. */
export function usePiiReview(engagementId: string, documentId: string, version: number) {
  return useQuery({
    queryKey: piiKey(engagementId, documentId, version),
    queryFn: () => documentsApi.piiReview(engagementId, documentId, version),
    retry: (count, error) => count < 2 && !(isApiError(error) && ['invalid_input', 'forbidden', 'not_found'].includes(error.code)),
    staleTime: 60_000,
  });
}

/** The close-out of the engagement's vault, once the engagement has ended. */
export function useCloseOut(engagementId: string, enabled: boolean) {
  return useQuery({
    queryKey: closeOutKey(engagementId),
    queryFn: () => documentsApi.closeOut(engagementId),
    enabled,
    retry: (count, error) => count < 2 && !(isApiError(error) && (error.code === 'forbidden' || error.code === 'not_found')),
  });
}
