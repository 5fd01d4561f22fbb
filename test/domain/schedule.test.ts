import { describe, expect, it } from 'vitest';
import { MILESTONE_KINDS, MILESTONE_NAMES, milestoneLabel } from '../../src/domain/schedule.ts';

describe('milestone names', () => {
  it('names every milestone kind, as sig-release writes it', () => {
    expect(Object.keys(MILESTONE_NAMES).sort()).toEqual([...MILESTONE_KINDS].sort());
    expect(MILESTONE_NAMES['code-freeze']).toBe('Code Freeze');
    expect(MILESTONE_NAMES.thaw).toBe('Thaw');
  });

  it('labels a pre-release row with its build and release day with its version', () => {
    expect(milestoneLabel('rc', { build: '1.31.0-rc.1' })).toBe('Release candidate 1.31.0-rc.1');
    expect(milestoneLabel('release', { build: null }, '1.31')).toBe('Release day (v1.31.0)');
    expect(milestoneLabel('code-freeze', { build: '1.31.0-rc.1' })).toBe('Code Freeze');
  });
});
