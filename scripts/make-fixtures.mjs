// Makes the next-edition fixtures from the real report text, so that every change is known by
// construction: `node scripts/make-fixtures.mjs` writes tests/fixtures/edition-r6.txt and
// edition-r7.txt, each with a `.changes.json` that lists what changed and what a right reading
// must find. The native tests (tests/editions.rs) read both; tests/node checks the committed
// files are what this script makes.
//
// No other edition of the report is available, so these stand in for the real ones: the same
// pages with the changes a real next report brings (another year in the headings, ratings turned,
// rows ended and added, a division renamed, new, changed and revised figures, a changed target, a
// page left out, pages renumbered or broken differently, a row renumbered, one moved to another
// subsection and one whose title was edited).

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = join(ROOT, 'data/source/000_7008800fb5738cea.txt');
// An output folder may be given (the node test compares a fresh run with the committed files).
const OUT = process.argv[2] ?? join(ROOT, 'tests/fixtures');

const PAGE_HEADER = /^\s*([ⅠⅡⅢ])\s+(\S.*?)\s+(\d+|再掲)\s*$/;
const SECTION = /^(\d+) \S/;
const SUBSECTION = /^\((\d+)\) \S/;
const RATING = /^(?:[○△]進捗状況|進捗状況 [○△])$/;
const ROMAN = { 'Ⅰ': 'I', 'Ⅱ': 'II', 'Ⅲ': 'III' };

/** Each line with its place: pillar, section, subsection (`II-3-2`), printed page. */
function annotate(lines) {
  let pillar = '', section = 0, sub = '', page = null;
  return lines.map((text, i) => {
    const h = text.match(PAGE_HEADER);
    if (h) {
      pillar = ROMAN[h[1]];
      page = h[3] === '再掲' ? null : Number(h[3]);
    } else if (SUBSECTION.test(text)) {
      sub = `${pillar}-${section}-${text.match(SUBSECTION)[1]}`;
    } else if (SECTION.test(text) && SUBSECTION.test(lines[i + 1] ?? '')) {
      section = Number(text.match(SECTION)[1]);
    }
    return { text, sub, page, header: Boolean(h) };
  });
}

const nextNonBlank = (lines, i) => {
  let j = i + 1;
  while (j < lines.length && lines[j].text.trim() === '') j++;
  return j;
};

/** A line holding only a row number, followed by the row's title (not a page header). */
function isRowStart(lines, i) {
  if (!/^\d+$/.test(lines[i].text)) return false;
  const j = nextNonBlank(lines, i);
  return j < lines.length && !lines[j].header && !/^\d+$/.test(lines[j].text);
}

function isRowEnd(lines, i) {
  const t = lines[i].text;
  return lines[i].header || RATING.test(t) || isRowStart(lines, i);
}

/** [start, end) of every printing of row `number` of subsection `sub`. */
function rowSpans(lines, sub, number) {
  const spans = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].sub === sub && lines[i].text === String(number) && isRowStart(lines, i)) {
      let end = i + 1;
      while (end < lines.length && !isRowEnd(lines, end)) end++;
      spans.push([i, end]);
    }
  }
  if (spans.length === 0) throw new Error(`no row ${sub}-${number} in the source`);
  return spans;
}

const reannotate = (lines) => annotate(lines.map((l) => l.text));
const plain = (texts) => texts.map((text) => ({ text }));

