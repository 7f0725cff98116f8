/**
 * What a capability (meetings, surgeries, consultations, visits, the site itself) declares to the
 * platform: a small manifest of data, listed in functions/capabilities.ts. Everything heavy lives in
 * files the platform finds by name in the capability's folder, so each Lambda bundles only what it runs:
 *
 *   functions/<name>/capability.ts   this manifest (every function reads it: navigation, retention)
 *   functions/<name>/app.tsx         `app` (Hono) and `api` (route specs): pages and JSON API
 *   functions/<name>/handler.ts      the Lambda entry for its requests
 *   functions/<name>/delivery.ts     its email Lambda, `emailDelivery(emails)` of its email kinds, when `emails: true`
 *   functions/<name>/scheduled.ts    `handler`, when `scheduled` is set: run on a timer
 *   functions/<name>/<consumer>.ts   `handler = streamHandler(...)`, for each of its `streamConsumers`: woken by the table's stream
 *   functions/<name>/seed.ts         `seedDemoData`, when `demoData: true`: run by `npm start`
 *
 * What it shows of another capability reaches it through the table (docs/adding-a-capability.md):
 * map points (core/map-layers.ts) when `mapLayer` is set, actions (core/actions/) when `raisesActions` is.
 */
import type { DiaryDeclaration } from './diary.js';
import type { FigureDeclaration } from './period-figures.js';
import type { PersonalData } from './people/declaration.js';
import type { RetentionRule } from './retention.js';
import type { SettingDeclaration } from './settings.js';
import type { StreamConsumerDeclaration } from './streams.js';

export interface NavItem {
  href: string;
  text: string;
}

/** A capability's section on the home page: what people can do with it, and the way in. */
export interface HomeSection {
  heading: string;
  intro: string;
  /** "You can:" bullet points. */
  points?: readonly string[];
  href: string;
  linkText: string;
}

export interface StaffConsoleEntry extends NavItem {
  /** A line under the link on the staff console's home page. */
  description: string;
}

export interface Capability {
  /** Short, kebab-case: the folder under functions/ and the Lambda's name. */
  name: string;
  /** Path prefixes of its HTML pages, e.g. `/meetings`, `/staff/meetings` (each with everything under it). */
  pagePrefixes: readonly string[];
  /** Page paths served exactly (no sub-paths), e.g. `/privacy`. */
  pagePaths?: readonly string[];
  navigation?: {
    /** Links in the public service navigation. */
    public?: readonly NavItem[];
    /** Entries in the staff navigation and on the staff console's home page. */
    staff?: readonly StaffConsoleEntry[];
  };
  /** Its section on the home page. */
  home?: HomeSection;
  /** The personal data it keeps and for how long: the privacy notice lists these. */
  retention?: readonly RetentionRule[];
  /** The partition-key prefixes it writes (from keyPrefixes(), which checks them against every other owner's). */
  keyPrefixes?: Readonly<Record<string, string>>;
  /** Work on a timer: every `everyMinutes` from EventBridge in AWS, on an interval under `npm start`. */
  scheduled?: { everyMinutes: number };
  /** It sends email: `emails/index.ts` declares its kinds, and `delivery.ts` is its email Lambda (core/outbox/delivery.ts). */
  emails?: boolean;
  /**
   * Work the table's stream drives (core/streams.ts): each a Lambda (`<name>.ts`, `streamHandler`) with an
   * event source mapping letting through only new items whose keys begin as declared, in AWS as under
   * `npm start` and in tests (local/stream-consumers.ts). Only its own keys: see core/stream-consumers.ts.
   */
  streamConsumers?: readonly StreamConsumerDeclaration[];
  /** It has demo data for `npm start` (`seed.ts`). */
  demoData?: boolean;
  /**
   * It puts points on the staff map (`mapPointWrite` in its transactions, core/map-layers.ts), shown as
   * a layer with this label, each point marked with `marker` (one letter, unlike any other layer's, so
   * the layers differ by more than colour).
   */
  mapLayer?: { label: string; marker: string };
  /**
   * Staff raise actions from its work on its pages (`newAction` + `putAction` in its transactions,
   * core/actions/): the action log offers it as a source and says so.
   */
  raisesActions?: boolean;
  /**
   * Its public pages show the outcomes of the actions it raised that staff made public ("what happened
   * next", core/actions/public-outcomes.ts): the action log offers to make such an action public.
   */
  showsActionOutcomes?: boolean;
  /**
   * Its settings (core/settings.ts): each from the environment locally and CDK context in AWS, with its
   * type, default and meaning; the README lists them.
   */
  settings?: readonly SettingDeclaration[];
  /**
   * The figures it reports (core/period-figures.ts): what each is, its unit, how a period's is counted,
   * and how it is made from the per-quarter counters it writes with its records. The reports capability
   * shows them; no report Queries its records.
   */
  figures?: readonly FigureDeclaration[];
  /**
   * The personal data it collects (the privacy notice lists it) and each kind of record holding a
   * person's address, which staff find, export, correct and erase from one search (core/people/).
   */
  personalData?: PersonalData;
  /**
   * Its events in the office's diary (core/diary.ts): where they are kept by start, and which attributes
   * say what, when, where and for whom. The calendar feeds read them by Query.
   */
  diary?: readonly DiaryDeclaration[];
  /** Cookies it sets on public pages (strictly necessary ones only): the privacy notice lists them. */
  publicCookies?: readonly PublicCookie[];
}

export interface PublicCookie {
  name: string;
  /** What it does and how long it lasts, completing "‘name’ …", e.g. "keeps your answers between pages; it expires after a year". */
  purpose: string;
}

export const defineCapability = (capability: Capability): Capability => capability;
