/**
 * Staff pages for community days: the visits in a period, one visit (its actions and history), adding
 * actions to it, deleting it, the staff map and the dashboard.
 */
import type { Child } from 'hono/jsx';
import { DueText } from '../../core/actions/due-text.js';
import { ActionFields } from '../../core/actions/form.js';
import { statusLabel } from '../../core/actions/log.js';
import { ownerLabel, type Action } from '../../core/actions/model.js';
import { councilAreaName } from '../../core/council-areas.js';
import { wardName } from '../../core/geography.js';
import type { MapOverlay } from '../../core/map-overlays.js';
import { themeLabel } from '../../core/themes.js';
import { formatLondon, formatLondonDate, formatLondonTime } from '../../core/time.js';
import { Paragraphs } from '../../core/ui/choices.js';
import { Button, ErrorSummary, NotificationBanner, SummaryList, Table, Tag, type Errors } from '../../core/ui/components.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import { dashboardTables, type Dashboard } from '../dashboard.js';
import type { CoverageMap } from '../map-data.js';
import { metKindLabel, type Visit } from '../model.js';
import { CoverageFilterForm, CoverageMapPanel, CoverageTable, periodHeading } from './coverage.js';
import { MapAssets, MapStyles } from './map-assets.js';

const CURRENT = '/staff/community-days';

/** Text staff or the public wrote, or "None". */
const Written = ({ text }: { text?: string }) => (text ? <Paragraphs text={text} className="govuk-body govuk-!-text-break-word" /> : <>None</>);

export function VisitListPage(props: { visits: Visit[]; label: string; values: FormValues; query: string; errors?: Errors; banner?: string }) {
  const { visits, label, values, errors = {} } = props;
  return (
    <StaffPage title="Community days" current={CURRENT} wide banner={props.banner} hasErrors={hasErrors(errors)}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-xl">Community days</h1>
      <div class="govuk-button-group">
        <a class="govuk-button" href="/staff/community-days/visits/new">
          Log a visit
        </a>
        <a class="govuk-link" href={`/staff/community-days/map?${props.query}`}>
          Coverage map
        </a>
        <a class="govuk-link" href={`/staff/community-days/dashboard?${props.query}`}>
          Dashboard for the Police and Crime Panel
        </a>
      </div>
      <details class="govuk-details" open={hasErrors(errors)}>
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">Choose the period</span>
        </summary>
        <div class="govuk-details__text">
          <CoverageFilterForm action={CURRENT} values={values} errors={errors} />
        </div>
      </details>
      <h2 class="govuk-heading-m">
        {visits.length === 1 ? '1 visit' : `${visits.length} visits`} in {label}
      </h2>
      {visits.length ? (
        <Table
          caption="Visits, earliest first"
          head={['Date', 'Place', 'Council area', 'Themes', 'Public page', 'Actions']}
          rows={visits.map((v) => [
            formatLondonDate(v.startsAt),
            <a class="govuk-link" href={`/staff/community-days/visits/${v.id}`}>
              {v.placeName}
            </a>,
            councilAreaName(v.areaCode),
            v.themes.map(themeLabel).join(', ') || 'None',
            v.published ? <Tag colour="green">Published</Tag> : <Tag colour="grey">Not published</Tag>,
            String(v.actionCount),
          ])}
        />
      ) : (
        <p class="govuk-body">No visits logged in this period.</p>
      )}
    </StaffPage>
  );
}

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

