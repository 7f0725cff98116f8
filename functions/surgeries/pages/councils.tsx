/** The list of parish and town councils by district, with its CSV download (and import, for admins). */
import { councilAreaName, councilAreas } from '../../core/council-areas.js';
import { formatLondonDate } from '../../core/time.js';
import type { Suppression } from '../../core/outbox/suppression.js';
import { Button, Select, Table, Tag } from '../../core/ui/components.js';
import { EmailStopped } from '../../core/ui/email-stopped.js';
import { StaffPage } from '../../core/ui/pages.js';
import { governanceKinds, labelOf, type Council } from '../model.js';
import { Attribution } from './parts.js';
import { CURRENT, link } from './staff-parts.js';

export function CouncilsPage({ councils, district, banner, canImport, stopped = new Map() }: { councils: Council[]; district?: string; banner?: string; /** Admins only may import the list. */ canImport: boolean; /** Clerks' addresses email has stopped for. */ stopped?: ReadonlyMap<string, Suppression> }) {
  const demo = councils.some((c) => c.note?.startsWith('Demo data'));
  return (
    <StaffPage title="Parish and town councils" current={CURRENT} back="/staff/surgeries" banner={banner} wide>
      <h1 class="govuk-heading-xl">Parish and town councils</h1>
      <div class="govuk-button-group">
        <a class="govuk-button" href="/staff/surgeries/councils/new" draggable="false">Add a council</a>
        {canImport ? link('/staff/surgeries/councils/import', 'Import from CSV') : null}
        {link('/staff/surgeries/councils.csv', 'Download as CSV')}
      </div>
      {demo ? <p class="govuk-inset-text">This list is demo data: civil parishes from the ONS list, not a verified list of councils. Only Blaby’s entries name real councils; the clerk addresses are made up.</p> : null}
      <form method="get" action="/staff/surgeries/councils" novalidate>
        <Select name="district" label="District" value={district ?? ''} options={[{ value: '', text: 'All districts' }, ...councilAreas.map((a) => ({ value: a.code, text: a.name }))]} />
        <Button secondary>Show councils</Button>
      </form>
      <Table
        head={['Council', 'District', 'Governance', 'Clerk', 'Last seen', 'Status']}
        rows={councils.map((c) => {
          const seen = Object.values(c.seen).sort().at(-1);
          return [
            link(`/staff/surgeries/councils/${c.id}`, c.name),
            councilAreaName(c.districtCode),
            labelOf(governanceKinds, c.governance),
            c.clerkEmail ? (
              <>
                {`${c.clerkName ?? ''} ${c.clerkEmail}`.trim()}
                {stopped.has(c.clerkEmail) ? (
                  <>
                    <br />
                    <EmailStopped suppression={stopped.get(c.clerkEmail)} />
                  </>
                ) : null}
              </>
            ) : (
              'No email address'
            ),
            seen ? formatLondonDate(seen) : 'Never',
            c.status === 'active' ? 'Active' : <Tag colour="grey">Retired</Tag>,
          ];
        })}
      />
      <Attribution />
    </StaffPage>
  );
}
