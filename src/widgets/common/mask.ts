/**
 * Head masks (ξ per head of every layer) as widgets show and share them: the link form
 * "0001-1111" (one group of 0/1 digits per layer), its check, and one head flipped. Shared by
 * lesson 7's and lesson 10's head switches. Pure: no DOM.
 */
import type { HeadMask } from '../../training';
import { clip, type Checked } from './validate';

/** A mask as URL text: one group of 0/1 digits per layer, "0001-1111". */
export const formatMask = (mask: HeadMask) => mask.map((row) => row.join('')).join('-');

/**
 * A check for masks of `layers` × `h` heads written by {@link formatMask}; its message shows
 * the right form with `example`.
 */
export function maskCheck({ layers, h }: { layers: number; h: number }, example: HeadMask): (text: string) => Checked<HeadMask> {
  return (text) => {
    const s = text.trim();
    const groups = s.split('-');
    if (groups.length !== layers || groups.some((g) => !new RegExp(`^[01]{${h}}$`).test(g))) {
      return { ok: false, error: `“${clip(s)}” is not a head mask: write ${layers} groups of ${h} digits 0 (off) or 1 (on), one group per layer, such as ${formatMask(example)}.` };
    }
    return { ok: true, value: groups.map((g) => [...g].map(Number)) };
  };
}

/** The mask with one head flipped. */
export function toggled(mask: HeadMask, layer: number, head: number): HeadMask {
  return mask.map((row, l) => row.map((v, i) => (l === layer && i === head ? 1 - v : v)));
}
