import { Anchor, Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCoin, IconEyeCheck, IconLock, IconRoute, IconSchool } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader';
import { RoleBadges } from '../components/RoleBadges';
import { useSwitchOrganization } from '../hooks/useSwitchOrganization';
import { navigationFor } from '../lib/access';
import { activeMembershipOf, useSession } from '../session/session';

const risks = [
  { key: 'quality', icon: IconEyeCheck },
  { key: 'confidentiality', icon: IconLock },
  { key: 'control', icon: IconRoute },
  { key: 'cost', icon: IconCoin },
  { key: 'skills', icon: IconSchool },
] as const;

export function HomePage() {
  const { t } = useTranslation();
  const session = useSession();
  const active = activeMembershipOf(session);
  const pages = navigationFor(active).filter((item) => item.key !== 'home' && item.key !== 'settings');

  return (
    <Stack gap="lg">
      <PageHeader title={t('home.greeting', { name: session.user.displayName })} />

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="lg">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('home.activeOrganization')}
            </Title>
            <Group gap="xs">
              <Text fw={600} size="lg">
                {active?.orgName}
              </Text>
              {active && (
                <Badge variant="outline" tt="none">
                  {t(`orgKind.${active.orgKind}`)}
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed">
              {t('home.yourRoles')}
            </Text>
            <RoleBadges roles={active?.roles ?? []} />
            <Text size="sm" c="dimmed" mt="xs">
              {t('home.whatYouCanDo')}
            </Text>
            {pages.length > 0 ? (
              <Group gap="xs">
                {pages.map((page) => (
                  <Button key={page.key} component={Link} to={page.path} variant="light" size="xs">
                    {t(`nav.${page.key}`)}
                  </Button>
                ))}
              </Group>
            ) : (
              <Text size="sm">{t('home.noAdminPages')}</Text>
            )}
          </Stack>
        </Paper>

        <Paper withBorder p="lg">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('home.you')}
            </Title>
            <Text fw={600} size="lg">
              {session.user.displayName}
            </Text>
            <Text size="sm">
              {t('home.email')}: {session.user.email}
            </Text>
            <Anchor component={Link} to="/settings" size="sm">
              {t('nav.settings')}
            </Anchor>
          </Stack>
        </Paper>
      </SimpleGrid>

      {session.memberships.length > 1 && <YourOrganizations />}

      <Paper withBorder p="lg">
        <Stack gap="md">
          <Stack gap={4}>
            <Title order={2} size="h4">
              {t('home.risksTitle')}
            </Title>
            <Text size="sm" c="dimmed" maw={760}>
              {t('home.risksIntro')}
            </Text>
          </Stack>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
            {risks.map(({ key, icon: RiskIcon }, index) => (
              <Card key={key} withBorder padding="md">
                <Stack gap="xs">
                  <Group gap="xs" wrap="nowrap">
                    <ThemeIcon variant="light" size="md" radius="md">
                      <RiskIcon size={16} />
                    </ThemeIcon>
                    <Text fw={600} size="sm">
                      {index + 1}. {t(`home.risks.${key}.title`)}
                    </Text>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {t(`home.risks.${key}.body`)}
                  </Text>
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
        </Stack>
      </Paper>
    </Stack>
  );
}

function YourOrganizations() {
  const { t } = useTranslation();
  const session = useSession();
  const switchOrg = useSwitchOrganization();
  return (
    <Paper withBorder p="lg">
      <Title order={2} size="h4" mb="sm">
        {t('home.yourOrganizations')}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="sm">
          <Table.Tbody>
            {session.memberships.map((m) => (
              <Table.Tr key={m.orgId}>
                <Table.Td fw={500}>{m.orgName}</Table.Td>
                <Table.Td>
                  <Badge variant="outline" tt="none">
                    {t(`orgKind.${m.orgKind}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <RoleBadges roles={m.roles} />
                </Table.Td>
                <Table.Td ta="right">
                  {m.orgId === session.activeOrgId ? (
                    <Badge color="teal" variant="light" tt="none">
                      {t('home.active')}
                    </Badge>
                  ) : (
                    <Button
                      size="xs"
                      variant="default"
                      loading={switchOrg.isPending && switchOrg.variables === m.orgId}
                      onClick={() => switchOrg.mutate(m.orgId)}
                    >
                      {t('home.switchHere')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
