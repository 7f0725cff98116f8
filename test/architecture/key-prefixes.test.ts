/** Every capability's key prefixes and the platform's are registered, and no owner's overlaps another's. */
import { describe, expect, it } from 'vitest';
import { capabilities } from '../../functions/capabilities.js';
import { platformKeys } from '../../functions/core/platform-keys.js';
import { declaredKeyPrefixes, overlaps } from '../../functions/core/store/keys.js';

describe('key prefixes across the platform', () => {
  it('holds every capability’s and the platform’s prefixes, none overlapping another owner’s', () => {
    const declared = declaredKeyPrefixes().filter((k) => !k.owner.startsWith('test-owner'));
    for (const cap of capabilities) {
      for (const prefix of Object.values(cap.keyPrefixes ?? {})) expect(declared).toContainEqual({ owner: cap.name, prefix });
    }
    for (const prefix of Object.values(platformKeys)) expect(declared).toContainEqual({ owner: 'platform', prefix });
    for (const a of declared) for (const b of declared) if (a.owner !== b.owner) expect(overlaps(a.prefix, b.prefix), `${a.prefix} / ${b.prefix}`).toBe(false);
  });
});
