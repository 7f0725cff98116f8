/**
 * Every capability the platform runs: the composition root. To add one, create its folder under
 * functions/ (see docs/adding-a-capability.md) and list its manifest here: the local server, the CDK
 * stack, the email delivery function and the navigation all pick it up from this list.
 */
import { actions } from './actions/capability.js';
import { usePlatform } from './core/platform.js';
import { consultations } from './consultations/capability.js';
import { communityDays } from './community-days/capability.js';
import { meetings } from './meetings/capability.js';
import { site } from './site/capability.js';
import { surgeries } from './surgeries/capability.js';

export const capabilities = usePlatform([site, meetings, surgeries, consultations, communityDays, actions]);