/** Every change below keeps a record, so the fixture says what it is made of. */
class Edition {
  constructor(text) {
    this.lines = annotate(text.split('\n'));
    this.changes = [];
  }
  note(kind, detail) {
    this.changes.push({ kind, ...detail });
  }
  replaceAll(from, to, { expect } = {}) {
    let n = 0;
    this.lines = this.lines.map((l) => {
      if (!l.text.includes(from)) return l;
      n++;
      return { ...l, text: l.text.split(from).join(to) };
    });
    if (n === 0 || (expect !== undefined && n !== expect)) throw new Error(`replace ${from}: ${n} lines`);
    this.lines = reannotate(this.lines);
    return n;
  }
  heading(fromLabel, toLabel) {
    const n = this.replaceAll(`${fromLabel}の取組状況・課題`, `${toLabel}の取組状況・課題`);
    this.note('heading', { from: fromLabel, to: toLabel, lines: n });
  }
  rating(sub, mark) {
    let n = 0;
    this.lines = this.lines.map((l) => {
      if (l.sub !== sub || !RATING.test(l.text)) return l;
      n++;
      return { ...l, text: l.text.replace(/[○△]/, mark) };
    });
    if (n === 0) throw new Error(`no rating of ${sub}`);
    this.note('rating', { subsection: sub, rating: mark === '○' ? 'on_track' : 'delayed' });
  }
  removeRow(sub, number, why) {
    const spans = rowSpans(this.lines, sub, number);
    for (const [a, b] of spans.reverse()) this.lines.splice(a, b - a);
    this.lines = reannotate(this.lines);
    this.note('initiative_removed', { initiative: `${sub}-${number}`, why });
  }
  /** Adds a row after the last row of every printing of `sub` that holds row `after`. */
  addRow(sub, after, number, title, body) {
    const spans = rowSpans(this.lines, sub, after);
    const row = plain(['', String(number), ...title, '', ...body, '']);
    for (const [, end] of spans.reverse()) this.lines.splice(end, 0, ...row);
    this.lines = reannotate(this.lines);
    this.note('initiative_added', { initiative: `${sub}-${number}`, title: title.join('') });
  }
  /** Prints row `number` of `sub` as row `to` (every printing): the same row, renumbered. */
  renumberRow(sub, number, to) {
    for (const [a] of rowSpans(this.lines, sub, number)) this.lines[a] = { ...this.lines[a], text: String(to) };
    this.lines = reannotate(this.lines);
    this.note('initiative_renumbered', { from: `${sub}-${number}`, to: `${sub}-${to}` });
  }
  /** Rewrites one line of the title of row `number` of `sub` (every printing). */
  editTitle(sub, number, from, to) {
    const titles = new Set();
    for (const [a] of rowSpans(this.lines, sub, number)) {
      let i = a + 1;
      while (i < this.lines.length && this.lines[i].text !== from && this.lines[i].text.trim() !== '') i++;
      if (this.lines[i]?.text !== from) throw new Error(`no title line ${from} in row ${sub}-${number}`);
      this.lines[i] = { ...this.lines[i], text: to };
      const lines = [];
      for (let j = a + 1; this.lines[j].text.trim() !== ''; j++) lines.push(this.lines[j].text);
      titles.add(lines.join(''));
    }
    if (titles.size !== 1) throw new Error(`row ${sub}-${number} prints ${titles.size} titles`);
    const [title] = titles;
    this.lines = reannotate(this.lines);
    this.note('title_edited', { initiative: `${sub}-${number}`, title });
  }
  /** Moves row `number` of `sub` (printed once) to subsection `toSub` as row `to`, after its row `after`. */
  moveRow(sub, number, toSub, after, to) {
    const spans = rowSpans(this.lines, sub, number);
    if (spans.length !== 1) throw new Error(`row ${sub}-${number} is printed ${spans.length} times`);
    const [[a, b]] = spans;
    const row = plain(['', String(to), ...this.lines.slice(a + 1, b).map((l) => l.text)]);
    this.lines.splice(a, b - a);
    this.lines = reannotate(this.lines);
    const targets = rowSpans(this.lines, toSub, after);
    const [, end] = targets[targets.length - 1];
    this.lines.splice(end, 0, ...row);
    this.lines = reannotate(this.lines);
    this.note('initiative_moved', { from: `${sub}-${number}`, to: `${toSub}-${to}` });
  }
  /** Replaces one printed line (every printing of it) and records the figures it now prints. */
  editLine(from, to, expect) {
    this.replaceAll(from, to);
    this.note('figures', { line: to, ...expect });
  }
  /** A new line after every printing of `after` (a row added to a table). */
  insertAfter(after, added, expect) {
    const at = this.lines.flatMap((l, i) => (l.text === after ? [i] : []));
    if (at.length === 0) throw new Error(`no line ${after}`);
    for (const i of at.reverse()) this.lines.splice(i + 1, 0, ...plain(added));
    this.lines = reannotate(this.lines);
    this.note('figures', { line: added[added.length - 1], ...expect });
  }
  /** Drops every printing of a printed page. */
  removePage(page) {
    const keep = [];
    let drop = false;
    for (const l of this.lines) {
      if (l.header) drop = l.page === page;
      if (!drop) keep.push(l);
    }
    if (keep.length === this.lines.length) throw new Error(`no page ${page}`);
    this.lines = reannotate(keep);
    this.note('page_removed', { page });
  }
  /** Page headers from `from` on print `by` more, as if a page had been inserted before. */
  renumber(from, by) {
    this.lines = reannotate(
      this.lines.map((l) =>
        l.header && l.page !== null && l.page >= from ? { ...l, text: l.text.replace(/\d+(\s*)$/, (_, s) => `${l.page + by}${s}`) } : l,
      ),
    );
    this.note('pages_renumbered', { from, by });
  }
  /** Breaks page `page` before row `number` of `sub`: the rest goes on a page of its own,
   *  with the page header, section, subsection and table header printed again. */
  breakPage(page, sub, number) {
    const [start] = rowSpans(this.lines, sub, number).find(([a]) => this.lines[a].page === page) ?? [];
    if (start === undefined) throw new Error(`row ${sub}-${number} is not on page ${page}`);
    let h = start;
    while (!this.lines[h].header) h--;
    const repeat = [];
    for (let i = h; i < start && repeat.length < 12; i++) {
      const t = this.lines[i].text;
      if (this.lines[i].header || SECTION.test(t) || SUBSECTION.test(t) || t.startsWith('番号 取組項目') || t === '') repeat.push(t);
      if (t.startsWith('番号 取組項目')) break;
    }
    repeat[0] = repeat[0].replace(/\d+(\s*)$/, (_, s) => `${page + 1}${s}`);
    this.lines.splice(start, 0, ...plain(repeat));
    this.lines = reannotate(this.lines);
    this.note('page_break', { page, before: `${sub}-${number}` });
  }
  text() {
    return this.lines.map((l) => l.text).join('\n');
  }
  /** Source line (1-based) of every expected figure, found in the finished text. */
  finish(meta) {
    const all = this.lines.map((l) => l.text);
    for (const c of this.changes.filter((c) => c.kind === 'figures')) {
      c.source_lines = all.flatMap((t, i) => (t === c.line ? [i + 1] : []));
      if (c.source_lines.length === 0) throw new Error(`line ${c.line} vanished`);
    }
    return { meta: { ...meta, changes: this.changes }, text: all.join('\n') };
  }
}

