/**
 * Where one-click unsubscribe links point (RFC 8058): `POST /unsubscribe/<token>`, which a mail client
 * or provider sends from its own servers, with no Origin of ours and no cookies. The origin check
 * (app.tsx) lets exactly these through: the secret token is all such a post needs, and another site
 * that had the token could unsubscribe its holder anyway. Data only: a manifest may name the path.
 */
export const ONE_CLICK_UNSUBSCRIBE_PATH = '/unsubscribe';

/** A POST to `/unsubscribe/<token>` (one segment, nothing under it). */
export const isOneClickUnsubscribe = (method: string, path: string) =>
  method === 'POST' && /^\/unsubscribe\/[^/]+$/.test(path);
