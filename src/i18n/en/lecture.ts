/** Interface strings of lecture mode (projector style for a lesson). */
export const lecture = {
  enter: 'Lecture mode',
  enterHint: 'press L',
  exit: 'Leave lecture mode',
  exitHint: 'Esc',
  slide: (k: number, n: number) => `Section ${k} of ${n}`,
  keys: '← → or Page Up / Page Down to move, Esc to leave',
  previous: 'Previous section',
  next: 'Next section',
  fullScreen: 'Full screen',
  leaveFullScreen: 'Leave full screen',
  noFullScreen: 'This browser did not allow full screen; the widget stays in the page.',
} as const;
