/**
 * The form a resident fills in to register for a meeting, and reading it back: the answers are kept as
 * typed so the form can be shown again with every problem listed and linked to its field.
 */
import { Button, Checkbox, EmailInput, type Errors, Radios, Textarea, TextInput } from '../../core/ui/components.js';
import { modeOf } from '../modes.js';
import * as z from 'zod/mini';
import { LIMITS, registrationForm, type Meeting, type RegistrationInput } from '../model.js';
import { inFieldOrder, issuesToErrors, type FormValues } from '../../core/ui/forms.js';
import { PostForm } from '../../core/ui/post-form.js';

/** The order fields appear in, which is the order the error summary lists them. */
const FIELDS = ['name', 'email', 'postcode', 'attendMode', 'places', 'accessNeeds', 'question', 'privacyAccepted'] as const;

const CHOOSE_MODE = 'Choose how you will attend: in person or online';

/** Worded as the domain words it (registering.ts), which checks again. */
const tooManyPlaces = (max: number) => `You can ask for up to ${max} places for this meeting`;

/** Validates a posted registration against the schema and this meeting's maximum places. */
export function readRegistration(form: FormValues, meeting: Meeting): { input?: RegistrationInput; errors: Errors } {
  const max = meeting.maxPlacesPerRegistration;
  const hybrid = modeOf(meeting) === 'hybrid';
  const parsed = z.safeParse(registrationForm, {
    name: form['name'] ?? '',
    email: form['email'] ?? '',
    postcode: form['postcode'] ?? '',
    // Asked only at a hybrid meeting; the domain gives the others their one way (and names the field if a hybrid one has none).
    attendMode: hybrid && form['attendMode'] ? form['attendMode'] : undefined,
    // With a maximum of one the field is not shown, so there is nothing to read.
    places: max > 1 && form['places']?.trim() ? form['places'].trim() : undefined,
    accessNeeds: form['accessNeeds'],
    question: form['question'],
    privacyAccepted: form['privacyAccepted'] === 'yes',
  });
  const errors = parsed.success ? {} : issuesToErrors(parsed.error.issues);
  const places = parsed.success ? parsed.data.places : Number(form['places']);
  if (!errors['places'] && Number.isInteger(places) && places > max) errors['places'] = tooManyPlaces(max);
  if (hybrid && !form['attendMode']) errors['attendMode'] = CHOOSE_MODE;
  const ordered = inFieldOrder(errors, FIELDS);
  return parsed.success && Object.keys(ordered).length === 0 ? { input: parsed.data, errors: {} } : { errors: ordered };
}

export function RegistrationForm({ meeting, values = {}, errors = {} }: { meeting: Meeting; values?: FormValues; errors?: Errors }) {
  const max = meeting.maxPlacesPerRegistration;
  return (
    // One key per filling-in of the form: sending it twice registers once.
    <PostForm action={`/meetings/${meeting.id}/register`} values={values}>
      <TextInput name="name" label="Full name" autocomplete="name" spellcheck={false} value={values['name']} error={errors['name']} />
      <EmailInput label="Email address" hint="We'll send your confirmation and a calendar invite to this address." values={values} errors={errors} />
      <TextInput
        name="postcode"
        label="Postcode (optional)"
        hint="This helps us understand which communities come to our meetings."
        autocomplete="postal-code"
        width={10}
        value={values['postcode']}
        error={errors['postcode']}
      />
      {modeOf(meeting) === 'hybrid' ? (
        <Radios
          name="attendMode"
          legend="How will you attend?"
          hint="If you attend online, we'll email you the link to join."
          value={values['attendMode']}
          error={errors['attendMode']}
          options={[
            { value: 'in-person', text: `In person, at ${meeting.venue}` },
            { value: 'online', text: 'Online' },
          ]}
        />
      ) : null}
      {max > 1 ? (
        <TextInput
          name="places"
          label="How many places do you need?"
          hint={`Include yourself. You can book up to ${max} places.`}
          inputmode="numeric"
          width={2}
          value={values['places'] ?? '1'}
          error={errors['places']}
        />
      ) : null}
      <Textarea
        name="accessNeeds"
        label="Access needs (optional)"
        hint={`Tell us if you need anything to take part, for example a hearing loop, step-free access or a British Sign Language interpreter. You can enter up to ${LIMITS.accessNeeds} characters.`}
        rows={3}
        value={values['accessNeeds']}
        error={errors['accessNeeds']}
      />
      <Textarea
        name="question"
        label="A question to raise at the meeting (optional)"
        hint={`We'll share questions with the commissioner before the meeting. You can enter up to ${LIMITS.question} characters.`}
        value={values['question']}
        error={errors['question']}
      />
      <p class="govuk-body">
        Read our{' '}
        <a class="govuk-link" href="/privacy" target="_blank" rel="noreferrer noopener">
          privacy notice (opens in new tab)
        </a>{' '}
        to find out how we use your information.
      </p>
      <Checkbox
        name="privacyAccepted"
        legend="Privacy notice"
        label="I have read the privacy notice"
        checked={values['privacyAccepted'] === 'yes'}
        error={errors['privacyAccepted']}
      />
      <Button>Register</Button>
    </PostForm>
  );
}
