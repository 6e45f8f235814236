import { describe, expect, it } from 'vitest';
import type { OrgPermission } from '../../shared/contracts/identity';
import { can, canAny, canManageMembersOf, navigationFor } from './access';

/** A membership as the session gives it: the server's policy has already decided its permissions. */
const member = (...permissions: OrgPermission[]) => ({ orgId: 'org-1', permissions });
const navKeys = (m: ReturnType<typeof member> | undefined) => navigationFor(m).map((i) => i.key);

describe('navigationFor', () => {
  it('shows exactly the pages the server opened, in a fixed order', () => {
    expect(navKeys(member('engagements.list'))).toEqual(['home', 'engagements', 'settings']);
    expect(navKeys(member('audit.read', 'members.manage', 'scorecards.read', 'engagements.list'))).toEqual([
      'home',
      'engagements',
      'providers',
      'members',
      'audit',
      'settings',
    ]);
    expect(navKeys(member('organizations.manage', 'members.manage', 'audit.read'))).toEqual([
      'home',
      'members',
      'organizations',
      'audit',
      'settings',
    ]);
  });

  it('opens the review queue, calibration and rubric templates by their own permissions', () => {
    // A client admin, as the policy decides it: the queue, running calibration, keeping rubrics.
    expect(navKeys(member('engagements.list', 'reviews.queue', 'rubrics.manage', 'calibration.take', 'calibration.manage'))).toEqual([
      'home',
      'engagements',
      'reviews',
      'calibration',
      'rubrics',
      'settings',
    ]);
    // A reviewer: the queue, taking part in calibration, and the rubrics to read.
    expect(navKeys(member('engagements.list', 'reviews.queue', 'calibration.take'))).toEqual([
      'home',
      'engagements',
      'reviews',
      'calibration',
      'rubrics',
      'settings',
    ]);
    // Running calibration without taking part still opens the page.
    expect(navKeys(member('calibration.manage'))).toEqual(['home', 'calibration', 'settings']);
    expect(navKeys(member('rubrics.manage'))).toEqual(['home', 'rubrics', 'settings']);
  });

  it('opens the timesheet, approvals and load by their own permissions', () => {
    // An analyst: their own week and load; a delivery manager approves others' weeks too.
    expect(navKeys(member('engagements.list', 'time.own', 'load.own'))).toEqual(['home', 'engagements', 'timesheet', 'load', 'settings']);
    expect(navKeys(member('time.own', 'time.approve', 'load.own'))).toEqual(['home', 'timesheet', 'approvals', 'load', 'settings']);
    // A provider's managers also open the capacity board (#14).
    expect(navKeys(member('time.own', 'time.approve', 'load.own', 'capacity.board'))).toEqual([
      'home',
      'timesheet',
      'approvals',
      'load',
      'capacity',
      'settings',
    ]);
    // A client's finance person keeps a week but has no load (a provider person's alone).
    expect(navKeys(member('time.own'))).toEqual(['home', 'timesheet', 'settings']);
  });

  it('shows the basics while no membership is known', () => {
    expect(navKeys(undefined)).toEqual(['home', 'settings']);
  });
});

describe('can', () => {
  it('is what the session says, nothing worked out from roles', () => {
    expect(can(member('webhooks.manage'), 'webhooks.manage')).toBe(true);
    expect(can(member(), 'webhooks.manage')).toBe(false);
    expect(can(undefined, 'engagements.list')).toBe(false);
  });

  it('opens a door with several keys when any one of them is held', () => {
    expect(canAny(member('calibration.take'), ['calibration.take', 'calibration.manage'])).toBe(true);
    expect(canAny(member('reviews.queue'), ['calibration.take', 'calibration.manage'])).toBe(false);
    expect(canAny(undefined, ['calibration.take'])).toBe(false);
  });
});

describe('canManageMembersOf', () => {
  it('lets an admin manage their own organisation only', () => {
    expect(canManageMembersOf(member('members.manage'), 'org-1')).toBe(true);
    expect(canManageMembersOf(member('members.manage'), 'org-2')).toBe(false);
  });

  it('lets the operator manage any organisation', () => {
    expect(canManageMembersOf(member('members.manage', 'organizations.manage'), 'org-2')).toBe(true);
  });
});
