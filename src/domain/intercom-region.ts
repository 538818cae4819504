/**
 * Which Intercom region a workspace lives in, and so where its inbox links point. US workspaces are at
 * app.intercom.com, EU ones at app.eu.intercom.com, Australian ones at app.au.intercom.com; the API
 * host says which (api.eu.intercom.io …), and so does Canvas Kit's `workspace_region`.
 */

export type IntercomRegion = 'us' | 'eu' | 'au';

const APP_ORIGINS: Record<IntercomRegion, string> = {
  us: 'https://app.intercom.com',
  eu: 'https://app.eu.intercom.com',
  au: 'https://app.au.intercom.com',
};

const API_HOSTS: Record<string, IntercomRegion> = {
  'api.intercom.io': 'us',
  'api.eu.intercom.io': 'eu',
  'api.au.intercom.io': 'au',
};

/** The inbox origin of a region: `https://app.eu.intercom.com` for `eu`. */
export function intercomAppOrigin(region: IntercomRegion): string {
  return APP_ORIGINS[region];
}

/** The region an API base URL names, or null for anything that is not one of Intercom's API hosts (a proxy, a fake). */
export function regionOfApiBaseUrl(baseUrl: string | null): IntercomRegion | null {
  if (!baseUrl) return null;
  try {
    return API_HOSTS[new URL(baseUrl).hostname.toLowerCase()] ?? null;
  } catch {
    return null;
  }
}

/** Canvas Kit's `workspace_region` ("us", "eu", "au", any case), or null when it is missing or unknown. */
export function parseWorkspaceRegion(value: unknown): IntercomRegion | null {
  if (typeof value !== 'string') return null;
  const region = value.trim().toLowerCase();
  return region === 'us' || region === 'eu' || region === 'au' ? region : null;
}

/**
 * The region links follow: the API host's when it is one of Intercom's (the app cannot talk to a
 * workspace in another region, so that is certain), else what the inbox said in its canvas requests,
 * else the US (Intercom's default region, and the API's default host).
 */
export function linkRegion(apiBaseUrl: string | null, workspaceRegion: IntercomRegion | null): IntercomRegion {
  return regionOfApiBaseUrl(apiBaseUrl) ?? workspaceRegion ?? 'us';
}
