/**
 * <interview-deck>: the walkthrough's two modes. The page renders every question and answer
 * into the read-through at build time (it reads without JavaScript); this element adds the
 * mode tabs and the flashcards, whose cards are copies of the read-through's own question
 * and answer nodes, so both modes show exactly the same typeset text and computed numbers.
 *
 * Progress (known / not yet) is kept in localStorage through progress.ts; the deck rules are
 * the pure functions of deck.ts. Nothing here throws to the console: a failure is shown as a
 * notice and the read-through stays usable.
 */
import { t } from '../i18n/strings';
import { writeParams } from '../widgets/common/url';
import { currentCard, knownCount, markAgain, markKnown, reveal, startDeck, type DeckState, type Progress } from './deck';
import { openProgressStore, type ProgressProblem, type ProgressStore } from './progress';
import { ALL, linkParams, readLinkState, type Mode } from './state';

const s = t.interview;

/** The notice for a storage problem. */
export function problemText(problem: ProgressProblem): string {
  switch (problem.kind) {
    case 'corrupt': return s.storage.corrupt;
    case 'shape': return s.storage.shape;
    case 'version': return s.storage.version;
    case 'unknown-ids': return s.storage.unknownIds(problem.count);
    case 'unavailable': return s.storage.unavailable;
  }
}

/** Elements that handle Space and Enter themselves. */
const NATIVE_KEYS = 'button, a[href], summary, select, input, textarea, [contenteditable], [role="tab"]';

interface Card { id: string; topic: string; item: HTMLElement }

export class InterviewDeck extends HTMLElement {
  #cards: Card[] = [];
  #store!: ProgressStore;
  #progress!: Progress;
  #deck: DeckState = { queue: [], revealed: false };
  #mode: Mode = 'read';
  #topic = ALL;
  #shown: string | null = null;
  #notices: string[] = [];

  connectedCallback(): void {
    if (this.dataset.ready) return;
    try {
      this.#init();
      this.dataset.ready = '1';
    } catch (err) {
      this.#notice([`The flashcards could not start (${(err as Error).message}); the read-through below still works.`]);
    }
  }

