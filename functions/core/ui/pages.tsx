/**
 * Page shells every capability uses: the staff page (staff navigation, a back link, a success banner)
 * and the "Are you sure?" page before something that cannot be undone.
 *
 *   <StaffPage title="Meetings" current="/staff/meetings" banner={banner}>...</StaffPage>
 *   <ConfirmPage title="Are you sure you want to cancel this meeting?" caption={meeting.title} action={...} confirm="Yes, cancel it" back={...}>...</ConfirmPage>
 */
import type { Child } from 'hono/jsx';
import { BackLink, Button, NotificationBanner } from './components.js';
import { Layout } from './layout.js';
import { PostForm } from './post-form.js';

export function StaffPage(props: {
  title: string;
  /** The staff navigation entry to mark as current, e.g. `/staff/meetings`. */
  current: string;
  children: Child;
  back?: string;
  /** A success message after a change (Post/Redirect/Get). */
  banner?: string;
  hasErrors?: boolean;
  /** Full width (tables) instead of two-thirds. */
  wide?: boolean;
  /** Extra elements for the head, e.g. a map's stylesheet and script. */
  head?: Child;
}) {
  return (
    <Layout title={props.title} staff current={props.current} hasErrors={props.hasErrors} head={props.head} beforeContent={props.back ? <BackLink href={props.back} /> : undefined}>
      <div class="govuk-grid-row">
        <div class={props.wide ? 'govuk-grid-column-full' : 'govuk-grid-column-two-thirds'}>
          {props.banner ? (
            <NotificationBanner success>
              <p class="govuk-notification-banner__heading">{props.banner}</p>
            </NotificationBanner>
          ) : null}
          {props.children}
        </div>
      </div>
    </Layout>
  );
}

/** "Are you sure?": what will happen, a warning button that posts to `action`, and a way back. */
export function ConfirmPage(props: {
  title: string;
  caption?: string;
  action: string;
  confirm: string;
  back: string;
  backText?: string;
  /** Staff pages carry the staff navigation. */
  staff?: { current: string };
  children?: Child;
}) {
  return (
    <Layout title={props.title} staff={Boolean(props.staff)} current={props.staff?.current} beforeContent={<BackLink href={props.back} />}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          {props.caption ? <span class="govuk-caption-l">{props.caption}</span> : null}
          <h1 class="govuk-heading-l">{props.title}</h1>
          {props.children}
          <PostForm action={props.action}>
            <div class="govuk-button-group">
              <Button warning>{props.confirm}</Button>
              <a class="govuk-link" href={props.back}>
                {props.backText ?? 'No, go back'}
              </a>
            </div>
          </PostForm>
        </div>
      </div>
    </Layout>
  );
}
