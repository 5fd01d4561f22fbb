// Which questions are about managed platforms: EKS, AKS, GKE, OpenShift and ACK by name, or "managed platforms" and
// "cloud providers" as a group; Kubernetes' own in-tree cloud providers are a KEP, not a platform.
import { describe, expect, it } from 'vitest';
import { bundledEngine } from '../support/bundled-engine.ts';
import { renderText } from '../../../src/render/text.ts';

const engine = bundledEngine();

const NOW = new Date('2026-06-01T12:00:00Z');

describe('managed-platform recognition', () => {
  it.each([
    'which cloud providers support 1.33',
    'is 1.30 still supported on EKS',
    'managed kubernetes support for 1.32',
  ])('%j is a managed-platform question', (question) => {
    expect(engine().understand(question, NOW).kind).toBe('managed-platform');
  });

  it.each([
    'what happened to the in-tree cloud providers',
    'Removing in-tree cloud providers — done?',
    'when was the cloud provider code removed from kubernetes',
  ])('%j is about KEP-2395, not a platform', (question) => {
    const answer = engine().answer(question, NOW);
    expect(answer.intent).not.toBe('managed-platform');
    expect(renderText(answer)).toContain('KEP-2395');
  });
});
