/**
 * The behaviour every widget shares, so each one only describes its fields and how it
 * draws. Light DOM comes from the widget's .astro shell (controls plus a static drawing
 * of the default state). This base:
 * - starts when scrolled into view (at once if the URL carries its state);
 * - reads the controls its fields declare (fields.ts) as they are typed: an error goes
 *   next to the control (`[data-error-for=name]`), aria-invalid is set, and the last good
 *   state stays drawn; a field's action button, ↑/↓ steps and a select's fills are wired
 *   from its declaration;
 * - treats a name that matches no field as a bug: `control` and `setError` throw (the
 *   types reject such a name first), and missing controls are reported in the widget;
 * - mirrors the state in the URL and offers "copy link";
 * - fires `input` events whose target's `.value` is the state;
 * - never throws to the console: a failure while drawing is shown in the widget;
 * - can run a reader's edited function in place of the course's (spec.edits): while a code
 *   cell on the page has set an override for one of its functions, the widget draws with
 *   the reader's version (run in the cell worker, so that drawing is async), says so in a
 *   banner with a button back to the course's code, and reports how far the reader's output
 *   is from the course's. Without an override the course's path is the synchronous one.
 */
import { initDownloads } from '../../charts/export';
import { drawnFor, LECTURE_CHART_SCALE } from '../../charts/svg';
import { clearOverride, declareUse, onOverrideChange, overrideFor, reportComparison, type Override } from '../../cells/overrides';
import { type CrossCheck, type FieldList, fromParams, toParams } from './fields';
import { flushParams, writeParams } from './url';

/** What a widget tells the base about itself. */
export interface WidgetSpec<S extends object, C = unknown, N extends string = string> {
  /** Custom element name. */
  tag: string;
  defaults: Readonly<S>;
  /** The fields, from defineFields (the same list the shell's controls were made from). */
  fields: FieldList<S, N>;
  /** Rule across fields, checked before a new state is accepted. */
  cross?: CrossCheck<S, N>;
  /** Per-element scratch space (caches, focus…), made once per element. */
  context(): C;
  /** Draw (or refill) the output area for `state`. */
  redraw(out: HTMLElement, state: S, context: C, element: WidgetElement<S, C, N>): void;
  /** Extra wiring after the first drawing (keyboard on maps, buttons…). */
  setup?(element: WidgetElement<S, C, N>, context: C): void;
  /** Course functions a code cell on the page may replace in this widget. */
  edits?: EditHook<S, C, N>;
}

/**
 * Calls the reader's function in the cell worker. Resolves with what it returned (Matrix
 * values as Matrix); rejects with an Error whose message is for the reader ("stopped after
 * 2 s", "line 3: TypeError: …"). With `rows`, the function is called on each row of args[0].
 * With `driver`, the course's driver of that name (cells/drivers.ts) gets `args` and calls
 * the reader's function in the worker as often as it needs; its result is returned.
 */
export type ReaderCall = (args: unknown[], options?: { rows?: boolean; driver?: string }) => Promise<unknown>;

/** What a widget reports after drawing with the reader's function (see cells/overrides.ts). */
export interface EditedDrawing {
  /** What was compared, e.g. "attention weights". */
  what: string;
  /** One sentence: the largest difference and where, or why there is none. */
  text: string;
  maxAbsDiff: number | null;
}

/** How a widget draws with a reader's edited function. */
export interface EditHook<S extends object, C, N extends string> {
  /** The functions, by the names their code cells show, in order of precedence. */
  names: readonly string[];
  /**
   * Draw `state` with the reader's `name` (called through `call`), and compare its output
   * with the course's on the same input. Throw an Error with a message for the reader when
   * what it returned cannot be drawn; the last picture then stays. Draw inside
   * `element.drawForFrame(…)`, so that charts fit the output as the course's path does.
   */
  redraw(out: HTMLElement, state: S, context: C, element: WidgetElement<S, C, N>, name: string, call: ReaderCall): Promise<EditedDrawing>;
}
/** Base class of every widget element; see the module comment. */
export class WidgetElement<S extends object, C = unknown, N extends string = string> extends HTMLElement {
  declare spec: WidgetSpec<S, C, N>;
  #state!: S;
  #context!: C;
  #ready = false;
  #editRun = 0;
  /** The output's width, which charts are drawn for (null until known). */
  #frameWidth: number | null = null;