const source = readFileSync(SOURCE, 'utf8');

/** A row's cells printed one per line, as the extraction prints them (organisations wrapped). */
const rowBody = ({ organisations, content, status, next }) => [
  ...organisations, '', '主な取組内容', ...content, '', '取組状況', ...status, '', '次年度の取組', ...next,
];

/**
 * What every next edition changes the same way: the year in its headings, two ratings turned,
 * a row removed and one added, a division renamed.
 */
function nextEdition({ year, ratings, removed, added, renamed }) {
  const e = new Edition(source);
  e.heading('令和5年度', year);
  for (const [subsection, mark] of ratings) e.rating(subsection, mark);
  e.removeRow(...removed);
  const [subsection, after, number, title, cells] = added;
  e.addRow(subsection, after, number, title, rowBody(cells));
  e.replaceAll(renamed.from, renamed.to);
  e.note('division_renamed', renamed);
  return e;
}

function editionR6() {
  const e = nextEdition({
    year: '令和6年度',
    ratings: [['I-1-1', '△'], ['II-3-2', '○']],
    removed: ['III-4-1', 1, 'completed; its four training figures came from overrides'],
    added: ['I-1-1', 3, 4, ['行政手続の案内窓口', 'の一元化'], {
      organisations: ['総務部', '新行政推進', '室'],
      content: ['・県民からの問合せ窓口を一元化し、案内の迅速化を', '図る'],
      status: ['・令和6年度に案内窓口の一元化に向けた検討を開始'],
      next: ['・対象とする窓口を選定'],
    }],
    renamed: { from: '管財課', to: '資産活用課', initiative: 'I-4-2-1' },
  });
  // New actuals: a column added to a captioned table, and a caption-less table moving on a year.
  e.editLine('Ｒ３ Ｒ４ Ｒ５', 'Ｒ３ Ｒ４ Ｒ５ Ｒ６', {});
  e.editLine('寄附額（千円） 286,728 508,582 582,831', '寄附額（千円） 286,728 508,582 582,831 601,234', {
    initiative: 'I-3-3-3', label: '寄附額', points: [{ kind: 'actual', fiscal_year: 2024, value: 601234 }],
  });
  e.editLine('対前年度比 198.3% 177.4% 114.6%', '対前年度比 198.3% 177.4% 114.6% 103.2%', {
    initiative: 'I-3-3-3', label: '寄附額の対前年度比', points: [{ kind: 'actual', fiscal_year: 2024, value: 103.2 }],
  });
  e.editLine('令和５年度 令和４年度', '令和６年度 令和５年度', {});
  e.editLine('件数 4 5', '件数 6 4', {
    initiative: 'I-4-2-1', label: '未利用地の売却件数', points: [{ kind: 'actual', fiscal_year: 2024, value: 6 }, { kind: 'actual', fiscal_year: 2023, value: 4 }],
  });
  e.editLine('土地面積（㎡） 2,358.63 7,359.24', '土地面積（㎡） 3,120.50 2,358.63', {
    initiative: 'I-4-2-1', label: '未利用地の売却面積', points: [{ kind: 'actual', fiscal_year: 2024, value: 3120.5 }],
  });
  // Changed figures, each cited by this year's overrides by its words.
  e.editLine('区で各種スポーツ・レクリエーションを実施し、延べ2,136人', '区で各種スポーツ・レクリエーションを実施し、延べ2,310人', {
    initiative: 'II-3-2-11', old: 2136, points: [{ kind: 'actual', value: 2310 }],
  });
  e.editLine('・見直し後の目標（3,100件）を上回る3,697件', '・見直し後の目標（3,100件）を上回る3,804件', {
    initiative: 'II-2-2-2', old: 3697, points: [{ kind: 'actual', value: 3804 }],
  });
  e.editLine('・寄附額　180,000千円以上', '・寄附額　200,000千円以上', {
    initiative: 'I-3-3-3', label: '寄附額', old: 180000, points: [{ kind: 'target', value: 200000 }],
  });
  e.note('target_changed', { initiative: 'I-3-3-3', from: 180000, to: 200000 });
  e.removePage(7);
  e.renumber(20, 1);
  // A figure of an earlier year printed again with another value: revised, not new.
  e.editLine('R5.4 4,063 331', 'R5.4 4,063 333', {
    initiative: 'I-3-2-1', label: '職員数（教育庁）', old: 331, points: [{ kind: 'actual', fiscal_year: 2023, value: 333 }],
  });
  e.note('figure_revised', { initiative: 'I-3-2-1', label: '職員数（教育庁）', fiscal_year: 2023, from: 331, to: 333 });
  return e.finish({ label: '令和6年度', fiscal_year: 2024, missing_pages: [7, 8, 9, 14, 15, 20], removed_by_page: ['I-2-5-1'] });
}

