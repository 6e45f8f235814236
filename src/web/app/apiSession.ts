import type { SessionView } from '../../shared/contracts/identity';
import { configureApiClient } from '../api/client';
import { sessionApi } from '../api/endpoints';
import { sessionKey } from '../session/session';
import { queryClient } from './queryClient';

/** Connects the API client to the session in the query cache. */
export function connectApiToSession(): void {
  configureApiClient({
    csrfToken: () => queryClient.getQueryData<SessionView | null>(sessionKey)?.csrfToken,
    // RequireSession sees the session go and sends the person to sign in, saying why. What was
    // cached for them is dropped when the next session starts (useStartSession).
    onSessionEnded: () => queryClient.setQueryData(sessionKey, null),
    refreshCsrfToken: async () => {
      const session = await sessionApi.current();
      queryClient.setQueryData(sessionKey, session);
      return session?.csrfToken;
    },
  });
}
