import { describe, expect, it } from 'vitest';
import {
  BACK,
  CREATE_INSTEAD,
  CREATE_TICKET,
  LINK_SELECTED,
  LINK_SUGGESTED,
  SELECTED_TICKET,
  TICKET_DESCRIPTION,
  TICKET_TITLE,
  linkTicketId,
  parseAction,
} from '../../canvases/actions.js';
import { parseStoredData } from '../../canvases/stored-data.js';
import type { SuggestionStoredData } from '../../canvases/stored-data.js';
import { MAX_OTHER_CANDIDATES, madeByText, suggestionCanvas } from '../../canvases/suggestion-canvas.js';
import { suggestionViewFromStoredData } from '../../canvases/suggestion-view-from-stored-data.js';
import { TEXT_MAX } from '../../canvases/text.js';
import type { MadeBy } from '../../canvases/view-models.js';
import {
  HOSTILE_TITLES,
  button,
  buttons,
  candidate,
  componentOfType,
  components,
  expectValidCanvas,
  pageId,
  renderMarkdown,
  submitIds,
  suggestionView,
  texts,
} from './helpers.js';

const visibleTexts = (response: ReturnType<typeof suggestionCanvas>) => texts(response).map((t) => renderMarkdown(t.text).text);

describe('suggestionCanvas for an existing ticket', () => {
  const response = suggestionCanvas(suggestionView());

  it('is a valid canvas', () => expectValidCanvas(response));

  it('marks a Done ticket on its Link button, and keeps the mark in stored data', () => {
    const done = candidate(1, { status: 'Done', done: true });
    const doneResponse = suggestionCanvas(suggestionView({ suggested: done, candidates: [done] }));
    expect(button(doneResponse, LINK_SUGGESTED).label).toBe('Link to JMP-1 (Done)');
    const stored = parseStoredData(doneResponse.canvas.stored_data) as SuggestionStoredData;
    expect(stored.candidates[0]).toMatchObject({ done: true });
  });

  it('shows the ticket, its status and the reason', () => {
    expect(visibleTexts(response)).toEqual(
      expect.arrayContaining([
        'JMP-1 Ticket number 1',
        'Status: Not started',
        'Same Safari checkout error as the customer reports.',
      ]),
    );
  });

  it('makes "Link to JMP-1" the only primary button', () => {
    expect(buttons(response).filter((b) => b.style === 'primary').map((b) => [b.id, b.label])).toEqual([[LINK_SUGGESTED, 'Link to JMP-1']]);
  });

  it('offers the other candidates in a preselected dropdown with "Link selected"', () => {
    const dropdown = componentOfType(response, 'dropdown');
    expect(dropdown?.id).toBe(SELECTED_TICKET);
    expect(dropdown?.options.map((o) => [o.id, o.text])).toEqual([
      [pageId(2), 'JMP-2 · Ticket number 2 (Not started)'],
      [pageId(3), 'JMP-3 · Ticket number 3 (Not started)'],
    ]);
    expect(dropdown?.value).toBe(pageId(2));
    expect(button(response, LINK_SELECTED)).toMatchObject({ label: 'Link selected', style: 'secondary' });
  });

  it('offers "Create a new ticket instead" as a secondary button and Back as a link at the bottom', () => {
    expect(button(response, CREATE_INSTEAD)).toMatchObject({ label: 'Create a new ticket instead', style: 'secondary' });
    const all = components(response);
    expect(all.at(-2)).toEqual({ type: 'divider' });
    expect(all.at(-1)).toMatchObject({ type: 'button', id: BACK, label: 'Back', style: 'link' });
  });

  it('turns a single other candidate into a clickable list item, since a dropdown needs two options', () => {
    const one = suggestionCanvas(suggestionView({ candidates: [candidate(1), candidate(2)] }));
    expectValidCanvas(one);
    expect(componentOfType(one, 'dropdown')).toBeUndefined();
    expect(buttons(one).map((b) => b.id)).not.toContain(LINK_SELECTED);
    expect(componentOfType(one, 'list')?.items).toEqual([
      { type: 'item', id: linkTicketId(pageId(2)), title: 'JMP-2 · Ticket number 2', subtitle: 'Not started', action: { type: 'submit' } },
    ]);
    expect(parseAction(linkTicketId(pageId(2)))).toEqual({ type: 'link_ticket', pageId: pageId(2) });
  });

  it('offers no alternatives when the suggestion is the only candidate', () => {
    const alone = suggestionCanvas(suggestionView({ candidates: [candidate(1)] }));
    expectValidCanvas(alone);
    expect(componentOfType(alone, 'dropdown')).toBeUndefined();
    expect(componentOfType(alone, 'list')).toBeUndefined();
  });

  it('lists at most ten other candidates', () => {
    const many = suggestionCanvas(suggestionView({ candidates: Array.from({ length: 15 }, (_, i) => candidate(i + 1)) }));
    expectValidCanvas(many);
    expect(componentOfType(many, 'dropdown')?.options).toHaveLength(MAX_OTHER_CANDIDATES);
  });

  it('lists a candidate the search returned twice once', () => {
    const repeated = suggestionCanvas(suggestionView({ candidates: [candidate(1), candidate(2), candidate(2), candidate(3)] }));
    expectValidCanvas(repeated);
    expect(componentOfType(repeated, 'dropdown')?.options.map((o) => o.id)).toEqual([pageId(2), pageId(3)]);
  });

  it('falls back to the new-ticket form when "existing" comes without a ticket', () => {
    const inconsistent = suggestionCanvas(suggestionView({ suggested: null }));
    expectValidCanvas(inconsistent);
    expect(button(inconsistent, CREATE_TICKET).style).toBe('primary');
    expect(parseStoredData(inconsistent.canvas.stored_data)).toMatchObject({ suggestion: { decision: 'new', pageId: null } });
  });
});

