import { describe, expect, it } from 'vitest';
import { knownRoleKey, roleKey, shadowedRole } from '../../src/import/team/roles.ts';

describe('roleKey', () => {
  it.each([
    ['Lead', 'lead'],
    ['Release Team Lead', 'lead'],
    ['Emeritus Adviser', 'emeritus-adviser'],
    ['Emeritus Advisers', 'emeritus-adviser'],
    ['Features', 'enhancements'],
    ['Enhancements', 'enhancements'],
    ['Enhancements Lead', 'enhancements'],
    ['CI Signal', 'ci-signal'],
    ['Upgrade Testing / CI Signal', 'ci-signal'],
    ['Release Signal', 'release-signal'],
    ['Bugs', 'bug-triage'],
    ['Bug Triage', 'bug-triage'],
    ['Release Notes', 'release-notes'],
    ['Docs', 'docs'],
    ['Communications', 'comms'],
    ['Marketing coordinator', 'comms'],
    ['Release branch', 'branch-manager'],
    ['Branch Manager', 'branch-manager'],
    ['Infra', 'test-infra'],
    ['Test Infra', 'test-infra'],
    ['Patch Release Manager', 'patch-release'],
    ['Patch Release Managers', 'patch-release'],
  ])('maps %j to %j', (role, key) => {
    expect(roleKey(role)).toBe(key);
  });

  it('slugs roles it does not know', () => {
    expect(roleKey('Spiritual advisor')).toBe('spiritual-advisor');
    expect(roleKey('Approval Notifier')).toBe('approval-notifier');
    expect(knownRoleKey('Special thanks')).toBeNull();
  });
});

describe('shadowedRole', () => {
  it('names the role a shadow row belongs to', () => {
    expect(shadowedRole('Enhancements Shadows')).toBe('Enhancements');
    expect(shadowedRole('Lead Shadow')).toBe('Lead');
    expect(shadowedRole('Enhancements')).toBeNull();
    expect(shadowedRole('Shadow')).toBeNull();
  });
});
