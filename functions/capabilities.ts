/**
 * Every capability the platform runs: the composition root's list. To add one, create its folder under
 * functions/ (see docs/adding-a-capability.md) and list its manifest here. The local server, the tests
 * and the CDK app compose the platform from this list (core/platform.ts `composePlatform`); the CDK
 * stack builds each Lambda with these manifests as data (never another capability's modules), gives it
 * its functions, routes and settings, and the navigation shows it. Importing this file does nothing else.
 */
import { actions } from './actions/capability.js';
import { checkManifests } from './core/platform.js';
import { consultations } from './consultations/capability.js';
import { communityDays } from './community-days/capability.js';
import { meetings } from './meetings/capability.js';
import { reports } from './reports/capability.js';
import { site } from './site/capability.js';
import { subscriptions } from './subscriptions/capability.js';
import { surgeries } from './surgeries/capability.js';

export const capabilities = [site, meetings, surgeries, consultations, communityDays, actions, reports, subscriptions] as const;
checkManifests(capabilities);