describe('suggestionCanvas for a new ticket', () => {
  const view = suggestionView({ decision: 'new', suggested: null, reason: 'No ticket covers refunds in CSV exports.' });
  const response = suggestionCanvas(view);

  it('is a valid canvas', () => expectValidCanvas(response));

  it('prefills an editable title and description', () => {
    expect(componentOfType(response, 'input')).toMatchObject({ id: TICKET_TITLE, label: 'Title', value: view.draft.title });
    expect(componentOfType(response, 'textarea')).toMatchObject({ id: TICKET_DESCRIPTION, label: 'Description', value: view.draft.description });
  });

  it('makes "Create ticket" the only primary button', () => {
    expect(buttons(response).filter((b) => b.style === 'primary').map((b) => [b.id, b.label])).toEqual([[CREATE_TICKET, 'Create ticket']]);
  });

  it('keeps every candidate one click away', () => {
    expect(componentOfType(response, 'dropdown')?.options.map((o) => o.id)).toEqual([pageId(1), pageId(2), pageId(3)]);
    expect(button(response, LINK_SELECTED).style).toBe('secondary');
    expect(buttons(response).map((b) => b.id)).not.toContain(CREATE_INSTEAD);
  });

  it('shows a problem with the last submit as an error line', () => {
    const withError = suggestionCanvas({ ...view, formError: 'Give the ticket a title.' });
    expectValidCanvas(withError);
    expect(texts(withError)).toContainEqual({ type: 'text', text: 'Give the ticket a title.', style: 'error' });
  });

  it('flags a draft in another language than the tickets\', above the title, and keeps the flag through "Create a new ticket instead"', () => {
    const german = { ...view, draft: { title: 'Outlook-Adressen bekommen keine E-Mail', description: 'Kollegen mit Outlook…', titleLanguage: 'German' } };
    const flagged = suggestionCanvas(german);
    expectValidCanvas(flagged);
    const flag = { type: 'text', text: 'Title in German: edit before creating', style: 'error' };
    const all = components(flagged);
    expect(all.findIndex((c) => c.type === 'text' && c.text === flag.text)).toBe(all.findIndex((c) => c.type === 'input') - 1);
    expect(visibleTexts(suggestionCanvas(view))).not.toContainEqual(expect.stringContaining('edit before creating'));
    const stored = parseStoredData(flagged.canvas.stored_data) as SuggestionStoredData;
    expect(stored.draft.titleLanguage).toBe('German');
    expect(texts(suggestionCanvas(suggestionViewFromStoredData(stored, { decision: 'new' })))).toContainEqual(flag);
  });

  it('caps a long draft so the canvas stays under the limits', () => {
    const long = suggestionCanvas({ ...view, draft: { title: 'T'.repeat(5_000), description: 'D'.repeat(100_000) } });
    expectValidCanvas(long);
    expect(Array.from(componentOfType(long, 'input')?.value ?? '')).toHaveLength(TEXT_MAX.title);
    expect(Array.from(componentOfType(long, 'textarea')?.value ?? '')).toHaveLength(TEXT_MAX.description);
  });
});

