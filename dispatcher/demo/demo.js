// juez course-site demo: a student signs in with a token, picks a problem, submits, and follows the
// verdict live. Plain JavaScript, no build step, no libraries: it runs as is from /demo/ on the dispatcher,
// or copied to a course site (then fill in the juez server URL, or set DEFAULT_API_BASE, and list the
// site's origin in the dispatcher's JUEZ_CORS_ORIGINS).

/** The juez server: '' is the site the page came from (the dispatcher's /demo/). */
const DEFAULT_API_BASE = '';
/** Reconnects of a broken event stream before giving up. */
const MAX_RECONNECTS = 5;

const VERDICT_NAMES = {
  AC: 'Accepted',
  WA: 'Wrong answer',
  TLE: 'Time limit exceeded',
  MLE: 'Memory limit exceeded',
  OLE: 'Output limit exceeded',
  RE: 'Run-time error',
  CE: 'Compilation error',
  IE: 'Internal error (not your fault: the course staff will look at it)',
};

/**
 * Everything the page knows. The token lives here only: not in localStorage (any script of the site could
 * read it later), not in the URL (logs, history).
 */
const state = {
  apiBase: DEFAULT_API_BASE,
  token: '',
  languages: [],
  problem: undefined,
  /** Code typed per problem, so switching problems loses nothing. */
  drafts: new Map(),
  /** Aborts the event stream of the submission being followed. */
  following: undefined,
  /** Test rows of the current result, by index (0-based). */
  rows: [],
};

const $ = (id) => document.getElementById(id);

/** A refused API call: `message` is juez's own explanation, written for people. */
class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// --- API ------------------------------------------------------------------------------------------

function authHeaders(extra = {}) {
  return { Authorization: `Bearer ${state.token}`, ...extra };
}

async function api(path, { method = 'GET', json } = {}) {
  let response;
  try {
    response = await fetch(state.apiBase + path, {
      method,
      headers: authHeaders(json === undefined ? {} : { 'Content-Type': 'application/json' }),
      body: json === undefined ? undefined : JSON.stringify(json),
      cache: 'no-store',
    });
  } catch {
    throw unreachable();
  }
  return readAnswer(response);
}

async function readAnswer(response) {
  const body = await response.json().catch(() => undefined);
  if (!response.ok) {
    throw new ApiError(response.status, body?.error?.code ?? 'http_error', body?.error?.message ?? `juez answered HTTP ${response.status}.`);
  }
  return body;
}

function unreachable() {
  const where = state.apiBase || location.origin;
  return new ApiError(0, 'unreachable', `Cannot reach juez at ${where}: it is down, or it does not allow this site (JUEZ_CORS_ORIGINS).`);
}

/**
 * Server-Sent Events read with fetch(), so that the token travels in the Authorization header like on every
 * other call. EventSource cannot send headers, and the ways around that weaken the token: in the query
 * string it ends up in access logs, proxy logs and the browser history; in a cookie it would need CSRF
 * defences. fetch() streams the response body as it arrives, which is all SSE needs, and the dispatcher
 * needs no special route. What EventSource would add, reconnecting, is done by follow().
 * Resolves when the server ends the stream; `onEvent(type, data)` is called for each event.
 */
async function readEventStream(url, signal, onEvent) {
  let response;
  try {
    response = await fetch(url, { headers: authHeaders({ Accept: 'text/event-stream' }), cache: 'no-store', signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw unreachable();
  }
  if (!response.ok) await readAnswer(response); // throws the API's error
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer = (buffer + value).replace(/\r\n?/g, '\n');
    // An event ends with a blank line; a partial one waits in the buffer for the next chunk.
    for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue; // a heartbeat comment
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const text = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') type = text;
        else if (field === 'data') data.push(text);
      }
      if (data.length > 0) onEvent(type, JSON.parse(data.join('\n')));
    }
  }
}

// --- Sign in --------------------------------------------------------------------------------------

/** The token's claims, for showing who is signed in (juez verifies the token; this only reads it). */
function tokenClaims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part.padEnd(Math.ceil(part.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return {};
  }
}

