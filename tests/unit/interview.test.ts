// The interview questions: the schema, the text parser ($TeX$ and {{num:id}}), and the check
// against the lessons and the number registry that makes `astro build` fail on a typo.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import GithubSlugger from 'github-slugger';
import data from '../../content/interview/questions.json';
import { numbers } from '../../src/build/figures';
import { parameterCount } from '../../src/attention';
import { modelById } from '../../src/lib/models';
import {
  MIN_QUESTIONS, TOPICS, byTopic, loadInterview, parseQuestions, plainText, resolveQuestions, segments,
  type InterviewContext, type LessonInfo, type Question,
} from '../../src/lib/interview';
import { interviewNumbers } from '../../src/build/figures/interview';

/**
 * The lessons as the page sees them: slug, order, title and heading ids. Astro derives the
 * ids with github-slugger from the heading text, as here; the build checks the real ones.
 */
function lessonsFromDisk(): Map<string, LessonInfo> {
  const out = new Map<string, LessonInfo>();
  for (const file of readdirSync('lessons').filter((f) => f.endsWith('.mdx')).sort()) {
    const text = readFileSync(`lessons/${file}`, 'utf8');
    const slugger = new GithubSlugger();
    const sections = new Map<string, string>();
    for (const line of text.split('\n')) {
      const m = /^#{2,3} (.+)$/.exec(line);
      if (m) sections.set(slugger.slug(m[1]), m[1]);
    }
    const title = /^title: "?(.+?)"?$/m.exec(text)![1];
    const order = Number(/^order: (\d+)$/m.exec(text)![1]);
    out.set(file.replace(/\.mdx$/, '').replace(/^\d+-/, ''), { order, title, sections });
  }
  return out;
}

const context: InterviewContext = { lessons: lessonsFromDisk(), numbers };
const questions = parseQuestions(data);
const sample: Question = { id: 'sample', question: 'What is a sample question?', answer: 'An answer long enough for the schema, with {{num:costs.params.512}} weights and $d_k$ inside it.', lesson: 'shapes', section: 'the-idea', topic: 'shapes' };
const fileWith = (qs: Question[]) => ({ questions: [...qs, ...questions.slice(qs.length)] });

describe('segments', () => {
  it('splits text, inline math and number placeholders', () => {
    expect(segments('a $x^2$ b {{num:costs.params.512}}.')).toEqual([
      { kind: 'text', text: 'a ' }, { kind: 'math', tex: 'x^2' }, { kind: 'text', text: ' b ' },
      { kind: 'number', id: 'costs.params.512' }, { kind: 'text', text: '.' },
    ]);
    expect(segments('plain')).toEqual([{ kind: 'text', text: 'plain' }]);
    expect(segments('{{num:merging.distance.average.-1}}')).toEqual([{ kind: 'number', id: 'merging.distance.average.-1' }]);
  });

  it('refuses an unclosed $, an empty $$ and a malformed placeholder, saying where', () => {
    expect(() => segments('costs $4d^2 per layer')).toThrow(/unclosed \$ at “costs \$4d\^2/);
    expect(() => segments('display $$ math')).toThrow(/empty math/);
    expect(() => segments('see {{costs.params.512}}')).toThrow(/malformed placeholder.*\{\{num:id\}\}/);
    expect(() => segments('see {{num:costs.params.512')).toThrow(/malformed placeholder/);
    expect(() => segments('see {{num:a b}}')).toThrow(/malformed placeholder/);
  });
});

