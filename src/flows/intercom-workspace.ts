import { conversationUrl } from '../domain/conversation-links.js';
import { intercomAppOrigin, linkRegion, type IntercomRegion } from '../domain/intercom-region.js';

/**
 * The Intercom workspace the app serves, for the conversation links it writes (Notion, Slack). Its
 * region comes from INTERCOM_API_BASE_URL when that is one of Intercom's API hosts; otherwise from the
 * `workspace_region` of the canvas requests the inbox sends (remembered, the latest wins); else US.
 */
export class IntercomWorkspace {
  private seenRegion: IntercomRegion | null = null;

  constructor(
    readonly appId: string,
    private readonly apiBaseUrl: string | null,
  ) {}

  noteRegion(region: IntercomRegion | null): void {
    if (region) this.seenRegion = region;
  }

  appOrigin(): string {
    return intercomAppOrigin(linkRegion(this.apiBaseUrl, this.seenRegion));
  }

  conversationUrl(conversationId: string): string {
    return conversationUrl(this.appId, conversationId, this.appOrigin());
  }
}