  /** The current (last valid) state. */
  get value(): S {
    return { ...this.#state };
  }

  /** Set the state from code; a state the cross-check rejects is ignored with a notice. */
  set value(next: S) {
    const problem = this.spec.cross?.(next);
    if (problem) {
      this.notice(`Not applied: ${problem.error}`);
      return;
    }
    this.apply(next);
    this.syncControls();
  }

  get prefix(): string {
    return this.dataset.key ?? this.spec.tag;
  }

  connectedCallback(): void {
    if (this.spec.edits) declareUse(this.spec.edits.names);
    const { state, notices, present } = fromParams(this.spec.fields, this.spec.defaults, new URLSearchParams(location.search), this.prefix, this.spec.cross);
    const start = () => this.#init(state, notices);
    if (present || !('IntersectionObserver' in window)) return start();
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        start();
      }
    }, { rootMargin: '200px' });
    observer.observe(this);
  }

  #init(state: S, notices: string[]): void {
    if (this.#ready) return;
    this.#ready = true;
    initDownloads(document);
    this.#state = state;
    this.#context = this.spec.context();
    this.syncControls();
    const missing = this.spec.fields.filter((f) => f.kind !== 'custom' && !this.#find(f.name)).map((f) => f.name);
    if (missing.length > 0) notices.push(`This widget's page lacks the control for ${missing.join(', ')} (a build that skipped widgetShell?); those settings keep their defaults.`);
    this.notice(notices.join(' '));
    this.#wire();
    this.#watchWidth();
    if (this.spec.edits) {
      const names = this.spec.edits.names;
      onOverrideChange((name) => {
        if (names.includes(name)) this.#redraw();
      });
    }
    this.#redraw();
    this.spec.setup?.(this, this.#context);
    this.dataset.ready = '1';
  }

  /**
   * The width this widget's charts are drawn for: the output's. In lecture mode, that or the
   * screen's height less the lecture bar and a title, whichever is smaller (a map is about as
   * tall as it is wide), divided by {@link LECTURE_CHART_SCALE}: lecture.css shows charts that
   * much larger, so that a chart shown large still fits the screen.
   */
  get chartFrame(): number | null {
    if (this.#frameWidth === null) return null;
    if (!document.documentElement.dataset.lecture) return this.#frameWidth;
    return Math.floor(Math.min(this.#frameWidth, window.innerHeight - 160) / LECTURE_CHART_SCALE);
  }

  /** Run `fn` with charts drawn for {@link chartFrame}: an edit hook draws through this after its awaits. */
  drawForFrame<T>(fn: () => T): T {
    return drawnFor(this.chartFrame, fn);
  }

  /**
   * Follow the output's width (a phone turned, a window resized): charts are drawn for it, so
   * a change of more than a few px redraws, in the next frame. Read from a ResizeObserver,
   * so drawing never forces a layout to learn it.
   */
  #watchWidth(): void {
    const out = this.querySelector<HTMLElement>('[data-output]');
    if (!out) return;
    const style = getComputedStyle(out);
    this.#frameWidth = Math.floor(out.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)) || null; // as contentRect measures
    if (!('ResizeObserver' in window)) return;
    let pending = false;
    new ResizeObserver((entries) => {
      const width = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (!width || (this.#frameWidth !== null && Math.abs(width - this.#frameWidth) < 8)) return;
      this.#frameWidth = width;
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        this.#redraw();
      });
    }).observe(out);
    // Lecture mode changes the width charts are drawn for (chartFrame).
    document.addEventListener('lecturechange', () => requestAnimationFrame(() => this.#redraw()));
  }

  /**
   * The control of the field `name` inside this widget (null only if the page lacks it).
   * Throws when no field has that name: a name that matches nothing is a bug.
   */
  control(name: N): HTMLInputElement | HTMLSelectElement | null {
    return this.#find(this.spec.fields.get(name).name);
  }

  #find(name: string): HTMLInputElement | HTMLSelectElement | null {
    return this.querySelector(`[name="${name}"]`);
  }

  /** Put the state's values into the controls. */
  syncControls(): void {
    for (const f of this.spec.fields) {
      const c = f.kind === 'custom' ? null : this.#find(f.name);
      if (!c) continue;
      if (f.kind === 'checkbox') (c as HTMLInputElement).checked = f.format(this.#state) === '1';
      else c.value = f.format(this.#state);
    }
  }

  /** Show (or clear, with null) a message next to the control of field `name`; throws when there is no such field. */
  setError(name: N, message: string | null): void {
    this.spec.fields.get(name);
    const slot = this.querySelector<HTMLElement>(`[data-error-for="${name}"]`);
    if (slot) slot.textContent = message ?? '';
    this.control(name)?.setAttribute('aria-invalid', message ? 'true' : 'false');
  }

  /** Show (or hide, with '') a notice above the output. */
  notice(text: string): void {
    const el = this.querySelector<HTMLElement>('[data-notice]');
    if (!el) return;
    el.textContent = text;
    el.hidden = text === '';
  }

  /** Accept a valid state: redraw, mirror in the URL, tell listeners. */
  apply(next: S): void {
    this.#state = { ...next };
    this.#redraw();
    writeParams(toParams(this.spec.fields, this.#state, this.prefix));
    this.dispatchEvent(new Event('input', { bubbles: true }));
  }

  #redraw(): void {
    const out = this.querySelector<HTMLElement>('[data-output]');
    if (!out) return;
    const edited = this.spec.edits ? overrideFor(this.spec.edits.names) : null;
    if (edited) {
      void this.#redrawEdited(out, edited);
      return;
    }
    if (this.dataset.edited) this.#showCourse();
    try {
      // Charts are drawn for the room the output has (a phone), not scaled down (charts/svg.ts).
      this.drawForFrame(() => this.spec.redraw(out, this.#state, this.#context, this));
    } catch (err) {
      // A bug must not break the page: say so where the picture is, keep the rest usable.
      this.notice(`This widget could not draw that: ${(err as Error).message}`);
    }
  }

  /** The banner that says the widget runs the reader's code (made on first use). */
  #banner(): HTMLElement {
    let banner = this.querySelector<HTMLElement>('[data-edited-banner]');
    if (banner) return banner;
    const doc = this.ownerDocument;
    banner = doc.createElement('div');
    banner.className = 'edited-banner';
    banner.dataset.editedBanner = '';
    const text = doc.createElement('p');
    text.setAttribute('role', 'status');
    text.dataset.editedText = '';
    const back = doc.createElement('button');
    back.type = 'button';
    back.className = 'btn';
    back.textContent = "Back to the course's code";
    back.addEventListener('click', () => {
      if (this.dataset.edited) clearOverride(this.dataset.edited);
    });
    banner.append(text, back);
    const out = this.querySelector('[data-output]');
    out?.parentElement?.insertBefore(banner, out) ?? this.append(banner);
    return banner;
  }

  #showCourse(): void {
    delete this.dataset.edited;
    delete this.dataset.editStatus;
    const banner = this.querySelector<HTMLElement>('[data-edited-banner]');
    if (banner) banner.hidden = true;
  }

  /** Draw with the reader's function (async: it runs in the cell worker); the newest request wins. */
  async #redrawEdited(out: HTMLElement, edited: Override): Promise<void> {
    const run = ++this.#editRun;
    const hook = this.spec.edits!;
    const banner = this.#banner();
    const say = (text: string) => (banner.querySelector('[data-edited-text]')!.textContent = text);
    banner.hidden = false;
    this.dataset.edited = edited.name;
    this.dataset.editStatus = 'running';
    say(`Running your edited code: ${edited.name}…`);
    try {
      const { runCell } = await import('../../cells/sandbox');
      const call: ReaderCall = async (args, options = {}) => {
        const task = options.driver ? { kind: 'drive' as const, driver: options.driver, name: edited.name, args } : { kind: 'call' as const, name: edited.name, args, rows: options.rows };
        const r = await runCell({ code: edited.code, context: edited.context, task });
        if (r.kind === 'ok') return r.value;
        const error = new Error(r.kind === 'timeout' ? `stopped after ${r.ms / 1000} s (the limit for one run)`
          : r.kind === 'syntax-error' ? `syntax error at line ${r.line}, column ${r.column}: ${r.message}`
          : `${r.line ? `line ${r.line}: ` : ''}${r.message}`);
        (error as Error & { timeout?: boolean }).timeout = r.kind === 'timeout';
        throw error;
      };
      const drawing = await hook.redraw(out, this.#state, this.#context, this, edited.name, call);
      if (run !== this.#editRun) return;
      this.dataset.editStatus = 'ok';
      say(`Running your edited code: ${edited.name}. ${drawing.text}`);
      reportComparison({ name: edited.name, widget: this.spec.tag, ...drawing, status: 'ok' });
    } catch (err) {
      if (run !== this.#editRun) return;
      const e = err as Error & { timeout?: boolean };
      this.dataset.editStatus = e.timeout ? 'timeout' : 'error';
      const text = `Your ${edited.name} could not draw this: ${e.message}. The picture is the last one drawn.`;
      say(`Running your edited code: ${edited.name}. ${text}`);
      reportComparison({ name: edited.name, widget: this.spec.tag, what: '', text, maxAbsDiff: null, status: e.timeout ? 'timeout' : 'error' });
    }
  }

  /**
   * Read every control as the reader sees it now. Each invalid one gets its message; a
   * rule across fields puts its message by the field it names; only a state that passes
   * everything is drawn. So the picture always shows the last good state, and the
   * messages always describe what is typed.
   */
  #fromControls(): void {
    let next = this.#state;
    const errors = new Map<N, string>();
    for (const f of this.spec.fields.readOrder) {
      const c = f.kind === 'custom' ? null : this.#find(f.name);
      if (!c) continue;
      const text = f.kind === 'checkbox' ? ((c as HTMLInputElement).checked ? '1' : '0') : c.value;
      const r = f.parse(text, next);
      if (r.ok) next = r.value;
      else errors.set(f.name, r.error);
    }
    if (errors.size === 0) {
      const problem = this.spec.cross?.(next);
      if (problem) errors.set(problem.field, problem.error);
    }
    for (const f of this.spec.fields) if (f.kind !== 'custom') this.setError(f.name, errors.get(f.name) ?? null);
    if (errors.size === 0) this.apply(next);
  }

  #wire(): void {
    this.querySelector('form')?.addEventListener('submit', (event) => event.preventDefault());
    for (const f of this.spec.fields) {
      const c = f.kind === 'custom' ? null : this.#find(f.name);
      if (!c) continue;
      const onChange = (event: Event) => {
        event.stopPropagation(); // the widget fires its own input event with the state
        if (f.kind === 'select' && f.fills) {
          // A preset: put its values in the other boxes first, so what they say agrees with it.
          for (const [name, text] of Object.entries(f.fills(c.value))) {
            const box = this.#find(name);
            if (box) box.value = text;
          }
        }
        this.#fromControls();
      };
      const primary = f.kind === 'checkbox' || c instanceof HTMLSelectElement ? 'change' : 'input';
      c.addEventListener(primary, onChange);
      c.addEventListener(primary === 'change' ? 'input' : 'change', (e) => e.stopPropagation());
      if (f.kind !== 'text' && f.kind !== 'number') continue;
      const { step, action } = f;
      if (step) {
        c.addEventListener('keydown', (event: Event) => {
          if (!(event instanceof KeyboardEvent)) return;
          if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
          const text = step(c.value, event.key === 'ArrowUp', this.#state);
          if (text === null) return;
          event.preventDefault();
          c.value = text;
          c.dispatchEvent(new Event('input', { bubbles: true }));
        });
      }
      if (action) {
        this.querySelector(`[data-action="${action.name}"]`)?.addEventListener('click', () => {
          this.setError(f.name, null);
          this.value = action.run(this.value);
        });
      }
    }
    this.querySelector('[data-action="reset"]')?.addEventListener('click', () => {
      for (const f of this.spec.fields) if (f.kind !== 'custom') this.setError(f.name, null);
      this.notice('');
      this.apply({ ...this.spec.defaults });
      this.syncControls();
    });
    this.querySelector('[data-action="copy-link"]')?.addEventListener('click', async (event) => {
      const button = event.currentTarget as HTMLButtonElement;
      flushParams(); // the state just set may still be waiting to be written
      const url = new URL(location.href);
      url.hash = this.id ? `#${this.id}` : '';
      try {
        await navigator.clipboard.writeText(url.toString());
        button.dataset.copied = '1';
        this.notice('Link copied: it reopens this widget exactly as it is now.');
      } catch {
        this.notice(`Copy this link: ${url.toString()}`);
      }
    });
  }
}

/** Register a widget's custom element once. */
export function defineWidget<S extends object, C, N extends string>(spec: WidgetSpec<S, C, N>): void {
  if (customElements.get(spec.tag)) return;
  customElements.define(spec.tag, class extends WidgetElement<S, C, N> {
    constructor() {
      super();
      this.spec = spec;
    }
  });
}
