/**
 * <one-head-attention>: lesson 1's widget. Light DOM from OneHead.astro (controls and a
 * static rendering of the default state); this element validates input next to each
 * control, redraws with the real attention code, mirrors the state in the URL and
 * fires `input` events whose target has `.value` (the state).
 */
import { initDownloads } from '../../charts/export';
import { writeParams } from '../common/url';
import type { Checked } from '../common/validate';
import { computeOneHead, describeCell, fillTables, focusOneHead, renderOneHead, updateOneHead, type Focus } from './render';
import { DEFAULT_STATE, checkDK, checkSeed, checkSentence, fromParams, toParams, type OneHeadState } from './state';

type Field = 'sentence' | 'seed' | 'dk' | 'scaled';

export class OneHeadAttention extends HTMLElement {
  #state: OneHeadState = { ...DEFAULT_STATE };
  #focus: Focus | null = null;
  #ready = false;
  #computed: ReturnType<typeof computeOneHead> | null = null;

  /** The current (last valid) state. */
  get value(): OneHeadState {
    return { ...this.#state };
  }

  /** Set the state programmatically (validated like typed input). */
  set value(next: OneHeadState) {
    this.#apply(next);
  }

  get #prefix(): string {
    return this.dataset.key ?? 'w';
  }

  connectedCallback(): void {
    const { state, notices, present } = fromParams(new URLSearchParams(location.search), this.#prefix);
    if (present) {
      this.#init(state, notices);
      return;
    }
    // Take over when scrolled into view; the static default is already on the page.
    if (!('IntersectionObserver' in window)) return this.#init(state, notices);
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        this.#init(state, notices);
      }
    }, { rootMargin: '200px' });
    observer.observe(this);
  }

  #init(state: OneHeadState, notices: string[]): void {
    if (this.#ready) return;
    this.#ready = true;
    initDownloads(document);
    this.#state = state;
    this.#syncControls();
    this.#notice(notices.join(' '));
    this.#wireControls();
    this.#wireMaps();
    this.#redraw();
    this.dataset.ready = '1';
  }

  #control(name: Field): HTMLInputElement | HTMLSelectElement | null {
    return this.querySelector(`[name="${name}"]`);
  }

  #syncControls(): void {
    const set = (name: Field, v: string) => {
      const c = this.#control(name);
      if (c) c.value = v;
    };
    set('sentence', this.#state.sentence);
    set('seed', String(this.#state.seed));
    set('dk', String(this.#state.dK));
    const scaled = this.#control('scaled') as HTMLInputElement | null;
    if (scaled) scaled.checked = this.#state.scaled;
  }

  #setError(name: Field, message: string | null): void {
    const control = this.#control(name);
    const slot = this.querySelector<HTMLElement>(`[data-error-for="${name}"]`);
    if (slot) slot.textContent = message ?? '';
    control?.setAttribute('aria-invalid', message ? 'true' : 'false');
  }

  #notice(text: string): void {
    const el = this.querySelector<HTMLElement>('[data-notice]');
    if (el) {
      el.textContent = text;
      el.hidden = text === '';
    }
  }

  #wireControls(): void {
    this.querySelector('form')?.addEventListener('submit', (event) => event.preventDefault());
    const fields: [Field, (text: string) => Checked<unknown>, (s: OneHeadState, v: never) => OneHeadState][] = [
      ['sentence', checkSentence, (s, v: string) => ({ ...s, sentence: v })],
      ['seed', checkSeed, (s, v: number) => ({ ...s, seed: v })],
      ['dk', checkDK, (s, v: number) => ({ ...s, dK: v })],
    ];
    for (const [name, check, update] of fields) {
      const control = this.#control(name);
      control?.addEventListener('input', (event) => {
        event.stopPropagation();
        const result = check(control.value);
        if (!result.ok) return this.#setError(name, result.error); // keep the last good picture
        this.#setError(name, null);
        this.#apply(update(this.#state, result.value as never));
      });
      control?.addEventListener('change', (event) => event.stopPropagation());
    }
    const scaled = this.#control('scaled') as HTMLInputElement | null;
    scaled?.addEventListener('change', (event) => {
      event.stopPropagation();
      this.#apply({ ...this.#state, scaled: scaled.checked });
    });
    scaled?.addEventListener('input', (event) => event.stopPropagation());
    this.querySelector('[data-action="reseed"]')?.addEventListener('click', () => {
      const seed = Math.floor(Math.random() * 1000);
      this.#setError('seed', null);
      this.#apply({ ...this.#state, seed });
      this.#syncControls();
    });
    this.querySelector('[data-action="reset"]')?.addEventListener('click', () => {
      (['sentence', 'seed', 'dk'] as Field[]).forEach((f) => this.#setError(f, null));
      this.#focus = null;
      this.#apply({ ...DEFAULT_STATE });
      this.#syncControls();
    });
  }

  #apply(next: OneHeadState): void {
    this.#state = { ...next };
    const n = this.#state.sentence.split(' ').length;
    if (this.#focus && (this.#focus[0] >= n || this.#focus[1] >= n)) this.#focus = null;
    this.#redraw();
    writeParams(toParams(this.#state, this.#prefix));
    this.dispatchEvent(new Event('input', { bubbles: true }));
  }

  #redraw(): void {
    const out = this.querySelector<HTMLElement>('[data-output]');
    if (!out) return;
    this.#computed = computeOneHead(this.#state);
    const current = out.firstElementChild as HTMLElement | null;
    // Same layout: refill the charts in place (fast). Otherwise draw anew.
    if (current && updateOneHead(current, this.#state, this.#focus, this.#computed)) return;
    const refocus = (document.activeElement as HTMLElement | null)?.closest?.('[data-map]')?.getAttribute('data-map');
    const details = out.querySelector<HTMLDetailsElement>('details.alt');
    out.replaceChildren(renderOneHead(document, this.#state, this.#focus, this.#computed, { tables: details?.open ?? false }));
    if (details?.open) out.querySelector<HTMLDetailsElement>('details.alt')!.open = true;
    if (refocus) out.querySelector<HTMLElement>(`[data-map="${refocus}"]`)?.focus();
  }

  /** Move the focus cell: outline and readout only, no redraw. */
  #moveFocus(focus: Focus): void {
    const out = this.querySelector<HTMLElement>('[data-output]');
    if (!this.#computed || !out) return;
    this.#focus = focus;
    focusOneHead(out, this.#computed.tokens, this.#computed.result, focus);
  }

  #isMap(target: EventTarget | null): boolean {
    const map = (target as HTMLElement | null)?.getAttribute?.('data-map');
    return map === 'scores' || map === 'weights';
  }

  #wireMaps(): void {
    // Tables are refilled when opened, not on every update (they are hidden meanwhile).
    this.addEventListener('toggle', (event) => {
      const details = event.target as HTMLDetailsElement;
      if (details.open && details.hasAttribute('data-stale') && this.#computed) fillTables(details, this.#computed.tokens, this.#computed.result);
    }, true);
    this.addEventListener('keydown', (event) => {
      if (!this.#isMap(event.target) || !this.#computed) return;
      const n = this.#computed.tokens.length;
      const [i, j] = this.#focus ?? [0, 0];
      const moves: Record<string, Focus> = {
        ArrowUp: [Math.max(0, i - 1), j], ArrowDown: [Math.min(n - 1, i + 1), j],
        ArrowLeft: [i, Math.max(0, j - 1)], ArrowRight: [i, Math.min(n - 1, j + 1)],
        Home: [i, 0], End: [i, n - 1],
      };
      const next = this.#focus === null && event.key.startsWith('Arrow') ? ([0, 0] as Focus) : moves[event.key];
      if (!next) return;
      event.preventDefault();
      this.#moveFocus(next);
    });
    this.addEventListener('focusin', (event) => {
      // only the map itself, not its download buttons (a redraw would swallow their click)
      if (this.#isMap(event.target) && this.#focus === null && this.#computed) this.#moveFocus([0, 0]);
    });
    this.addEventListener('pointerover', (event) => {
      const rect = (event.target as Element).closest?.('rect[data-row]');
      if (!rect || !this.#computed || !rect.closest('[data-map="scores"], [data-map="weights"]')) return;
      const focus: Focus = [Number(rect.getAttribute('data-row')), Number(rect.getAttribute('data-col'))];
      const readout = this.querySelector('.oh-readout');
      if (readout) readout.textContent = describeCell(this.#computed.tokens, this.#computed.result, focus);
    });
  }
}

/** Register the element once. */
export function defineOneHeadAttention(): void {
  if (!customElements.get('one-head-attention')) customElements.define('one-head-attention', OneHeadAttention);
}
