/**
 * The platform's theme list: what people raise, in one vocabulary shared by surgeries, visits,
 * meetings and consultation comments, so the office can count a theme across all of them. The ids are
 * stored; the labels are what people read. Add a theme at the end; never reuse or rename an id (old
 * items keep it), retire it by moving it to `retiredThemes` so old items still show a label.
 *
 *   themeLabel('speeding-road-safety')  // 'Speeding and road safety'
 *   z.array(themeId)                     // validates a form's chosen themes
 */
import * as z from 'zod/mini';

export const themes = [
  { id: 'anti-social-behaviour', label: 'Anti-social behaviour' },
  { id: 'business-crime', label: 'Business crime and shoplifting' },
  { id: 'burglary', label: 'Burglary' },
  { id: 'speeding-road-safety', label: 'Speeding and road safety' },
  { id: 'rural-crime', label: 'Rural and wildlife crime' },
  { id: 'drugs', label: 'Drugs and drug dealing' },
  { id: 'violence-women-girls', label: 'Violence against women and girls' },
  { id: 'domestic-abuse', label: 'Domestic abuse' },
  { id: 'fraud-scams', label: 'Fraud and scams' },
  { id: 'vehicle-crime', label: 'Vehicle crime' },
  { id: 'hate-crime', label: 'Hate crime' },
  { id: 'youth-engagement', label: 'Young people and youth provision' },
  { id: 'police-visibility', label: 'Police visibility and neighbourhood policing' },
  { id: 'contacting-police', label: 'Contacting the police (101 and online)' },
  { id: 'parking', label: 'Parking' },
  { id: 'fly-tipping-environment', label: 'Fly-tipping and the environment' },
  { id: 'other', label: 'Other' },
] as const;

/** Ids no longer offered, kept so items that carry them still read well. */
const retiredThemes: readonly { id: string; label: string }[] = [];

export type ThemeId = (typeof themes)[number]['id'];

export const themeIds = themes.map((t) => t.id) as [ThemeId, ...ThemeId[]];

export const themeId = z.enum(themeIds, { error: 'Choose a theme from the list' });

export const isThemeId = (value: string): value is ThemeId => (themeIds as readonly string[]).includes(value);

export const themeLabel = (id: string): string => [...themes, ...retiredThemes].find((t) => t.id === id)?.label ?? id;
