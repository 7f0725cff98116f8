/**
 * GET /meetings: upcoming public meetings, filtered by council area with a plain GET form so it works
 * without JavaScript and the filtered page can be bookmarked or shared.
 */
import { Button, Select } from '../../core/ui/components.js';
import { councilAreaName, councilAreas, type CouncilAreaCode } from '../../core/council-areas.js';
import { Layout } from '../../core/ui/layout.js';
import type { Meeting } from '../model.js';
import { whenText } from '../words.js';
import { Facts, placesText, plural } from './meeting-details.js';

/** The area code from the query string, or undefined for "All areas" (and for anything unknown). */
export function areaFromQuery(value: string | undefined): CouncilAreaCode | undefined {
  return councilAreas.find((a) => a.code === value)?.code;
}

export function MeetingListPage({ meetings, area, now }: { meetings: Meeting[]; area?: CouncilAreaCode; now: Date }) {
  const where = area ? ` in ${councilAreaName(area)}` : '';
  return (
    <Layout
      title={area ? `Public meetings in ${councilAreaName(area)}` : 'Public meetings'}
      description={`Upcoming public meetings with the Police and Crime Commissioner${where}: register for a free place, join a waiting list or send a question in advance.`}
      current="/meetings"
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-xl">Public meetings</h1>
          <p class="govuk-body-l">Come and meet the Police and Crime Commissioner, ask questions and tell us what matters where you live.</p>
          <form method="get" action="/meetings" novalidate>
            <Select
              name="area"
              label="Council area"
              value={area ?? ''}
              options={[{ value: '', text: 'All areas' }, ...councilAreas.map((a) => ({ value: a.code, text: a.name }))]}
            />
            <Button secondary>Filter</Button>
          </form>
          <h2 class="govuk-heading-m">
            {meetings.length === 0 ? `No upcoming meetings${where}` : `${plural(meetings.length, 'upcoming meeting')}${where}`}
          </h2>
          {meetings.length === 0 ? (
            <p class="govuk-body">
              {area ? (
                <>
                  Try <a class="govuk-link" href="/meetings">meetings in all areas</a>, or check again later.
                </>
              ) : (
                'Check again later: we add meetings through the year.'
              )}
            </p>
          ) : (
            <ul class="govuk-list">
              {meetings.map((m) => (
                <li>
                  <hr class="govuk-section-break govuk-section-break--m govuk-section-break--visible" />
                  <h3 class="govuk-heading-m govuk-!-margin-bottom-2">
                    <a class="govuk-link" href={`/meetings/${m.id}`}>
                      {m.title}
                    </a>
                  </h3>
                  <Facts
                    rows={[
                      { key: 'When', value: whenText(m) },
                      { key: 'Where', value: m.mode === 'online' ? 'Online' : m.mode === 'hybrid' ? `${m.venue}, and online` : m.venue },
                      { key: 'Council area', value: councilAreaName(m.areaCode) },
                      { key: 'Places', value: placesText(m, now) },
                    ]}
                  />
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Layout>
  );
}
