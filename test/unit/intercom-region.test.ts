import { describe, expect, it } from 'vitest';
import { conversationTextChunks, conversationUrl, parseConversationIds } from '../../src/domain/conversation-links.js';
import { intercomAppOrigin, linkRegion, parseWorkspaceRegion, regionOfApiBaseUrl } from '../../src/domain/intercom-region.js';
import { IntercomWorkspace } from '../../src/flows/intercom-workspace.js';

describe('the Intercom region conversation links follow', () => {
  it.each([
    ['https://api.intercom.io', 'us'],
    ['https://api.eu.intercom.io', 'eu'],
    ['https://api.eu.intercom.io/', 'eu'],
    ['https://API.AU.intercom.io', 'au'],
    ['http://127.0.0.1:4010/intercom', null],
    ['https://intercom-proxy.example.com', null],
    ['not a url', null],
    [null, null],
  ])('API base URL %s -> %s', (url, region) => {
    expect(regionOfApiBaseUrl(url)).toBe(region);
  });

  it('maps each region to its inbox origin', () => {
    expect(intercomAppOrigin('us')).toBe('https://app.intercom.com');
    expect(intercomAppOrigin('eu')).toBe('https://app.eu.intercom.com');
    expect(intercomAppOrigin('au')).toBe('https://app.au.intercom.com');
  });

  it.each([
    ['eu', 'eu'],
    ['AU', 'au'],
    [' us ', 'us'],
    ['mars', null],
    ['', null],
    [3, null],
    [undefined, null],
  ])('workspace_region %j -> %j', (value, region) => {
    expect(parseWorkspaceRegion(value)).toBe(region);
  });

  it("prefers the API host's region, then the inbox's, then the US", () => {
    expect(linkRegion('https://api.eu.intercom.io', 'au')).toBe('eu');
    expect(linkRegion('https://api.intercom.io', 'eu')).toBe('us');
    expect(linkRegion('http://127.0.0.1:9/intercom', 'au')).toBe('au');
    expect(linkRegion(null, 'eu')).toBe('eu');
    expect(linkRegion(null, null)).toBe('us');
  });

  it('writes conversation URLs on the region origin, and reads them back', () => {
    const eu = intercomAppOrigin('eu');
    expect(conversationUrl('abc123', '42', eu)).toBe('https://app.eu.intercom.com/a/inbox/abc123/inbox/conversation/42');
    expect(conversationUrl('abc123', '42')).toBe('https://app.intercom.com/a/inbox/abc123/inbox/conversation/42');
    expect(parseConversationIds(conversationTextChunks('abc123', ['1', '2'], intercomAppOrigin('au')).join(''))).toEqual(['1', '2']);
  });

  it('a workspace learns its region from the inbox unless the API host says it', () => {
    const unknownHost = new IntercomWorkspace('abc', 'https://proxy.example.com');
    expect(unknownHost.conversationUrl('7')).toBe('https://app.intercom.com/a/inbox/abc/inbox/conversation/7');
    unknownHost.noteRegion('au');
    unknownHost.noteRegion(null);
    expect(unknownHost.conversationUrl('7')).toBe('https://app.au.intercom.com/a/inbox/abc/inbox/conversation/7');

    const eu = new IntercomWorkspace('abc', 'https://api.eu.intercom.io');
    eu.noteRegion('us');
    expect(eu.appOrigin()).toBe('https://app.eu.intercom.com');
  });
});
