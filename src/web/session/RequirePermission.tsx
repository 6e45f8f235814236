import type { ReactNode } from 'react';
import { canAny, type Permission } from '../lib/access';
import { NoAccessPage } from '../pages/NoAccessPage';
import { useActiveMembership } from './session';

/**
 * Shows a page only to those the session's permissions let in (with a list: any one of them);
 * everyone else learns why not.
 */
export function RequirePermission({ permission, children }: { permission: Permission | readonly Permission[]; children: ReactNode }) {
  const membership = useActiveMembership();
  const any: readonly Permission[] = typeof permission === 'string' ? [permission] : permission;
  return canAny(membership, any) ? children : <NoAccessPage />;
}
