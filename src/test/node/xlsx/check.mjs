// Opens the quarterly report workbook with exceljs (and its zip with jszip, since exceljs does not read
// charts) and prints what it found; exits non-zero at the first thing that is not as the report promises.
// Usage: node check.mjs <file.xlsx> <workstream sheet> <asOf yyyy-mm-dd> <planned start> <planned end>
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

const [file, sheetName, asOf, plannedStart, plannedEnd] = process.argv.slice(2);
const iso = (d) => d.toISOString().slice(0, 10);
function expect(ok, message) {
  if (!ok) {
    console.error('FAILED: ' + message);
    process.exit(1);
  }
}

const bytes = await readFile(file);
const book = new ExcelJS.Workbook();
await book.xlsx.load(bytes);

const summary = book.getWorksheet('概要');
expect(summary, 'no sheet 概要');
const asOfCell = summary.getCell('B2');
expect(asOfCell.type === ExcelJS.ValueType.Date, `B2 of 概要 is not a date but type ${asOfCell.type}: ${asOfCell.value}`);
expect(iso(asOfCell.value) === asOf, `asOf ${iso(asOfCell.value)} != ${asOf}`);
expect(asOfCell.numFmt === 'yyyy/mm/dd', `asOf number format ${asOfCell.numFmt}`);
console.log('asOf date ' + iso(asOfCell.value) + ' ' + asOfCell.numFmt);
const summaryView = summary.views[0] || {};
expect(summaryView.state === 'frozen', 'summary not frozen: ' + JSON.stringify(summary.views));
console.log('summary frozen ' + summaryView.ySplit);

const sheet = book.getWorksheet(sheetName);
expect(sheet, 'no sheet ' + sheetName);
const header = sheet.getRow(2).values; // 1-based, values[0] is empty
const col = (name) => {
  const i = header.indexOf(name);
  expect(i > 0, 'no column ' + name + ' in ' + JSON.stringify(header));
  return i;
};
const rowOf = (id) => {
  for (let r = 3; r <= sheet.rowCount; r++) {
    if (sheet.getRow(r).getCell(1).value === id) return sheet.getRow(r);
  }
  expect(false, 'no row ' + id);
};
const exact = rowOf('exact-days');
const start = exact.getCell(col('計画開始日'));
const end = exact.getCell(col('計画終了日'));
expect(start.type === ExcelJS.ValueType.Date && end.type === ExcelJS.ValueType.Date,
  `planned days are not dates: ${start.type} ${end.type}`);
expect(iso(start.value) === plannedStart && iso(end.value) === plannedEnd,
  `planned ${iso(start.value)}..${iso(end.value)}`);
expect(exact.getCell(col('段階の開始日')).type === ExcelJS.ValueType.Date, '段階の開始日 is not a date');
console.log(`planned ${iso(start.value)}..${iso(end.value)}`);
const vague = rowOf('vague-days');
expect(vague.getCell(col('計画期間')).value === '7月頃〜第3四半期', 'vague period words: ' + vague.getCell(col('計画期間')).value);
expect(vague.getCell(col('計画開始日')).type === ExcelJS.ValueType.Null
  && vague.getCell(col('計画終了日')).type === ExcelJS.ValueType.Null, 'a vague period got a day');
console.log('vague blank');

const filter = sheet.autoFilter;
const ref = typeof filter === 'string' ? filter : filter && `${filter.from}:${filter.to}`;
expect(ref && ref.startsWith('A2:'), 'autoFilter ' + JSON.stringify(filter));
console.log('autoFilter ' + ref);
const view = sheet.views[0] || {};
expect(view.state === 'frozen' && view.xSplit === 2 && view.ySplit === 2, 'pane ' + JSON.stringify(sheet.views));
console.log(`frozen ${view.xSplit}x${view.ySplit}`);
const widths = sheet.columns.map((c) => c.width);
expect(widths[col('施策名') - 1] >= 20, '施策名 too narrow: ' + widths[col('施策名') - 1]);

// exceljs keeps no chart: look for the chart part, its drawing and its bar series in the zip itself
const zip = await JSZip.loadAsync(bytes);
const charts = Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
expect(charts.length === 1, 'chart parts: ' + charts);
const chartXml = await zip.file(charts[0]).async('string');
expect(chartXml.includes('<c:barChart>'), 'no barChart in ' + charts[0]);
const series = (chartXml.match(/<c:ser>/g) || []).length;
const drawingRels = Object.keys(zip.files).filter((n) => /^xl\/drawings\/_rels\/drawing\d+\.xml\.rels$/.test(n));
expect(drawingRels.length === 1, 'drawing rels: ' + drawingRels);
expect((await zip.file(drawingRels[0]).async('string')).includes('../charts/chart1.xml'), 'the drawing does not point to the chart');
console.log(`chart ${charts[0]} barChart series ${series}`);
const styles = await zip.file('xl/styles.xml').async('string');
const font = /<font>.*?<name val="([^"]+)"/s.exec(styles.slice(styles.indexOf('<fonts')));
expect(styles.includes('<cellStyle name="Normal" xfId="0" builtinId="0"/>'), 'no Normal cell style');
console.log('normal font ' + (font && font[1]));
