import { Anchor, AppShell, Box, Burger, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  type Icon,
  IconBriefcase,
  IconBuildingCommunity,
  IconCalendarCheck,
  IconCalendarTime,
  IconChartBar,
  IconChecklist,
  IconGauge,
  IconHome,
  IconLayoutGrid,
  IconListSearch,
  IconRuler2,
  IconScale,
  IconSettings,
  IconUsers,
} from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { type NavKey, navigationFor } from '../lib/access';
import { adoptProfileLocale, useActiveMembership, useSession } from '../session/session';
import { NotificationBell } from './NotificationBell';
import { OrgSwitcher } from './OrgSwitcher';
import { UserMenu } from './UserMenu';

const navIcons: Record<NavKey, Icon> = {
  home: IconHome,
  engagements: IconBriefcase,
  reviews: IconChecklist,
  calibration: IconScale,
  providers: IconChartBar,
  members: IconUsers,
  organizations: IconBuildingCommunity,
  audit: IconListSearch,
  rubrics: IconRuler2,
  timesheet: IconCalendarTime,
  approvals: IconCalendarCheck,
  load: IconGauge,
  capacity: IconLayoutGrid,
  settings: IconSettings,
};

const matches = (path: string, pathname: string) =>
  path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);

/** The signed-in shell: header with organisation, language and account; navbar by role. */
export function AppLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const membership = useActiveMembership();
  const [navOpened, nav] = useDisclosure(false);
  const { pathname } = useLocation();

  useEffect(() => {
    adoptProfileLocale(session);
  }, [session]);

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap" miw={0}>
            <Burger opened={navOpened} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label={t('header.openNavigation')} />
            <Anchor component={Link} to="/" underline="never" c="indigo.8">
              <Text fw={800} size="xl" lh={1} style={{ letterSpacing: '-0.02em' }}>
                {t('app.name')}
              </Text>
            </Anchor>
            <Box visibleFrom="sm" miw={0}>
              <OrgSwitcher />
            </Box>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {membership && membership.orgKind !== 'operator' && <NotificationBell />}
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" component="nav" aria-label={t('nav.label')}>
        {/* On narrow screens the header has no room for the organisation; it leads the navbar instead. */}
        <Box hiddenFrom="sm" mb="sm">
          <OrgSwitcher />
        </Box>
        {navigationFor(membership).map((item, _, items) => {
          const ItemIcon = navIcons[item.key];
          // The longest path that matches is the current page (/settings/rubrics is not /settings).
          const current = matches(item.path, pathname) && !items.some((o) => o.path.length > item.path.length && matches(o.path, pathname));
          return (
            <NavLink
              key={item.key}
              component={Link}
              to={item.path}
              label={t(`nav.${item.key}`)}
              leftSection={<ItemIcon size={18} stroke={1.6} />}
              // On narrow screens the navbar covers the page: close it once a link is followed.
              onClick={nav.close}
              active={current}
              aria-current={current ? 'page' : undefined}
              style={{ borderRadius: 8 }}
            />
          );
        })}
      </AppShell.Navbar>

      <AppShell.Main id="main">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
