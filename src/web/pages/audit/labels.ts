import type { TFunction } from 'i18next';
import { resourceTypes } from '../../../shared/contracts/audit';
import type { ResourceType } from '../../lib/auditFilters';

const isResourceType = (value: string): value is ResourceType => (resourceTypes as readonly string[]).includes(value);

/** Resource types arrive as plain strings; unknown ones (newer server) are shown as they are. */
export function resourceTypeLabel(t: TFunction, resourceType: string): string {
  return isResourceType(resourceType) ? t(`resourceType.${resourceType}`) : resourceType;
}
