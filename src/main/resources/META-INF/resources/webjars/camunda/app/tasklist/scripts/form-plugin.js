// Shisaku Flow: Camunda Forms (form-js) in Tasklist, in Japanese and strict about dates; what happens after 完了.
// See docs/frontend.md (Camunda Forms in Japanese) and docs/staff.md.
//
// Why this is done here, the way it is: Tasklist 7.24 builds the form-js viewer itself
// (ui/tasklist/.../cam-tasklist-form-camunda.js: `new Form({container})`, form-js 1.8.7 bundled in lib/deps.js)
// and passes no modules, translations or locale. form-js 1.8 has no translation service: its validation
// messages ('Field is required.') and widget texts ('Select', 'Search') are English literals, and its date
// picker (flatpickr) runs with flatpickr's English default locale. So:
// - the form-js texts are translated where they are drawn: a MutationObserver on each form maps every English
//   message pattern to Japanese, keeping its numbers (TEXTS, ATTRIBUTES below);
// - each date picker gets flatpickr's Japanese locale through its own API (input._flatpickr.set);
// - Tasklist's form directive (camTasklistForm, AngularJS) is decorated through the module Camunda creates
//   for custom scripts ('cam.tasklist.custom'; window.angular is Tasklist's own): the completion handler is
//   wrapped, so an impossible date or a form-js validation error is refused before anything is sent, with
//   「入力内容を確認してください」 above the 保存/完了 buttons (not Camunda's floating toast, which covered them
//   and sounded like a server failure), and a completed form says what comes next (GET /api/tasks/next).
// Labels and the next step's words come from the form and the server; nothing here re-spells them.

import {appFetch} from '../../shisaku/scripts/plugin-kit.js';

// ---------------------------------------------------------------------------------------------------------------
// form-js texts in Japanese

const number = text => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text).toLocaleString('ja-JP') : text);

/** form-js 1.8.7's English texts (its Validator and widgets), each with its Japanese; numbers are kept. */
const TEXTS = [
  [/^Field is required\.$/, () => '必須項目です。'],
  [/^Field must have minimum value of (.+)\.$/, (m, n) => number(n) + ' 以上の値を入力してください。'],
  [/^Field must have maximum value of (.+)\.$/, (m, n) => number(n) + ' 以下の値を入力してください。'],
  [/^Field must have minimum length of (\d+)\.$/, (m, n) => n + ' 文字以上で入力してください。'],
  [/^Field must have maximum length of (\d+)\.$/, (m, n) => n + ' 文字以内で入力してください。'],
  [/^Value is expected to be an integer\.$/, () => '整数で入力してください。'],
  [/^Value is expected to have at most (\d+) decimal digits?\.$/, (m, n) => '小数点以下は ' + n + ' 桁までで入力してください。'],
  [/^Value is not a number\.$/, () => '数値を入力してください。'],
  [/^Please select a valid value, the two nearest valid values are (.+) and (.+)\.$/,
    (m, a, b) => '有効な値を入力してください（近い値: ' + number(a) + ' または ' + number(b) + '）。'],
  [/^Field must match pattern (.+)\.$/, (m, p) => '入力の形式が正しくありません（形式: ' + p + '）。'],
  [/^Field must be a valid email\.$/, () => 'メールアドレスの形式で入力してください。'],
  [/^Field must be a valid\s+international phone number\..*$/, () => '電話番号を国際形式で入力してください（例: +81441234567）。'],
  [/^Date and time must both be entered\.$/, () => '日付と時刻の両方を入力してください。'],
  [/^Select$/, () => '選択してください'],
  [/^Search$/, () => '検索'],
  [/^No results$/, () => '該当するものはありません'],
  [/^All values selected$/, () => 'すべて選択済みです'],
  [/^Nothing to show\.$/, () => '表示するものはありません。'],
  [/^Date$/, () => '日付'],
  [/^Time$/, () => '時刻']
];

