import type { ReactNode } from 'react';
import { can, type Permission } from '../lib/access';
import { NoAccessPage } from '../pages/NoAccessPage';
import { useActiveMembership } from './session';

/** Shows a page only to roles that may use it; everyone else learns why not. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const membership = useActiveMembership();
  return can(membership, permission) ? children : <NoAccessPage />;
}
