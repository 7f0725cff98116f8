/**
 * The HTTP end of one-submission-one-change (core/submissions.ts): a form post that carries its
 * `submission` key, or an API call that sends `Idempotency-Key`, runs inside that submission; a repeat
 * is answered as the first was (the same redirect, the same status and JSON), and never acts again.
 *
 * Pages get this from createApp (`formSubmissions`), the JSON API from ApiRoutes (`apiSubmission`);
 * a capability's route does nothing for it beyond rendering its form with core's `PostForm`.
 */
import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { sleep } from '../pool.js';
import {
  earlierSubmission,
  keepAnswer,
  looksLikeSubmissionKey,
  RepeatedSubmission,
  submissionClaimed,
  withinSubmission,
  type EarlierSubmission,
  type StoredAnswer,
  type SubmissionId,
} from '../submissions.js';
import { AlreadySentPage } from '../ui/error-pages.js';
import type { AppEnv } from './auth.js';
import { errorJson, HttpError } from './errors.js';

/** The header a client sends to make a state-changing call safe to retry. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** How long a repeat waits for the first request's answer before saying it is still being dealt with. */
const WAIT_FOR_ANSWER_MS = 3_000;
const LOOK_EVERY_MS = 250;
/** Bodies kept for a repeat: API answers and pages answered in place are small; a larger one is answered with its status alone. */
const MAX_KEPT_BODY = 16 * 1024;

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/** The first request's answer, waiting a moment for it if that request is still answering. */
async function answerOf(id: SubmissionId, earlier: EarlierSubmission): Promise<StoredAnswer | undefined> {
  if (earlier.answer) return earlier.answer;
  const giveUpAt = Date.now() + WAIT_FOR_ANSWER_MS;
  while (Date.now() < giveUpAt) {
    await sleep(LOOK_EVERY_MS);
    const seen = await earlierSubmission(id);
    if (seen?.answer) return seen.answer;
  }
  return undefined;
}

/** Replays a page's answer: its redirect, the page it answered with, or a page saying it was sent already. */
export async function replayPage(c: Context, id: SubmissionId, earlier: EarlierSubmission): Promise<Response> {
  const answer = await answerOf(id, earlier);
  if (answer?.location) return c.redirect(answer.location, 303);
  if (answer?.body !== undefined) {
    // A page answering a post is about what that person sent: never cached.
    c.header('Cache-Control', 'no-store');
    return c.html(answer.body, answer.status as 200);
  }
  if (!answer) c.header('Retry-After', '2');
  return c.html(<AlreadySentPage stillSaving={!answer} />, 409);
}

export async function replayApi(c: Context, id: SubmissionId, earlier: EarlierSubmission): Promise<Response> {
  if (earlier.fingerprint && id.fingerprint && earlier.fingerprint !== id.fingerprint) {
    return errorJson(c, new HttpError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request: use a new key for a new request'));
  }
  const answer = await answerOf(id, earlier);
  if (!answer) return errorJson(c, new HttpError(409, 'request_in_progress', 'A request with this Idempotency-Key is still being dealt with: try again shortly', undefined, 1));
  const headers = new Headers({ 'Idempotent-Replayed': 'true' });
  if (answer.contentType) headers.set('Content-Type', answer.contentType);
  if (answer.location) headers.set('Location', answer.location);
  return new Response(answer.body ?? null, { status: answer.status, headers });
}

/**
 * Runs `handle` as the submission `id`: a repeat (seen before, or racing and losing) gets the first
 * answer; the first keeps its answer once it has one.
 */
async function asSubmission(
  c: Context,
  id: SubmissionId,
  handle: () => Promise<Response>,
  replay: (c: Context, id: SubmissionId, earlier: EarlierSubmission) => Promise<Response>,
  keep: (response: Response) => Promise<StoredAnswer>,
): Promise<Response> {
  const earlier = await earlierSubmission(id);
  if (earlier) return replay(c, id, earlier);
  return withinSubmission(id, async () => {
    let response: Response;
    try {
      response = await handle();
    } catch (error) {
      if (error instanceof RepeatedSubmission) return replay(c, id, error.earlier);
      throw error;
    }
    if (submissionClaimed()) await keepAnswer(id, await keep(response));
    return response;
  });
}

/**
 * What a repeat of a form is answered with: the redirect, or (for a form answered with a page in place,
 * e.g. "check your email") that page itself, when it is small enough to keep.
 */
async function keptPage(res: Response): Promise<StoredAnswer> {
  const location = res.headers.get('location');
  if (location) return { status: res.status, location };
  if (res.status >= 200 && res.status < 300) {
    const body = await res.clone().text();
    if (body.length <= MAX_KEPT_BODY) return { status: res.status, body };
  }
  return { status: res.status };
}

/**
 * Middleware for pages: a form post carrying a well-formed `submission` key runs as that submission.
 * Registered by createApp after the staff guard, so a staff member's keys are theirs alone.
 */
export function formSubmissions(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'POST' || !FORM_TYPES.test(c.req.header('content-type') ?? '')) return next();
    let key: unknown;
    try {
      key = (await c.req.parseBody())['submission'];
    } catch {
      return next(); // the route's own reading answers 400
    }
    if (typeof key !== 'string' || !looksLikeSubmissionKey(key)) return next();
    const id: SubmissionId = { scope: `form ${c.req.path} ${c.get('user')?.id ?? ''}`, key };
    // A repeat that races the first and loses is thrown by its transaction; Hono hands that to the
    // app's error handler (app.tsx), which replays the first answer the same way.
    const response = await asSubmission(
      c,
      id,
      async () => {
        await next();
        return c.res;
      },
      replayPage,
      keptPage,
    );
    return response;
  };
}

const fingerprintOf = (c: Context, body: string) => createHash('sha256').update(`${c.req.method} ${c.req.path}\u0000${body}`).digest('base64url');

/**
 * For ApiRoutes: a state-changing call with `Idempotency-Key` runs as that submission (scoped to the
 * operation and, for staff, the caller); without the header it simply runs.
 */
export async function apiSubmission(c: Context<AppEnv>, operationId: string, handle: () => Promise<Response>): Promise<Response> {
  const key = c.req.header(IDEMPOTENCY_HEADER);
  if (key === undefined) return handle();
  if (!looksLikeSubmissionKey(key)) {
    throw new HttpError(400, 'validation_failed', 'Some of the information sent is not valid', [
      { field: `headers.${IDEMPOTENCY_HEADER}`, message: 'Idempotency-Key must be 16 to 100 letters, digits, hyphens or underscores (a UUID will do)' },
    ]);
  }
  const id: SubmissionId = { scope: `api ${operationId} ${c.get('user')?.id ?? ''}`, key, fingerprint: fingerprintOf(c, await c.req.text()) };
  return asSubmission(c, id, handle, replayApi, async (res) => {
    const body = await res.clone().text();
    return {
      status: res.status,
      ...(res.headers.get('content-type') ? { contentType: res.headers.get('content-type')! } : {}),
      ...(res.headers.get('location') ? { location: res.headers.get('location')! } : {}),
      ...(body.length <= MAX_KEPT_BODY ? { body } : {}),
    };
  });
}
