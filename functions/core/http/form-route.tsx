/**
 * The one way a page's form changes something. A capability's route says what the form acts on, how
 * its fields become the domain's input, the change, where to go after it, and the page to show again;
 * this does the rest, the same way for every form: the role and the per-client limit, reading the post
 * (a body that cannot be read is a 400), a 404 when what it acts on is not there, the form again with
 * its errors (400) or the domain's refusal (its status), and Post/Redirect/Get (303) once it is done.
 * The submission key every PostForm carries makes a second post of the same form answer as the first
 * without acting again (createApp runs it: core/http/submission-guard.tsx); the change's transaction,
 * with the platform's one retry policy, is core's `transactWrite`.
 *
 *   formRoute(app, '/staff/meetings/:id/edit', {
 *     load: (c) => findMeeting(c),
 *     read: ({ values }) => readMeetingForm(values),
 *     act: (input, meeting) => updateMeeting(meeting.id, input),
 *     done: (_, meeting) => `/staff/meetings/${meeting.id}?done=updated`,
 *     again: ({ context: meeting, values, errors, problem }) => <MeetingFormPage meeting={meeting} values={values} errors={errors} problem={problem} />,
 *   });
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { rateLimited } from '../rate-limits.js';
import { Refusal } from '../refusal.js';
import { readFormWithChoices } from '../ui/checkboxes.js';
import type { Errors } from '../ui/components.js';
import { pageErrors, type FormValues } from '../ui/forms.js';
import { answerNoSoonerThan } from './answer-floor.js';
import { handleNotFound } from './app.js';
import { requireRole, type AppEnv, type Role, type StaffUser } from './auth.js';
import { refusalStatus } from './errors.js';
import { signedInName } from './staff-name.js';

/** A form as it was posted: each field's text, and every value of a repeated one (checkboxes). */
export interface Posted {
  values: FormValues;
  chosen: (name: string) => string[];
}

/** Who is acting: staff by name (for histories) and account; nobody on a public form. */
export interface Actor {
  name: string;
  user?: StaffUser;
}

/** What the form page is shown again with. */
export interface Shown<Ctx> extends Posted {
  context: Ctx;
  /** Beside the fields: the form's own errors (400) or a refusal's field errors. */
  errors?: Errors;
  /** Above the form: a refusal that names no field. */
  problem?: Child;
  /** The refusal itself, for a page that says more (a conflict showing what changed meanwhile). */
  refusal?: Refusal;
}

export type Read<Input> = { input: Input; errors?: undefined } | { input?: undefined; errors: Errors };

export interface FormRoute<Ctx, Input, Done> {
  /** A role beyond the staff guard on /staff/* (`admin`), or `staff` on a page outside /staff. */
  role?: Role;
  /** Counted against the per-client limit (public forms that act or send email). */
  rateLimited?: boolean;
  /** Answer no sooner than this after the post arrived, whatever happened (core/http/answer-floor.ts). */
  answerFloorMs?: number;
  /** What the form acts on, from the path: undefined answers 404. */
  load?: (c: Context<AppEnv>) => Ctx | undefined | Promise<Ctx | undefined>;
  /** The fields as the domain's input, or what is wrong with them. Without it, the form has no fields. */
  read?: (posted: Posted, context: Ctx) => Read<Input> | Promise<Read<Input>>;
  /** The change. */
  act: (input: Input, context: Ctx, by: Actor) => Promise<Done>;
  /**
   * Where the browser goes once it is done (303); or, for a form whose answer must not travel in a URL
   * (a public "check your email" page naming the address), that page itself: a repeat is answered with it.
   */
  done: (done: Done, context: Ctx, input: Input, c: Context<AppEnv>) => string | Response | Promise<Response>;
  /** The page again, with what was wrong (or a Response, for a page that answers in its own way). */
  again: (shown: Shown<Ctx>, c: Context<AppEnv>) => Child | Response | Promise<Child | Response>;
}

const refusalShown = (refusal: Refusal): Pick<Shown<unknown>, 'errors' | 'problem' | 'refusal'> =>
  refusal.fields?.length ? { errors: pageErrors(refusal.fields), refusal } : { problem: refusal.message, refusal };

export function formRoute<Ctx = undefined, Input = undefined, Done = unknown>(app: Hono<AppEnv>, path: string, spec: FormRoute<Ctx, Input, Done>): void {
  const guards: MiddlewareHandler<AppEnv>[] = [
    ...(spec.answerFloorMs ? [answerNoSoonerThan(spec.answerFloorMs)] : []),
    ...(spec.role ? [requireRole(spec.role)] : []),
    ...(spec.rateLimited ? [rateLimited(`form ${path}`)] : []),
  ];
  app.on(['POST'], [path], ...guards, async (c: Context<AppEnv>) => {
    const context = (spec.load ? await spec.load(c) : undefined) as Ctx | undefined;
    if (spec.load && context === undefined) return handleNotFound(c);
    const posted = await readFormWithChoices(c);
    const show = async (status: ContentfulStatusCode, extra: Pick<Shown<Ctx>, 'errors' | 'problem' | 'refusal'>) => {
      const page = await spec.again({ ...posted, context: context as Ctx, ...extra }, c);
      return page instanceof Response ? page : c.html(page as string, status);
    };
    const read = spec.read ? await spec.read(posted, context as Ctx) : ({ input: undefined as Input } as Read<Input>);
    if (read.errors) return show(400, { errors: read.errors });
    try {
      const done = await spec.act(read.input as Input, context as Ctx, { name: signedInName(c), user: c.get('user') });
      const next = await spec.done(done, context as Ctx, read.input as Input, c);
      return typeof next === 'string' ? c.redirect(next, 303) : next;
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      if (error.kind === 'not-found') return handleNotFound(c);
      return show(refusalStatus(error), refusalShown(error));
    }
  });
}
