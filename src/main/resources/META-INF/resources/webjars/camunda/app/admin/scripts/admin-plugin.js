// Shisaku Flow in Admin: the engine's own terms that Admin shows as they are, never through its locale files
// (permission names such as TASK_WORK in 認可, ALL and NONE, group types such as WORKFLOW, the permission
// menu's "Select all"), shown with their Japanese labels. Only the text on the screen changes: Admin keeps
// sending the engine's names, so what is saved is what Camunda would save.

const PERMISSIONS = {
  NONE: 'なし',
  ALL: 'すべて',
  READ: '閲覧',
  UPDATE: '更新',
  CREATE: '作成',
  DELETE: '削除',
  ACCESS: '利用',
  SET: '設定',
  SUSPEND: '一時停止',
  READ_TASK: 'タスクの閲覧',
  UPDATE_TASK: 'タスクの更新',
  TASK_WORK: 'タスクの作業',
  TASK_ASSIGN: 'タスクの担当者変更',
  CREATE_INSTANCE: 'インスタンスの開始',
  READ_INSTANCE: 'インスタンスの閲覧',
  UPDATE_INSTANCE: 'インスタンスの更新',
  DELETE_INSTANCE: 'インスタンスの削除',
  SUSPEND_INSTANCE: 'インスタンスの一時停止',
  MIGRATE_INSTANCE: 'インスタンスの移行',
  RETRY_JOB: 'ジョブの再実行',
  READ_HISTORY: '履歴の閲覧',
  DELETE_HISTORY: '履歴の削除',
  UPDATE_HISTORY: '履歴の更新',
  READ_VARIABLE: '変数の閲覧',
  UPDATE_VARIABLE: '変数の更新',
  READ_TASK_VARIABLE: 'タスク変数の閲覧',
  UPDATE_TASK_VARIABLE: 'タスク変数の更新',
  READ_INSTANCE_VARIABLE: 'インスタンス変数の閲覧',
  UPDATE_INSTANCE_VARIABLE: 'インスタンス変数の更新',
  READ_HISTORY_VARIABLE: '履歴の変数の閲覧',
  CREATE_BATCH_MIGRATE_PROCESS_INSTANCES: 'バッチ作成（インスタンスの移行）',
  CREATE_BATCH_MODIFY_PROCESS_INSTANCES: 'バッチ作成（インスタンスの変更）',
  CREATE_BATCH_RESTART_PROCESS_INSTANCES: 'バッチ作成（インスタンスの再開始）',
  CREATE_BATCH_DELETE_RUNNING_PROCESS_INSTANCES: 'バッチ作成（実行中のインスタンスの削除）',
  CREATE_BATCH_DELETE_FINISHED_PROCESS_INSTANCES: 'バッチ作成（終了したインスタンスの削除）',
  CREATE_BATCH_DELETE_DECISION_INSTANCES: 'バッチ作成（決定の記録の削除）',
  CREATE_BATCH_SET_JOB_RETRIES: 'バッチ作成（ジョブの再試行回数）',
  CREATE_BATCH_SET_EXTERNAL_TASK_RETRIES: 'バッチ作成（外部タスクの再試行回数）',
  CREATE_BATCH_UPDATE_PROCESS_INSTANCES_SUSPEND: 'バッチ作成（インスタンスの一時停止・再開）',
  CREATE_BATCH_SET_REMOVAL_TIME: 'バッチ作成（削除予定日時の設定）',
  CREATE_BATCH_SET_VARIABLES: 'バッチ作成（変数の設定）',
  CREATE_BATCH_CORRELATE_MESSAGE: 'バッチ作成（メッセージの送信）'
};

// The engine's group types (ACT_ID_GROUP.TYPE_).
const GROUP_TYPES = {
  WORKFLOW: '業務',
  SYSTEM: 'システム'
};

// English written into Admin's templates rather than its locale file.
const PHRASES = {
  'Select all': 'すべて選択',
  'Unselect all': 'すべて解除'
};

const TERMS = Object.assign({}, PERMISSIONS, GROUP_TYPES);
const TERM_LIST = /^[A-Z][A-Z_]*(?:, ?[A-Z][A-Z_]*)*$/;

/** The Japanese for a text that is wholly engine terms (one, or a list as Admin writes permissions), else null. */
export function japaneseOf(text) {
  const trimmed = text.trim();
  if (PHRASES[trimmed]) {
    return text.replace(trimmed, PHRASES[trimmed]);
  }
  if (!TERM_LIST.test(trimmed)) {
    return null;
  }
  const terms = trimmed.split(/, ?/);
  if (!terms.every(term => TERMS[term])) {
    return null;
  }
  return text.replace(trimmed, terms.map(term => TERMS[term]).join('、'));
}

const translateText = node => {
  if (node.parentElement && node.parentElement.closest('input, textarea, script, style')) {
    return;
  }
  const japanese = japaneseOf(node.nodeValue);
  if (japanese !== null && japanese !== node.nodeValue) {
    node.nodeValue = japanese;
  }
};

const translateTree = root => {
  if (root.nodeType === Node.TEXT_NODE) {
    translateText(root);
    return;
  }
  if (root.nodeType !== Node.ELEMENT_NODE) {
    return;
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    translateText(node);
  }
};

new MutationObserver(mutations => {
  for (const mutation of mutations) {
    if (mutation.type === 'characterData') {
      translateText(mutation.target);
    } else {
      mutation.addedNodes.forEach(translateTree);
    }
  }
}).observe(document.documentElement, {childList: true, subtree: true, characterData: true});
translateTree(document.body);

export default [];
