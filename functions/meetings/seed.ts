/**
 * Demo meetings for `npm start`, a few days to a few weeks ahead of the day it first runs. Idempotent:
 * meeting ids are fixed and created conditionally, and demo residents register with fixed emails (a
 * second registration with the same email returns the first), so running it again creates nothing.
 */
import type { CouncilAreaCode } from '../core/council-areas.js';
import { atLondonTime, londonDay } from '../core/time.js';
import { meetingInput, registrationInput } from './model.js';
import { createMeetingWithId, registerForMeeting } from './service.js';

interface DemoMeeting {
  id: string;
  daysAhead: number;
  title: string;
  description: string;
  areaCode: CouncilAreaCode;
  venue: string;
  address: string;
  latitude: number;
  longitude: number;
  capacity: number;
  maxPlacesPerRegistration: number;
  accessInformation: string;
  /** Demo residents registered after creation (to show a full meeting with a waiting list). */
  residents?: number;
}

const demoMeetings: DemoMeeting[] = [
  {
    id: 'demo-kegworth-car-cruising',
    daysAhead: 9,
    title: 'Car cruising in Kegworth',
    description:
      'Residents have told us about cars gathering late at night near the village and the A6. Come and hear what the police and the council are doing about it, and tell the Commissioner what you have seen.',
    areaCode: 'E07000134',
    venue: 'Kegworth Village Hall',
    address: 'Nottingham Road, Kegworth, Derby DE74 2FH',
    latitude: 52.8343,
    longitude: -1.2741,
    capacity: 60,
    maxPlacesPerRegistration: 4,
    accessInformation: 'Step-free entrance and accessible toilet. Hearing loop in the main hall. Free parking on site.',
  },
  {
    id: 'demo-leicester-city-centre-safety',
    daysAhead: 16,
    title: 'Safety in Leicester city centre at night',
    description: 'An open meeting with the Police and Crime Commissioner and the city centre neighbourhood policing team about the night-time economy.',
    areaCode: 'E06000016',
    venue: 'Leicester Town Hall, Council Chamber',
    address: 'Town Hall Square, Leicester LE1 9BG',
    latitude: 52.6339,
    longitude: -1.1328,
    capacity: 120,
    maxPlacesPerRegistration: 2,
    accessInformation: 'Lift to the first floor. British Sign Language interpreter available: tell us in your access needs.',
  },
  {
    id: 'demo-rutland-rural-crime',
    daysAhead: 23,
    title: 'Rural crime in Rutland',
    description: 'Farm machinery theft, fly-tipping and hare coursing: what is being done, and how to report it.',
    areaCode: 'E06000017',
    venue: 'Victoria Hall',
    address: '39 High Street, Oakham LE15 6AH',
    latitude: 52.6704,
    longitude: -0.7277,
    capacity: 40,
    maxPlacesPerRegistration: 2,
    accessInformation: 'Ground floor, step-free. Some parking nearby.',
  },
  {
    id: 'demo-loughborough-student-safety',
    daysAhead: 5,
    title: 'Student safety in Loughborough',
    description: 'A small-group session on keeping safe in town, for students and neighbours alike. This one is full: join the waiting list.',
    areaCode: 'E07000130',
    venue: 'Loughborough Library, Meeting Room 1',
    address: 'Granby Street, Loughborough LE11 3DZ',
    latitude: 52.7713,
    longitude: -1.2047,
    capacity: 12,
    maxPlacesPerRegistration: 2,
    accessInformation: 'Step-free access from Granby Street. Accessible toilet.',
    residents: 8,
  },
];

const DAY = 24 * 3_600_000;

export async function seedDemoMeetings(now: Date = new Date()): Promise<void> {
  for (const demo of demoMeetings) {
    const day = londonDay(new Date(now.getTime() + demo.daysAhead * DAY));
    const startsAt = atLondonTime(day, 18, 30);
    const input = meetingInput.parse({
      title: demo.title,
      description: demo.description,
      areaCode: demo.areaCode,
      venue: demo.venue,
      address: demo.address,
      latitude: demo.latitude,
      longitude: demo.longitude,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
      registrationOpensAt: new Date(now.getTime() - DAY).toISOString(),
      registrationClosesAt: new Date(startsAt.getTime() - 2 * 3_600_000).toISOString(),
      capacity: demo.capacity,
      maxPlacesPerRegistration: demo.maxPlacesPerRegistration,
      waitingList: true,
      accessInformation: demo.accessInformation,
    });
    await createMeetingWithId(demo.id, input, now);
    // Always (re)run: a registration with the same email returns the existing one, so a seed that was
    // interrupted half-way completes, and a complete one creates nothing.
    for (let i = 1; i <= (demo.residents ?? 0); i++) {
      await registerForMeeting(
        demo.id,
        registrationInput.parse({ name: `Demo Resident ${i}`, email: `demo.resident${i}@example.org`, places: 2, privacyAccepted: true }),
        now,
      );
    }
  }
}
