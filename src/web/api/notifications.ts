import type { NotificationView } from '../../shared/contracts/notifications';
import { apiRequest } from './client';

export interface NotificationPage {
  items: NotificationView[];
  unread: number;
}

/** The bell (src/server/routes/notifications.ts). */
export const notificationsApi = {
  list: (limit = 30) => apiRequest<NotificationPage>('GET', '/api/notifications', { query: { limit } }),
  markAllRead: () => apiRequest<{ unread: number }>('POST', '/api/notifications/read', { body: { all: true } }),
  markRead: (ids: string[]) => apiRequest<{ unread: number }>('POST', '/api/notifications/read', { body: { ids } }),
};