async function signIn(event) {
  event.preventDefault();
  hide($('sign-in-error'));
  state.token = $('token').value.trim().replace(/^Bearer\s+/i, '');
  state.apiBase = ($('api-base').value.trim() || DEFAULT_API_BASE).replace(/\/+$/, '');
  $('sign-in').disabled = true;
  try {
    // Listing the problems is the check: juez answers 401 with the reason for a bad or expired token.
    const [problems, languages] = await Promise.all([api('/api/v1/problems'), api('/api/v1/languages')]);
    state.languages = languages.items;
    $('token').value = '';
    const claims = tokenClaims(state.token);
    $('who-name').textContent = claims.sub ?? 'signed in';
    $('who-role').textContent = claims.role ?? '';
    renderLanguages();
    renderProblemList(problems.items);
    hide($('sign-in-view'));
    show($('who'));
    show($('workspace'));
  } catch (error) {
    state.token = '';
    showError($('sign-in-error'), error);
  } finally {
    $('sign-in').disabled = false;
  }
}

function signOut() {
  state.following?.abort();
  Object.assign(state, { token: '', problem: undefined, following: undefined, rows: [] });
  state.drafts.clear();
  $('problem').replaceChildren(el('p', { className: 'placeholder' }, 'Pick a problem on the left.'));
  for (const id of ['workspace', 'who', 'submit-form', 'result']) hide($(id));
  show($('sign-in-view'));
}

// --- Problems -------------------------------------------------------------------------------------

function renderProblemList(problems) {
  const list = $('problem-list');
  if (problems.length === 0) {
    list.replaceChildren(el('li', { className: 'hint' }, 'No problems in your courses yet.'));
    return;
  }
  list.replaceChildren(
    ...problems.map((problem) => {
      const button = el('button', { type: 'button', className: 'problem-link' }, el('span', {}, problem.name), el('code', {}, problem.id));
      button.dataset.problemId = problem.id;
      button.addEventListener('click', () => openProblem(problem.id));
      return el('li', {}, button);
    }),
  );
}

async function openProblem(problemId) {
  if (state.problem !== undefined) state.drafts.set(state.problem.id, $('code').value);
  for (const button of document.querySelectorAll('.problem-link')) {
    button.classList.toggle('selected', button.dataset.problemId === problemId);
  }
  try {
    state.problem = await api(`/api/v1/problems/${encodeURIComponent(problemId)}`);
  } catch (error) {
    $('problem').replaceChildren(errorParagraph(error));
    return;
  }
  renderProblem(state.problem);
  renderLanguages();
  $('code').value = state.drafts.get(problemId) ?? '';
  updateFileName();
  hide($('submit-error'));
  show($('submit-form'));
}

function renderProblem(problem) {
  const limits = el(
    'p',
    { className: 'limits' },
    el('span', { className: 'pill' }, `time ${formatSeconds(problem.limits.timeMs)}`),
    el('span', { className: 'pill' }, `memory ${problem.limits.memoryMb} MB`),
    el('span', { className: 'pill' }, problem.type === 'scoring' ? 'scored' : 'pass / fail'),
  );
  const statement = problem.statement === undefined
    ? [el('p', { className: 'hint' }, 'This problem has no statement.')]
    : problem.statement.format === 'markdown'
      ? renderMarkdown(problem.statement.text)
      : [el('pre', { className: 'statement-text' }, problem.statement.text)];
  const samples = problem.samples.map((sample, index) =>
    el(
      'div',
      { className: 'sample' },
      el('h3', {}, `Sample ${index + 1}`),
      el(
        'div',
        { className: 'sample-io' },
        el('div', {}, el('span', { className: 'label' }, 'Input'), el('pre', {}, sample.input === '' ? '(no input)' : sample.input)),
        el('div', {}, el('span', { className: 'label' }, 'Output'), el('pre', {}, sample.answer)),
      ),
    ),
  );
  $('problem').replaceChildren(el('h1', {}, problem.name), limits, el('div', { className: 'statement' }, ...statement), ...samples);
}

/**
 * A small, safe Markdown subset: headings, paragraphs, fenced code, lists and `inline code`. Everything is
 * put in the page as text nodes, never as HTML, so a statement cannot inject markup or scripts.
 */
