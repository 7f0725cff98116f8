/** Parish council surgeries: councils book one-to-one slots with the Deputy Commissioner; staff run the programme. */
import { defineCapability } from '../core/capability.js';
import { surgeriesDiary } from './diary.js';
import { wholeNumberSetting } from '../core/settings.js';
import { surgeryFigures } from './figure-declarations.js';
import { surgeriesPersonalData } from './personal-data.js';
import { bookingRetention, clerkRetention, requestRetention } from './retention.js';
import { surgeryKeys } from './store/keys.js';

export const surgeries = defineCapability({
  name: 'surgeries',
  raisesActions: true,
  pagePrefixes: ['/surgeries', '/staff/surgeries'],
  navigation: {
    public: [{ href: '/surgeries', text: 'Parish surgeries' }],
    staff: [
      {
        href: '/staff/surgeries',
        text: 'Surgeries',
        description: 'The programme of parish council surgeries by district: sessions, invitations, bookings, outcomes, coverage and themes.',
      },
    ],
  },
  home: {
    heading: 'Surgeries for parish and town councils',
    intro: 'The Deputy Commissioner meets parish and town councils one to one, in a rolling programme of surgeries in each district.',
    points: ['find a surgery in your district', 'book a slot for your council', 'tell us the topics you want to raise'],
    href: '/surgeries',
    linkText: 'Book a surgery slot',
  },
  retention: [bookingRetention, requestRetention, clerkRetention],
  personalData: surgeriesPersonalData,
  keyPrefixes: surgeryKeys,
  diary: surgeriesDiary,
  scheduled: { everyMinutes: 5 },
  emails: true,
  demoData: true,
  figures: surgeryFigures,
  mapLayer: { label: 'Parish surgeries', marker: 'S' },
  settings: [
    wholeNumberSetting({ name: 'bookingsPerCouncil', env: 'SURGERY_BOOKINGS_PER_COUNCIL', default: 1, min: 1, max: 20, meaning: "Upcoming bookings one council may hold in its district's programme" }),
    wholeNumberSetting({
      name: 'confirmHours',
      env: 'SURGERY_CONFIRM_HOURS',
      default: 48,
      min: 1,
      max: 336,
      meaning: "Hours the council's clerk has to confirm a request made on the public page (never past the slot's start); nothing is reserved meanwhile",
    }),
  ],
});
