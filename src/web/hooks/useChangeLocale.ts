import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Locale, SessionView } from '../../shared/contracts/identity';
import { sessionApi } from '../api/endpoints';
import { changeLocale } from '../i18n';
import { sessionKey } from '../session/session';
import { useErrorText } from './useTranslator';

/**
 * Switches the UI language and remembers it: in this browser, and in the profile when someone
 * is signed in (so it follows them to other browsers).
 */
export function useChangeLocale(): (locale: Locale) => void {
  const queryClient = useQueryClient();
  const describe = useErrorText();
  const saveToProfile = useMutation({
    mutationFn: (locale: Locale) => sessionApi.updateProfile({ locale }),
    onSuccess: (session) => queryClient.setQueryData(sessionKey, session),
    onError: (error) => notifications.show({ color: 'red', message: describe(error).message }),
  });
  return (locale) => {
    void changeLocale(locale, { remember: true });
    const session = queryClient.getQueryData<SessionView | null>(sessionKey);
    if (session && session.user.locale !== locale) saveToProfile.mutate(locale);
  };
}
