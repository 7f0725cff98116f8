/**
 * The platform as every function knows it: each capability's manifest, as data. Core reads what
 * capabilities declare from here (navigation, the home page, retention, cookies, settings, map layers)
 * without importing any capability, and no capability imports another's files to learn it.
 *
 * Who supplies it, explicitly, from the one list in functions/capabilities.ts:
 * - in AWS, the build: every Lambda is bundled with the manifests as a constant (esbuild `define`,
 *   infra/function-bundling.ts), so a Lambda carries the others' manifests as data, never their modules;
 * - under `npm start`, in tests and in the CDK app, the composition root calls `composePlatform`.
 *
 *   composePlatform(capabilities);      // local/server.ts, test/support/platform.ts
 *   platformCapabilities()              // anywhere: the manifests
 */
import type { Capability, HomeSection, NavItem, PublicCookie, StaffConsoleEntry } from './capability.js';
import type { DataCollected } from './people/declaration.js';
import { platformDataCollected } from './people/platform-data.js';
import { platformRetentionRules } from './platform-retention.js';
import type { RetentionRule } from './retention.js';
import { checkStreamConsumers } from './stream-consumers.js';

/** Set by the build of each Lambda (infra/function-bundling.ts); absent elsewhere. */
declare const __PLATFORM_MANIFESTS__: readonly Capability[] | undefined;

/** The global esbuild's `define` replaces, named so the build and this file agree. */
export const BUILT_MANIFESTS = '__PLATFORM_MANIFESTS__';

let composed: readonly Capability[] | undefined = typeof __PLATFORM_MANIFESTS__ === 'undefined' ? undefined : __PLATFORM_MANIFESTS__;

/** Checks the manifests belong together (names, map markers); throws naming the clash. */
export function checkManifests(capabilities: readonly Capability[]): void {
  const names = new Set<string>();
  const markers = new Map<string, string>();
  for (const cap of capabilities) {
    if (names.has(cap.name)) throw new Error(`Two capabilities are called ${cap.name}`);
    names.add(cap.name);
    checkStreamConsumers(cap);
    const marker = cap.mapLayer?.marker;
    if (marker === undefined) continue;
    if (!/^[A-Z]$/.test(marker)) throw new Error(`${cap.name}'s map marker must be one capital letter, not “${marker}”`);
    if (markers.has(marker)) throw new Error(`${markers.get(marker)} and ${cap.name} both mark their map points “${marker}”: give each layer its own letter`);
    markers.set(marker, cap.name);
  }
}

/** The composition root's call: these are the capabilities this platform runs. */
export function composePlatform<T extends readonly Capability[]>(capabilities: T): T {
  checkManifests(capabilities);
  composed = capabilities;
  return capabilities;
}

/** The manifests as JSON for the build's `define`: data only (a manifest holds no code). */
export const manifestsForBuild = (capabilities: readonly Capability[]): string => {
  checkManifests(capabilities);
  return JSON.stringify(capabilities);
};

export function platformCapabilities(): readonly Capability[] {
  if (!composed) {
    throw new Error('The platform has not been composed: a Lambda gets its manifests from the build, npm start and tests from composePlatform (functions/capabilities.ts)');
  }
  return composed;
}

export const publicNavigation = (): NavItem[] => platformCapabilities().flatMap((c) => c.navigation?.public ?? []);

export const homeSections = (): HomeSection[] => platformCapabilities().flatMap((c) => (c.home ? [c.home] : []));

export const staffConsoleEntries = (): StaffConsoleEntry[] => platformCapabilities().flatMap((c) => c.navigation?.staff ?? []);

/** Every rule the privacy notice lists: each capability's, then the platform's own (platform-retention.ts). */
export const retentionRules = (): Array<RetentionRule & { capability: string }> => [
  ...platformCapabilities().flatMap((c) => (c.retention ?? []).map((rule) => ({ ...rule, capability: c.name }))),
  ...platformRetentionRules.map((rule) => ({ ...rule, capability: 'platform' })),
];

/** What each service collects, why, on what basis and who receives it (each capability's declaration), then the platform's own: the privacy notice lists them. */
export const dataCollected = (): Array<{ service: string; collects: readonly DataCollected[] }> => [
  ...platformCapabilities().flatMap((c) => (c.personalData ? [{ service: c.personalData.label, collects: c.personalData.collects }] : [])),
  { service: 'The whole website', collects: platformDataCollected },
];

/** The services people take part in, in words: each capability that takes their details (for the accessibility statement; the year's figures are read, not taken part in). */
export const servicesInWords = (): string => {
  const names = platformCapabilities().flatMap((c) => (c.personalData && !c.personalData.staffOnly ? [c.personalData.label.toLowerCase()] : []));
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
};

/** Cookies capabilities set on public pages, for the privacy notice. */
export const publicCookies = (): PublicCookie[] => platformCapabilities().flatMap((c) => c.publicCookies ?? []);

/** One capability's manifest, by name. */
export function capabilityNamed(name: string): Capability {
  const found = platformCapabilities().find((c) => c.name === name);
  if (!found) throw new Error(`No capability is called ${name}`);
  return found;
}
