/** <one-vs-two-heads>: lesson 2's comparison, on the shared widget base. */
import { defineWidget, type WidgetElement } from '../common/element';
import { computeTwoHeads, renderTwoHeads, updateTwoHeads } from './render';
import { DEFAULT_STATE, FIELDS, type TwoHeadsState, type TwoHeadsField } from './state';

export function defineTwoHeads(): void {
  defineWidget({
    tag: 'one-vs-two-heads', defaults: DEFAULT_STATE, fields: FIELDS, context: () => null,
    redraw(out, state) {
      const computed = computeTwoHeads(state);
      const current = out.firstElementChild as HTMLElement | null;
      if (current && updateTwoHeads(current, state, computed)) return;
      out.replaceChildren(renderTwoHeads(document, state, computed));
    },
  });
}

export type TwoHeadsElement = WidgetElement<TwoHeadsState, null, TwoHeadsField>;
