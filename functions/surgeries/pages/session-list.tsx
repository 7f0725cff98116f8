/** /surgeries: upcoming published sessions by district, with how many slots are free (never who booked). */
import { councilAreaName, councilAreas } from '../../core/council-areas.js';
import { Button, Select, SummaryList } from '../../core/ui/components.js';
import { Layout } from '../../core/ui/layout.js';
import type { Session } from '../model.js';
import { sessionWhen } from './parts.js';

export function SessionListPage({ sessions, district }: { sessions: Array<{ session: Session; free: number }>; district?: string }) {
  const districts = councilAreas.filter((a) => sessions.some((s) => s.session.districtCode === a.code));
  const title = district ? `Surgeries for councils in ${councilAreaName(district)}` : 'Surgeries for parish and town councils';
  return (
    <Layout title={title} current="/surgeries">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-xl">{title}</h1>
          <p class="govuk-body-l">The Deputy Commissioner meets parish and town councils one to one, in a programme of surgeries in each district.</p>
          <p class="govuk-body">At a surgery your council can hear about the Commissioner’s role, raise your community’s concerns directly, and hear back about your dealings with the police. Councils are invited by email. You can also ask for a slot here: your council’s clerk then confirms it by email.</p>
          <form method="get" action="/surgeries" novalidate>
            <Select name="district" label="District" value={district ?? ''} options={[{ value: '', text: 'All districts' }, ...councilAreas.map((a) => ({ value: a.code, text: a.name }))]} />
            <Button secondary>Show surgeries</Button>
          </form>
          {sessions.length === 0 ? <p class="govuk-body">There are no surgeries with dates yet{district ? ' in this district' : ''}. Check again soon.</p> : null}
          {districts.map((area) => (
            <>
              <h2 class="govuk-heading-l">{area.name}</h2>
              {sessions
                .filter((s) => s.session.districtCode === area.code)
                .map(({ session, free }) => (
                  <div class="govuk-summary-card">
                    <div class="govuk-summary-card__title-wrapper">
                      <h3 class="govuk-summary-card__title">{sessionWhen(session)}</h3>
                    </div>
                    <div class="govuk-summary-card__content">
                      <SummaryList rows={[...sessionRowsShort(session), { key: 'Free slots', value: session.status === 'cancelled' ? 'Cancelled' : free === 0 ? 'None: all slots are booked' : String(free) }]} />
                      {session.status === 'published' && free > 0 ? (
                        <p class="govuk-body">
                          <a class="govuk-link" href={`/surgeries/sessions/${session.id}`}>
                            Choose a slot<span class="govuk-visually-hidden"> at {session.venueName} on {sessionWhen(session)}</span>
                          </a>
                        </p>
                      ) : null}
                    </div>
                  </div>
                ))}
            </>
          ))}
        </div>
      </div>
    </Layout>
  );
}

const sessionRowsShort = (s: Session) => [
  { key: 'Where', value: `${s.venueName}, ${s.venueAddress}` },
  { key: 'Step-free', value: s.venueKind === 'online' ? 'Online' : s.stepFree ? 'Yes' : 'No' },
];