/** The same for the tooltips, placeholders and labels of form-js controls. */
const ATTRIBUTES = ['placeholder', 'title', 'aria-label'];
const ATTRIBUTE_TEXTS = {
  'Search': '検索',
  'Select': '選択してください',
  'Remove tag': '削除',
  'Clear content': '内容を消去',
  'Increment': '増やす',
  'Decrement': '減らす',
  'Previous page': '前のページ',
  'Next page': '次のページ',
  'Delete item': '項目を削除',
  'Create new list item': '項目を追加',
  'Toggle list item': '項目を開閉'
};

const japanese = text => {
  const trimmed = text.trim();
  for (const [pattern, replace] of TEXTS) {
    const match = pattern.exec(trimmed);
    if (match) {
      return text.replace(trimmed, replace(...match));
    }
  }
  return null;
};

/** flatpickr's Japanese locale (its l10n/ja), and day labels read as 2026年12月2日. */
const FLATPICKR_JA = {
  weekdays: {
    shorthand: ['日', '月', '火', '水', '木', '金', '土'],
    longhand: ['日曜日', '月曜日', '火曜日', '水曜日', '木曜日', '金曜日', '土曜日']
  },
  months: {
    shorthand: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
    longhand: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月']
  },
  daysInMonth: [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31],
  firstDayOfWeek: 0,
  ordinal: () => '',
  rangeSeparator: ' から ',
  weekAbbreviation: '週',
  scrollTitle: 'スクロールして増減',
  toggleTitle: 'クリックして切替',
  amPM: ['午前', '午後'],
  yearAriaLabel: '年',
  monthAriaLabel: '月',
  hourAriaLabel: '時',
  minuteAriaLabel: '分',
  time_24hr: true
};
const localized = new WeakSet();
const DATE_FORMAT = 'Y/m/d';
const DATE_PLACEHOLDER = '年/月/日（例: 2026/04/01）';

const translate = container => {
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.data.trim() && japanese(node.data);
    if (text && text !== node.data) {
      node.data = text;
    }
  }
  container.querySelectorAll(ATTRIBUTES.map(a => '[' + a + ']').join(',')).forEach(element => {
    ATTRIBUTES.forEach(attribute => {
      const value = element.getAttribute(attribute);
      const text = value && (ATTRIBUTE_TEXTS[value] || japanese(value));
      if (text && text !== value) {
        element.setAttribute(attribute, text);
      }
    });
  });
  container.querySelectorAll('input').forEach(input => {
    const picker = input._flatpickr;
    if (picker && !localized.has(picker)) {
      localized.add(picker);
      // form-js takes the order from the browser's default locale (Intl 'default'), which may not be Japanese:
      // dates are written the Japanese way, year/month/day, whatever that is.
      picker.set({locale: FLATPICKR_JA, ariaDateFormat: 'Y年n月j日', dateFormat: DATE_FORMAT});
    }
    if (picker && input.getAttribute('placeholder') !== DATE_PLACEHOLDER) {
      input.setAttribute('placeholder', DATE_PLACEHOLDER);
    }
  });
};

// ---------------------------------------------------------------------------------------------------------------
// Strict dates: flatpickr turns 2026/13/45 into 2027/2/14 without a word; here such a date is refused.

const invalidTyped = new WeakMap(); // date input -> the impossible date typed into it

const escapeRegExp = text => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether text is a real date in a flatpickr format of Y/y, m/n, d/j and separators; other formats pass. */
const isRealDate = (text, format) => {
  const order = [];
  let pattern = '';
  for (const token of format) {
    if ('Yy'.includes(token)) {
      order.push('year');
      pattern += token === 'Y' ? '(\\d{4})' : '(\\d{2})';
    } else if ('mn'.includes(token)) {
      order.push('month');
      pattern += '(\\d{1,2})';
    } else if ('dj'.includes(token)) {
      order.push('day');
      pattern += '(\\d{1,2})';
    } else if (/[A-Za-z]/.test(token)) {
      return true; // a format this check does not know: left to the picker
    } else {
      pattern += escapeRegExp(token);
    }
  }
  const match = new RegExp('^' + pattern + '$').exec(text);
  if (!match) {
    return false;
  }
  const part = {};
  order.forEach((name, i) => { part[name] = Number(match[i + 1]); });
  if (format.includes('y') && !format.includes('Y')) {
    part.year += 2000;
  }
  const date = new Date(part.year, part.month - 1, part.day);
  return part.month >= 1 && part.month <= 12 && date.getFullYear() === part.year
    && date.getMonth() === part.month - 1 && date.getDate() === part.day;
};

