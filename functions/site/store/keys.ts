/**
 * The site's own items: the office's diary feeds (calendar-feeds.ts).
 *
 *   CALFEED#<id> / FEED                  a feed: label, whose diary, who made it, status (gsi1 CALFEEDS: <createdAt>#<id>)
 *   CALFEEDTOKEN#<sha256(token)> / TOKEN the feed its secret address stands for; `revokedAt` once revoked
 */
import type { Key } from '../../core/store/items.js';
import { keyPrefixes } from '../../core/store/keys.js';

export const siteKeys = keyPrefixes('site', { feed: 'CALFEED#', feedToken: 'CALFEEDTOKEN#', allFeeds: 'CALFEEDS' });

export const feedKey = (id: string): Key => ({ pk: `${siteKeys.feed}${id}`, sk: 'FEED' });
export const feedTokenKey = (tokenHash: string): Key => ({ pk: `${siteKeys.feedToken}${tokenHash}`, sk: 'TOKEN' });
