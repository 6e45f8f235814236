import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { sessionApi } from '../api/endpoints';
import { activeMembershipOf, forgetAllButSession, sessionKey } from '../session/session';
import { useErrorText } from './useTranslator';

/** Makes another of the person's organisations the active one, and starts over on its home page. */
export function useSwitchOrganization() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const describe = useErrorText();
  return useMutation({
    mutationFn: sessionApi.switchOrganization,
    onSuccess: (next) => {
      // Everything cached was seen through the previous organisation's eyes.
      forgetAllButSession(queryClient);
      queryClient.setQueryData(sessionKey, next);
      notifications.show({ color: 'teal', message: t('header.switchedTo', { org: activeMembershipOf(next)?.orgName ?? '' }) });
      void navigate('/');
    },
    onError: (error) => notifications.show({ color: 'red', message: describe(error).message }),
  });
}
