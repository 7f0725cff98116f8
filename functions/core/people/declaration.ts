/**
 * What a capability declares about the personal data it keeps (its manifest's `personalData`): what it
 * collects and why, for the privacy notice; and each kind of record that holds a person's email address,
 * so that core's people module (finding.ts, changing.ts) can find, export, correct and erase a person's
 * records in every capability from one search, without importing any capability.
 *
 * A manifest is data (built into every Lambda as JSON), so what would be a capability's handler is
 * declared here as data core carries out: which attributes hold the address, the name and other personal
 * details, whether erasure keeps the record without them (its counts stay) or deletes it, which emails
 * about it are cancelled, and when it must not be changed. A capability takes part by writing the
 * person index's keys (`personIndex`, index.ts) on each such item when it writes it.
 */

/** What a capability collects, as the privacy notice lists it. */
export interface DataCollected {
  /** "Your name, email address, postcode and any access needs, when you register for a meeting" */
  what: string;
  /** "To confirm your place, tell you about changes and plan the room" */
  why: string;
  /** The UK GDPR lawful basis, e.g. "Public task (Article 6(1)(e))". */
  lawfulBasis: string;
  /** Who else receives it, e.g. "Amazon Web Services (hosting and sending email)". */
  recipients: readonly string[];
}

export interface PersonalField {
  attribute: string;
  /** As the export shows it: "Email address". */
  label: string;
  /**
   * `address`: the email address (corrected to the new one); `name`: the person's name (corrected when a
   * new one is given); `other`: other details about them (access needs, a question), removed on erasure;
   * `mentions`: free text that may give the address or name (notes), in which they are replaced;
   * `context`: not about the person (the council a clerk works for), shown so the record makes sense, never changed.
   */
  holds: 'address' | 'name' | 'other' | 'mentions' | 'context';
  /** The record cannot do without it (code reads it as text): erasure leaves it empty instead of removing it. */
  required?: boolean;
}

export interface PersonalRecordKind {
  /** The index entry's kind (`gsi3sk` is `<capability>#<kind>#<id>`). */
  kind: string;
  /** The `type` attribute of its items (the holder's, for a marker), and the attribute its id is in: the backfill finds them by these. */
  itemType: string;
  idAttribute: string;
  /** What it is, in the export: "Registration for a public meeting". */
  what: string;
  /** What it is for. */
  purpose: string;
  /** Where it came from: "You, on the registration form". */
  source: string;
  /** Who it was shared with beyond the office's staff. */
  sharedWith: readonly string[];
  /** The `what` of the capability's retention rule that deletes it (the export says when). */
  retention: string;
  fields: readonly PersonalField[];
  /**
   * `anonymise`: the record stays without its personal fields (its counts and figures stay right);
   * `delete`: the item is deleted (it is only about the person, e.g. a one-per-address guard).
   */
  erase: 'anonymise' | 'delete';
  /**
   * The index entry is a marker holding only the hash, sort key `skPrefix` + the hash (one per person a
   * note names); the data is in the item with sort key `holderSk` in the same partition.
   */
  marker?: { skPrefix: string; holderSk: string };
  /** The sort key is this prefix and the address (a guard): correcting moves it to the new address. */
  skPrefixBeforeAddress?: string;
  /** Attributes naming outbox emails about it (an id, a list of ids, or `{ id }`): pending ones are cancelled on erasure. */
  emailAttributes?: readonly string[];
  /** Not corrected or erased while this attribute has this value, because … */
  notWhile?: { attribute: string; value: string; because: string };
  /** The staff page showing it, `{attribute}` filled from the record, e.g. `/staff/meetings/{meetingId}`. */
  staffPage?: string;
}

export interface PersonalData {
  /** The capability as people know it: "Public meetings". */
  label: string;
  collects: readonly DataCollected[];
  /** Records found by address. */
  records: readonly PersonalRecordKind[];
  /** What it keeps that a search by address cannot find, or that it keeps none: said on the search page. */
  notFindable?: string;
  /** Residents do not take part in it (it keeps partners' contacts for staff): the accessibility statement does not list it as a service. */
  staffOnly?: boolean;
}