describe('the questions file', () => {
  it(`has at least ${MIN_QUESTIONS} questions with unique ids, in known topics`, () => {
    expect(questions.length).toBeGreaterThanOrEqual(MIN_QUESTIONS);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    for (const q of questions) expect(TOPICS).toContain(q.topic);
    expect(byTopic(questions).flatMap((g) => g.questions)).toHaveLength(questions.length);
  });

  // Resolving computes every number the answers quote (3 s alone, more beside other test files).
  it('names lessons, sections and numbers that exist', { timeout: 30_000 }, () => {
    const { problems } = resolveQuestions(questions, context);
    expect(problems).toEqual([]);
  });

  it('types no large number by hand: counts come from placeholders', () => {
    for (const q of questions) {
      for (const text of [q.question, q.answer]) {
        const typed = text.replace(/\{\{num:[^}]+\}\}/g, '').replace(/\$[^$]*\$/g, '');
        expect(typed, q.id).not.toMatch(/\d{1,3}(,\d{3})+|\d{5,}/);
      }
    }
  });

  it('cites a paper (author year) wherever an answer names one of the papers the fact sheet covers', () => {
    for (const q of questions) {
      for (const author of ['Vaswani', 'Michel', 'Voita', 'Clark', 'Ainslie', 'Shazeer', 'Bhojanapalli', 'Hoffmann', 'Kaplan']) {
        if (q.answer.includes(author)) expect(q.answer, `${q.id}: ${author}`).toMatch(new RegExp(`${author}[^()]*\\(?(19|20)\\d\\d`));
      }
    }
  });

  it('resolves numbers to the value the code computes: BERT-base attention parameters', () => {
    const resolved = loadInterview(data, context);
    const bert = resolved.find((q) => q.id === 'bert-parameters')!;
    const model = modelById('bert-base');
    const value = bert.answerParts.find((p) => p.kind === 'number' && p.id === 'model.bert-base.perLayer');
    expect(value).toEqual({ kind: 'number', id: 'model.bert-base.perLayer', value: parameterCount({ dModel: model.dModel, h: model.h, bias: false }).toLocaleString('en') });
    expect(plainText(bert.answerParts)).not.toMatch(/\{\{/);
    expect(bert.lessonOrder).toBe(4);
    expect(bert.sectionTitle).toBe('Real models');
  });
});

describe('bad data fails the build with a message', () => {
  it('an unknown placeholder names itself and suggests ids', () => {
    const { problems } = resolveQuestions([{ ...sample, answer: `${sample.answer} And {{num:costs.params.513}}.` }], context);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/question "sample", answer: unknown number \{\{num:costs\.params\.513\}\}; ids starting with "costs\." include costs\.params\.512/);
    expect(() => loadInterview(fileWith([{ ...sample, answer: `${sample.answer} {{num:nope.x}}` }]), context)).toThrow(/refers to things that do not exist:\n- question "sample", answer: unknown number \{\{num:nope\.x\}\}/);
  });

  it('an unknown lesson or section is named, with what exists', () => {
    const [lesson] = resolveQuestions([{ ...sample, lesson: 'attention-in-two-heads' }], context).problems;
    expect(lesson).toMatch(/no lesson "attention-in-two-heads"; lessons are attention-in-one-head, /);
    const [section] = resolveQuestions([{ ...sample, section: 'the-ideas' }], context).problems;
    expect(section).toMatch(/lesson "shapes" has no section "the-ideas"; its sections are why-it-matters, the-idea,/);
    expect(resolveQuestions([{ ...sample, section: undefined }], context).problems).toEqual([]);
  });

  it('bad math and a number that fails are reported, not thrown', () => {
    const { problems } = resolveQuestions([{ ...sample, question: 'Is $d_k a question?' }], { ...context, numbers: { ...numbers, 'costs.params.512': () => { throw new Error('boom'); } } });
    expect(problems).toEqual([
      expect.stringMatching(/question "sample", question: unclosed \$/),
      expect.stringMatching(/question "sample", answer: number costs\.params\.512 failed: boom/),
    ]);
  });

  it('the schema rejects duplicates, unknown topics and fields, too few questions, too long an answer', () => {
    expect(() => parseQuestions(fileWith([sample, sample]))).toThrow(/questions\.1\.id: id "sample" appears twice/);
    expect(() => parseQuestions(fileWith([{ ...sample, topic: 'gossip' as Question['topic'] }]))).toThrow(/questions\.0\.topic/);
    expect(() => parseQuestions(fileWith([{ ...sample, numbers: ['x'] } as Question]))).toThrow(/Unrecognized key/);
    expect(() => parseQuestions({ questions: questions.slice(0, MIN_QUESTIONS - 1) })).toThrow(new RegExp(`at least ${MIN_QUESTIONS} questions`));
    expect(() => parseQuestions(fileWith([{ ...sample, answer: 'x'.repeat(901) }]))).toThrow(/questions\.0\.answer/);
    expect(() => parseQuestions(fileWith([{ ...sample, id: 'Bad Id' }]))).toThrow(/lower-case words/);
  });
});

describe('interviewNumbers', () => {
  it('compute with the project’s functions', () => {
    expect(interviewNumbers['interview.error.512.6']()).toMatch(/^dModel \(512\) must be divisible by h \(6\); valid h near 6: 4 or 8 \(this is the course's convention d_k = d_model \/ h/);
    expect(interviewNumbers['interview.validH.768']().split(', ').map(Number).every((h) => 768 % h === 0)).toBe(true);
    expect(interviewNumbers['interview.headShare.16']()).toBe('6.25%'); // Michel et al. (2019, §4.3) give 6.25%
    expect(interviewNumbers['interview.masks.bert-base']()).toBe('2¹⁴⁴');
    expect(interviewNumbers['interview.crossing.768']()).toBe((2 * 768).toLocaleString('en'));
  });
});
