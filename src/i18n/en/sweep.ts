/** Interface strings of lesson 6 (how many heads) and its widgets. */
export const sweep = {
} as const;
