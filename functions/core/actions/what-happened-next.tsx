/** "What happened next": a public page's section listing its public actions' outcomes (public-outcomes.ts); nothing when there are none. */
import { formatLondonDate } from '../time.js';
import { statusLabel } from './model.js';
import type { PublicOutcome } from './public-outcomes.js';

export function WhatHappenedNext({ outcomes }: { outcomes: readonly PublicOutcome[] }) {
  if (!outcomes.length) return null;
  return (
    <section aria-labelledby="what-happened-next">
      <h2 class="govuk-heading-m" id="what-happened-next">
        What happened next
      </h2>
      {outcomes.map((o) => (
        <div class="govuk-!-margin-bottom-6">
          <h3 class="govuk-heading-s govuk-!-text-break-word">{o.what}</h3>
          <p class="govuk-body govuk-!-text-break-word">{o.outcome}</p>
          <p class="govuk-body-s">
            {statusLabel(o.status)}, {formatLondonDate(o.finishedAt)}
          </p>
        </div>
      ))}
    </section>
  );
}
