/**
 * The quarter's report for staff: each figure beside the quarter before and a year earlier with the
 * change, what it counts, its commentary (a form while the report is a draft, saved as a new version
 * each time) and its XmR chart with the table and sentence; the themes; marking it final; and, once
 * final, correcting it (a new version). Forms and download links are left out when printing.
 */
import { Button, ErrorSummary, ProblemBanner, Select, SummaryList, Table, Textarea, TextInput, type Errors } from '../../core/ui/components.js';
import { hasErrors, type FormValues } from '../../core/ui/forms.js';
import { StaffPage } from '../../core/ui/pages.js';
import { PostForm } from '../../core/ui/post-form.js';
import { formatLondon } from '../../core/time.js';
import type { Child } from 'hono/jsx';
import { XmrFigure } from '../chart.js';
import { figureRow, figureTrend, REPORT_TITLE } from '../document.js';
import { FiguresTableView } from '../figures-table.js';
import { formatNumber } from '../format.js';
import { figuresTable, quarterHeadings } from '../figures.js';
import type { ReportFigure } from '../building.js';
import { figuresOf, type QuarterReport } from '../reporting.js';


export const reportPath = (quarterId: string) => `/staff/reports/${quarterId}`;
/** A figure's key as an id and field name: letters, digits and hyphens. */
export const fieldOf = (key: string) => `commentary-${key.replace(/[^a-z0-9-]+/g, '-')}`;

const UNIT: Record<ReportFigure['unit'], string> = { count: 'A count', hours: 'Hours', percent: 'A percentage', days: 'Days' };

export interface ReportPageProps {
  report: QuarterReport;
  banner?: string;
  /** A form sent back: its figure's (or the correction's) values and errors. */
  values?: FormValues;
  errors?: Errors;
  problem?: Child;
  /** Which figure's form `values` and `errors` belong to, or 'correction'. */
  formFor?: string;
}

function Commentary({ report, figure, props }: { report: QuarterReport; figure: ReportFigure; props: ReportPageProps }) {
  const saved = report.commentary[figure.key];
  const name = fieldOf(figure.key);
  const mine = props.formFor === figure.key;
  const meta = saved ? `Commentary version ${saved.version}, saved by ${saved.by} on ${formatLondon(saved.at)}.` : 'No commentary yet.';
  if (report.final) {
    return saved ? <p class="govuk-body app-commentary">{saved.text}</p> : <p class="govuk-body govuk-hint">No commentary.</p>;
  }
  return (
    <div>
      {saved ? <p class="govuk-body app-commentary">{saved.text}</p> : null}
      <PostForm action={`${reportPath(report.quarter.id)}/commentary`} values={mine ? props.values : undefined} class="app-no-print">
        <input type="hidden" name="figure" value={figure.key} />
        <input type="hidden" name="version" value={String(saved?.version ?? 0)} />
        <Textarea name={name} label={`Commentary on ${figure.name.charAt(0).toLowerCase()}${figure.name.slice(1)}`} hint={meta} value={mine ? (props.values?.[name] ?? '') : (saved?.text ?? '')} error={mine ? props.errors?.[name] : undefined} rows={3} />
        <Button secondary>Save the commentary</Button>
      </PostForm>
    </div>
  );
}

function Figure({ report, figure, props }: { report: QuarterReport; figure: ReportFigure; props: ReportPageProps }) {
  const trend = figureTrend(figure);
  const q = report.quarter.id;
  return (
    <div class="app-report-figure">
      <h3 class="govuk-heading-s" id={`figure-${trend.id}`}>
        {figure.name}: {figure.current === null ? 'not available' : formatNumber(figure.current, figure.decimals)}
      </h3>
      <SummaryList
        rows={[
          { key: 'What it is', value: figure.definition },
          { key: 'How it is counted', value: figure.counted },
          { key: 'Unit', value: UNIT[figure.unit] },
        ]}
      />
      <Commentary report={report} figure={figure} props={props} />
      <XmrFigure chart={trend.chart} id={`trend-${trend.id}`} title={trend.title} valueHeading={trend.valueHeading} csvHref={`${reportPath(q)}/trends/${trend.id}.csv`} />
    </div>
  );
}

