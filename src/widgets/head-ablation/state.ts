/**
 * State of the ablation widget (lesson 7): which heads are on (ξ for every head of every
 * layer) and which held-out sequences are shown with the model's answers, and the fields
 * that show and check it. Plain, serialisable, validated here; no DOM.
 */
import { t } from '../../i18n/strings';
import { LAB_DEFAULTS, type HeadMask } from '../../training';
import { defineFields, fieldKit, type FieldName } from '../common/fields';
import { parseWholeNumber } from '../common/validate';
import { formatMask, maskCheck, toggled } from '../common/mask';

export interface AblationState {
  /** ξ[layer][head]: 1 on, 0 removed. */
  mask: HeadMask;
  /** First held-out sequence shown (1-based); the widget shows EXAMPLES_SHOWN from there. */
  example: number;
}

/** The lab model's shape, which every mask must fit. */
export const SHAPE = { layers: LAB_DEFAULTS.model.layers, h: LAB_DEFAULTS.model.h } as const;

/** Sequences shown with the model's answers. */
export const EXAMPLES_SHOWN = 4;

/** Bounds of the example number: the held-out set has LAB_DEFAULTS.test.size sequences. */
export const LIMITS = { maxExample: LAB_DEFAULTS.test.size - EXAMPLES_SHOWN + 1 } as const;

/**
 * Start where it is interesting: three of layer 1's four heads removed. The model barely
 * notices; removing the fourth is the reader's first experiment.
 */
export const DEFAULT_STATE: Readonly<AblationState> = Object.freeze({ mask: [[0, 0, 0, 1], [1, 1, 1, 1]], example: 1 });


/** Check the first example shown: 1 to LIMITS.maxExample. */
export const checkExample = (text: string) => parseWholeNumber(text, { name: 'first example', min: 1, max: LIMITS.maxExample });

/** Check a mask of the lab model's shape (the link form of common/mask.ts). */
export const checkMask = maskCheck(SHAPE, DEFAULT_STATE.mask);

export { formatMask, toggled };

const f = fieldKit<AblationState>();

/**
 * The widget's fields, in order: its controls and its URL parameters. The mask's controls
 * (a switch per head, and presets) are drawn and wired by the widget: a custom field.
 */
export const FIELDS = defineFields('head-ablation', DEFAULT_STATE, [
  { name: 'heads', kind: 'custom', label: t.ablation.switchesLabel, ...f.bind('mask', checkMask, formatMask) },
  { name: 'example', kind: 'number', label: t.ablation.example, hint: t.ablation.exampleHint(LIMITS.maxExample), ...f.bind('example', checkExample) },
]);

/** A field name of this widget. */
export type AblationField = FieldName<typeof FIELDS>;


/** Human name of a head, 1-based as the lessons write it: "L1 H4". */
export const headName = (layer: number, head: number) => `L${layer + 1} H${head + 1}`;
