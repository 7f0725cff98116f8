/**
 * Results as tables, for the staff results page and the public results page: each answer's count and
 * share with its 95% interval, without "Don't know", weighted beside unweighted with the effective
 * sample size, and breakdowns. Staff see every number, with the ones that would be suppressed
 * outside staff view marked; the public page gets results that no longer hold them (results.ts `forPublic`).
 */
import type { Child } from 'hono/jsx';
import { Tag } from '../../core/ui/components.js';
import type { Breakdown, Figure, OptionResult, QuestionResult, Results, Weighted } from '../results.js';
import type { Interval } from '../statistics.js';

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const range = (i: Interval | undefined) => (i ? `${(i.low * 100).toFixed(1)} to ${(i.high * 100).toFixed(1)}` : '');

function Suppressed() {
  return <span class="govuk-hint govuk-!-margin-bottom-0">Suppressed</span>;
}

/** Staff: a number that would be suppressed outside staff view, marked. */
function Marked({ children, suppressed }: { children: Child; suppressed?: boolean }) {
  return suppressed ? (
    <>
      {children} <Tag colour="orange">Suppressed in public</Tag>
    </>
  ) : (
    <>{children}</>
  );
}

export function Count({ figure }: { figure: Figure }) {
  if (figure.count === null) return <Suppressed />;
  return <Marked suppressed={figure.suppressed}>{figure.count.toLocaleString('en-GB')}</Marked>;
}

export function Share({ figure }: { figure?: Figure }) {
  if (!figure) return null;
  if (figure.count === null) return <Suppressed />;
  if (figure.share === undefined) return <span class="govuk-hint govuk-!-margin-bottom-0">–</span>;
  // Staff: a share whose base is suppressed is marked (it would give the base away).
  return (
    <Marked suppressed={figure.shareSuppressed}>
      {pct(figure.share)}
      <br />
      <span class="govuk-body-s">
        <span class="govuk-visually-hidden">95% confidence interval: </span>
        {range(figure.interval)}
      </span>
    </Marked>
  );
}

function WeightedShare({ weighted }: { weighted?: Weighted | null }) {
  if (weighted === undefined) return <span class="govuk-hint govuk-!-margin-bottom-0">–</span>;
  if (weighted === null) return <Suppressed />;
  return (
    <Marked suppressed={weighted.suppressed}>
      {pct(weighted.share)}
      <br />
      <span class="govuk-body-s">
        <span class="govuk-visually-hidden">95% confidence interval: </span>
        {range(weighted.interval)}
      </span>
    </Marked>
  );
}

function OptionRow({ option, withDontKnow, weighting, strong }: { option: OptionResult; withDontKnow: boolean; weighting: boolean; strong?: boolean }) {
  return (
    <tr class="govuk-table__row">
      <th scope="row" class="govuk-table__header">
        {strong ? <strong>{option.label}</strong> : option.label}
      </th>
      <td class="govuk-table__cell govuk-table__cell--numeric">
        <Count figure={option.all} />
      </td>
      <td class="govuk-table__cell govuk-table__cell--numeric">
        <Share figure={option.all} />
      </td>
      {withDontKnow ? <td class="govuk-table__cell govuk-table__cell--numeric">{option.dontKnow ? '–' : <Share figure={option.withoutDontKnow} />}</td> : null}
      {weighting ? (
        <td class="govuk-table__cell govuk-table__cell--numeric">
          <WeightedShare weighted={option.weighted} />
        </td>
      ) : null}
    </tr>
  );
}

