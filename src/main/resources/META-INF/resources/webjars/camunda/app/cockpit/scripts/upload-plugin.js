// Shisaku Flow: 計画の取込み, Cockpit's page for importing a year's plan (YAML, or the office's Excel plan sheet).
// The person chooses a file and, optionally, the year; the server's dry run (POST /api/plans/preview) says what the
// import would do - every error with its line or cell, or the initiatives it starts and, for a revision, each changed
// initiative's phases old → new - and only then 「取り込む」 (one confirmation) imports it (POST /api/plans), sending
// the previewed content's hash and the state the preview was taken against: the server refuses (409) content the
// person did not see, and a year whose plan someone else changed in between.
// Offered (header link and page) only to those the server lets import: GET /api/plans/upload-form answers them alone;
// for anyone else this module registers nothing, and the server refuses the preview and the import all the same.
// Every text about the plan comes from the server's answers. See docs/managers.md and docs/frontend.md.

import {appFetch, chooseFiscalYear, escape, plugin} from '../../shisaku/scripts/plugin-kit.js';

const PATH = '/plan-upload';

/** The form's choices, or null where the server does not let this user import (nothing is offered then). */
const uploadForm = await appFetch('/api/plans/upload-form')
  .then(response => (response.ok ? response.json() : null))
  .catch(() => null);

const STYLE = `
.shisaku-upload { max-width: 1100px; padding: 8px 4px 32px; }
.shisaku-upload h1 { font-size: 22px; margin: 8px 0 12px; }
.shisaku-upload-form label { margin-right: 16px; font-weight: normal; }
.shisaku-upload-form input[type=number] { width: 7em; display: inline-block; }
/* The browser's own file button speaks the browser's language (「Choose File」 in an English one): a button of
   the page's own opens the same chooser, and the input stays in the form, focusable, with nothing to show. */
.shisaku-upload-choose { position: relative; margin-right: 4px; }
.shisaku-upload-choose:focus-within { outline: 2px solid #1565c0; }
.shisaku-upload-file { position: absolute; left: 0; top: 0; width: 1px; height: 1px; opacity: 0; overflow: hidden; }
.shisaku-upload-filename { margin-right: 16px; }
.shisaku-upload-label { margin-right: 4px; }
.shisaku-upload table { margin-top: 6px; }
.shisaku-upload td.shisaku-changed { font-weight: bold; }
.shisaku-upload .shisaku-upload-confirm { margin-top: 12px; }
.shisaku-upload h2 { font-size: 17px; margin-top: 20px; }
`;

const addStyle = () => {
  if (!document.getElementById('shisaku-upload-style')) {
    const style = document.createElement('style');
    style.id = 'shisaku-upload-style';
    style.textContent = STYLE;
    document.head.appendChild(style);
  }
};

/** The media type the server reads a file of this name as (its own list), or octet-stream (it answers 415). */
const mediaType = name => {
  const lower = name.toLowerCase();
  const extension = Object.keys(uploadForm.fileTypes).find(e => lower.endsWith(e));
  return extension ? uploadForm.fileTypes[extension] : 'application/octet-stream';
};

/** The app's problem details as an Error carrying them (title, detail, errors). */
const problemOf = response => response.json().catch(() => ({}))
  .then(problem => Object.assign(new Error(problem.detail || problem.title || ('エラー (' + response.status + ')')),
    {problem, status: response.status}));

const post = (path, params, bytes, type) => appFetch(path + '?' + new URLSearchParams(params), {
  method: 'POST', headers: {'Content-Type': type}, body: bytes
}).then(response => (response.ok ? response.json() : problemOf(response).then(e => Promise.reject(e))));

/** Where an error is: the place the server names (a sheet and cell), else the line of the file. */
const placeOf = e => e.place || (e.line > 0 ? e.line + ' 行目' : '');

const errorsHtml = error => {
  if (!error.problem) {
    // Not the server's answer: the file could not be read (changed or removed since it was chosen), or no answer came.
    return '<div class="alert alert-danger shisaku-upload-errors" role="alert"><strong>確認できませんでした</strong>'
      + '<p>ファイルを読めないか、サーバーに届きませんでした。ファイルをもう一度選んでください。</p></div>';
  }
  const problem = error.problem;
  const errors = Array.isArray(problem.errors) ? problem.errors : [];
  return '<div class="alert alert-danger shisaku-upload-errors" role="alert"><strong>'
    + escape(problem.title || '確認できませんでした') + '</strong>'
    + (errors.length ? '（' + errors.length + ' 件。何も取り込んでいません）<ul>' + errors.map(e => '<li>'
      + (placeOf(e) ? '<span class="shisaku-error-place">' + escape(placeOf(e)) + '</span>：' : '')
      + escape(e.message) + '</li>').join('') + '</ul>'
      : '<p>' + escape(problem.detail || error.message) + '</p>')
    + '</div>';
};

