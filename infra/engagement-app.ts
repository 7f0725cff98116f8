/**
 * The stacks as `cdk synth` builds them, shared by infra/app.ts and the infrastructure tests so the
 * tests check exactly what gets deployed: the site's stack in the `region` context value, and the
 * firewall in front of it in us-east-1 (where AWS WAF keeps web ACLs for CloudFront), whose ARN the
 * site's stack reads through CDK's cross-region references.
 */
import type { App } from 'aws-cdk-lib';
import type { LoadedCapability } from '../functions/platform.js';
import { renderBusyPages } from './busy-pages.js';
import { EdgeProtectionStack } from './edge-protection.js';
import { readDeploymentSettings } from './settings.js';
import { EngagementStack } from './stack.js';

export function defineEngagementStack(
  app: App,
  webAssetsDirectory: string,
  /** Every capability with its routes (functions/platform.ts `loadCapabilities()`). */
  capabilities: readonly LoadedCapability[],
): EngagementStack {
  const settings = readDeploymentSettings(app.node);
  // The account is the one the credentials in use belong to; each stack's region is pinned.
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const busyPages = renderBusyPages(settings.organisationName);
  const edge = new EdgeProtectionStack(app, 'EngagementEdge', {
    description: `Firewall in front of the public engagement platform for ${settings.organisationName}`,
    env: { account, region: 'us-east-1' },
    tooManyRequestsPage: busyPages.tooManyRequests,
    serviceBusyPage: busyPages.serviceBusy,
  });
  return new EngagementStack(app, 'Engagement', {
    description: `Public engagement platform for ${settings.organisationName}`,
    // The region is pinned by the `region` context value, whatever the deployer's default region is.
    env: { account, region: settings.region },
    crossRegionReferences: true,
    settings,
    capabilities,
    webAssetsDirectory,
    edge,
    serviceBusyPage: busyPages.serviceBusy,
  });
}
