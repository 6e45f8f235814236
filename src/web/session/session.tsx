import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext } from 'react';
import type { Locale, MembershipView, SessionView } from '../../shared/contracts/identity';
import { sessionApi } from '../api/endpoints';
import { changeLocale } from '../i18n';
import { storedLocale } from '../lib/preferences';

export const sessionKey = ['session'] as const;

/** Whether someone is signed in: the SessionView, or null. */
export function useSessionQuery() {
  return useQuery({ queryKey: sessionKey, queryFn: sessionApi.current, staleTime: 5 * 60_000 });
}

const SessionContext = createContext<SessionView | null>(null);

export function SessionProvider({ session, children }: { session: SessionView; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The signed-in session; only inside the signed-in part of the app. */
export function useSession(): SessionView {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is used outside the signed-in part of the app.');
  return session;
}

export function activeMembershipOf(session: SessionView): MembershipView | undefined {
  return session.memberships.find((m) => m.orgId === session.activeOrgId);
}

export function useActiveMembership(): MembershipView | undefined {
  return activeMembershipOf(useSession());
}

/** Everything cached belongs to one person in one organisation; keep only the session. */
export function forgetAllButSession(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
}

/**
 * The language saved in the profile follows the person to this browser, unless they chose one
 * here explicitly — then that choice is theirs, and the profile is told (the next browser follows).
 * Returns the language to save to the profile, if it should change.
 */
export function adoptProfileLocale(session: SessionView): Locale | null {
  const chosen = storedLocale();
  if (chosen === null) {
    if (session.user.locale) void changeLocale(session.user.locale, { remember: false });
    return null;
  }
  return session.user.locale === chosen ? null : chosen;
}

/** Takes in a session just started (sign-in, accepted invitation). */
export function useStartSession() {
  const queryClient = useQueryClient();
  return useCallback(
    (session: SessionView, options: { adoptLocale: boolean }) => {
      forgetAllButSession(queryClient);
      queryClient.setQueryData(sessionKey, session);
      const save = options.adoptLocale ? adoptProfileLocale(session) : null;
      if (save) {
        void sessionApi.updateProfile({ locale: save }).then(
          (updated) => queryClient.setQueryData(sessionKey, updated),
          () => undefined, // Not saved: this browser still remembers the choice.
        );
      }
    },
    [queryClient],
  );
}

/** Replaces the cached session after a change the server answered with a new SessionView. */
export function useUpdateSession() {
  const queryClient = useQueryClient();
  return useCallback((session: SessionView) => queryClient.setQueryData(sessionKey, session), [queryClient]);
}
