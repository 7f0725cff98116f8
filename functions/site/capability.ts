/**
 * The site itself: home page, privacy notice, accessibility statement, staff sign-in and the staff
 * console's home. Unknown paths in AWS land here (API Gateway's $default route) and get the 404 page.
 */
import { defineCapability } from '../core/capability.js';

export const site = defineCapability({
  name: 'site',
  pagePrefixes: ['/staff', '/sign-in'],
  pagePaths: ['/', '/privacy', '/accessibility', '/sign-out'],
});
