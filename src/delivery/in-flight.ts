/**
 * A send whose outcome is unknown (its process died, or no answer came) may still be applied by
 * the service for as long as its request can be in flight. A look at the target before then can
 * miss it and send a second copy, so an in-doubt send is looked for only once its intent is older
 * than the longest a request may take (the HTTP timeout) and a margin.
 */
export const IN_FLIGHT_MARGIN_MS = 5_000;

export function mayStillArrive(intentAt: string, now: Date, inFlightMs: number): boolean {
  return now.getTime() - Date.parse(intentAt) < inFlightMs;
}
