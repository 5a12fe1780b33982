/** Interface strings of the interview walkthrough (read-through and flashcards). */
export const interview = {
} as const;