const pickerOf = target => target instanceof HTMLInputElement && target._flatpickr
  && target.closest('.fjs-container') ? target._flatpickr : null;

const fieldOf = input => input.closest('.fjs-form-field') || input.parentElement;

/** A field's label as the form shows it, without the required mark. */
const labelOf = field => {
  const label = field && field.querySelector('label');
  return label ? label.textContent.replace(/\*/g, '').trim() : '';
};

const showDateError = (input, typed) => {
  const field = fieldOf(input);
  let error = field.querySelector('.shisaku-date-error');
  if (!typed) {
    if (error) {
      error.remove();
    }
    field.classList.remove('shisaku-date-invalid');
    input.removeAttribute('aria-invalid');
    return;
  }
  if (!error) {
    error = document.createElement('div');
    error.className = 'fjs-form-field-error shisaku-date-error';
    error.setAttribute('role', 'alert');
    field.appendChild(error);
  }
  error.textContent = '「' + typed + '」という日付はありません。年/月/日で、実在する日付を入力してください（例: 2026/04/01）。';
  field.classList.add('shisaku-date-invalid');
  input.setAttribute('aria-invalid', 'true');
};

/** Reads what was typed into a date input: an impossible date is remembered and shown, a real one forgotten. */
const checkTyped = input => {
  const picker = pickerOf(input);
  if (!picker) {
    return;
  }
  const typed = input.value.trim();
  if (typed && !isRealDate(typed, picker.config.dateFormat)) {
    invalidTyped.set(input, typed);
    showDateError(input, typed);
  } else {
    invalidTyped.delete(input);
    showDateError(input, null);
  }
};

// Capture phase, before flatpickr's own listeners on the input: an impossible date is not handed to flatpickr
// (which would roll it over) on blur or Enter; it stays as typed, with the message under it.
document.addEventListener('input', e => checkTyped(e.target), true);
['blur', 'keydown'].forEach(type => document.addEventListener(type, e => {
  if (type === 'keydown' && e.key !== 'Enter') {
    return;
  }
  const picker = pickerOf(e.target);
  if (picker && invalidTyped.has(e.target)) {
    e.stopPropagation();
    // closed without reading the input: an open calendar would otherwise read it when focus lands elsewhere
    picker.close();
    if (type === 'keydown') {
      e.preventDefault();
    }
    showDateError(e.target, invalidTyped.get(e.target));
  }
}, true));
// A day picked in the calendar replaces what was typed; a click anywhere else closes the calendar of an
// impossible date before flatpickr's own document listener would read (and roll over) its input.
document.addEventListener('mousedown', e => {
  const target = e.target instanceof Element ? e.target : null;
  const day = target && target.closest('.flatpickr-day');
  const field = day && day.closest('.fjs-form-field');
  const input = field && Array.from(field.querySelectorAll('input')).find(i => i._flatpickr);
  if (input) {
    invalidTyped.delete(input);
    showDateError(input, null);
    return;
  }
  document.querySelectorAll('.fjs-container input').forEach(dateInput => {
    const picker = dateInput._flatpickr;
    if (picker && picker.isOpen && invalidTyped.has(dateInput) && target !== dateInput
        && !(target && picker.calendarContainer && picker.calendarContainer.contains(target))) {
      picker.close();
    }
  });
}, true);

/** The date inputs of a form holding an impossible date, typed now or before flatpickr rewrote it. */
const invalidDates = element => Array.from(element.querySelectorAll('.fjs-container input'))
  .filter(input => input._flatpickr)
  .map(input => {
    if (!invalidTyped.has(input)) {
      checkTyped(input); // what was typed is known from its input events; this only catches text set otherwise
    }
    const typed = invalidTyped.get(input);
    if (typed && input.value.trim() !== typed) {
      input.value = typed; // show the person what they typed, not flatpickr's rewrite of it
    }
    return typed ? input : null;
  })
  .filter(Boolean);

