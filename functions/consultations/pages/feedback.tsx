/**
 * The feedback survey after an event, reached only by the single-use link in its email
 * (../feedback.ts). One question, without JavaScript; the token is the key, so these pages are never
 * cached, indexed or sent as a referrer, and a wrong or expired link gets the same plain page.
 *
 *   GET  /consultations/feedback/{token}   the question, or "thank you" once answered
 *   POST /consultations/feedback/{token}   counts the answer once, then → the same page
 */
import type { Context, Hono } from 'hono';
import { FEEDBACK_RATINGS, isFeedbackRating, type FeedbackAsk, type FeedbackRating } from '../../core/feedback.js';
import type { AppEnv } from '../../core/http/auth.js';
import { formRoute } from '../../core/http/form-route.js';
import { looksLikeToken } from '../../core/manage-links.js';
import { Button, ErrorSummary, Panel, Radios, type Errors } from '../../core/ui/components.js';
import type { FormValues } from '../../core/ui/forms.js';
import { Layout } from '../../core/ui/layout.js';
import { PostForm } from '../../core/ui/post-form.js';
import { formatLondonDate } from '../../core/time.js';
import { answerFeedback, findFeedbackSurvey } from '../feedback.js';
import { FEEDBACK_PATH } from '../feedback-links.js';

const RATING_MISSING = 'Select how you would rate it';

function privateHeaders(c: Context) {
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store');
  c.header('X-Robots-Tag', 'noindex');
}

interface Survey {
  ask: FeedbackAsk;
  token: string;
}

async function surveyOf(c: Context): Promise<Survey | undefined> {
  const token = c.req.param('token') ?? '';
  const ask = looksLikeToken(token) ? await findFeedbackSurvey(token) : undefined;
  return ask && { ask, token };
}

export function feedbackPages(app: Hono<AppEnv>): void {
  app.use(`${FEEDBACK_PATH}/*`, async (c, next) => {
    await next();
    privateHeaders(c);
  });

  app.get(`${FEEDBACK_PATH}/:token`, async (c) => {
    const survey = await surveyOf(c);
    if (!survey) return c.html(<InvalidSurveyLinkPage />, 404);
    if (survey.ask.status === 'answered') return c.html(<FeedbackThanksPage />);
    return c.html(<FeedbackSurveyPage ask={survey.ask} token={survey.token} />);
  });

  formRoute<Survey, FeedbackRating, string>(app, `${FEEDBACK_PATH}/:token`, {
    rateLimited: true,
    load: surveyOf,
    read: ({ values }) => {
      const rating = values['rating'];
      return isFeedbackRating(rating) ? { input: rating } : { errors: { rating: RATING_MISSING } };
    },
    // Already answered (a second window): the first answer stands and this one is not counted.
    act: async (rating, { ask }) => (ask.status === 'sent' ? answerFeedback(ask, rating) : 'already answered'),
    done: (_, { token }) => `${FEEDBACK_PATH}/${token}`,
    again: ({ context, values, errors }) => <FeedbackSurveyPage ask={context.ask} token={context.token} values={values} errors={errors} />,
  });
}

export function FeedbackSurveyPage({ ask, token, values = {}, errors = {} }: { ask: FeedbackAsk; token: string; values?: FormValues; errors?: Errors }) {
  const { label, endedAt } = ask.source;
  const title = `How was ${label}?`;
  return (
    <Layout title={title} hasErrors={Boolean(errors['rating'])} description="A one-question feedback survey for people who came.">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span class="govuk-caption-l">Feedback</span>
          <h1 class="govuk-heading-l">{title}</h1>
          <p class="govuk-body">
            Thank you for coming on {formatLondonDate(endedAt)}. Your answer is counted without your name or email address, and you can answer once.
          </p>
          <PostForm action={`${FEEDBACK_PATH}/${token}`} values={values}>
            <Radios
              name="rating"
              legend="Overall, how would you rate it?"
              value={values['rating']}
              error={errors['rating']}
              options={FEEDBACK_RATINGS.map((r) => ({ value: r.value, text: r.text }))}
            />
            <Button>Send your answer</Button>
          </PostForm>
        </div>
      </div>
    </Layout>
  );
}

export function FeedbackThanksPage() {
  return (
    <Layout title="Thank you for your feedback" description="Your feedback has been counted.">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Panel title="Thank you for your feedback" />
          <p class="govuk-body">We have counted your answer. It helps us run better meetings.</p>
          <p class="govuk-body">
            <a class="govuk-link" href="/meetings">
              Find another public meeting
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

export function InvalidSurveyLinkPage() {
  return (
    <Layout title="This link does not work" description="A feedback survey link that does not work.">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">This link does not work</h1>
          <p class="govuk-body">The link may have been copied wrongly, or it has expired: feedback links work for a month after the meeting.</p>
        </div>
      </div>
    </Layout>
  );
}
