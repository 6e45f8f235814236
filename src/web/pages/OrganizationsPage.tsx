import { Badge, Button, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OrganizationView } from '../../shared/contracts/identity';
import { adminRoleByOrgKind } from '../../shared/roles';
import { organizationsApi } from '../api/endpoints';
import { queryKeys } from '../api/queryKeys';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { useFormatters } from '../hooks/useFormatters';
import { useFieldIssues } from '../hooks/useTranslator';
import { RequirePermission } from '../session/RequirePermission';
import { InviteForm } from './members/InviteForm';

export function OrganizationsRoute() {
  return (
    <RequirePermission permission="organizations.manage">
      <OrganizationsPage />
    </RequirePermission>
  );
}

/** The operator's view of every organisation: list, create, and invite a new one's first admin. */
export function OrganizationsPage() {
  const { t } = useTranslation();
  const organizations = useQuery({ queryKey: queryKeys.organizations, queryFn: organizationsApi.list });
  const [justCreated, setJustCreated] = useState<OrganizationView | null>(null);

  return (
    <Stack gap="lg">
      <PageHeader title={t('organizations.title')} intro={t('organizations.intro')} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Paper withBorder p="lg">
          {justCreated ? (
            <FirstAdminInvite org={justCreated} onDone={() => setJustCreated(null)} />
          ) : (
            <CreateOrganizationForm onCreated={setJustCreated} />
          )}
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="lg">
        {organizations.isPending ? (
          <Loading />
        ) : organizations.isError ? (
          <ErrorAlert error={organizations.error} onRetry={() => void organizations.refetch()} />
        ) : (
          <OrganizationsTable organizations={organizations.data} />
        )}
      </Paper>
    </Stack>
  );
}

function OrganizationsTable({ organizations }: { organizations: OrganizationView[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (organizations.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('organizations.empty')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="sm" highlightOnHover aria-label={t('organizations.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('organizations.name')}</Table.Th>
            <Table.Th>{t('organizations.kind')}</Table.Th>
            <Table.Th>{t('organizations.created')}</Table.Th>
            <Table.Th>{t('organizations.members')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {organizations.map((org) => (
            <Table.Tr key={org.id}>
              <Table.Td fw={500}>{org.name}</Table.Td>
              <Table.Td>
                <Badge variant="outline" tt="none">
                  {t(`orgKind.${org.kind}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{format.date(org.createdAt)}</Table.Td>
              <Table.Td>
                <Button
                  component={Link}
                  to={`/organizations/${org.id}/members`}
                  size="xs"
                  variant="light"
                  aria-label={`${t('organizations.manageMembers')}: ${org.name}`}
                >
                  {t('organizations.manageMembers')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const createFields = ['name', 'kind'] as const;

function CreateOrganizationForm({ onCreated }: { onCreated: (org: OrganizationView) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'client' | 'provider'>('client');
  const create = useMutation({
    mutationFn: () => organizationsApi.create({ name, kind }),
    onSuccess: async (org) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
      notifications.show({ color: 'teal', message: t('organizations.createdNotice', { name: org.name }) });
      setName('');
      onCreated(org);
    },
  });
  const issues = useFieldIssues(create.error, createFields);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={2} size="h4">
          {t('organizations.createTitle')}
        </Title>
        {create.error && <ErrorAlert error={create.error} extra={issues.unplaced} />}
        <TextInput
          label={t('organizations.createName')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={issues.byField.name}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="org-kind-label">
            {t('organizations.createKind')}
          </Text>
          <SegmentedControl
            aria-labelledby="org-kind-label"
            value={kind}
            onChange={(value) => setKind(value === 'provider' ? 'provider' : 'client')}
            data={[
              { value: 'client', label: t('orgKind.client') },
              { value: 'provider', label: t('orgKind.provider') },
            ]}
            w="fit-content"
          />
        </Stack>
        <Button type="submit" loading={create.isPending} w="fit-content">
          {t('organizations.createSubmit')}
        </Button>
      </Stack>
    </form>
  );
}

function FirstAdminInvite({ org, onDone }: { org: OrganizationView; onDone: () => void }) {
  const { t } = useTranslation();
  if (org.kind === 'operator') return null;
  return (
    <Stack>
      <Stack gap={4}>
        <Title order={2} size="h4">
          {t('organizations.firstAdminTitle', { name: org.name })}
        </Title>
        <Text size="sm" c="dimmed">
          {t('organizations.firstAdminIntro')}
        </Text>
      </Stack>
      <InviteForm org={org} defaultRoles={[adminRoleByOrgKind[org.kind]]} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('organizations.done')}
        </Button>
      </Group>
    </Stack>
  );
}