function editionR7() {
  const e = nextEdition({
    year: '令和7年度',
    ratings: [['III-4-3', '○'], ['I-3-3', '△']],
    removed: ['II-3-2', 11, 'completed; its participant figure came from an override'],
    added: ['III-1-2', 5, 6, ['市町との共同による', 'デジタル人材の確保'], {
      organisations: ['総務部', 'スマート県庁', '推進課'],
      content: ['・市町と共同でデジタル人材を確保し、相互に', '派遣する仕組みを構築'],
      status: ['・令和7年度に共同確保の協議会を設置'],
      next: ['・協議会において確保の方法を検討'],
    }],
    renamed: { from: '政策企画課', to: '政策推進課', initiative: 'I-2-2-2' },
  });
  e.insertAfter('R6.4 4,060 331', ['', 'R7.4 4,052 330'], {
    initiative: 'I-3-2-1', points: [{ kind: 'actual', fiscal_year: 2025, value: 4052 }, { kind: 'actual', fiscal_year: 2025, value: 330 }],
  });
  e.editLine('60%の目標に対し、85%（約5,095人/6,000ライセンス）', '60%の目標に対し、88%（約5,280人/6,000ライセンス）', {
    initiative: 'II-2-2-3', old: 85, points: [{ kind: 'actual', value: 88 }],
  });
  e.editLine('・委員数の概ね20％（※）を公募により選任', '・委員数の概ね25％（※）を公募により選任', {
    initiative: 'III-1-1-6', old: 20, points: [{ kind: 'target', value: 25 }],
  });
  e.note('target_changed', { initiative: 'III-1-1-6', from: 20, to: 25 });
  e.removePage(13);
  // Pages after 10 move on by one, and page 10 breaks in two: its second half becomes page 11.
  e.renumber(11, 1);
  e.breakPage(10, 'I-3-1', 3);
  // Rows the comparison of editions must still recognise: renumbered, title edited, moved.
  e.renumberRow('III-1-1', 5, 8);
  e.editTitle('III-5-1', 4, '直し', '直し及び多様化');
  e.moveRow('I-2-4', 1, 'I-2-3', 4, 5);
  return e.finish({ label: '令和7年度', fiscal_year: 2025, missing_pages: [8, 9, 14, 15, 16], removed_by_page: ['I-3-4-1', 'I-3-4-2', 'I-3-4-3', 'I-3-4-4'] });
}

mkdirSync(OUT, { recursive: true });
for (const [name, make] of [['edition-r6', editionR6], ['edition-r7', editionR7]]) {
  const { meta, text } = make();
  writeFileSync(join(OUT, `${name}.txt`), text);
  writeFileSync(join(OUT, `${name}.changes.json`), `${JSON.stringify(meta, null, 2)}\n`);
}