export function QuestionTable({ question: q, weighting, headingLevel = 'h2' }: { question: QuestionResult; weighting: boolean; headingLevel?: 'h2' | 'h3' }) {
  const withDontKnow = q.answeredWithoutDontKnow !== undefined;
  const weighted = weighting && q.options.some((o) => o.weighted !== undefined);
  const Heading = headingLevel;
  return (
    <section class="govuk-!-margin-bottom-8" aria-labelledby={`result-${q.id}`}>
      <Heading class={headingLevel === 'h2' ? 'govuk-heading-m' : 'govuk-heading-s'} id={`result-${q.id}`}>
        {q.text}
      </Heading>
      <p class="govuk-body">
        Answered: <Count figure={q.answered} />
        {withDontKnow ? (
          <>
            {' '}
            (<Count figure={q.answeredWithoutDontKnow!} /> other than “Don’t know”)
          </>
        ) : null}
        {weighted && q.effectiveN !== undefined ? (
          <>
            . Effective sample size after weighting: <Marked suppressed={q.effectiveNSuppressed}>{q.effectiveN.toFixed(0)}</Marked>
          </>
        ) : (
          ''
        )}
      </p>
      {q.mean !== undefined ? (
        <p class="govuk-body">
          Average:{' '}
          {q.mean === null ? (
            <Suppressed />
          ) : (
            <Marked suppressed={q.mean.suppressed}>
              {q.mean.value.toFixed(1)}
              {q.mean.interval ? ` (95% confidence interval ${q.mean.interval.low.toFixed(1)} to ${q.mean.interval.high.toFixed(1)})` : ''}
            </Marked>
          )}
        </p>
      ) : null}
      {q.options.length ? (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">Answers to: {q.text}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Answer
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                Count
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                % of those answering (95% CI)
              </th>
              {withDontKnow ? (
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                  % excluding “Don’t know” (95% CI)
                </th>
              ) : null}
              {weighted ? (
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                  Weighted by area population (95% CI)
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {q.anyIncrease ? <OptionRow option={q.anyIncrease} withDontKnow={withDontKnow} weighting={weighted} strong /> : null}
            {q.options.map((o) => (
              <OptionRow option={o} withDontKnow={withDontKnow} weighting={weighted} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

const dimensionLabel: Record<Breakdown['dimension'], string> = { area: 'council area', age: 'age band', channel: 'channel' };

/** One question broken down: groups across, answers down, each cell the count and share of the group. */
export function BreakdownTable({ question: q, breakdown: b }: { question: QuestionResult; breakdown: Breakdown }) {
  return (
    <table class="govuk-table app-breakdown">
      <caption class="govuk-table__caption govuk-table__caption--s">
        {q.text}, by {dimensionLabel[b.dimension]}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            Answer
          </th>
          {b.columns.map((c) => (
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        <tr class="govuk-table__row">
          <th scope="row" class="govuk-table__header">
            Answered
          </th>
          {b.columns.map((c) => (
            <td class="govuk-table__cell govuk-table__cell--numeric">
              <Count figure={c.answered} />
            </td>
          ))}
        </tr>
        {b.rows.map((r) => (
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header">
              {r.label}
            </th>
            {r.cells.map((cell) => (
              <td class="govuk-table__cell govuk-table__cell--numeric">
                <Count figure={cell} />
                {cell.count !== null && cell.share !== undefined ? (
                  <>
                    <br />
                    <span class="govuk-body-s">
                      <Marked suppressed={cell.shareSuppressed}>{pct(cell.share)}</Marked>
                    </span>
                  </>
                ) : null}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** How the figures were made, in words, for anyone reading them. */
export function Method({ results }: { results: Results }) {
  return (
    <>
      <p class="govuk-body">
        Percentages are of the people who answered each question. The range under each is its 95% confidence interval (Wilson score interval): the range the
        figure for everyone who could have responded would fall in 95 times out of 100, if those who responded were a random sample of them. People chose to
        respond, so they may not be.
      </p>
      <p class="govuk-body">
        To protect people’s privacy, counts from 1 to {results.suppressionThreshold - 1} are not shown (“Suppressed”), and neither are other figures that would let
        them be worked out, by adding or taking away any of the figures published here. A percentage is shown only when the count it is of is shown too.
      </p>
      {results.weighting ? (
        <p class="govuk-body">
          Weighted figures count responses from each council area in proportion to its population (Census 2021), so areas with many responses do not outweigh the
          rest. They use responses whose council area is known. The effective sample size is what the weighted responses are worth statistically.
        </p>
      ) : null}
    </>
  );
}
