/** When long work (a fan-out, moving expiries) stops starting new pieces: an instant, or a test of whether time is up. */
export type Deadline = number | (() => boolean);

export const outOfTime = (deadline: Deadline) => (typeof deadline === 'number' ? Date.now() > deadline : deadline());
