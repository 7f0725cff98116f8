/**
 * How residents contact the organisation running the platform, for the privacy notice, the
 * accessibility statement and the home page. An organisation adopting the platform adds its own entry
 * (keyed by the ORGANISATION_NAME it runs with). Details are shown only when the name matches, so one
 * organisation's address is never shown under another's name.
 */
import { config } from '../core/config.js';

export interface OrganisationDetails {
  /** The name as it reads inside a sentence, e.g. with "the" in front; defaults to the name itself. */
  nameInText?: string;
  /** The organisation's main website, for anything this platform does not do. */
  website?: string;
  /** Postal address lines, without the organisation's name. */
  postalAddress?: string[];
  /** A monitored email address for questions, data protection requests and accessibility problems. */
  email?: string;
  /** A telephone number for the same. */
  telephone?: string;
  /** The Data Protection Officer's email address, if different from `email`. */
  dataProtectionOfficerEmail?: string;
  /** The organisation's registration number with the Information Commissioner's Office. */
  icoRegistrationNumber?: string;
}

const KNOWN_ORGANISATIONS: Record<string, OrganisationDetails> = {
  // To confirm before going live: a monitored email address, the DPO's contact and the ICO number.
  'Office of the Police and Crime Commissioner for Leicester, Leicestershire and Rutland': {
    nameInText: 'the Office of the Police and Crime Commissioner for Leicester, Leicestershire and Rutland',
    website: 'https://www.leics.pcc.police.uk',
    postalAddress: ['Police Headquarters', 'St Johns', 'Enderby', 'Leicester', 'LE19 2BX'],
  },
};

export function organisationDetails(): OrganisationDetails & { name: string; nameInText: string; nameToStartSentence: string } {
  const name = config().organisationName;
  const details = KNOWN_ORGANISATIONS[name] ?? {};
  const nameInText = details.nameInText ?? name;
  return { name, ...details, nameInText, nameToStartSentence: nameInText.charAt(0).toUpperCase() + nameInText.slice(1) };
}

/** The ways to contact the organisation, as a list; falls back to its name when none are recorded. */
export function ContactDetails({ subject }: { subject?: string }) {
  const details = organisationDetails();
  const { nameInText, email, telephone, postalAddress, website } = details;
  const ways = [
    email ? (
      <li>
        email{' '}
        <a class="govuk-link" href={`mailto:${email}${subject ? `?subject=${encodeURIComponent(subject)}` : ''}`}>
          {email}
        </a>
      </li>
    ) : null,
    telephone ? <li>call {telephone}</li> : null,
    postalAddress?.length ? (
      <li>
        write to {nameInText}, {postalAddress.join(', ')}
      </li>
    ) : null,
    website ? (
      <li>
        use the contact details on our website at{' '}
        <a class="govuk-link" href={website}>
          {website.replace(/^https?:\/\//, '')}
        </a>
      </li>
    ) : null,
  ].filter(Boolean);
  if (ways.length === 0) ways.push(<li>contact {nameInText} using the details on its main website</li>);
  return (
    <ul class="govuk-list govuk-list--bullet">
      {ways}
    </ul>
  );
}
