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
