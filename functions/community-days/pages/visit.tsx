/**
 * One visit as staff see it: its details, the actions arising (each linking to the action log), its
 * history, and the ways to edit it, add an action or (admins) delete it; and the page shown when
 * someone else changed or deleted it meanwhile.
 */
import { DueText } from '../../core/actions/due-text.js';
import { ownerLabel, statusLabel, type Action } from '../../core/actions/model.js';
import { councilAreaName } from '../../core/council-areas.js';
import { wardName } from '../../core/geography.js';
import { themeLabel } from '../../core/themes.js';
import { formatLondon, formatLondonDate, formatLondonTime } from '../../core/time.js';
import { Paragraphs } from '../../core/ui/choices.js';
import { NotificationBanner, SummaryList, Table } from '../../core/ui/components.js';
import { StaffPage } from '../../core/ui/pages.js';
import { metKindLabel, type Visit } from '../model.js';
import { MapStyles } from './map-assets.js';
import { CURRENT } from './visit-list.js';

/** Text staff or the public wrote, or "None". */
const Written = ({ text }: { text?: string }) => (text ? <Paragraphs text={text} className="govuk-body govuk-!-text-break-word" /> : <>None</>);

function ActionsTable({ actions, today }: { actions: Action[]; today: string }) {
  if (!actions.length) return <p class="govuk-body">No actions yet.</p>;
  return (
    <Table
      caption="Actions arising from this visit"
      head={['What', 'Status', 'Owner', 'Due']}
      rows={actions.map((a) => [
        <a class="govuk-link govuk-!-text-break-word" href={`/staff/actions/${a.id}`}>
          {a.what}
        </a>,
        statusLabel(a.status),
        ownerLabel(a.owner),
        <DueText action={a} today={today} none="None" />,
      ])}
    />
  );
}

export function VisitPage({ visit, actions, today, banner, canDelete }: { visit: Visit; actions: Action[]; today: string; banner?: string; /** Admins only may delete a visit. */ canDelete: boolean }) {
  const path = `/staff/community-days/visits/${visit.id}`;
  return (
    <StaffPage title={`Visit to ${visit.placeName}`} current={CURRENT} back={CURRENT} banner={banner} head={<MapStyles />}>
      <span class="govuk-caption-l">Community day</span>
      <h1 class="govuk-heading-xl govuk-!-text-break-word">{visit.placeName}</h1>
      {visit.deletedAt ? (
        <NotificationBanner title="Deleted">
          <p class="govuk-notification-banner__heading">
            This visit was deleted on {formatLondon(visit.deletedAt)} by {visit.deletedBy}. It is not counted or shown anywhere else.
          </p>
        </NotificationBanner>
      ) : (
        <div class="govuk-button-group">
          <a class="govuk-button" href={`${path}/edit`}>
            Edit
          </a>
          <a class="govuk-button govuk-button--secondary" href={`${path}/actions/new`}>
            Add an action
          </a>
          {canDelete ? (
            <a class="govuk-button govuk-button--warning" href={`${path}/delete?version=${visit.version}`}>
              Delete
            </a>
          ) : null}
        </div>
      )}
      <SummaryList
        rows={[
          { key: 'Date', value: formatLondonDate(visit.startsAt) },
          { key: 'Time', value: `${formatLondonTime(visit.startsAt)} to ${formatLondonTime(visit.endsAt)}` },
          { key: 'Council area', value: councilAreaName(visit.areaCode) },
          { key: 'Ward', value: wardName(visit.wardCode) },
          { key: 'Location', value: visit.point ? `${visit.point.latitude}, ${visit.point.longitude}` : 'Not given (the map shows the centre of the ward)' },
          { key: 'Urban or rural', value: visit.setting === 'urban' ? 'Urban' : 'Rural' },
          {
            key: 'Who was met',
            value: visit.met.length ? (
              <ul class="govuk-list">
                {visit.met.map((m) => (
                  <li class="govuk-!-text-break-word">
                    {metKindLabel(m.kind)}: {m.count}
                    {m.organisations?.length ? ` (${m.organisations.join(', ')})` : ''}
                  </li>
                ))}
              </ul>
            ) : (
              'Not recorded'
            ),
          },
          { key: 'Themes', value: visit.themes.map(themeLabel).join(', ') || 'None' },
          { key: 'Public page', value: visit.published ? 'Published' : 'Not published' },
          { key: 'Public summary', value: <Written text={visit.publicSummary} /> },
          { key: 'Notes (staff only)', value: <Written text={visit.notes} /> },
        ]}
      />
      <h2 class="govuk-heading-l">Actions</h2>
      <ActionsTable actions={actions} today={today} />
      <h2 class="govuk-heading-l">History</h2>
      <Table caption="Every change, oldest first" head={['When', 'Who', 'What']} rows={visit.history.map((h) => [formatLondon(h.at), h.by, h.summary])} />
    </StaffPage>
  );
}

export function VisitConflictPage({ visit, message }: { visit: Visit; message: string }) {
  return (
    <StaffPage title="The visit was not saved" current={CURRENT} back={`/staff/community-days/visits/${visit.id}`}>
      <h1 class="govuk-heading-l">The visit was not saved</h1>
      <p class="govuk-body">{message}</p>
      <p class="govuk-body">
        <a class="govuk-link" href={`/staff/community-days/visits/${visit.id}`}>
          See the visit as it is now
        </a>
      </p>
    </StaffPage>
  );
}
