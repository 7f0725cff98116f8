/**
 * GET /staff/email: how the platform's email is doing, week by week, against the rates at which SES
 * reviews an account (5% of emails bouncing, 0.1% drawing complaints): sent, hard bounces, complaints,
 * and emails not sent because their address had bounced or complained before. From the weekly
 * counters (core/outbox/email-weeks.ts): one Query, however much email there was.
 */
import { SES_REVIEW_RATES, type WeekFigures } from '../../core/outbox/email-weeks.js';
import { formatDay } from '../../core/time.js';
import { Table, Tag } from '../../core/ui/components.js';
import { StaffPage } from '../../core/ui/pages.js';

/** "1.2%", or "None sent" when nothing was: a rate of nothing is not 0%. */
const rate = (count: number, sent: number) => (sent === 0 ? 'None sent' : `${(Math.round((count / sent) * 10_000) / 100).toLocaleString('en-GB')}%`);

function Rate({ count, sent, review }: { count: number; sent: number; review: number }) {
  const words = rate(count, sent);
  return sent > 0 && count / sent >= review ? <Tag colour="red">{`${words}: at SES’s review rate`}</Tag> : <>{words}</>;
}

export function EmailFiguresPage({ weeks }: { weeks: WeekFigures[] }) {
  return (
    <StaffPage title="Email bounces and complaints" current="/staff" back="/staff" wide>
      <h1 class="govuk-heading-xl">Email bounces and complaints</h1>
      <p class="govuk-body">
        Amazon SES, which sends the platform’s email, reviews an account when 5% of its emails bounce (the address does
        not exist) or 0.1% draw a complaint (someone reports the email as spam), and may stop it sending. After a bounce or
        a complaint the platform sends nothing more to that address, and staff pages mark the person: phone them instead.
      </p>
      <Table
        caption="The last 12 weeks, newest first"
        head={['Week beginning', 'Sent', 'Bounced', 'Bounce rate', 'Complaints', 'Complaint rate', 'Not sent (address stopped)']}
        rows={weeks.map((w) => [
          formatDay(w.week),
          String(w.sent),
          String(w.bounced),
          <Rate count={w.bounced} sent={w.sent} review={SES_REVIEW_RATES.bounced} />,
          String(w.complained),
          <Rate count={w.complained} sent={w.sent} review={SES_REVIEW_RATES.complained} />,
          String(w.suppressed),
        ])}
      />
      <p class="govuk-body">
        These are the platform’s own counts. SES counts its rates over its own period, for the whole account; the alarms
        watch those.
      </p>
    </StaffPage>
  );
}