describe('who made the suggestion', () => {
  it.each<[MadeBy, string]>([
    [{ kind: 'gemini', model: 'gemini-2.5-flash' }, 'Suggested by Gemini (gemini-2.5-flash) · 87% confident'],
    [{ kind: 'offline', why: 'not_configured' }, 'Suggested offline — Gemini not configured · 87% confident'],
    [{ kind: 'offline', why: 'timeout' }, 'Suggested offline — Gemini timed out · 87% confident'],
    [{ kind: 'offline', why: 'invalid_answer' }, 'Suggested offline — Gemini answered badly · 87% confident'],
    [{ kind: 'offline', why: 'error' }, 'Suggested offline — Gemini failed · 87% confident'],
  ])('says %j plainly', (madeBy, expected) => {
    expect(madeByText(madeBy, 0.87)).toBe(expected);
    const response = suggestionCanvas(suggestionView({ madeBy }));
    expect(texts(response)).toContainEqual({ type: 'text', text: expected, style: 'muted' });
  });

  it('keeps the confidence between 0% and 100%', () => {
    expect(madeByText({ kind: 'offline', why: 'timeout' }, 1.7)).toContain('100% confident');
    expect(madeByText({ kind: 'offline', why: 'timeout' }, Number.NaN)).toContain('0% confident');
  });

  it('says how many tickets were searched while the index is still loading', () => {
    const loading = suggestionCanvas(suggestionView({ index: { complete: false, ticketsSeen: 1_234 } }));
    expect(visibleTexts(loading)).toContain('Searched the 1,234 tickets loaded so far');
    const loaded = suggestionCanvas(suggestionView({ index: { complete: true, ticketsSeen: 1_234 } }));
    expect(visibleTexts(loaded).join('\n')).not.toContain('Searched');
  });
});

describe('suggestionCanvas text', () => {
  it.each(HOSTILE_TITLES)('shows the title and reason %j verbatim, without links or stray bold', (hostile) => {
    const response = suggestionCanvas(suggestionView({ suggested: candidate(1, { title: hostile }), reason: hostile }));
    expectValidCanvas(response);
    for (const t of texts(response)) {
      const rendered = renderMarkdown(t.text);
      expect(rendered.links).toEqual([]);
      expect(rendered.unbalancedBold).toBe(false);
    }
    expect(visibleTexts(response)).toEqual(expect.arrayContaining([`JMP-1 ${hostile}`, hostile]));
  });

  it('stays under 64 KB with every field at its worst', () => {
    // Control characters cost six bytes each in JSON, emoji four in UTF-8.
    const worst = '\u0001😀'.repeat(50_000);
    const response = suggestionCanvas(
      suggestionView({
        decision: 'new',
        suggested: null,
        reason: worst,
        madeBy: { kind: 'gemini', model: worst },
        draft: { title: worst, description: worst },
        candidates: Array.from({ length: 40 }, (_, i) => candidate(i + 1, { title: worst, status: worst, ticketId: `JMP-${i + 1}` })),
        formError: worst,
      }),
    );
    expectValidCanvas(response);
  });

  it('submits only ids the route understands', () => {
    for (const view of [suggestionView(), suggestionView({ decision: 'new', suggested: null }), suggestionView({ candidates: [candidate(1), candidate(2)] })]) {
      for (const id of submitIds(suggestionCanvas(view))) expect(parseAction(id), id).not.toBeNull();
    }
  });
});

