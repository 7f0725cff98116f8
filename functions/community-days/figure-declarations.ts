/**
 * The figures community days report (manifest data; core/period-figures.ts): counted in each visit's
 * transaction by ./figures.ts into the quarter the visit started in, London time.
 */
import { engagementFigures, type FigureDeclaration } from '../core/period-figures.js';

const counted = 'Each visit logged (not deleted) that started in the period, London time, once';

export const visitFigures: readonly FigureDeclaration[] = [
  { id: 'community-days', name: 'Community days', definition: 'Visits the office logged to a place in a council area to meet residents and groups', unit: 'count', counted, from: { sum: ['days'] } },
  ...engagementFigures('Community days', counted),
  {
    id: 'council-areas-covered',
    name: 'Council areas visited',
    definition: 'Council areas with at least one community day (the target is two a year in each of the nine)',
    unit: 'count',
    counted: 'The council areas of the visits that started in the period, each area once',
    from: { distinct: 'areas' },
  },
  {
    id: 'council-areas-twice',
    name: 'Council areas visited at least twice',
    definition: 'Council areas with two community days or more: the target is each of the nine twice a year',
    unit: 'count',
    counted: 'The council areas of the visits that started in the period, counting an area once it has two',
    from: { distinct: 'areas', atLeast: 2 },
  },
  { id: 'groups-met', name: 'Community groups met', definition: 'Organisations named among those met on community days', unit: 'count', counted: `${counted}; each organisation named on a visit`, from: { sum: ['groups'] } },
  { id: 'people-met', name: 'People met on community days', definition: 'Residents, councillors and others met, as counted on the day', unit: 'count', counted: `${counted}; the people recorded as met`, from: { sum: ['people'] } },
];
