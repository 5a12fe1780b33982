/** Strings of the lecturers' page (src/pages/teach.astro). */
export const teach = {
  title: 'Teach it in 90 minutes',
  description: 'A lecturer’s path through the course: minute budgets, the widget to project at each stop, a question for the room and what to skip. With a 45-minute variant.',
  lead: 'A route through the lessons for one class, with a shorter one for a single session. Each stop links to the widget to project, opened in the state the step needs; press L on the lesson for lecture mode, and the widget’s full-screen button for the projector.',
  before: 'Before class',
  beforeItems: [
    'Open this page and the lessons once while you have a network: the site then works offline in that browser, so a room without Wi-Fi does not stop the class.',
    'Try each link below on the projector: the widget opens in the stated state, and every setting can be changed from the keyboard.',
    'The numbers on the page come from the course’s code and its cited papers; the small trained models are toys, one task and one seed, and the lessons say so.',
  ],
  paths: 'Paths',
  minutes: (n: number) => `${n} min`,
  clock: (from: number, to: number) => `${from}–${to} min`,
  open: 'Open the widget',
  show: 'Project',
  ask: 'Ask the room',
  answer: 'What to draw out',
  skip: 'Skip',
  lessonN: (order: number) => `Lesson ${order}`,
  homeLink: 'Teach it in 90 minutes',
  homeText: 'a path through the lessons with minute budgets, the widget to project at each step and a question for the room (and a 45-minute variant).',
  lectureLink: 'Teaching path',
} as const;