const phasesText = phases => phases.map(p => escape(p.name) + '：' + escape(p.period)).join('<br>');

const startingHtml = initiatives => (initiatives.length === 0 ? '' : '<h2>開始する施策（' + initiatives.length
  + ' 件）</h2><table class="table table-condensed table-bordered shisaku-upload-starting"><thead><tr><th>施策</th>'
  + '<th>ワークストリーム</th><th>担当</th><th>段階（計画）</th></tr></thead><tbody>'
  + initiatives.map(i => '<tr><td>' + escape(i.title) + '</td><td>' + escape(i.workstream) + '</td><td>'
    + escape(i.owners) + '</td><td>' + phasesText(i.phases) + '</td></tr>').join('')
  + '</tbody></table>');

const changedHtml = initiatives => (initiatives.length === 0 ? '' : '<h2>予定が変わる施策（' + initiatives.length
  + ' 件）</h2><table class="table table-condensed table-bordered shisaku-upload-diff"><thead><tr><th>施策</th>'
  + '<th>段階</th><th>変更前</th><th>変更後</th><th>変更</th></tr></thead><tbody>'
  + initiatives.map(i => i.phases.map((p, n) => '<tr>'
    + (n === 0 ? '<td rowspan="' + i.phases.length + '">' + escape(i.title) + '<br><small>' + escape(i.workstream)
      + '</small></td>' : '')
    + '<td>' + escape(p.name) + '</td><td>' + escape(p.before) + '</td><td'
    + (p.changed ? ' class="shisaku-changed"' : '') + '>' + escape(p.after) + '</td><td>'
    + (p.changed ? '変更' : '') + '</td></tr>').join('')).join('')
  + '</tbody></table>');

const movedHtml = milestones => (milestones.length === 0 ? '' : '<h2>日付が変わるマイルストーン（' + milestones.length
  + ' 件）</h2><table class="table table-condensed table-bordered shisaku-upload-milestones"><thead><tr>'
  + '<th>マイルストーン</th><th>変更前</th><th>変更後</th></tr></thead><tbody>'
  + milestones.map(m => '<tr><td>' + escape(m.title) + '</td><td>' + escape(m.before) + '</td><td>'
    + escape(m.after) + '</td></tr>').join('')
  + '</tbody></table>');

const previewHtml = preview => '<div class="alert alert-info shisaku-upload-status"><strong>'
  + escape(preview.title) + '</strong>（' + escape(preview.source) + '）<br>' + escape(preview.statusText) + '</div>'
  + (preview.status === 'UNCHANGED' ? ''
    : '<div class="shisaku-upload-apply"><button type="button" class="btn btn-primary shisaku-upload-go">取り込む</button>'
      + '<div class="shisaku-upload-confirm alert alert-warning" hidden><p>' + escape(preview.fiscalYearText)
      + 'の計画を、確認した内容で取り込みます。よろしいですか？</p>'
      + '<button type="button" class="btn btn-danger shisaku-upload-confirm-yes">はい、取り込む</button> '
      + '<button type="button" class="btn btn-default shisaku-upload-confirm-no">やめる</button></div></div>')
  + changedHtml(preview.changedInitiatives) + movedHtml(preview.movedMilestones)
  + startingHtml(preview.initiativesToStart);

const pageHtml = () => '<section class="shisaku-upload"><h1>計画の取込み</h1>'
  + '<p>年度の計画ファイル（YAML、または Excel の計画表 .xlsx）を選び、「内容を確認」を押してください。'
  + '取り込む前に、開始する施策や変わる予定を確認できます。誤りがあれば、その行（セル）と内容を一覧で示します。</p>'
  + '<form class="form-inline shisaku-upload-form">'
  + '<span class="shisaku-upload-label">計画ファイル</span> <label class="btn btn-default shisaku-upload-choose">'
  + 'ファイルを選択<input type="file" name="file" class="shisaku-upload-file" accept="' + escape(uploadForm.accept)
  + '"></label> <span class="shisaku-upload-filename">選択されていません</span>'
  + '<label>取り込む年度 <input type="number" class="form-control" name="fiscalYear" min="'
  + escape(uploadForm.firstFiscalYear) + '" max="' + escape(uploadForm.lastFiscalYear) + '" placeholder="例: '
  + escape(uploadForm.currentFiscalYear) + '"> 年度（空欄: ファイルに書かれた年度）</label>'
  + '<button type="submit" class="btn btn-default shisaku-upload-check">内容を確認</button></form>'
  + '<div class="shisaku-upload-preview" aria-live="polite"></div>'
  + '<div class="shisaku-upload-result" aria-live="polite"></div></section>';

