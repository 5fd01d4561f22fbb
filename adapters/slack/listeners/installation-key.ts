import type { Context } from '@slack/bolt';
import type { InstallationKey } from '../../../src/storage/installations.ts';

/** The installation an event came through, from the context Bolt builds out of the envelope. */
export const eventInstallationKey = (context: Context): InstallationKey => ({
  enterpriseId: context.enterpriseId ?? null,
  teamId: context.isEnterpriseInstall ? null : (context.teamId ?? null),
  isEnterpriseInstall: context.isEnterpriseInstall === true,
});
