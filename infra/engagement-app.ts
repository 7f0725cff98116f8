/**
 * The stack as `cdk synth` builds it, shared by infra/app.ts and the infrastructure tests so the
 * tests check exactly what gets deployed.
 */
import type { App } from 'aws-cdk-lib';
import type { LoadedCapability } from '../functions/platform.js';
import { readDeploymentSettings } from './settings.js';
import { EngagementStack } from './stack.js';

export function defineEngagementStack(
  app: App,
  webAssetsDirectory: string,
  /** Every capability with its routes (functions/platform.ts `loadCapabilities()`). */
  capabilities: readonly LoadedCapability[],
): EngagementStack {
  const settings = readDeploymentSettings(app.node);
  return new EngagementStack(app, 'Engagement', {
    description: `Public engagement platform for ${settings.organisationName}`,
    // The region is pinned by the `region` context value, whatever the deployer's default region is;
    // the account is the one the credentials in use belong to.
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: settings.region },
    settings,
    capabilities,
    webAssetsDirectory,
  });
}
