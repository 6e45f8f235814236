import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { useLocale } from '../hooks/useLocale';
import { i18n } from '../i18n';
import { PreferencesProvider } from './preferences';
import { queryClient } from './queryClient';
import { router } from './router';
import { theme } from './theme';

function LocalizedDates({ children }: { children: React.ReactNode }) {
  const locale = useLocale();
  return <DatesProvider settings={{ locale, firstDayOfWeek: 0, consistentWeeks: true }}>{children}</DatesProvider>;
}

export function App() {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <MantineProvider theme={theme} defaultColorScheme="light">
          <PreferencesProvider>
            <LocalizedDates>
              <Notifications position="top-right" />
              <RouterProvider router={router} />
            </LocalizedDates>
          </PreferencesProvider>
        </MantineProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
