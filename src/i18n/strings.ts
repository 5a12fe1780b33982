/**
 * Every interface string of the site, in one place, so a second language can be added
 * by adding a dictionary of the same shape without touching components.
 */
export const en = {
  siteTitle: 'Head by Head',
  siteTagline: 'Multi-head attention, hands-on',
  siteDescription:
    'A hands-on course on multi-head attention: every idea comes with live code you can poke, worked answers you can check and figures you can export.',
  skipToContent: 'Skip to content',
  themeToggle: 'Dark mode',
  lessons: 'Lessons',
  lesson: 'Lesson',
  onThisPage: 'On this page',
  previous: 'Previous',
  next: 'Next',
  minutes: (n: number) => `${n} min`,
  objectives: 'You will be able to',
  prerequisites: 'Before you start',
  startHere: 'Start with lesson 1',
  permalink: 'Link to this section',
  youAreHere: 'current lesson',
  code: 'Code',
  viewWholeFile: 'View the whole file',
  output: 'Output',
  downloadSvg: 'Download SVG',
  downloadPng: 'Download PNG',
  exercise: 'Exercise',
  hint: 'Hint',
  check: 'Check',
  workedSolution: 'Worked solution',
  yourAnswer: 'Your answer',
  correct: 'Correct.',
  incorrect: 'Not quite: try again, or open the hint.',
  notANumber: (text: string) => `“${text}” is not a number. Type digits, such as 0.25 or 6.4e1.`,
  emptyAnswer: 'Type an answer first.',
  chooseOne: 'Choose one of the options first.',
  notFoundTitle: 'Page not found',
  notFoundBody: 'There is no page at this address. It may have moved, or the link may have a typo.',
  backHome: 'Back to the course',
  footer: 'Built with Astro, ml-matrix, Observable Plot and MathJax. Math is computed in your browser by the code shown on each page.',
  noscript: 'The figures below show the default state. Turn on JavaScript to change the inputs.',
  mapKeysHint: 'Arrow keys move between cells; the value is read out below.',
  reset: 'Reset',
  copyLink: 'Copy link',
  runs: 'runs',
  newSeed: 'New seed',
  oneHead: {
    sentence: 'Sentence',
    sentenceHint: (max: number) => `(1–${max} words, split at spaces)`,
    seed: 'Seed',
    seedHint: (max: number) => `(0–${max.toLocaleString('en')})`,
    scaling: 'Scaling',
    divideBy: 'divide scores by √d',
    tables: 'Weights, scores and output as tables',
    idleReadout: 'Hover over a cell, or focus a map and use the arrow keys, to read its value.',
  },
  audienceSelfStudy: 'Self-study',
  audienceLecturers: 'Lecturers',
  audienceInterview: 'Interview prep',
} as const;

export type Strings = typeof en;

/** The dictionary in use. */
export const t: Strings = en;
