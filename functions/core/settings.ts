/**
 * A capability's settings, declared in its manifest as data (name, type, default, meaning) and read
 * the same way everywhere: from the environment under `npm start` and in tests, from CDK context in AWS
 * (the stack checks the value with the same rules at synth and passes it to the capability's functions
 * as the environment variable). The README's settings table is checked against these declarations.
 *
 *   settings: [wholeNumberSetting({ name: 'confirmHours', env: 'SURGERY_CONFIRM_HOURS', default: 48, min: 1, max: 336,
 *                meaning: 'Hours a clerk has to confirm a request made on the public page' })]
 *   const { confirmHours } = settingsOf(surgeries);   // { confirmHours: 48 }
 */
import * as z from 'zod/mini';
import type { Capability } from './capability.js';

interface SettingBase {
  /** How the code names it, e.g. `confirmHours`. */
  name: string;
  /** The environment variable, e.g. `SURGERY_CONFIRM_HOURS`; its CDK context key is the same in camelCase (`surgeryConfirmHours`). */
  env: string;
  /** What it does, for the README and the error when a value is wrong. */
  meaning: string;
}

/** A rule beyond the type, as data: a regular expression's source and what it asks for in words. */
export interface SettingPattern {
  regex: string;
  says: string;
}

export type SettingDeclaration =
  | (SettingBase & { type: 'whole number'; default: number; min: number; max: number })
  | (SettingBase & { type: 'text'; default?: string; maxLength: number; /** Another setting that must be set with this one. */ requires?: string })
  | (SettingBase & { type: 'url'; default?: string; pattern?: SettingPattern; requires?: string });

export const wholeNumberSetting = (s: Omit<Extract<SettingDeclaration, { type: 'whole number' }>, 'type'>): SettingDeclaration => ({ type: 'whole number', ...s });
export const textSetting = (s: Omit<Extract<SettingDeclaration, { type: 'text' }>, 'type'>): SettingDeclaration => ({ type: 'text', ...s });
export const urlSetting = (s: Omit<Extract<SettingDeclaration, { type: 'url' }>, 'type'>): SettingDeclaration => ({ type: 'url', ...s });

/** `SURGERY_CONFIRM_HOURS` → `surgeryConfirmHours`: the CDK context key. */
export const contextKey = (env: string) => env.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The default as the README shows it. */
export const defaultText = (s: SettingDeclaration) => (s.default === undefined ? 'unset' : String(s.default));

/** One value as text (the environment's form) → its value, or the message saying what is wrong with it. */
export function readSetting(s: SettingDeclaration, text: string | undefined): { value: number | string | undefined } | { problem: string } {
  const given = text === undefined || text === '' ? undefined : text.trim();
  if (given === undefined) return { value: s.default };
  switch (s.type) {
    case 'whole number': {
      if (!/^\d{1,9}$/.test(given)) return { problem: `${s.env} must be a whole number from ${s.min} to ${s.max}` };
      const n = Number(given);
      return n < s.min || n > s.max ? { problem: `${s.env} must be a whole number from ${s.min} to ${s.max}` } : { value: n };
    }
    case 'text':
      return given.length > s.maxLength ? { problem: `${s.env} must be at most ${s.maxLength} characters` } : { value: given };
    case 'url':
      if (!z.safeParse(z.url({ protocol: /^https?$/ }), given.replace(/\{[a-z]\}/g, '0')).success) return { problem: `${s.env} must be an http(s) address` };
      return s.pattern && !new RegExp(s.pattern.regex).test(given) ? { problem: `${s.env} must be ${s.pattern.says}` } : { value: given };
  }
}

export type SettingValues = Record<string, number | string | undefined>;

/** Every declared setting of `declared`, read from `env`; throws naming each wrong value. */
export function readSettings(declared: readonly SettingDeclaration[], env: Record<string, string | undefined> = process.env): SettingValues {
  const values: SettingValues = {};
  const problems: string[] = [];
  for (const s of declared) {
    const read = readSetting(s, env[s.env]);
    if ('problem' in read) problems.push(read.problem);
    else values[s.name] = read.value;
  }
  for (const s of declared) {
    if ('requires' in s && s.requires && values[s.name] !== undefined) {
      const other = declared.find((d) => d.name === s.requires || d.env === s.requires);
      if (other && values[other.name] === undefined) problems.push(`${other.env} must be set with ${s.env}`);
    }
  }
  if (problems.length) throw new Error(`Settings: ${problems.join('; ')}`);
  return values;
}

const cache = new Map<string, { key: string; values: SettingValues }>();

/**
 * A capability's settings, read again only when one of its variables has changed (tests point a
 * setting elsewhere for a while), typed by the caller: `settingsOf<{ confirmHours: number }>(surgeries)`.
 */
export function settingsOf<T extends SettingValues>(capability: Pick<Capability, 'name' | 'settings'>): T {
  const declared = capability.settings ?? [];
  const key = declared.map((s) => process.env[s.env] ?? '').join('\u0000');
  let cached = cache.get(capability.name);
  if (cached?.key !== key) {
    cached = { key, values: readSettings(declared) };
    cache.set(capability.name, cached);
  }
  return cached.values as T;
}
