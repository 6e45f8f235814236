import { Badge, Button, Menu, Text } from '@mantine/core';
import { IconBuilding, IconCheck, IconSelector } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSwitchOrganization } from '../hooks/useSwitchOrganization';
import { activeMembershipOf, useSession } from '../session/session';

/** The active organisation; people in several can switch here. */
export function OrgSwitcher() {
  const { t } = useTranslation();
  const session = useSession();
  const active = activeMembershipOf(session);
  const switchOrg = useSwitchOrganization();

  if (session.memberships.length < 2) {
    return (
      <Text size="sm" fw={500} truncate="end" maw={320} title={t('header.activeOrganization')}>
        {active?.orgName}
      </Text>
    );
  }
  return (
    <Menu position="bottom-start" withinPortal shadow="md" width={340}>
      <Menu.Target>
        <Button
          variant="default"
          size="sm"
          leftSection={<IconBuilding size={16} />}
          rightSection={<IconSelector size={14} />}
          loading={switchOrg.isPending}
          maw={360}
          title={t('header.switchOrganization')}
        >
          <Text span size="sm" truncate="end">
            {active?.orgName}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('header.switchOrganization')}</Menu.Label>
        {session.memberships.map((m) => {
          const isActive = m.orgId === session.activeOrgId;
          return (
            <Menu.Item
              key={m.orgId}
              leftSection={isActive ? <IconCheck size={14} /> : <span style={{ width: 14, display: 'inline-block' }} />}
              rightSection={
                <Badge size="xs" variant="outline" tt="none">
                  {t(`orgKind.${m.orgKind}`)}
                </Badge>
              }
              aria-current={isActive ? 'true' : undefined}
              onClick={() => {
                if (!isActive) switchOrg.mutate(m.orgId);
              }}
            >
              {m.orgName}
            </Menu.Item>
          );
        })}
      </Menu.Dropdown>
    </Menu>
  );
}
