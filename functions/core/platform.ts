/**
 * The capabilities this platform runs, as the composition root (functions/capabilities.ts) registers
 * them. Core reads what capabilities declare from here (navigation, retention) without importing any
 * capability, so core stays below every capability and none depends on another.
 */
import type { Capability, HomeSection, NavItem, PublicCookie, StaffConsoleEntry } from './capability.js';
import type { RetentionRule } from './retention.js';

let registered: readonly Capability[] = [];

export function usePlatform<T extends readonly Capability[]>(capabilities: T): T {
  const names = new Set<string>();
  const markers = new Map<string, string>();
  for (const cap of capabilities) {
    if (names.has(cap.name)) throw new Error(`Two capabilities are called ${cap.name}`);
    names.add(cap.name);
    const marker = cap.mapLayer?.marker;
    if (marker === undefined) continue;
    if (!/^[A-Z]$/.test(marker)) throw new Error(`${cap.name}'s map marker must be one capital letter, not “${marker}”`);
    if (markers.has(marker)) throw new Error(`${markers.get(marker)} and ${cap.name} both mark their map points “${marker}”: give each layer its own letter`);
    markers.set(marker, cap.name);
  }
  registered = capabilities;
  return capabilities;
}

export const platformCapabilities = (): readonly Capability[] => registered;

export const publicNavigation = (): NavItem[] => registered.flatMap((c) => c.navigation?.public ?? []);

export const homeSections = (): HomeSection[] => registered.flatMap((c) => (c.home ? [c.home] : []));

export const staffConsoleEntries = (): StaffConsoleEntry[] => registered.flatMap((c) => c.navigation?.staff ?? []);

export const retentionRules = (): Array<RetentionRule & { capability: string }> =>
  registered.flatMap((c) => (c.retention ?? []).map((rule) => ({ ...rule, capability: c.name })));

/** Cookies capabilities set on public pages, for the privacy notice. */
export const publicCookies = (): PublicCookie[] => registered.flatMap((c) => c.publicCookies ?? []);
