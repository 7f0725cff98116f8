/** Demo meetings for `npm start` (to be written). */
export async function seedDemoMeetings(): Promise<void> {}
