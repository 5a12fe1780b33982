/** Interface strings of lesson 7 (head ablation) and its widgets. */
export const ablation = {
} as const;
