import type { OrgKind } from '../../../shared/roles';

/** The organisation whose members a page manages (the active one, or any for the operator). */
export interface ManagedOrg {
  id: string;
  name: string;
  kind: OrgKind;
}