// ---------------------------------------------------------------------------------------------------------------
// 入力内容を確認してください: above the buttons, in the form's own flow, so it never covers them.

const CHECK_CLASS = 'shisaku-form-check';

/** The labels of the fields that show an error (form-js's or the date check's), in form order. */
const fieldsInError = element => {
  const labels = Array.from(element.querySelectorAll('.fjs-form-field'))
    .filter(field => Array.from(field.querySelectorAll(':scope .fjs-form-field-error'))
      .some(error => error.textContent.trim() && error.closest('.fjs-form-field') === field))
    .map(labelOf)
    .filter(Boolean);
  return Array.from(new Set(labels));
};

const clearCheck = element => {
  element.querySelectorAll('.' + CHECK_CLASS).forEach(node => node.remove());
};

/** Writes the alert above the buttons: a bold title and what is wrong; unchanged text is not rewritten. */
const showAlert = (element, title, detail) => {
  const actions = element.querySelector('.form-actions');
  if (!actions) {
    return false;
  }
  let check = element.querySelector('.' + CHECK_CLASS);
  if (!check) {
    check = document.createElement('div');
    check.className = 'alert alert-danger ' + CHECK_CLASS;
    check.setAttribute('role', 'alert');
    actions.parentNode.insertBefore(check, actions);
  }
  if (check.dataset.title === title && check.dataset.detail === detail) {
    return true; // unchanged: not announced again
  }
  check.dataset.title = title;
  check.dataset.detail = detail;
  check.textContent = '';
  const strong = document.createElement('strong');
  strong.textContent = title;
  check.appendChild(strong);
  check.appendChild(document.createTextNode(detail));
  return true;
};

const showCheck = element => {
  const fields = fieldsInError(element);
  showAlert(element, '入力内容を確認してください', fields.length ? '：' + fields.map(f => '「' + f + '」').join('')
    + 'に誤りがあります。各項目の下の説明に従って直してから、もう一度「完了」を押してください。' : '');
};

/** Shown after form-js has drawn the errors of the failed submit (it draws on its next render). */
const showCheckSoon = element => {
  showCheck(element);
  requestAnimationFrame(() => setTimeout(() => showCheck(element), 0));
};

const formsWithCheck = new Set();

/** Whether a failed completion is form-js's validation (its errors by field id), not a server's answer. */
const isValidationErrors = err => err && typeof err === 'object' && !(err instanceof Error) && !err.message
  && Object.keys(err).length > 0 && Object.values(err).every(Array.isArray);

/**
 * Errors Tasklist's own handler acts on (the task is gone or suspended: it closes the task), left to it; its
 * patterns, from cam-tasklist-task.js.
 */
const handledByTasklist = err => /task is null|No matching task|is suspended/.test((err && err.message) || '');

/** An error Tasklist's own handler recognises as an intentionally prevented submission, and shows nothing for. */
const prevented = () => new Error('submission prevented: 入力内容を確認してください');

// ---------------------------------------------------------------------------------------------------------------
// Observing forms: Japanese texts, the date pickers' locale, and the check that goes once nothing is in error.

let scheduled = null;
const pending = new Set();
const observer = new MutationObserver(records => {
  records.forEach(record => {
    const node = record.target.nodeType === Node.ELEMENT_NODE ? record.target : record.target.parentElement;
    const container = node && node.closest('.fjs-container');
    if (container) {
      pending.add(container);
    }
  });
  if (pending.size && !scheduled) {
    scheduled = Promise.resolve().then(() => {
      scheduled = null;
      const containers = Array.from(pending);
      pending.clear();
      containers.forEach(container => container.isConnected && translate(container));
      formsWithCheck.forEach(element => {
        if (!element.isConnected) {
          formsWithCheck.delete(element);
        } else if (element.querySelector('.' + CHECK_CLASS)) {
          // the check follows the form: it names the fields still in error, and goes with the last of them
          if (fieldsInError(element).length) {
            showCheck(element);
          } else {
            clearCheck(element);
          }
        }
      });
    });
  }
});
observer.observe(document.documentElement, {childList: true, subtree: true, characterData: true,
  attributes: true, attributeFilter: ATTRIBUTES});

