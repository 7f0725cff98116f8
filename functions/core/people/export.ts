/**
 * A subject access export: everything found for a person (finding.ts), each record with what it is
 * for, where it came from, who it was shared with and when it will be deleted, and what each
 * capability keeps that a search by address cannot find. The page and the JSON file are built from
 * this one object, so they cannot disagree.
 */
import { keptFor } from '../retention.js';
import { personalDeclarations, personalFields, type PersonRecord } from './finding.js';

export interface SubjectAccessExport {
  /** The address searched for, and the name if one was given. */
  person: { email: string; name?: string };
  madeAt: string;
  records: Array<{
    service: string;
    what: string;
    purpose: string;
    source: string;
    sharedWith: string[];
    /** ISO instant; absent when kept (a council's clerk until replaced). */
    deletedBy?: string;
    retention?: string;
    data: Record<string, string>;
    /** The staff page showing it: for staff on the results page, left out of the file for the person. */
    staffPage?: string;
  }>;
  /** What each service keeps that cannot be found by address (or that it keeps none). */
  notFindable: Array<{ service: string; note: string }>;
}

/** The export as the person gets it: without the staff pages' addresses. */
export const forThePerson = (found: SubjectAccessExport): SubjectAccessExport => ({ ...found, records: found.records.map(({ staffPage: _page, ...record }) => record) });

export function subjectAccessExport(person: { email: string; name?: string }, records: readonly PersonRecord[], now = new Date()): SubjectAccessExport {
  return {
    person: { email: person.email, ...(person.name ? { name: person.name } : {}) },
    madeAt: now.toISOString(),
    records: records.map((r) => ({
      service: r.label,
      what: r.declared.what,
      purpose: r.declared.purpose,
      source: r.declared.source,
      sharedWith: [...r.declared.sharedWith],
      ...(r.deletedBy ? { deletedBy: r.deletedBy } : {}),
      ...(r.rule ? { retention: `Deleted ${keptFor(r.rule)}` } : {}),
      data: Object.fromEntries(personalFields(r).map((f) => [f.label, f.value])),
      ...(r.staffPage ? { staffPage: r.staffPage } : {}),
    })),
    notFindable: personalDeclarations().flatMap((d) => (d.personalData.notFindable ? [{ service: d.personalData.label, note: d.personalData.notFindable }] : [])),
  };
}
