import { Center, Container } from '@mantine/core';
import { type ReactNode, useRef } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { loginPath } from '../lib/redirect';
import { SessionProvider, useSessionQuery } from './session';

/** The signed-in part of the app: sends people without a session to sign in, then back here. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSessionQuery();
  const location = useLocation();
  // A session that was here and is gone has ended (expired, revoked elsewhere): say so at sign-in.
  const hadSession = useRef(false);
  if (session.data) hadSession.current = true;
  if (session.isPending) return <Loading fullPage />;
  if (session.isError) {
    return (
      <Center h="100vh">
        <Container size="xs">
          <ErrorAlert error={session.error} onRetry={() => void session.refetch()} />
        </Container>
      </Center>
    );
  }
  if (!session.data) {
    const intended = location.pathname + location.search + location.hash;
    return <Navigate to={loginPath(intended, { sessionEnded: hadSession.current })} replace />;
  }
  return <SessionProvider session={session.data}>{children}</SessionProvider>;
}
