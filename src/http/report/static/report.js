// Report page script: draws the charts from the page's JSON data, browses cases through
// results.json and follows live progress over server-sent events, redrawing the charts and
// swapping in the ranking and significance tables from charts.json while the run goes.
// One thing from the server is parsed as HTML: charts.json's `tables`, rendered by the same
// server function as the page's tables, with every value (model names included) escaped by the
// server's `html` template (src/http/report/html.ts); the CSP runs no inline script or handler
// should anything slip through. Everything else is put in the page with textContent.
(() => {
  const dataElement = document.getElementById('report-data');
  if (!dataElement) return;
  const data = JSON.parse(dataElement.textContent || '{}');
  const base = `/r/${encodeURIComponent(data.shareId)}`;

  const fontFamily = '"DejaVu Sans", "Helvetica Neue", Arial, sans-serif';
  // Same as the PNG renderer (point-labels.js): scatter points carry their model's name.
  const pointLabels = window.bhCharts.pointLabelsPlugin(fontFamily);

  const chartsElement = document.getElementById('charts');
  const drawn = new Map();
  const sized = (options) => Object.assign({}, options, { responsive: true, maintainAspectRatio: false });

  // Draws each chart, or redraws it in place from new data; a chart new to the page (the tag
  // chart, once the first tagged results arrive) gets its canvas after the one before it.
  function showCharts(charts, answers) {
    if (!window.Chart || !chartsElement) return;
    let previous = null;
    for (const { id, title, config } of charts) {
      let canvas = document.getElementById(`chart-${id}`);
      const chart = drawn.get(id);
      if (chart) {
        chart.data = config.data;
        chart.options = sized(config.options);
        chart.update('none');
      } else {
        if (!canvas) {
          const figure = element('figure', 'chart');
          canvas = element('canvas');
          canvas.id = `chart-${id}`;
          canvas.dataset.chart = id;
          canvas.setAttribute('role', 'img');
          canvas.setAttribute('aria-label', title);
          figure.append(canvas);
          if (previous) previous.after(figure);
          else chartsElement.prepend(figure);
        }
        const options = sized(config.options);
        drawn.set(
          id,
          new window.Chart(canvas, { type: config.type, data: config.data, options, plugins: [pointLabels] }),
        );
      }
      previous = canvas.parentElement;
    }
    chartsElement.dataset.answers = String(answers);
    document.body.dataset.chartsDrawn = 'true';
  }

  // The ranking and significance sections, as the server rendered them for these answers.
  const tablesElement = document.getElementById('summary-tables');
  function showTables(fragment, answers) {
    if (!tablesElement || typeof fragment !== 'string') return;
    tablesElement.innerHTML = fragment;
    tablesElement.dataset.answers = String(answers);
  }

  // While the run goes: the charts and tables of the results so far. The server shares one
  // summary per run among its readers for a few seconds; when it counts fewer answers than the
  // last progress event did, the page asks again (still no more often than any refresh).
  let latestDone = 0;
  async function refreshSummary() {
    let result;
    try {
      const response = await fetch(`${base}/charts.json`, { headers: { accept: 'application/json' } });
      if (response.status === 429) return 1000 * (Number(response.headers.get('retry-after')) || 5);
      if (!response.ok) return 0;
      result = await response.json();
    } catch {
      return 0; // The next progress event tries again.
    }
    showTables(result.tables, result.answers);
    showCharts(result.charts, result.answers);
    if (!result.terminal && result.answers < latestDone) refreshSummarySoon();
    return 0;
  }

  // Case browser.
  const form = document.getElementById('filters');
  const casesElement = document.getElementById('cases');
  const summaryElement = document.getElementById('cases-summary');
  const pageInfo = document.getElementById('page-info');
  const prev = document.getElementById('prev');
  const next = document.getElementById('next');
  let page = 1;
  let pages = 1;
  let loading = 0;

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function renderCase(item) {
    const card = element('article', 'case');
    const head = element('header', 'case-head');
    head.append(element('h3', 'case-id', item.caseId));
    for (const tag of item.tags) head.append(element('span', 'tag', tag));
    card.append(head);
    const io = element('div', 'case-io');
    const input = element('div', 'io');
    input.append(element('h4', '', 'Input'), element('pre', 'text', item.input || '—'));
    const expected = element('div', 'io');
    expected.append(element('h4', '', 'Expected'), element('pre', 'text', item.expected || '—'));
    io.append(input, expected);
    card.append(io);
    const answers = element('div', 'answers');
    for (const result of item.results) {
      const answer = element('div', `answer ${result.pass ? 'pass' : 'fail'}`);
      const title = element('h4', 'model');
      title.textContent = `${result.model}${result.sample > 0 ? ` (sample ${result.sample + 1})` : ''}`;
      title.title = result.model;
      answer.append(title);
      const verdict = `${result.pass ? '✓ passed' : '✗ failed'} · score ${result.score.toFixed(2)} · ${Math.round(result.latencyMs)} ms${result.cached ? ' · cached' : ''}`;
      answer.append(element('p', 'verdict', verdict));
      if (result.error) answer.append(element('p', 'error', result.error));
      const output = result.outputPurged ? '(output removed by retention)' : result.output;
      answer.append(
        element('pre', 'text output', output + (result.outputTruncated ? '\n…(truncated; see the downloads)' : '')),
      );
      if (result.reasons.length > 0) {
        const list = element('ul', 'reasons');
        for (const reason of result.reasons) list.append(element('li', '', reason));
        answer.append(list);
      }
      answers.append(answer);
    }
    card.append(answers);
    return card;
  }

  async function loadCases() {
    if (!form || !casesElement) return;
    const ticket = ++loading;
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form).entries()) if (value) params.set(key, String(value));
    params.set('page', String(page));
    let result;
    try {
      const response = await fetch(`${base}/results.json?${params}`, { headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      result = await response.json();
    } catch (error) {
      if (ticket === loading) summaryElement.textContent = `Could not load cases (${error.message}); try again.`;
      return;
    }
    if (ticket !== loading) return;
    page = result.page;
    pages = result.pages;
    casesElement.replaceChildren(...result.cases.map(renderCase));
    summaryElement.textContent = `${result.total} matching case${result.total === 1 ? '' : 's'}`;
    pageInfo.textContent = `page ${result.page} of ${result.pages}`;
    prev.disabled = page <= 1;
    next.disabled = page >= pages;
    casesElement.dataset.loaded = String(ticket);
  }

  form?.addEventListener('submit', (event) => {
    event.preventDefault();
    page = 1;
    void loadCases();
  });
  for (const select of form ? form.querySelectorAll('select') : []) {
    select.addEventListener('change', () => {
      page = 1;
      void loadCases();
    });
  }
  prev?.addEventListener('click', () => {
    if (page > 1) {
      page -= 1;
      void loadCases();
    }
  });
  next?.addEventListener('click', () => {
    if (page < pages) {
      page += 1;
      void loadCases();
    }
  });

  // Runs `task` `ms` after it is asked for, then once more if asked again meanwhile; never two at a
  // time, so however fast progress events come, each task runs at most once per `ms`. The task
  // may ask for a longer pause (a rate limit's Retry-After).
  function throttled(task, ms) {
    let busy = false;
    let again = false;
    function done() {
      busy = false;
      if (again) request();
    }
    function request() {
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      setTimeout(async () => {
        again = false;
        let pause = 0;
        try {
          pause = (await task()) || 0;
        } finally {
          setTimeout(done, pause);
        }
      }, ms);
    }
    return request;
  }

  const refreshSummarySoon = throttled(refreshSummary, 3000);

  // Live progress.
  function follow() {
    if (data.terminal || !window.EventSource) return;
    const progress = document.getElementById('progress');
    const progressText = document.getElementById('progress-text');
    const status = document.getElementById('status');
    const source = new EventSource(`${base}/events`);
    // New results arrive in batches; the cases every two seconds, charts and tables every three.
    const refreshCases = throttled(loadCases, 2000);
    source.onmessage = (message) => {
      const event = JSON.parse(message.data);
      progress.max = Math.max(event.total, 1);
      progress.value = event.done;
      progressText.textContent = `${event.done} / ${event.total} answers`;
      status.textContent = event.status;
      status.className = `status-${event.status}`;
      if (['completed', 'failed', 'cancelled', 'expired'].includes(event.status)) {
        // The final report: stored statistics, ranking and charts as the run left them.
        source.close();
        window.location.reload();
        return;
      }
      refreshCases();
      latestDone = event.done;
      if (event.done !== Number(chartsElement?.dataset.answers)) refreshSummarySoon();
    };
  }

  if (window.Chart) {
    window.Chart.defaults.font.family = fontFamily;
    window.Chart.defaults.animation = false;
  }
  showCharts(data.charts, data.answers);
  void loadCases();
  follow();
})();
