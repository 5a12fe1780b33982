/** Interface strings of lesson 8 (what heads look at) and its widgets. */
export const looking = {
} as const;
