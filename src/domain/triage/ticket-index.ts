import MiniSearch, { type SearchResult } from 'minisearch';
import { reportExcerpts } from '../customer-reports.js';
import type { Ticket } from '../ticket.js';
import { parseTicketId } from '../ticket-id.js';
import { analyze } from './search-terms.js';

export interface Candidate {
  ticket: Ticket;
  /** The full-text (BM25+) score; only comparable within one search. */
  score: number;
  /** 0..1, comparable across queries: how much the ticket and the query cover each other (see #candidate). */
  similarity: number;
  /** The ticket's terms the query matched, most distinctive first (for "same words as…"). */
  terms: string[];
}

export interface SearchOptions {
  /** Default 10. */
  limit?: number;
  /**
   * More of the query that counts less (teammates' replies and notes): their terms are searched
   * too, at SECONDARY_WEIGHT, so the customer's own words decide the ranking.
   */
  secondary?: string;
  /** Page ids never returned (the tickets the conversation is already linked to). */
  exclude?: ReadonlySet<string>;
}

/** A secondary (teammate) term weighs this much of a customer's term, in ranking and in similarity. */
export const SECONDARY_WEIGHT = 0.5;

/**
 * Only this much of a description is indexed: the start says what the issue is, and indexing
 * cost grows with every term (50,000 tickets index in 6-9 s on 2 cores at 400 characters).
 */
export const INDEXED_DESCRIPTION_CHARS = 400;

/**
 * The index keeps descriptions to this length: enough for the prompt (DEFAULT_CANDIDATE_CHARS) and
 * the panel, while 50,000 long descriptions would cost a lot of memory. Flows that write a ticket
 * read it from Notion first, so nothing is ever written back from a shortened copy.
 */
export const HELD_DESCRIPTION_CHARS = 1000;

function heldCopy(ticket: Ticket): Ticket {
  return ticket.description.length <= HELD_DESCRIPTION_CHARS
    ? ticket
    : { ...ticket, description: ticket.description.slice(0, HELD_DESCRIPTION_CHARS) };
}

/**
 * A Done ticket ranks as if it scored this fraction of its score: an open ticket within 20% of it
 * comes first, but a Done ticket that matches clearly better still leads (the issue may be back,
 * and linking to it is the agent's call).
 */
export const DONE_RANK_FACTOR = 0.8;

/** A query keeps at most this many distinct terms (see #queryTerms), so long conversations stay fast. */
const MAX_QUERY_TERMS = 32;
const MAX_UNKNOWN_QUERY_TERMS = 8;

/**
 * Total posting-list length a search walks per field (see #budgeted). Set on 50,000 synthetic
 * tickets, where they bound a search to about 10 ms at little cost in recall; an index of a few
 * thousand tickets never reaches them.
 */
const TITLE_POSTINGS_BUDGET = 4000;
const DESCRIPTION_POSTINGS_BUDGET = 4000;
const MIN_RETRIEVAL_TERMS = 3;

/** How many full-text hits are re-scored for similarity before the final cut. */
const RERANK_POOL = 20;

/** A title names the issue; the description adds context (3 measured best on the real dev set, 1.5–3 tried). */
const TITLE_BOOST = 3;
/**
 * Customer Reports (the linked customers' own words) are how the next customer will put it too, but
 * they are looser than a title: weighted below it (see the README's triage figures, --online).
 */
const REPORTS_BOOST = 1;

interface Indexed {
  ticket: Ticket;
  /** The text as indexed, to skip re-indexing when only links or status changed. */
  indexedTitle: string;
  indexedDescription: string;
  /** The Customer Reports' excerpts, one per line (no conversation ids). */
  indexedReports: string;
}

/**
 * Every ticket of the Notion data source, kept in memory and searchable. The app's sync loop feeds
 * it (upsert/remove) and says when the first full load is over (markComplete).
 */
