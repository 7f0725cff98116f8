/**
 * The figures table on a report page (GOV.UK table, figures right-aligned, each row headed by its
 * figure's name), with an optional CSV link that printing leaves out.
 *
 *   <FiguresTableView table={figuresTable(rows, quarterHeadings(q))} caption="Police and crime plan figures" csvHref="..." />
 */
import type { FiguresTable } from './figures.js';

export function FiguresTableView({ table, caption, csvHref }: { table: FiguresTable; caption: string; csvHref?: string }) {
  return (
    <>
      <table class="govuk-table app-figures">
        <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            {table.head.map((h, i) => (
              <th scope="col" class={`govuk-table__header${i > 0 ? ' govuk-table__header--numeric' : ''}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {table.rows.map((row) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">
                {row.figure}
              </th>
              {row.cells.slice(1).map((cell) => (
                <td class="govuk-table__cell govuk-table__cell--numeric">{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {csvHref ? (
        <p class="govuk-body app-no-print">
          <a class="govuk-link" href={csvHref} download>
            Download this table as CSV<span class="govuk-visually-hidden"> ({caption})</span>
          </a>
        </p>
      ) : null}
    </>
  );
}