// ---------------------------------------------------------------------------------------------------------------
// After 完了: what comes next, from the server.

const announceNext = (Notifications, processInstanceId) => {
  if (!processInstanceId) {
    return;
  }
  appFetch('/api/tasks/next?processInstanceId=' + encodeURIComponent(processInstanceId))
    .then(response => (response.ok ? response.json() : null))
    .then(next => {
      if (next && next.text) {
        Notifications.addMessage({type: 'success', status: '完了しました', message: next.text, duration: 30000,
          shisakuNextStep: true});
      }
    })
    .catch(() => undefined); // the task is completed; only the confirmation's details are missing
};

const style = document.createElement('style');
style.textContent = `
  .${CHECK_CLASS} { margin: 12px 0; }
  /* an impossible date: its own message, not form-js's (which judges the value before the typing) */
  .shisaku-date-invalid .fjs-form-field-error:not(.shisaku-date-error) { display: none; }
  .shisaku-date-invalid .fjs-input-group { border-color: var(--color-borders-error, #b90000); }
  /* the date picker's header as in Japanese: 2026年 12月 */
  .fjs-container .flatpickr-current-month { display: flex; justify-content: center; align-items: center; gap: 4px; }
  .fjs-container .flatpickr-current-month .numInputWrapper { order: -1; width: auto; display: inline-flex;
    align-items: center; white-space: nowrap; }
  .fjs-container .flatpickr-current-month input.cur-year { width: 5ch; }
  .fjs-container .flatpickr-current-month .numInputWrapper::after { content: '年'; }
`;
document.head.appendChild(style);

// ---------------------------------------------------------------------------------------------------------------
// Tasklist's form directive, decorated.

const decorateFormController = (api, $scope, element, Notifications, $translate) => {
  formsWithCheck.add(element);
  // A new form: the confirmation of the last one has been read, and must not lie over this one's buttons.
  Notifications.clear({shisakuNextStep: true});
  const register = api.registerCompletionHandler;
  api.registerCompletionHandler = handler => register.call(api, !handler ? handler : callback => {
    const dates = invalidDates(element);
    if (dates.length) {
      showCheck(element);
      // shown, not focused: focus would open its calendar over the message
      dates.forEach(input => input._flatpickr.close());
      dates[0].scrollIntoView({block: 'center'});
      callback(prevented());
      return;
    }
    handler((err, result) => {
      if (isValidationErrors(err)) {
        showCheckSoon(element);
        callback(prevented());
        $scope.$applyAsync();
        return;
      }
      if (err && err.message && !handledByTasklist(err) && !/submission prevented/.test(err.message)) {
        // The server refused it (its message is Japanese): said above the buttons too, not in a toast over them.
        if (showAlert(element, '送信できませんでした', '：' + err.message)) {
          callback(prevented());
          $scope.$applyAsync();
          return;
        }
      }
      if (!err) {
        clearCheck(element);
        // A toast of an earlier failed attempt is no longer true.
        Notifications.clear({status: $translate.instant('COMPLETE_ERROR')});
        Notifications.clear({shisakuNextStep: true});
        const params = api.getParams();
        announceNext(Notifications, params.processInstanceId
          || (!params.taskId && result && result.id ? result.id : null));
      }
      callback(err, result);
    });
  });
};

const angular = window.angular;
if (angular) {
  angular.module('cam.tasklist.custom').decorator('camTasklistFormDirective', ['$delegate', 'Notifications',
    '$translate', ($delegate, Notifications, $translate) => {
      const directive = $delegate[0];
      const original = directive.controller;
      const dependencies = original.slice(0, -1);
      const controller = original[original.length - 1];
      directive.controller = dependencies.concat(['$element', function decorated(...args) {
        const $element = args.pop();
        controller.apply(this, args);
        decorateFormController(this, args[dependencies.indexOf('$scope')], $element[0], Notifications, $translate);
      }]);
      return $delegate;
    }]);
}

export default [];