const mount = node => {
  addStyle();
  node.innerHTML = pageHtml();
  const form = node.querySelector('form');
  const previewNode = node.querySelector('.shisaku-upload-preview');
  const resultNode = node.querySelector('.shisaku-upload-result');
  let gone = false;
  let attempt = 0;

  const reset = () => {
    attempt++;
    previewNode.innerHTML = '';
    resultNode.innerHTML = '';
  };

  /** Imports exactly the bytes previewed, with their hash; the page says what happened, or why not. */
  const apply = (previewed, bytes, params, type) => {
    const go = previewNode.querySelector('.shisaku-upload-go');
    const yes = previewNode.querySelector('.shisaku-upload-confirm-yes');
    const no = previewNode.querySelector('.shisaku-upload-confirm-no');
    const confirmBox = previewNode.querySelector('.shisaku-upload-confirm');
    go.addEventListener('click', () => {
      confirmBox.hidden = false;
      go.disabled = true;
      yes.focus();
    });
    no.addEventListener('click', () => {
      confirmBox.hidden = true;
      go.disabled = false;
    });
    yes.addEventListener('click', () => {
      const mine = attempt;
      confirmBox.hidden = true;
      form.querySelectorAll('input, button').forEach(i => { i.disabled = true; });
      go.disabled = true;
      go.textContent = '取り込んでいます…';
      node.querySelector('.shisaku-upload').setAttribute('aria-busy', 'true');
      post('/api/plans', Object.assign({previewed: previewed.contentHash, basis: previewed.basis}, params), bytes,
        type)
        .then(result => {
          if (gone || mine !== attempt) {
            return;
          }
          previewNode.innerHTML = '';
          resultNode.innerHTML = '<div class="alert alert-success shisaku-upload-done" role="status"><strong>'
            + '取り込みが終わりました</strong><br>' + escape(result.summaryText)
            + '<br><a class="shisaku-upload-schedule" href="#/dashboard">' + escape(result.fiscalYear)
            + '年度の進捗（スケジュール）を見る</a></div>';
          resultNode.querySelector('a').addEventListener('click', () => chooseFiscalYear(result.fiscalYear));
        })
        .catch(error => {
          if (!gone && mine === attempt) {
            previewNode.innerHTML = '';
            resultNode.innerHTML = errorsHtml(error);
          }
        })
        .finally(() => {
          if (!gone) {
            node.querySelector('.shisaku-upload').removeAttribute('aria-busy');
            form.querySelectorAll('input, button').forEach(i => { i.disabled = false; });
          }
        });
    });
  };

  form.addEventListener('change', () => {
    const file = form.file.files[0];
    form.querySelector('.shisaku-upload-filename').textContent = file ? file.name : '選択されていません';
    reset();
  });
  form.addEventListener('submit', event => {
    event.preventDefault();
    const file = form.file.files[0];
    reset();
    if (!file) {
      previewNode.innerHTML = '<div class="alert alert-warning" role="alert">計画ファイルを選んでください</div>';
      return;
    }
    const mine = attempt;
    const params = {source: file.name};
    if (form.fiscalYear.value) {
      params.fiscalYear = form.fiscalYear.value;
    }
    const type = mediaType(file.name);
    previewNode.innerHTML = '<p class="shisaku-upload-checking">確認しています…</p>';
    file.arrayBuffer()
      .then(bytes => post('/api/plans/preview', params, bytes, type).then(preview => ({preview, bytes})))
      .then(({preview, bytes}) => {
        if (gone || mine !== attempt) {
          return;
        }
        previewNode.innerHTML = previewHtml(preview);
        if (preview.status !== 'UNCHANGED') {
          apply(preview, bytes, params, type);
        }
      })
      .catch(error => {
        if (!gone && mine === attempt) {
          previewNode.innerHTML = errorsHtml(error);
        }
      });
  });
  return () => {
    gone = true;
  };
};

export default uploadForm ? [
  plugin({
    id: 'shisaku.planUpload.navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 5,
    properties: {label: '計画の取込み', pagePath: '#' + PATH},
    checkActive: path => (path || '').split('?')[0].endsWith('#' + PATH),
    mount: node => {
      node.innerHTML = '<a href="#' + PATH + '" class="shisaku-upload-link">計画の取込み</a>';
    }
  }),
  plugin({
    id: 'shisaku.planUpload.page',
    pluginPoint: 'cockpit.route',
    properties: {path: PATH, label: '計画の取込み'},
    mount
  })
] : [];
