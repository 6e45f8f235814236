import { createBrowserRouter } from 'react-router';
import { Loading } from '../components/Loading';
import { AppLayout } from '../layout/AppLayout';
import { HomePage } from '../pages/HomePage';
import { LoginPage } from '../pages/LoginPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { RouteErrorPage } from '../pages/RouteErrorPage';
import { RequireSession } from '../session/RequireSession';

/**
 * Sign-in and home load with the app; the other pages load when first opened. Each lazy page
 * module guards itself (roles), so the guard travels with the code it protects.
 */
export const router = createBrowserRouter([
  {
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <Loading fullPage />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        path: '/invitations/accept',
        lazy: async () => ({ Component: (await import('../pages/AcceptInvitationPage')).AcceptInvitationPage }),
      },
      {
        element: (
          <RequireSession>
            <AppLayout />
          </RequireSession>
        ),
        children: [
          {
            // Errors inside a page keep the shell, so people can still navigate away.
            errorElement: <RouteErrorPage />,
            children: [
              { index: true, element: <HomePage /> },
              { path: 'members', lazy: async () => ({ Component: (await import('../pages/members/MembersPage')).ActiveOrgMembersPage }) },
              {
                path: 'organizations/:orgId/members',
                lazy: async () => ({ Component: (await import('../pages/members/MembersPage')).OrgMembersPage }),
              },
              { path: 'organizations', lazy: async () => ({ Component: (await import('../pages/OrganizationsPage')).OrganizationsRoute }) },
              {
                path: 'engagements',
                lazy: async () => ({ Component: (await import('../pages/engagements/EngagementListPage')).EngagementListRoute }),
              },
              {
                path: 'engagements/new',
                lazy: async () => ({ Component: (await import('../pages/engagements/NewEngagementPage')).NewEngagementRoute }),
              },
              {
                path: 'engagements/:id/edit',
                lazy: async () => ({ Component: (await import('../pages/engagements/EditBriefPage')).EditBriefPage }),
              },
              {
                path: 'engagements/:id/models/:modelId',
                lazy: async () => ({ Component: (await import('../pages/financial-models/WorkbenchPage')).WorkbenchPage }),
              },
              {
                path: 'engagements/:id/:tab?',
                lazy: async () => ({ Component: (await import('../pages/engagements/EngagementPage')).EngagementPage }),
              },
              {
                path: 'providers',
                lazy: async () => ({ Component: (await import('../pages/providers/ProviderScorecardsPage')).ProviderScorecardsRoute }),
              },
              { path: 'audit', lazy: async () => ({ Component: (await import('../pages/audit/AuditLogPage')).AuditLogRoute }) },
              { path: 'settings', lazy: async () => ({ Component: (await import('../pages/settings/SettingsPage')).SettingsPage }) },
              // Time (#14): one's own week and load, a colleague's for those who approve or manage them.
              { path: 'time', lazy: async () => ({ Component: (await import('../pages/time/TimesheetPage')).OwnTimesheetRoute }) },
              {
                path: 'time/people/:userId',
                lazy: async () => ({ Component: (await import('../pages/time/TimesheetPage')).PersonTimesheetRoute }),
              },
              { path: 'time/approvals', lazy: async () => ({ Component: (await import('../pages/time/ApprovalsPage')).ApprovalsRoute }) },
              { path: 'time/load', lazy: async () => ({ Component: (await import('../pages/time/LoadPage')).OwnLoadRoute }) },
              { path: 'time/load/:userId', lazy: async () => ({ Component: (await import('../pages/time/LoadPage')).PersonLoadRoute }) },
              {
                path: 'capacity',
                lazy: async () => ({ Component: (await import('../pages/capacity/CapacityBoardPage')).CapacityBoardRoute }),
              },
              { path: 'reviews', lazy: async () => ({ Component: (await import('../pages/reviews/ReviewQueuePage')).ReviewQueuePage }) },
              {
                path: 'calibration',
                lazy: async () => ({ Component: (await import('../pages/calibration/CalibrationPage')).CalibrationRoute }),
              },
              {
                path: 'calibration/:roundId',
                lazy: async () => ({ Component: (await import('../pages/calibration/CalibrationRoundPage')).CalibrationRoundRoute }),
              },
              {
                path: 'settings/rubrics',
                lazy: async () => ({ Component: (await import('../pages/reviews/RubricTemplatesPage')).RubricTemplatesPage }),
              },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);
