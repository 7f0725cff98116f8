/** What the platform checks of the capabilities it is given, before it runs any of them. */
import { describe, expect, it } from 'vitest';
import { defineCapability } from './capability.js';
import { composePlatform, manifestsForBuild, platformCapabilities } from './platform.js';

const layer = (name: string, label: string, marker: string) => defineCapability({ name, pagePrefixes: [`/${name}`], mapLayer: { label, marker } });

describe('the platform', () => {
  it('refuses two map layers marked with the same letter, or a marker that is not one capital letter, and keeps what it had', () => {
    const before = platformCapabilities();
    expect(() => composePlatform([layer('meetings-test', 'Public meetings', 'M'), layer('surgeries-test', 'Parish surgeries', 'M')])).toThrow(
      'meetings-test and surgeries-test both mark their map points “M”: give each layer its own letter',
    );
    expect(() => composePlatform([layer('surgeries-test', 'Parish surgeries', 'Su')])).toThrow('one capital letter');
    expect(platformCapabilities()).toBe(before);
  });

  it('refuses a stream consumer woken by keys that are not its own capability’s, named like a file it already has, or read outside AWS’s ranges', () => {
    const before = platformCapabilities();
    const consumer = { name: 'decider', description: 'decides', inserted: { pkPrefix: 'THING#', skPrefix: 'REQUEST#' }, batchSize: 100, batchingWindowSeconds: 1, retryAttempts: 3, timeoutSeconds: 60 };
    const withConsumer = (c: Partial<Omit<typeof consumer, 'inserted'>> & { inserted?: { pkPrefix: string; skPrefix?: string } }) => defineCapability({ name: 'things-test', pagePrefixes: ['/things'], keyPrefixes: { thing: 'THING#' }, streamConsumers: [{ ...consumer, ...c }] });
    expect(() => composePlatform([withConsumer({})])).not.toThrow();
    composePlatform(before);
    expect(() => composePlatform([withConsumer({ inserted: { pkPrefix: 'MEETING#' } })])).toThrow("things-test's stream consumer “decider” must be woken by things-test's own keys (THING#) or a contract of core's (ANNOUNCEMENT#), not MEETING#");
    expect(() => composePlatform([withConsumer({ name: 'delivery' })])).toThrow('name it with lower-case letters');
    expect(() => composePlatform([withConsumer({ batchingWindowSeconds: 0.5 })])).toThrow('batchingWindowSeconds must be a whole number from 0 to 300');
    expect(() => composePlatform([withConsumer({ timeoutSeconds: 901 })])).toThrow('timeoutSeconds');
    expect(platformCapabilities()).toBe(before);
  });

  it('runs capabilities whose map layers are each marked differently', () => {
    const markers = platformCapabilities().flatMap((c) => (c.mapLayer ? [c.mapLayer.marker] : []));
    expect(markers.length).toBeGreaterThanOrEqual(2);
    expect(new Set(markers).size).toBe(markers.length);
  });
});

describe('the platform as a Lambda knows it', () => {
  it('travels as data: the manifests survive JSON (a manifest holds no code) and come back the same', () => {
    const manifests = platformCapabilities();
    expect(JSON.parse(manifestsForBuild(manifests))).toEqual(JSON.parse(JSON.stringify(manifests)));
    for (const manifest of manifests) expect(JSON.stringify(manifest)).not.toMatch(/=>|function/);
  });
});