  #q<T extends HTMLElement = HTMLElement>(selector: string): T {
    const el = this.querySelector<T>(selector);
    if (!el) throw new Error(`missing ${selector}`);
    return el;
  }

  #init(): void {
    this.#cards = [...this.querySelectorAll<HTMLElement>('[data-question]')].map((item) => ({ id: item.dataset.question!, topic: item.dataset.topic ?? '', item }));
    const ids = new Set(this.#cards.map((c) => c.id));
    this.#store = openProgressStore(() => window.localStorage, ids);
    this.#progress = this.#store.initial.progress;
    const topics = [...new Set(this.#cards.map((c) => c.topic))];
    const link = readLinkState(new URLSearchParams(location.search), topics);
    this.#notices = [...this.#store.initial.problems.map(problemText), ...link.notices];
    this.#mode = link.mode;
    this.#topic = link.topic;
    this.#q('[data-deck-topic]').closest('form')?.addEventListener('submit', (e) => e.preventDefault());
    (this.#q<HTMLSelectElement>('[data-deck-topic]')).value = this.#topic;
    this.#q('[role="tablist"]').hidden = false;
    this.#wire();
    this.#restart();
    this.#setMode(this.#mode, false);
    this.#notice(this.#notices);
  }

  #wire(): void {
    const tabs = [...this.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    tabs.forEach((tab, i) => {
      tab.addEventListener('click', () => this.#setMode(tab.dataset.mode as Mode, true));
      tab.addEventListener('keydown', (e) => {
        const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
        if (to === undefined) return;
        e.preventDefault();
        const next = tabs[(to + tabs.length) % tabs.length];
        next.focus();
        this.#setMode(next.dataset.mode as Mode, true);
      });
    });
    this.#q<HTMLSelectElement>('[data-deck-topic]').addEventListener('change', (e) => {
      this.#topic = (e.currentTarget as HTMLSelectElement).value;
      writeParams(linkParams(this.#mode, this.#topic));
      this.#restart();
    });
    const on = (action: string, run: () => void) => this.#q(`[data-action="${action}"]`).addEventListener('click', run);
    on('reveal', () => this.#reveal());
    on('known', () => this.#mark('known'));
    on('again', () => this.#mark('again'));
    on('reset', () => this.#confirmReset(true));
    on('reset-no', () => this.#confirmReset(false));
    on('reset-yes', () => this.#reset());
    document.addEventListener('keydown', (e) => this.#onKey(e));
  }

  #onKey(e: KeyboardEvent): void {
    if (this.#mode !== 'cards' || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target as HTMLElement;
    if (target !== document.body && !this.contains(target)) return;
    if (target.closest('select, input, textarea, [contenteditable]')) return;
    const key = e.key.toLowerCase();
    if (key === ' ' || key === 'enter') {
      if (target.closest(NATIVE_KEYS) || this.#deck.revealed || currentCard(this.#deck) === null) return;
      e.preventDefault();
      this.#reveal();
    } else if (key === 'k' || key === '1') {
      e.preventDefault();
      this.#mark('known');
    } else if (key === 'n' || key === '2') {
      e.preventDefault();
      this.#mark('again');
    }
  }

  /** The ids of the deck's cards, in page order. */
  #deckIds(): string[] {
    return this.#cards.filter((c) => this.#topic === ALL || c.topic === this.#topic).map((c) => c.id);
  }

  #restart(): void {
    this.#deck = startDeck(this.#deckIds(), this.#progress);
    this.#render();
  }

  #setMode(mode: Mode, fromReader: boolean): void {
    this.#mode = mode;
    for (const tab of this.querySelectorAll<HTMLButtonElement>('[role="tab"]')) {
      const selected = tab.dataset.mode === mode;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      const panel = this.querySelector<HTMLElement>(`#${tab.getAttribute('aria-controls')}`);
      if (panel) panel.hidden = !selected;
    }
    this.dataset.mode = mode;
    if (fromReader) writeParams(linkParams(mode, this.#topic));
  }

  #reveal(): void {
    this.#deck = reveal(this.#deck);
    this.#render();
    this.#q('[data-card-answer]').focus(); // a screen reader reads the answer next
  }

  #mark(how: 'known' | 'again'): void {
    if (currentCard(this.#deck) === null) return;
    if (!this.#deck.revealed) {
      this.#q('[data-card-status]').textContent = s.revealFirst;
      return;
    }
    const next = (how === 'known' ? markKnown : markAgain)(this.#deck, this.#progress);
    this.#deck = next.deck;
    this.#progress = next.progress;
    this.#save(this.#store.save(this.#progress));
    this.#render();
    this.#q('[data-card-status]').textContent = how === 'again' ? s.comesBack : '';
    this.#q(currentCard(this.#deck) === null ? '[data-done]' : '[data-card]').focus();
  }

  #confirmReset(open: boolean): void {
    this.#q('[data-confirm]').hidden = !open;
    this.#q('[data-action="reset"]').hidden = open;
    this.#q(open ? '[data-action="reset-no"]' : '[data-action="reset"]').focus();
  }

  #reset(): void {
    this.#progress = { known: [], again: [] };
    this.#save(this.#store.clear());
    this.#confirmReset(false);
    this.#restart();
    this.#notice([s.resetDone]);
  }

  #save(problem: ProgressProblem | null): void {
    if (problem) this.#notice([...this.#notices, problemText(problem)]);
  }

  #notice(lines: string[]): void {
    this.#notices = lines;
    const el = this.querySelector<HTMLElement>('[data-notice]');
    if (!el) return;
    el.textContent = lines.join(' ');
    el.hidden = lines.length === 0;
  }

  /** Copy the nodes of a read-through element into a card slot. */
  #copy(slot: HTMLElement, from: Element | null): void {
    slot.replaceChildren(...[...(from?.childNodes ?? [])].map((n) => n.cloneNode(true)));
  }

  #render(): void {
    const ids = this.#deckIds();
    const known = knownCount(ids, this.#progress);
    this.#q('[data-progress-text]').textContent = `${s.progress(known, ids.length)} · ${s.progressLeft(ids.length - known)}`;
    this.#q('[data-progress-bar]').style.width = `${ids.length ? (100 * known) / ids.length : 0}%`;
    const knownIds = new Set(this.#progress.known);
    for (const c of this.#cards) {
      const badge = c.item.querySelector<HTMLElement>('[data-known-badge]');
      if (badge) badge.hidden = !knownIds.has(c.id);
    }
    const id = currentCard(this.#deck);
    const card = this.#q('[data-card]');
    const done = this.#q('[data-done]');
    card.hidden = id === null;
    done.hidden = id !== null;
    if (id === null) {
      this.#q('[data-done-text]').textContent = s.done(ids.length);
      this.#shown = null;
      return;
    }
    const entry = this.#cards.find((c) => c.id === id)!;
    if (this.#shown !== id) {
      this.#shown = id;
      card.dataset.cardId = id;
      this.#q('[data-card-topic]').textContent = s.cardOf(s.topicNames[entry.topic as keyof typeof s.topicNames] ?? entry.topic);
      this.#copy(this.#q('[data-card-question]'), entry.item.querySelector('[data-question-text]'));
      this.#copy(this.#q('[data-card-answer]'), entry.item.querySelector('[data-answer]'));
      this.#q('[data-card-status]').textContent = '';
    }
    this.#q('[data-card-answer]').hidden = !this.#deck.revealed;
    this.#q('[data-card-mark]').hidden = !this.#deck.revealed;
    this.#q('[data-action="reveal"]').hidden = this.#deck.revealed;
  }
}

if (!customElements.get('interview-deck')) customElements.define('interview-deck', InterviewDeck);