function renderMarkdown(text) {
  const blocks = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let paragraph = [];
  let list;
  const flush = () => {
    if (paragraph.length > 0) blocks.push(el('p', {}, ...inlineCode(paragraph.join(' '))));
    paragraph = [];
    list = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('```')) {
      flush();
      const code = [];
      for (i++; i < lines.length && !lines[i].startsWith('```'); i++) code.push(lines[i]);
      blocks.push(el('pre', {}, code.join('\n')));
    } else if (/^#{1,6}\s/.test(line)) {
      flush();
      const level = Math.min(line.indexOf(' ') + 1, 4); // statement headings sit below the problem's h1
      blocks.push(el(`h${level}`, {}, ...inlineCode(line.replace(/^#+\s*/, ''))));
    } else if (/^\s*[-*]\s/.test(line)) {
      if (paragraph.length > 0) flush();
      if (list === undefined) {
        list = el('ul');
        blocks.push(list);
      }
      list.append(el('li', {}, ...inlineCode(line.replace(/^\s*[-*]\s/, ''))));
    } else if (line.trim() === '') {
      flush();
    } else {
      list = undefined;
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}

function inlineCode(text) {
  return text.split(/(`[^`]+`)/).filter((part) => part !== '').map((part) =>
    part.startsWith('`') && part.endsWith('`') ? el('code', {}, part.slice(1, -1)) : document.createTextNode(part),
  );
}

// --- Submitting -----------------------------------------------------------------------------------

function renderLanguages() {
  const select = $('language');
  const previous = select.value;
  // Languages no live executor serves, and those the open problem's problem.yaml does not allow (its
  // `languages`), are listed but cannot be chosen (the API would answer 409 or 422).
  const allowed = state.problem?.languages;
  const refusal = (language) =>
    language.available === false ? 'not available' : allowed !== undefined && !allowed.includes(language.id) ? 'not allowed here' : undefined;
  select.replaceChildren(
    ...state.languages.map((language) =>
      el(
        'option',
        { value: language.id, disabled: refusal(language) !== undefined },
        refusal(language) === undefined ? `${language.name} ${language.version ?? ''}`.trim() : `${language.name} (${refusal(language)})`,
      ),
    ),
  );
  const usable = state.languages.filter((language) => refusal(language) === undefined).map((language) => language.id);
  const chosen = [previous, 'python', usable[0]].find((id) => usable.includes(id));
  if (chosen !== undefined) select.value = chosen;
  else if (state.languages.some((language) => language.id === 'python')) select.value = 'python';
  updateFileName();
}

function selectedLanguage() {
  return state.languages.find((language) => language.id === $('language').value);
}

/** The file name juez receives: languages are recognised by extension; Java needs the public class's name. */
function fileNameFor(language, code) {
  const extension = language?.extensions[0] ?? '';
  if (extension === '.java') {
    const match = /public\s+(?:final\s+)?class\s+([A-Za-z_$][\w$]*)/.exec(code);
    return `${match === null ? 'Main' : match[1]}.java`;
  }
  return `main${extension}`;
}

function updateFileName() {
  $('file-name').textContent = fileNameFor(selectedLanguage(), $('code').value);
}

async function submit(event) {
  event.preventDefault();
  hide($('submit-error'));
  const code = $('code').value;
  if (code.trim() === '') {
    showError($('submit-error'), new Error('Paste your program first.'));
    return;
  }
  const language = selectedLanguage();
  $('submit').disabled = true;
  try {
    const submission = await api('/api/v1/submissions', {
      method: 'POST',
      json: { problemId: state.problem.id, languageId: language.id, files: [{ name: fileNameFor(language, code), content: code }] },
    });
    startResult(submission);
    void follow(submission.id);
  } catch (error) {
    showError($('submit-error'), error);
  } finally {
    $('submit').disabled = false;
  }
}

/** Follows a submission's events until its final verdict, reconnecting when the stream breaks. */
async function follow(submissionId) {
  state.following?.abort();
  const controller = new AbortController();
  state.following = controller;
  const url = `${state.apiBase}/api/v1/submissions/${encodeURIComponent(submissionId)}/events`;
  let final = false;
  for (let reconnects = 0; !final && !controller.signal.aborted; ) {
    try {
      await readEventStream(url, controller.signal, (type, data) => {
        if (controller.signal.aborted) return;
        reconnects = 0;
        final = handleEvent(type, data) || final;
      });
    } catch (error) {
      if (controller.signal.aborted) return;
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
        note('error', error.message);
        return;
      }
    }
    if (final || controller.signal.aborted) return;
    reconnects += 1;
    if (reconnects > MAX_RECONNECTS) {
      note('error', 'Lost the connection to juez. Reload the page later to see the result.');
      return;
    }
    note('reconnect', `Connection lost; reconnecting (${reconnects}/${MAX_RECONNECTS})…`);
    await new Promise((resolve) => setTimeout(resolve, 1000 * reconnects));
  }
}

/** Shows one event; true when it is the last one (the verdict, or a cancellation). */
function handleEvent(type, data) {
  switch (type) {
    case 'state': // the submission as it is now: first on every (re)connect
      note('state', `Submission ${describeStatus(data.status)}.`);
      if (data.progress !== undefined) showProgress(data.progress.done, data.progress.total);
      return showSubmission(data);
    case 'status':
      note('status', `${capitalize(describeStatus(data.status))}.`);
      setVerdict(data.status);
      return false;
    case 'progress':
      note('progress', `Test ${data.done} of ${data.total} judged.`);
      setVerdict('judging');
      showProgress(data.done, data.total, data.tests ?? []);
      return false;
    case 'final':
      return showSubmission(data);
    default:
      return false;
  }
}

function describeStatus(status) {
  return { queued: 'queued, waiting for a judge', judging: 'being judged', done: 'judged', cancelled: 'cancelled' }[status] ?? status;
}

// --- Result ---------------------------------------------------------------------------------------

function startResult(submission) {
  state.rows = [];
  $('tests').tBodies[0].replaceChildren();
  $('timeline').replaceChildren();
  $('submission-id').textContent = submission.id;
  $('verdict-detail').textContent = '';
  $('progress').textContent = '';
  $('progress-bar').style.width = '0';
  hide($('compile-output'));
  setVerdict(submission.status);
  show($('result'));
  note('submitted', `Submitted ${fileNameFor(selectedLanguage(), $('code').value)}.`);
}

/** Returns true when the submission is final (and shows its result). */
function showSubmission(submission) {
  if (submission.status === 'cancelled') {
    setVerdict('cancelled');
    note('final', 'Cancelled.');
    return true;
  }
  if (submission.status !== 'done' || submission.result === undefined) {
    setVerdict(submission.status);
    return false;
  }
  const result = submission.result;
  result.tests.forEach((test, index) => fillRow(ensureRow(index), test));
  // A pass-fail problem stops at the first failed test: the rows announced by progress past it never ran.
  const judged = result.tests.length;
  const total = Math.max(judged, state.rows.length);
  for (const row of state.rows.slice(judged)) {
    row.dataset.state = 'skipped';
    row.cells[2].replaceChildren(el('span', { className: 'hint' }, 'not run'));
  }
  $('progress').textContent = judged === total ? `${total} / ${total} tests judged` : `${judged} / ${total} tests judged, ${total - judged} not run`;
  $('progress-bar').style.width = '100%';
  setVerdict(result.verdict);
  const parts = [VERDICT_NAMES[result.verdict] ?? result.verdict];
  if (result.maxScore > 1) parts.push(`score ${result.score} / ${result.maxScore}`);
  parts.push(`${formatMs(result.cpuMs)} CPU in all`, `${formatMemory(result.maxMemoryKb)} at most`);
  $('verdict-detail').textContent = parts.join(' · ');
  if (result.compileOutput) {
    $('compile-output').textContent = result.compileOutput;
    show($('compile-output'));
  }
  note('final', `Verdict: ${result.verdict} (${VERDICT_NAMES[result.verdict] ?? result.verdict}).`);
  return true;
}

/** k of n tests judged: rows appear for all n, the first k marked judged, finished tests with their verdicts. */
function showProgress(done, total, finished = []) {
  $('progress').textContent = `${done} / ${total} tests judged`;
  $('progress-bar').style.width = `${total === 0 ? 100 : Math.round((100 * done) / total)}%`;
  for (let index = 0; index < total; index++) {
    const row = ensureRow(index);
    if (row.dataset.state === 'final') continue;
    const judged = index < done;
    row.dataset.state = judged ? 'judged' : index === done ? 'running' : 'waiting';
    row.cells[2].replaceChildren(
      judged ? el('span', { className: 'judged' }, '✓ judged') : index === done ? el('span', { className: 'spinner' }, 'running') : el('span', { className: 'hint' }, 'waiting'),
    );
  }
  for (const test of finished) fillRow(ensureRow(test.index), test);
}

function ensureRow(index) {
  while (state.rows.length <= index) {
    const row = el('tr', {}, el('td', {}, String(state.rows.length + 1)), el('td', {}, el('span', { className: 'hint' }, `test ${state.rows.length + 1}`)), el('td'), el('td', { className: 'num' }), el('td', { className: 'num' }));
    row.dataset.state = 'waiting';
    state.rows.push(row);
    $('tests').tBodies[0].append(row);
  }
  return state.rows[index];
}

function fillRow(row, test) {
  row.dataset.state = 'final';
  row.dataset.verdict = test.verdict;
  const name = test.name ?? `${test.group} (hidden)`;
  row.cells[1].replaceChildren(document.createTextNode(name));
  if (test.message) row.cells[1].append(el('div', { className: 'hint' }, test.message));
  row.cells[2].replaceChildren(verdictBadge(test.verdict));
  row.cells[3].textContent = formatMs(test.cpuMs);
  row.cells[4].textContent = formatMemory(test.memoryKb);
  // Sample tests come with their data: show what differed, on a row of its own (hidden tests carry none).
  if (row.nextElementSibling?.classList.contains('comparison')) row.nextElementSibling.remove();
  if (test.verdict === 'WA' && test.output !== undefined && test.expected !== undefined) {
    const cell = el(
      'td',
      { colSpan: 5 },
      el('div', {}, el('span', { className: 'label' }, 'Expected'), el('pre', {}, test.expected)),
      el('div', {}, el('span', { className: 'label' }, 'Your output'), el('pre', {}, test.output === '' ? '(nothing)' : test.output)),
    );
    row.after(el('tr', { className: 'comparison' }, cell));
  }
}

function setVerdict(verdictOrStatus) {
  const badge = $('verdict');
  const final = VERDICT_NAMES[verdictOrStatus] !== undefined;
  badge.textContent = final ? verdictOrStatus : { queued: 'Queued', judging: 'Judging…', cancelled: 'Cancelled' }[verdictOrStatus] ?? verdictOrStatus;
  badge.className = `verdict ${final ? `v-${verdictOrStatus}` : `s-${verdictOrStatus}`}`;
  badge.title = VERDICT_NAMES[verdictOrStatus] ?? '';
  badge.dataset.status = verdictOrStatus;
}

function verdictBadge(verdict) {
  return el('span', { className: `verdict small v-${verdict}`, title: VERDICT_NAMES[verdict] ?? verdict }, verdict);
}

/** One line of the live event log. */
function note(kind, text) {
  const now = new Date();
  const time = `${now.toLocaleTimeString([], { hour12: false })}.${String(now.getMilliseconds()).padStart(3, '0')}`;
  const item = el('li', {}, el('time', {}, time), document.createTextNode(text));
  item.dataset.event = kind;
  $('timeline').append(item);
}

// --- Little helpers -------------------------------------------------------------------------------

function el(tag, properties = {}, ...children) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

function show(node) {
  node.hidden = false;
}

function hide(node) {
  node.hidden = true;
}

function showError(node, error) {
  node.textContent = error.message;
  show(node);
}

function errorParagraph(error) {
  return el('p', { className: 'error' }, error.message);
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function formatSeconds(ms) {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function formatMs(ms) {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

function formatMemory(kb) {
  return kb >= 1024 ? `${(kb / 1024).toFixed(1)} MB` : `${kb} kB`;
}

/** Tab indents in the code box instead of leaving it. */
function indentOnTab(event) {
  if (event.key !== 'Tab' || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
  event.preventDefault();
  const box = event.target;
  box.setRangeText('    ', box.selectionStart, box.selectionEnd, 'end');
  updateFileName();
}

$('sign-in-form').addEventListener('submit', signIn);
$('sign-out').addEventListener('click', signOut);
$('submit-form').addEventListener('submit', submit);
$('language').addEventListener('change', updateFileName);
$('code').addEventListener('input', updateFileName);
$('code').addEventListener('keydown', indentOnTab);
$('api-base').value = DEFAULT_API_BASE;