export class TicketIndex {
  readonly #byPageId = new Map<string, Indexed>();
  readonly #pageIdByTicketId = new Map<string, string>();
  readonly #pageIdsByConversation = new Map<string, Set<string>>();
  /** In how many tickets each term occurs: the weights of similarity and of query-term selection. */
  readonly #documentFrequency = new Map<string, number>();
  /** In how many titles each term occurs: the cost of searching titles for it. */
  readonly #titleFrequency = new Map<string, number>();
  readonly #search = new MiniSearch<{ id: string; title: string; description: string; reports: string }>({
    fields: ['title', 'description', 'reports'],
    // Documents arrive already analysed (terms joined by spaces), so the term analysis runs once.
    tokenize: (text) => text.split(' '),
    processTerm: (term) => term || null,
  });
  #newestEdit: string | null = null;
  #complete = false;
  #onChange: (pageId: string) => void = () => undefined;

  get size(): number {
    return this.#byPageId.size;
  }

  get complete(): boolean {
    return this.#complete;
  }

  markComplete(): void {
    this.#complete = true;
  }

  /** Told the page id of every ticket that changed or left (the snapshot writes those). */
  watch(onChange: (pageId: string) => void): void {
    this.#onChange = onChange;
  }

  /** The largest lastEditedTime seen (ISO), for asking Notion only for what changed since. */
  newestEdit(): string | null {
    return this.#newestEdit;
  }

  /**
   * Adds or replaces tickets by pageId. A ticket older than the one held (by lastEditedTime) is
   * ignored, so a slow full load cannot undo a fresher webhook-driven update. Equal times replace:
   * Notion rounds lastEditedTime to the minute, so two edits in one minute look the same age.
   */
  upsert(tickets: Ticket[]): void {
    for (const fresh of tickets) {
      const ticket = heldCopy(fresh);
      const held = this.#byPageId.get(ticket.pageId);
      // Older, or the same again (a replica reading back what it wrote): nothing to do.
      if (held && (held.ticket.lastEditedTime > ticket.lastEditedTime || sameTicket(held.ticket, ticket))) continue;
      if (this.#newestEdit === null || ticket.lastEditedTime > this.#newestEdit) this.#newestEdit = ticket.lastEditedTime;
      if (!held || !sameTicket(held.ticket, ticket)) this.#onChange(ticket.pageId);
      const indexedTitle = ticket.title;
      const indexedDescription = ticket.description.slice(0, INDEXED_DESCRIPTION_CHARS);
      const indexedReports = reportExcerpts(ticket.customerReports ?? '').join('\n');
      if (held) {
        this.#unlink(held.ticket);
        if (held.indexedTitle === indexedTitle && held.indexedDescription === indexedDescription && held.indexedReports === indexedReports) {
          this.#byPageId.set(ticket.pageId, { ...held, ticket });
          this.#link(ticket);
          continue;
        }
        this.#uncount(held);
        this.#search.discard(ticket.pageId);
      }
      // Distinct terms: term frequency barely matters in a ticket-sized text, and skipping repeats
      // makes indexing faster (MiniSearch measures field length in distinct terms anyway). A term
      // of the title is not indexed again for the description: every search looks at titles.
      const title = new Set(analyze(indexedTitle));
      const description = analyze(indexedDescription).filter((t) => !title.has(t));
      const reports = new Set(indexedReports ? analyze(indexedReports) : []);
      this.#search.add({
        id: ticket.pageId,
        title: [...title].join(' '),
        description: [...new Set(description)].join(' '),
        reports: [...reports].join(' '),
      });
      count(this.#documentFrequency, new Set([...title, ...description, ...reports]), +1);
      count(this.#titleFrequency, title, +1);
      this.#byPageId.set(ticket.pageId, { ticket, indexedTitle, indexedDescription, indexedReports });
      this.#link(ticket);
    }
  }

  remove(pageId: string): void {
    const held = this.#byPageId.get(pageId);
    if (!held) return;
    this.#unlink(held.ticket);
    this.#uncount(held);
    this.#search.discard(pageId);
    this.#byPageId.delete(pageId);
    this.#onChange(pageId);
  }

  /** Every page id held (a copy: safe to remove() while iterating it). */
  pageIds(): string[] {
    return [...this.#byPageId.keys()];
  }

  get(pageId: string): Ticket | undefined {
    return this.#byPageId.get(pageId)?.ticket;
  }

  /** "JMP-12", "jmp-12": case-insensitive. */
  getByTicketId(ticketId: string): Ticket | undefined {
    const pageId = this.#pageIdByTicketId.get(ticketId.trim().toUpperCase());
    return pageId === undefined ? undefined : this.get(pageId);
  }

  /** Tickets that link this conversation, oldest first. */
  findByConversation(conversationId: string): Ticket[] {
    const pageIds = this.#pageIdsByConversation.get(conversationId);
    if (!pageIds) return [];
    return [...pageIds].map((id) => this.#byPageId.get(id)!.ticket).sort(byCreatedTime);
  }

  /** The ticket this conversation was first filed as (its first linked conversation); the oldest if several. */
  createdFrom(conversationId: string): Ticket | undefined {
    return this.findByConversation(conversationId).find((t) => t.conversationIds[0] === conversationId);
  }

  /**
   * The tickets most like `text`, best first. Full-text retrieval (MiniSearch's BM25+ over the
   * title, boosted, and the description), then the best hits are re-ranked by full-text score and
   * similarity together, with Done tickets demoted by DONE_RANK_FACTOR.
   */
  search(text: string, options: SearchOptions = {}): Candidate[] {
    const limit = options.limit ?? 10;
    const primary = new Set(analyze(text));
    const queryTerms = this.#queryTerms(options.secondary ? `${text}\n${options.secondary}` : text);
    if (queryTerms.length === 0 || limit <= 0) return [];
    const weightOf = (term: string) => (primary.has(term) ? 1 : SECONDARY_WEIGHT);
    const exclude = options.exclude;
    const known = (term: string) => this.#documentFrequency.has(term);
    const asIs = { tokenize: (q: string) => q.split(' '), processTerm: (term: string) => term };
    // Each field is searched for the query terms its posting budget allows (see #budgeted);
    // titles are short, so their lists are short and they get most terms. Words the index does
    // not know (mostly typos) are looked up by prefix and fuzzily, in titles only: a fuzzy lookup
    // walks the whole term tree, and the title is where a ticket names its issue.
    const titleTerms = this.#budgeted(queryTerms, this.#titleFrequency, TITLE_POSTINGS_BUDGET);
    const descriptionTerms = this.#budgeted(queryTerms, this.#documentFrequency, DESCRIPTION_POSTINGS_BUDGET);
    const hits = this.#search.search({
      combineWith: 'OR',
      boostTerm: (term) => weightOf(term),
      queries: [
        {
          ...asIs,
          queries: [titleTerms.join(' ')],
          fields: ['title'],
          boost: { title: TITLE_BOOST },
          prefix: (term) => !known(term) && term.length >= 4,
          fuzzy: (term) => (known(term) || term.length < 5 ? false : term.length >= 9 ? 2 : 1),
          weights: { fuzzy: 0.6, prefix: 0.5 },
        },
        { ...asIs, queries: [descriptionTerms.join(' ')], fields: ['description'] },
        { ...asIs, queries: [descriptionTerms.join(' ')], fields: ['reports'], boost: { reports: REPORTS_BOOST } },
      ],
      // (MiniSearch reads `filter` from the search options, not from a combined query.)
    }, exclude && exclude.size > 0 ? { filter: (hit: SearchResult) => !exclude.has(hit.id as string) } : {});
    const pool = hits.slice(0, Math.max(RERANK_POOL, limit));
    const topScore = pool[0]?.score ?? 1;
    const queryWeights = new Map(queryTerms.map((t) => [t, weightOf(t)]));
    return pool
      .map((hit) => this.#candidate(hit, queryWeights))
      .map((c) => ({ c, rank: rankOf(c, topScore) }))
      .sort((a, b) => b.rank - a.rank)
      .slice(0, limit)
      .map(({ c }) => c);
  }

  /**
   * Similarity is the geometric mean of two idf-weighted coverages: how much of the ticket the
   * query matched (title and whole text, half each) and how much of the query the ticket explains.
   * Both must be high: a short ticket fully contained in a long rambling conversation, or a
   * conversation about one narrow thing that shares only a generic word ("export") with a broad
   * ticket, both score low. Query words no ticket contains count as rare words: they are evidence
   * that the conversation is about something the index does not hold.
   */
  #candidate(hit: SearchResult, queryTerms: Map<string, number>): Candidate {
    const held = this.#byPageId.get(hit.id as string)!;
    // Re-analysed for the few hits re-ranked (RERANK_POOL), rather than keeping every ticket's
    // terms: at 50,000 tickets that would cost more memory than this costs time.
    const titleTerms = new Set(analyze(held.indexedTitle));
    const allTerms = new Set([...titleTerms, ...analyze(held.indexedDescription)]);
    // Exact matches by set intersection (this counts query terms left out of retrieval by the
    // postings budget), plus what the search matched by prefix or fuzzy.
    const matched = new Set(hit.terms);
    const explained = new Set(hit.queryTerms);
    for (const term of allTerms) {
      if (queryTerms.has(term)) {
        matched.add(term);
        explained.add(term);
      }
    }
    // A customer report is another way of saying what the ticket is: the ticket counts as covered
    // by the query as much as by its own text or by its best-covered report, whichever is more.
    const reports = held.indexedReports ? held.indexedReports.split('\n').map((r) => new Set(analyze(r))) : [];
    for (const report of reports) {
      for (const term of report) {
        if (queryTerms.has(term)) {
          matched.add(term);
          explained.add(term);
        }
      }
    }
    const titleCoverage = this.#coverage(titleTerms, matched);
    const ticketCoverage = Math.max(
      0.5 * titleCoverage + 0.5 * this.#coverage(allTerms, matched),
      ...reports.map((report) => 0.5 * titleCoverage + 0.5 * this.#coverage(report, matched)),
    );
    const queryCoverage = this.#coverage(queryTerms.keys(), explained, (t) => queryTerms.get(t) ?? 1);
    const similarity = Math.sqrt(ticketCoverage * queryCoverage);
    const terms = [...allTerms].filter((t) => matched.has(t)).sort((a, b) => this.#idf(b) - this.#idf(a));
    return { ticket: held.ticket, score: hit.score, similarity, terms };
  }

  /** The idf-weighted (times `weightOf`) share of `terms` found in `matched`. */
  #coverage(terms: Iterable<string>, matched: Set<string>, weightOf: (term: string) => number = () => 1): number {
    let total = 0;
    let hit = 0;
    for (const term of terms) {
      const weight = this.#idf(term) * weightOf(term);
      total += weight;
      if (matched.has(term)) hit += weight;
    }
    return total === 0 ? 0 : hit / total;
  }

  /** BM25's idf; a term no ticket has weighs as much as a term only one ticket has. */
  #idf(term: string): number {
    const n = this.#byPageId.size;
    const df = Math.max(1, this.#documentFrequency.get(term) ?? 0);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * Distinct query terms, at most MAX_QUERY_TERMS: the rarest known terms first (they discriminate),
   * plus up to MAX_UNKNOWN_QUERY_TERMS words the index does not know, earliest first (typos worth a
   * fuzzy match; the rest of a long conversation's vocabulary cannot match anything anyway).
   */
  #queryTerms(text: string): string[] {
    const terms = [...new Set(analyze(text))];
    if (terms.length <= MAX_QUERY_TERMS) return terms;
    const unknown = terms.filter((t) => !this.#documentFrequency.has(t)).slice(0, MAX_UNKNOWN_QUERY_TERMS);
    const known = terms
      .filter((t) => this.#documentFrequency.has(t))
      .sort((a, b) => this.#documentFrequency.get(a)! - this.#documentFrequency.get(b)!)
      .slice(0, MAX_QUERY_TERMS - unknown.length);
    const keep = new Set([...known, ...unknown]);
    return terms.filter((t) => keep.has(t));
  }

  /**
   * The query terms one field is searched for. A term's cost is its posting list, and the terms on
   * long lists are the common ones that rank least, so on a large index the rarest terms are taken
   * until their lists add up to `budget` (at least MIN_RETRIEVAL_TERMS of them). Words the field
   * does not hold have no list and are kept (in titles they get a prefix and fuzzy lookup).
   */
  #budgeted(queryTerms: string[], frequency: Map<string, number>, budget: number): string[] {
    const df = (t: string) => frequency.get(t) ?? 0;
    if (queryTerms.reduce((sum, t) => sum + df(t), 0) <= budget) return queryTerms;
    let spent = 0;
    let taken = 0;
    const keep = new Set<string>();
    for (const term of [...queryTerms].sort((a, b) => df(a) - df(b))) {
      const cost = df(term);
      if (cost > 0 && taken >= MIN_RETRIEVAL_TERMS && spent + cost > budget) break;
      keep.add(term);
      spent += cost;
      if (cost > 0) taken += 1;
    }
    return queryTerms.filter((t) => keep.has(t));
  }

  #uncount(held: Indexed): void {
    const title = new Set(analyze(held.indexedTitle));
    const reports = held.indexedReports ? analyze(held.indexedReports) : [];
    count(this.#documentFrequency, new Set([...title, ...analyze(held.indexedDescription), ...reports]), -1);
    count(this.#titleFrequency, title, -1);
  }

  #link(ticket: Ticket): void {
    if (ticket.ticketId) this.#pageIdByTicketId.set(ticket.ticketId.toUpperCase(), ticket.pageId);
    for (const id of ticket.conversationIds) {
      let set = this.#pageIdsByConversation.get(id);
      if (!set) this.#pageIdsByConversation.set(id, (set = new Set()));
      set.add(ticket.pageId);
    }
  }

  #unlink(ticket: Ticket): void {
    if (ticket.ticketId && this.#pageIdByTicketId.get(ticket.ticketId.toUpperCase()) === ticket.pageId) {
      this.#pageIdByTicketId.delete(ticket.ticketId.toUpperCase());
    }
    for (const id of ticket.conversationIds) {
      const set = this.#pageIdsByConversation.get(id);
      set?.delete(ticket.pageId);
      if (set?.size === 0) this.#pageIdsByConversation.delete(id);
    }
  }
}

/**
 * Ranking: similarity (both texts covering each other) weighs more than the full-text score relative
 * to the best hit, which mostly rewards a few rare shared words; Done tickets demoted. 0.7 measured
 * best on the real dev set (0.5–0.7 tried), and it stays a blend: neither alone ranks as well.
 */
const SIMILARITY_RANK_WEIGHT = 0.7;

function rankOf(c: Candidate, topScore: number): number {
  const base = (1 - SIMILARITY_RANK_WEIGHT) * (c.score / topScore) + SIMILARITY_RANK_WEIGHT * c.similarity;
  return c.ticket.done ? base * DONE_RANK_FACTOR : base;
}

/** A full load re-reads every ticket: only a real difference is worth writing to the snapshot. */
function sameTicket(a: Ticket, b: Ticket): boolean {
  for (const key of Object.keys(b) as Array<keyof Ticket>) {
    const x = a[key];
    const y = b[key];
    if (Array.isArray(x) && Array.isArray(y) ? x.length !== y.length || x.some((v, i) => v !== y[i]) : x !== y) return false;
  }
  return Object.keys(a).length === Object.keys(b).length;
}

function count(frequency: Map<string, number>, terms: Set<string>, delta: 1 | -1): void {
  for (const term of terms) {
    const next = (frequency.get(term) ?? 0) + delta;
    if (next > 0) frequency.set(term, next);
    else frequency.delete(term);
  }
}

/** Notion's created_time is to the minute: within one, the ticket number says which came first. */
function byCreatedTime(a: Ticket, b: Ticket): number {
  if (a.createdTime !== b.createdTime) return a.createdTime < b.createdTime ? -1 : 1;
  return ticketNumber(a) - ticketNumber(b);
}

function ticketNumber(t: Ticket): number {
  return (t.ticketId === null ? null : parseTicketId(t.ticketId)?.number) ?? Number.MAX_SAFE_INTEGER;
}
