/**
 * One mailbox, however its address is written: without surrounding space, in lower case, and without
 * a `+tag` in the local part (`name+1@` and `name+2@` reach the same person). For counting and keying
 * only, e.g. the per-recipient email limit; email is still sent to the address as typed.
 *
 *   mailbox(' Jo.Bloggs+Precept@Example.ORG ') // 'jo.bloggs@example.org'
 */
export function mailbox(address: string): string {
  const normal = address.trim().toLowerCase();
  const at = normal.lastIndexOf('@');
  if (at <= 0) return normal;
  const local = normal.slice(0, at);
  const plus = local.indexOf('+');
  // A local part that is only a tag ("+news@") has nothing to keep, so it stays as it is.
  return plus > 0 ? `${local.slice(0, plus)}${normal.slice(at)}` : normal;
}
