/** Milliseconds since some fixed origin; inject a fake one in tests. */
export type Clock = () => number;

/** The wall clock (ms since the epoch). */
export const systemClock: Clock = () => Date.now();