export function AddActionPage({ visit, values, errors = {} }: { visit: Visit; values: FormValues; errors?: Errors }) {
  return (
    <StaffPage title={`Add an action: ${visit.placeName}`} current={CURRENT} back={`/staff/community-days/visits/${visit.id}`} hasErrors={hasErrors(errors)}>
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l">{visit.placeName}, {formatLondonDate(visit.startsAt)}</span>
      <h1 class="govuk-heading-xl">Add an action</h1>
      <form method="post" action={`/staff/community-days/visits/${visit.id}/actions/new`} novalidate>
        <ActionFields values={{ areaCode: visit.areaCode, ...values }} errors={errors} />
        <Button>Add the action</Button>
      </form>
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

export function OverlayTables({ overlays }: { overlays: MapOverlay[] }) {
  return (
    <>
      {overlays.map((o) => (
        <>
          <h2 class="govuk-heading-m">{o.label}</h2>
          {o.unavailable ? (
            <p class="govuk-body">These could not be read just now. Try again in a few minutes.</p>
          ) : o.points.length ? (
            <Table
              caption={`${o.label} in the period`}
              head={['Date', 'What', 'Council area']}
              rows={o.points.map((p) => [
                formatLondonDate(p.at),
                p.href ? (
                  <a class="govuk-link" href={p.href}>
                    {p.title}
                  </a>
                ) : (
                  p.title
                ),
                p.areaCode ? councilAreaName(p.areaCode) : '',
              ])}
            />
          ) : (
            <p class="govuk-body">None in this period.</p>
          )}
        </>
      ))}
    </>
  );
}

export function StaffMapPage(props: { map?: CoverageMap; overlays: MapOverlay[]; values: FormValues; endpoint?: string; errors?: Errors }) {
  const { map, values, errors = {} } = props;
  return (
    <StaffPage title="Coverage map" current={CURRENT} back={CURRENT} wide hasErrors={hasErrors(errors)} head={<MapAssets />}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-xl">Coverage map</h1>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-third">
          <CoverageFilterForm action="/staff/community-days/map" values={values} errors={errors} />
        </div>
        <div class="govuk-grid-column-two-thirds">
          {map && props.endpoint ? (
            <>
              <h2 class="govuk-heading-m">{periodHeading(map)}</h2>
              <CoverageMapPanel map={map} endpoint={props.endpoint} />
            </>
          ) : null}
        </div>
      </div>
      {map ? (
        <>
          <CoverageTable map={map} caption="Visits by council area (every visit, published or not)" />
          <OverlayTables overlays={props.overlays} />
        </>
      ) : null}
    </StaffPage>
  );
}

const cell = (value: string | number): Child => (typeof value === 'number' ? String(value) : value);

export function DashboardPage(props: { dashboard?: Dashboard; values: FormValues; query?: string; errors?: Errors }) {
  const { dashboard, values, errors = {} } = props;
  return (
    <StaffPage title="Community days dashboard" current={CURRENT} back={CURRENT} wide hasErrors={hasErrors(errors)} head={<MapStyles />}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-xl">Community days dashboard</h1>
      <details class="govuk-details" open={hasErrors(errors) || !dashboard}>
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">Choose the period</span>
        </summary>
        <div class="govuk-details__text">
          <CoverageFilterForm action="/staff/community-days/dashboard" values={values} errors={errors} />
        </div>
      </details>
      {dashboard ? (
        <>
          <h2 class="govuk-heading-l">{dashboard.period.label.charAt(0).toUpperCase() + dashboard.period.label.slice(1)}</h2>
          <SummaryList
            rows={[
              { key: 'Visits', value: String(dashboard.totals.visits) },
              { key: 'Council areas meeting the target', value: `${dashboard.totals.areasMeetingTarget} of 9 (${dashboard.target.inPeriod} ${dashboard.target.inPeriod === 1 ? 'visit' : 'visits'} in the period; ${dashboard.target.perYear} a year)` },
              { key: 'Hours of engagement', value: String(dashboard.totals.hours) },
              { key: 'People and groups met', value: `${dashboard.totals.people} (${dashboard.totals.organisations} organisations named)` },
              { key: 'Actions', value: `${dashboard.totals.actionsOpened} opened and ${dashboard.totals.actionsClosed} closed in the period; ${dashboard.totals.actionsOverdue} overdue now` },
            ]}
          />
          {dashboardTables.map((t) => {
            const rows = dashboard.tables[t.id].rows;
            return (
              <>
                <div class="app-table-scroll" tabindex={0} role="region" aria-label={`${t.title} (scrolls sideways)`}>
                  <Table caption={t.title} head={rows[0]!.map(String)} rows={rows.slice(1).map((r) => r.map(cell))} />
                </div>
                <p class="govuk-body">
                  <a class="govuk-link" href={`/staff/community-days/dashboard/${t.id}.csv?${props.query ?? ''}`}>
                    Download “{t.title.toLowerCase()}” (CSV)
                  </a>
                </p>
              </>
            );
          })}
        </>
      ) : null}
    </StaffPage>
  );
}
