// Shisaku Flow: カレンダー連携 in Tasklist's header. Each user issues (and re-issues, or revokes) the secret
// URL of their own calendar feed (the app's /api/calendar/token), for Outlook or a phone to subscribe to.
// The URL is shown once, when issued; only its hash is kept.

import {appFetch, escape, plugin} from '../../shisaku/scripts/plugin-kit.js';

const API = '/api/calendar/token';

const call = (method, expected) => appFetch(API, {method}).then(response => {
  if (response.status !== expected) {
    return response.text().then(body => {
      let message = '';
      try {
        message = JSON.parse(body).detail || '';
      } catch (e) {
        message = '';
      }
      throw new Error('カレンダー連携の操作に失敗しました (' + response.status + ')' + (message ? ': ' + message : ''));
    });
  }
  return response.status === 204 ? null : response.json();
});

const STYLE = `
.shisaku-calendar-backdrop { position: fixed; inset: 0; background: rgba(0,0,0,.4); z-index: 2000; }
.shisaku-calendar-dialog { position: fixed; top: 80px; left: 50%; transform: translateX(-50%); width: 640px;
  max-width: calc(100% - 32px); background: #fff; border-radius: 4px; box-shadow: 0 4px 24px rgba(0,0,0,.3);
  z-index: 2001; padding: 20px 24px; color: #333; text-align: left; }
.shisaku-calendar-dialog h3 { margin-top: 0; }
.shisaku-calendar-dialog .shisaku-calendar-url { width: 100%; font-family: monospace; }
.shisaku-calendar-dialog .shisaku-calendar-actions { margin-top: 16px; text-align: right; }
.shisaku-calendar-dialog .shisaku-calendar-actions .btn { margin-left: 8px; }
`;

/** Opens the dialog; returns what closes it. */
const openDialog = () => {
  if (!document.getElementById('shisaku-calendar-style')) {
    const style = document.createElement('style');
    style.id = 'shisaku-calendar-style';
    style.textContent = STYLE;
    document.head.appendChild(style);
  }
  const backdrop = document.createElement('div');
  backdrop.className = 'shisaku-calendar-backdrop';
  const dialog = document.createElement('div');
  dialog.className = 'shisaku-calendar-dialog';
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-modal', 'true');
  dialog.setAttribute('aria-labelledby', 'shisaku-calendar-title');
  document.body.appendChild(backdrop);
  document.body.appendChild(dialog);
  const close = () => {
    dialog.remove();
    backdrop.remove();
    document.removeEventListener('keydown', onKey);
  };
  const onKey = event => event.key === 'Escape' && close();
  document.addEventListener('keydown', onKey);
  backdrop.addEventListener('click', close);

  const draw = (status, url, error) => {
    dialog.innerHTML = '<h3 id="shisaku-calendar-title">カレンダー連携</h3>'
      + '<p>あなたが担当できるタスクの期限と、担当グループの日程（▲）を、Outlook やスマートフォンのカレンダーに'
      + '表示できます。下のURLをカレンダーアプリの「URLで購読」（Outlook: 「予定表を追加」→「インターネットから」）に'
      + '登録してください。ログインは要りません。タスクの期限には、前の営業日の始業時に届くリマインダーが付きます'
      + '（表示するかどうかはカレンダーアプリの設定によります）。</p>'
      + (error ? '<div class="alert alert-danger shisaku-calendar-error">' + escape(error) + '</div>' : '')
      + (url
        ? '<div class="alert alert-success"><p><strong>URLを発行しました。</strong>この画面を閉じると二度と表示されません。'
          + '今コピーしてください。</p>'
          + '<input class="form-control shisaku-calendar-url" readonly value="' + escape(url) + '">'
          + '<p class="help-block">URLを知っている人は誰でもあなたのカレンダーを見られます。他の人に教えないでください。</p></div>'
        : '')
      + '<p class="shisaku-calendar-status">' + (status && status.exists
        ? '発行済みのURLがあります（' + escape(status.issuedAtText) + ' 発行）。再発行すると、以前のURLは使えなくなります。'
        : 'URLはまだ発行されていません。') + '</p>'
      + '<div class="shisaku-calendar-actions">'
      + (url ? '<button type="button" class="btn btn-default shisaku-calendar-copy">コピー</button>' : '')
      + (status && status.exists
        ? '<button type="button" class="btn btn-default shisaku-calendar-revoke">無効にする</button>'
          + '<button type="button" class="btn btn-primary shisaku-calendar-issue">再発行</button>'
        : '<button type="button" class="btn btn-primary shisaku-calendar-issue">URLを発行</button>')
      + '<button type="button" class="btn btn-default shisaku-calendar-close">閉じる</button></div>';
    dialog.querySelector('.shisaku-calendar-close').addEventListener('click', close);
    const field = dialog.querySelector('.shisaku-calendar-url');
    if (field) {
      field.focus();
      field.select();
    }
    const copy = dialog.querySelector('.shisaku-calendar-copy');
    if (copy) {
      copy.addEventListener('click', () => {
        field.select();
        const done = () => (copy.textContent = 'コピーしました');
        if (navigator.clipboard) {
          navigator.clipboard.writeText(url).then(done, () => document.execCommand('copy') && done());
        } else if (document.execCommand('copy')) {
          done();
        }
      });
    }
    dialog.querySelector('.shisaku-calendar-issue').addEventListener('click', () => {
      if (status && status.exists
          && !window.confirm('新しいURLを発行します。今のURLで購読しているカレンダーは更新されなくなります。よろしいですか？')) {
        return;
      }
      call('POST', 201).then(issued => draw(issued, issued.url), e => draw(status, null, e.message));
    });
    const revoke = dialog.querySelector('.shisaku-calendar-revoke');
    if (revoke) {
      revoke.addEventListener('click', () => {
        if (!window.confirm('URLを無効にします。このURLで購読しているカレンダーは更新されなくなります。よろしいですか？')) {
          return;
        }
        call('DELETE', 204).then(() => draw({exists: false}, null), e => draw(status, null, e.message));
      });
    }
  };

  dialog.innerHTML = '<p>読み込み中…</p>';
  call('GET', 200).then(status => draw(status, null), e => draw(null, null, e.message));
  return close;
};

export default [
  plugin({
    id: 'shisaku.calendar.feed',
    pluginPoint: 'tasklist.navbar.action',
    priority: 5,
    mount: node => {
      let close = () => undefined;
      node.innerHTML = '<a href class="shisaku-calendar-open" role="button" title="カレンダーアプリで購読するURL'
        + ' (calendar feed)"><span class="glyphicon glyphicon-calendar"></span> カレンダー連携</a>';
      node.querySelector('a').addEventListener('click', event => {
        event.preventDefault();
        close();
        close = openDialog();
      });
      return () => close();
    }
  })
];
