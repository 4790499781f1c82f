// Opens the plan workbook (GET /api/plans/{planKey}/schedule.xlsx) with exceljs, another ecosystem's reader, and
// prints what it found; exits non-zero at the first thing that is not as the workbook promises.
// Usage: node check-plan.mjs <file.xlsx>
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';

const [file] = process.argv.slice(2);
const iso = (d) => d.toISOString().slice(0, 10);
function expect(ok, message) {
  if (!ok) {
    console.error('FAILED: ' + message);
    process.exit(1);
  }
}

const book = new ExcelJS.Workbook();
await book.xlsx.load(await readFile(file));
console.log('sheets ' + book.worksheets.map((s) => s.name).join(','));

const list = book.getWorksheet('段階一覧');
expect(list, 'no sheet 段階一覧');
const header = list.getRow(1).values; // 1-based
const col = (name) => {
  const i = header.indexOf(name);
  expect(i > 0, 'no column ' + name + ' in ' + JSON.stringify(header));
  return i;
};
const rowOf = (id) => {
  for (let r = 2; r <= list.rowCount; r++) {
    if (list.getRow(r).getCell(col('ID')).value === id) return list.getRow(r);
  }
  expect(false, 'no row ' + id);
};
const exact = rowOf('expert-council-1').getCell(col('開始・日付'));
expect(exact.type === ExcelJS.ValueType.Date, `an exact day is not a date but type ${exact.type}: ${exact.value}`);
console.log('exact ' + iso(exact.value) + ' ' + exact.numFmt);
const vague = rowOf('expert-council-2').getCell(col('開始・日付'));
expect(vague.type === ExcelJS.ValueType.String, `a vague date is not text but type ${vague.type}`);
console.log('vague ' + vague.value);
expect(list.autoFilter, 'no filter on 段階一覧');
console.log('autoFilter ' + (typeof list.autoFilter === 'string' ? list.autoFilter : JSON.stringify(list.autoFilter)));
const view = list.views[0] || {};
expect(view.state === 'frozen', '段階一覧 not frozen: ' + JSON.stringify(list.views));
console.log(`frozen ${view.xSplit}x${view.ySplit}`);

const schedule = book.getWorksheet('スケジュール');
expect(schedule, 'no sheet スケジュール');
let triangles = 0;
schedule.eachRow((row) => row.eachCell((cell) => {
  if (typeof cell.value === 'string' && cell.value.startsWith('▲')) triangles++;
}));
console.log('milestones ' + triangles);
expect(schedule.pageSetup.orientation === 'landscape', 'not landscape: ' + schedule.pageSetup.orientation);
console.log('print ' + schedule.pageSetup.orientation + ' paper ' + schedule.pageSetup.paperSize);
