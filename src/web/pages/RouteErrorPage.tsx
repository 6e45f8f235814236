import { Button, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconBug } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { NotFoundPage } from './NotFoundPage';

/** The error boundary: a page that failed to render, said plainly, with a way out. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  const detail = error instanceof Error ? error.message : isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : null;
  return (
    <Paper withBorder p="xl" maw={640} mx="auto" mt="xl" role="alert">
      <Stack align="flex-start">
        <IconBug size={40} stroke={1.4} color="var(--mantine-color-red-6)" aria-hidden />
        <Title order={1} size="h2">
          {t('routeError.title')}
        </Title>
        <Text>{t('routeError.body')}</Text>
        {detail && <Code block>{detail}</Code>}
        <Group>
          <Button onClick={() => window.location.reload()}>{t('routeError.reload')}</Button>
          <Button component="a" href="/" variant="light">
            {t('routeError.home')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
