/**
 * The site itself: home page, privacy notice, accessibility statement, staff sign-in, the staff
 * console's home, and the office's diary feeds (calendar subscriptions composed from every capability's
 * `diary` declaration). Unknown paths in AWS land here (API Gateway's $default route) and get the 404 page.
 */
import { defineCapability } from '../core/capability.js';
import { siteKeys } from './store/keys.js';

export const site = defineCapability({
  name: 'site',
  pagePrefixes: ['/staff', '/sign-in', '/diary'],
  pagePaths: ['/', '/privacy', '/accessibility', '/sign-out'],
  keyPrefixes: siteKeys,
});
