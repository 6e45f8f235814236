import { Checkbox, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type OrgKind, type Role, rolesByOrgKind } from '../../../shared/roles';

interface RoleCheckboxesProps {
  kind: OrgKind;
  value: Role[];
  onChange: (roles: Role[]) => void;
  label: string;
  error?: string | undefined;
}

/** The roles an organisation of this kind can grant, and no others. */
export function RoleCheckboxes({ kind, value, onChange, label, error }: RoleCheckboxesProps) {
  const { t } = useTranslation();
  const allowed = rolesByOrgKind[kind];
  return (
    <Checkbox.Group
      label={label}
      value={value}
      onChange={(next) => onChange(allowed.filter((r) => next.includes(r)))}
      error={error}
      withAsterisk
    >
      <Group gap="md" mt={6}>
        {allowed.map((role) => (
          <Checkbox key={role} value={role} label={t(`roles.${role}`)} />
        ))}
      </Group>
    </Checkbox.Group>
  );
}