describe('suggestion stored data', () => {
  const view = suggestionView({ candidates: [candidate(2), candidate(3)] });
  const stored = parseStoredData(suggestionCanvas(view).canvas.stored_data) as SuggestionStoredData;

  it('carries everything the next submit needs', () => {
    expect(stored).toEqual({
      v: 1,
      canvas: 'suggestion',
      conversationId: '215468453',
      participants: ['991', '992'],
      suggestion: {
        decision: 'existing',
        pageId: pageId(1),
        ticketId: 'JMP-1',
        reason: view.reason,
        confidence: 0.87,
        madeBy: { kind: 'gemini', model: 'gemini-2.5-flash' },
      },
      draft: view.draft,
      // The suggestion joins the candidates, so the canvas can be drawn again from stored data.
      candidates: [candidate(2), candidate(3), candidate(1)],
      index: { complete: true, ticketsSeen: 120 },
    });
  });

  it('draws the same canvas again from stored data alone', () => {
    const again = suggestionCanvas(suggestionViewFromStoredData(stored));
    expect(again.canvas.content).toEqual(suggestionCanvas(view).canvas.content);
  });

  it('"Create a new ticket instead" shows the stored draft and keeps the suggested ticket among the choices', () => {
    const instead = suggestionCanvas(suggestionViewFromStoredData(stored, { decision: 'new' }));
    expectValidCanvas(instead);
    expect(componentOfType(instead, 'input')?.value).toBe(view.draft.title);
    expect(componentOfType(instead, 'textarea')?.value).toBe(view.draft.description);
    expect(button(instead, CREATE_TICKET).style).toBe('primary');
    expect(componentOfType(instead, 'dropdown')?.options.map((o) => o.id)).toEqual([pageId(2), pageId(3), pageId(1)]);
    expect(parseStoredData(instead.canvas.stored_data)).toMatchObject({ participants: ['991', '992'], draft: view.draft });
  });

  it('keeps the stored data of a worst-case suggestion under 64 KB', () => {
    const huge = '\u0001😀'.repeat(50_000);
    const response = suggestionCanvas(
      suggestionView({
        reason: huge,
        draft: { title: huge, description: huge },
        candidates: Array.from({ length: 40 }, (_, i) => candidate(i + 1, { title: huge, status: huge })),
      }),
    );
    expectValidCanvas(response);
    expect(parseStoredData(response.canvas.stored_data)).not.toBeNull();
  });
});

describe('suggestionCanvas when the triage is unsure', () => {
  const view = suggestionView({ decision: 'uncertain', suggested: null, candidates: [candidate(1), candidate(2), candidate(3)] });
  const response = suggestionCanvas(view);

  it('is a valid canvas', () => expectValidCanvas(response));

  it('asks "Is it one of these?" with each candidate one click away, nothing pre-selected and no primary button', () => {
    expect(visibleTexts(response)[0]).toBe('Is it one of these?');
    expect(submitIds(response)).toEqual([linkTicketId(pageId(1)), linkTicketId(pageId(2)), linkTicketId(pageId(3)), CREATE_INSTEAD, BACK]);
    expect(buttons(response).some((b) => b.style === 'primary')).toBe(false);
    expect(componentOfType(response, 'dropdown')).toBeUndefined();
    expect(button(response, CREATE_INSTEAD).label).toBe('Create a new ticket');
  });

  it('remembers it was unsure, and "Create a new ticket" opens the draft with the same candidates to link', () => {
    const stored = parseStoredData(response.canvas.stored_data) as SuggestionStoredData;
    expect(stored.suggestion).toMatchObject({ decision: 'uncertain', pageId: null });
    const created = suggestionCanvas(suggestionViewFromStoredData(stored, { decision: 'new' }));
    expect(submitIds(created)).toContain(CREATE_TICKET);
    expect(componentOfType(created, 'dropdown')!.options.map((o) => o.id)).toEqual([pageId(1), pageId(2), pageId(3)]);
  });
});