function Finality({ report, props }: { report: QuarterReport; props: ReportPageProps }) {
  const path = reportPath(report.quarter.id);
  if (!report.final) {
    return (
      <PostForm action={`${path}/final`} class="app-no-print">
        <p class="govuk-body">Marking the report final freezes its figures and commentary as they are now: later changes to records will not change it. A correction after that makes a new version.</p>
        <Button>Mark the report final</Button>
      </PostForm>
    );
  }
  const mine = props.formFor === 'correction';
  const v = mine ? (props.values ?? {}) : {};
  const e = mine ? (props.errors ?? {}) : {};
  return (
    <>
      <Table
        caption="Versions of this report"
        head={['Version', 'Made by', 'When', 'What changed']}
        rows={report.versions.map((ver) => [
          String(ver.version),
          ver.by,
          formatLondon(ver.at),
          ver.correction
            ? `${figuresOf(report.data).find((f) => f.key === ver.correction!.figureKey)?.name ?? ver.correction.figureKey}: ${ver.correction.from ?? 'not available'} to ${ver.correction.to ?? 'not available'}. ${ver.correction.reason}`
            : 'Marked final',
        ])}
      />
      <PostForm action={`${path}/corrections`} values={mine ? props.values : undefined} class="app-no-print">
        <h2 class="govuk-heading-m">Correct the report</h2>
        <p class="govuk-body">A correction makes version {report.final.version + 1}, saying what changed and why. Earlier versions are kept.</p>
        <input type="hidden" name="version" value={String(report.final.version)} />
        <Select name="figure" label="Figure" value={v['figure']} error={e['figure']} options={[{ value: '', text: 'Choose a figure' }, ...figuresOf(report.data).map((f) => ({ value: f.key, text: f.name }))]} />
        <TextInput name="value" label="Corrected figure (leave empty to keep it)" value={v['value']} error={e['value']} width={10} inputmode="decimal" />
        <Textarea name="correctedCommentary" label="Corrected commentary (leave empty to keep it)" value={v['correctedCommentary']} error={e['correctedCommentary']} rows={3} />
        <Textarea name="reason" label="Why it is corrected" value={v['reason']} error={e['reason']} rows={2} />
        <Button>Make a corrected version</Button>
      </PostForm>
    </>
  );
}

export function ReportPage(props: ReportPageProps) {
  const { report } = props;
  const q = report.quarter;
  const path = reportPath(q.id);
  const headings = quarterHeadings(q);
  const status = report.final
    ? `Final, version ${report.final.version}, made by ${report.final.by} on ${formatLondon(report.final.at)}. These figures are frozen.`
    : 'Draft: the figures are counted from the records as they stand now.';
  return (
    <StaffPage title={`${REPORT_TITLE}: ${q.label}`} current="/staff/reports" back="/staff/reports" banner={props.banner} hasErrors={hasErrors(props.errors ?? {})} wide>
      <ErrorSummary errors={props.errors ?? {}} />
      {props.problem ? <ProblemBanner title="The change was not saved" problem={props.problem} /> : null}
      <div class="app-report">
        <span class="govuk-caption-l">{q.label}</span>
        <h1 class="govuk-heading-l">{REPORT_TITLE}</h1>
        <p class="govuk-body-l">{status}</p>
        <ul class="govuk-list app-no-print">
          <li>
            <a class="govuk-link" href={`${path}.docx`} download>
              Download the whole report as a Word document
            </a>
          </li>
          <li>Print this page for a paper copy: forms and links are left out.</li>
        </ul>
        {report.data.sections.map((section, i) => (
          <section aria-labelledby={`section-${i + 1}`}>
            <h2 class="govuk-heading-l" id={`section-${i + 1}`}>
              {section.heading}
            </h2>
            <FiguresTableView table={figuresTable(section.figures.map(figureRow), headings)} caption={`${section.heading}: figures for the quarter`} csvHref={`${path}/sections/${section.capability}.csv`} />
            {section.figures.map((figure) => (
              <Figure report={report} figure={figure} props={props} />
            ))}
          </section>
        ))}
        <section aria-labelledby="themes">
          <h2 class="govuk-heading-l" id="themes">
            Themes raised
          </h2>
          {report.data.themes.length ? (
            <FiguresTableView
              table={figuresTable(report.data.themes.map((t) => ({ figure: t.label, current: t.current, previous: t.previous, yearEarlier: t.yearEarlier, decimals: 0 })), headings)}
              caption="Themes raised: figures for the quarter"
              csvHref={`${path}/themes.csv`}
            />
          ) : (
            <p class="govuk-body">No themes were recorded this quarter.</p>
          )}
        </section>
        <section aria-labelledby="finality" class="app-no-print">
          <h2 class="govuk-heading-l" id="finality">
            {report.final ? 'Versions' : 'Finishing the report'}
          </h2>
          <Finality report={report} props={props} />
        </section>
      </div>
    </StaffPage>
  );
}
